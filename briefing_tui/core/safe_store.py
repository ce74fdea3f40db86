"""Private files in the config dir that must never lose a word: the shared mechanics.

The notes store and the reading state keep the same promises, so they share one way of
keeping them: a directory only the user can read (0700) holding files only the user can
read (0600), lock and temporary files included (core/private.py makes them so); an
exclusive flock per file, held while the file is re-read, merged and rewritten, so two
sessions never overwrite each other; writes to a temporary file that is fsynced and
renamed over the old one, so a crash leaves the old file or the new one; and a file that
does not parse is moved aside under another name, never overwritten.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from briefing_tui.core.private import FILE_MODE, make_private_directory, open_private

try:  # POSIX: the only platforms a terminal reader over SSH runs on.
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class SaveError(Exception):
    """A file could not be saved (read-only or full disk); the message says why."""

    def __init__(self, message: str, errno: int | None = None) -> None:
        super().__init__(message)
        self.errno = errno
        """The system's error number, when there is one (ENOSPC: the disk is full)."""


class DamagedFile(Exception):
    """A file exists but cannot be used as it is; `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def ensure_private_directory(directory: Path) -> None:
    """Create the directory and its missing parents (0700) or take group and other access
    away from it (see core/private.py).

    Raises:
        SaveError: It cannot be created (a file in the way, a read-only parent).
    """
    try:
        make_private_directory(directory)
    except OSError as error:
        raise SaveError(
            f"cannot create {directory}: {error.strerror or error}", error.errno
        ) from None


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise DamagedFile(f"unreadable ({error})") from None


def _checked(data: object) -> dict[str, Any]:
    if not isinstance(data, dict) or not isinstance(data.get("version", 1), int):
        raise DamagedFile("no schema version")
    return data


def read_toml(path: Path) -> dict[str, Any] | None:
    """The parsed file, or None if there is none.

    Raises:
        DamagedFile: Unreadable, not UTF-8, not TOML, or without an integer `version`.
    """
    raw = _read_text(path)
    if raw is None:
        return None
    try:
        return _checked(tomllib.loads(raw))
    except tomllib.TOMLDecodeError as error:
        raise DamagedFile(f"not valid TOML ({error})") from None


def read_json(path: Path) -> dict[str, Any] | None:
    """Like `read_toml`, for a JSON file (an object with an integer `version`)."""
    raw = _read_text(path)
    if raw is None:
        return None
    try:
        return _checked(json.loads(raw))
    except ValueError as error:  # json.JSONDecodeError, and numbers too long to read
        raise DamagedFile(f"not valid JSON ({error})") from None


def set_aside(path: Path, reason: str) -> str:
    """Keep a damaged file under another name, so nothing in it is overwritten.

    Returns:
        The message to show the user: what was wrong and where the copy is.

    Raises:
        SaveError: The file could not be renamed (then nothing may write over it).
    """
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    aside = path.with_name(f"{path.stem}.corrupt-{stamp}{path.suffix}")
    number = 1
    while aside.exists():  # never replace an earlier damaged copy
        aside = path.with_name(f"{path.stem}.corrupt-{stamp}-{number}{path.suffix}")
        number += 1
    try:
        path.rename(aside)
    except OSError as error:
        raise SaveError(
            f"{path} is damaged ({reason}) and could not be moved aside: {error}", error.errno
        ) from None
    return f"{path.name} was damaged ({reason}); kept as {aside}"


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive lock on one file (via `<name>.lock` beside it), between processes too."""
    lock_path = path.with_suffix(".lock")
    try:
        descriptor = open_private(lock_path, os.O_RDWR)
    except OSError as error:
        raise SaveError(f"cannot lock {path}: {error.strerror or error}", error.errno) from None
    try:
        if fcntl is not None:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        if fcntl is not None:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
        os.close(descriptor)


def write_atomically(file: Path, payload: bytes, what: str) -> None:
    """Replace `file` with `payload`: temp file, fsync, rename, fsync of the directory.

    Raises:
        SaveError: "cannot save <what> to <file>: <why>"; the old file is untouched.
    """
    import tempfile  # with shutil, bz2 and lzma: not on the way to the first screen

    directory = file.parent
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{file.stem}.", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, FILE_MODE)
        os.replace(temporary, file)
        temporary = None
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)  # the rename itself survives a crash
        finally:
            os.close(descriptor)
    except OSError as error:
        raise SaveError(
            f"cannot save {what} to {file}: {error.strerror or error}", error.errno
        ) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
