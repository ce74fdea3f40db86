"""`briefing serve` options: loopback by default, a warning otherwise, the command per tab."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

from briefing_tui.serve import DEFAULT_HOST, app_command, is_loopback, run_serve, serve_parser


def test_the_default_host_is_loopback() -> None:
    options = serve_parser().parse_args([])
    assert options.host == DEFAULT_HOST == "127.0.0.1"
    assert options.port == 8000


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.168.1.10", False),
        ("example.org", False),
    ],
)
def test_loopback_addresses_are_recognised(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_each_tab_runs_this_python_with_absolute_paths(tmp_path: Path) -> None:
    command = shlex.split(app_command([Path("news")], tmp_path / "cfg"))
    assert command[:5] == [
        "env",
        "-u",
        "BRIEFING_ASCII",
        "TERM=xterm-256color",
        "COLORTERM=truecolor",
    ]
    assert command[5:8] == [sys.executable, "-m", "briefing_tui"]
    assert command[8:10] == ["--config-dir", str(tmp_path / "cfg")]
    assert Path(command[10]).is_absolute()
    assert command[10].endswith("news")


def test_a_port_out_of_range_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_serve(["--port", "70000"]) == 2
    assert "out of range" in capsys.readouterr().err


def test_a_public_address_is_served_with_a_warning(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    served: list[tuple[str, int]] = []

    class FakeServer:
        def __init__(self, command: str, host: str, port: int, **_: object) -> None:
            served.append((host, port))

        def serve(self) -> None:
            pass

    monkeypatch.setattr("textual_serve.server.Server", FakeServer)
    assert run_serve(["--host", "0.0.0.0", "--port", "8123"]) == 0
    assert served == [("0.0.0.0", 8123)]
    assert "SSH tunnel" in capsys.readouterr().err
