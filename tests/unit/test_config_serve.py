"""`briefing serve` options: loopback by default, a warning otherwise, the token, the
command per tab. (The server itself, as a process: test_serve_access.py.)"""

from __future__ import annotations

import shlex
import socket
import sys
from pathlib import Path
from typing import ClassVar

import pytest

from briefing_tui.private_server import token_matches
from briefing_tui.serve import (
    DEFAULT_HOST,
    DEFAULT_PORT,
    TOKEN_VARIABLE,
    ServeError,
    app_command,
    choose_token,
    is_loopback,
    run_serve,
)


class FakeServer:
    """Stands in for PrivateServer: records what it was given, serves nothing."""

    made: ClassVar[list[FakeServer]] = []

    def __init__(self, command: str, *, token: str, listening: socket.socket, **_: object):
        self.command = command
        self.token = token
        self.port = int(listening.getsockname()[1])
        FakeServer.made.append(self)

    def serve(self) -> None:
        pass


@pytest.fixture
def bound(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Where run_serve asked to listen (a free port is bound instead), with a fake server."""
    asked: list[tuple[str, int]] = []

    def bind_port(host: str, port: int) -> socket.socket:
        asked.append((host, port))
        return socket.create_server(("127.0.0.1", 0))

    monkeypatch.setattr("briefing_tui.serve.bind_port", bind_port)
    monkeypatch.setattr("briefing_tui.private_server.PrivateServer", FakeServer)
    monkeypatch.delenv(TOKEN_VARIABLE, raising=False)
    FakeServer.made.clear()
    return asked


def test_the_default_address_is_loopback(bound: list[tuple[str, int]]) -> None:
    assert run_serve([]) == 0
    assert bound == [(DEFAULT_HOST, DEFAULT_PORT)] == [("127.0.0.1", 8000)]


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
    assert command[:7] == [
        "env",
        "-u",
        "BRIEFING_ASCII",
        "-u",
        "BRIEFING_SERVE_TOKEN",  # the app has no use for the secret
        "TERM=xterm-256color",
        "COLORTERM=truecolor",
    ]
    assert command[7:10] == [sys.executable, "-m", "briefing_tui"]
    assert command[10:12] == ["--config-dir", str(tmp_path / "cfg")]
    assert Path(command[12]).is_absolute()
    assert command[12].endswith("news")


def test_a_port_out_of_range_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_serve(["--port", "70000"]) == 2
    assert "out of range" in capsys.readouterr().err


def test_a_public_address_is_served_with_a_warning(
    bound: list[tuple[str, int]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_serve(["--host", "0.0.0.0", "--port", "8123"]) == 0
    assert bound == [("0.0.0.0", 8123)]
    assert "SSH tunnel" in capsys.readouterr().err


def test_the_address_printed_holds_the_token(
    bound: list[tuple[str, int]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_serve([]) == 0
    (server,) = FakeServer.made
    assert f"http://127.0.0.1:{server.port}/?token={server.token}" in capsys.readouterr().out


def test_a_new_token_is_random_each_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TOKEN_VARIABLE, raising=False)
    first, second = choose_token(None), choose_token(None)
    assert first != second
    assert len(first) >= 40  # 32 random bytes


def test_the_option_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_VARIABLE, "from-the-environment")
    assert choose_token(None) == "from-the-environment"
    assert choose_token("from-the-command-line") == "from-the-command-line"


def test_a_short_token_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_VARIABLE, "secret")
    with pytest.raises(ServeError, match="at least 16"):
        choose_token(None)


def test_a_token_on_the_command_line_is_warned_about(
    bound: list[tuple[str, int]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_serve(["--token", "a-long-enough-secret"]) == 0
    assert "BRIEFING_SERVE_TOKEN instead of --token" in capsys.readouterr().err


def test_a_unix_socket_is_not_combined_with_a_port(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        run_serve(["--unix-socket", str(tmp_path / "s.sock"), "--port", "8001"])
    assert exit_.value.code == 2
    assert "one or the other" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("supplied", "matches"),
    [("abc-DEF_123-xyz-0", True), ("abc-DEF_123-xyz-1", False), ("", False), ("é" * 4, False)],
)
def test_tokens_are_compared_whole(supplied: str, matches: bool) -> None:
    assert token_matches(supplied, "abc-DEF_123-xyz-0") is matches
