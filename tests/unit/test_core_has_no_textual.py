"""The core and the command line import without Textual or Rich (the UI loads lazily)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

# Runs in a fresh interpreter: a meta path finder refuses textual and rich, then every
# module under briefing_tui.core and briefing_tui.cli is imported.
BLOCK_UI_LIBRARIES = textwrap.dedent(
    """
    import importlib
    import importlib.abc
    import pkgutil
    import sys

    BLOCKED = {"textual", "rich"}

    class RefuseUiLibraries(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.partition(".")[0] in BLOCKED:
                raise ImportError(f"{name} is blocked: the core must not need it")
            return None

    sys.meta_path.insert(0, RefuseUiLibraries())
    """
)

IMPORT_CORE_AND_CLI = BLOCK_UI_LIBRARIES + textwrap.dedent(
    """
    import briefing_tui.core

    names = [
        info.name
        for info in pkgutil.walk_packages(briefing_tui.core.__path__, "briefing_tui.core.")
    ] + ["briefing_tui.cli"]
    for name in names:
        importlib.import_module(name)
    leaked = sorted(name for name in sys.modules if name.partition(".")[0] in BLOCKED)
    assert not leaked, leaked
    try:
        import textual  # noqa: F401
    except ImportError:
        pass
    else:
        raise AssertionError("the blocker let textual through")
    print("\\n".join(names))
    """
)

RUN_CHECK_COMMAND = BLOCK_UI_LIBRARIES + textwrap.dedent(
    """
    from briefing_tui.cli import main

    raise SystemExit(main(["check", sys.argv[1]]))
    """
)


def run_python(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_core_and_cli_import_without_textual_or_rich() -> None:
    result = run_python(IMPORT_CORE_AND_CLI)
    assert result.returncode == 0, result.stderr
    imported = result.stdout.split()
    assert "briefing_tui.cli" in imported
    assert {"briefing_tui.core.safety", "briefing_tui.core.library"} <= set(imported)


def test_every_core_module_file_is_imported() -> None:
    result = run_python(IMPORT_CORE_AND_CLI)
    assert result.returncode == 0, result.stderr
    core = REPO_ROOT / "briefing_tui" / "core"
    on_disk = {
        "briefing_tui.core." + ".".join(path.relative_to(core).with_suffix("").parts)
        for path in core.rglob("*.py")
        if path.name != "__init__.py"
    }
    assert on_disk <= set(result.stdout.split())


def test_check_command_runs_without_textual() -> None:
    result = run_python(RUN_CHECK_COMMAND, str(REPO_ROOT / "articles"))
    assert result.returncode == 0, result.stderr
    assert "no problems" in result.stderr
