"""Files and folders only the user can read: the one place that makes them so.

Everything the app writes can hold a user's notes, tags or reading state: the notes and
the reading state, config.toml, the search index in the cache (a copy of every note and
tag), and the lock and temporary files beside them. Here each file is made 0600 and each
folder 0700, whatever the umask, the parent folders the app creates included. One found
wider (by an earlier version, by hand, by a restored backup) is tightened; one that is not
the user's to change is left as it is, silently: its owner can read it anyway.
"""

from __future__ import annotations

import contextlib
import errno
import fnmatch
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
OTHERS = 0o077
"""Group and other permission bits: what is taken away."""


def make_private_directory(directory: Path) -> None:
    """Create `directory` and each missing parent (all 0700), or tighten the one there.

    Parents that exist are not touched (`~/.cache` is the user's); a folder the user made
    read-only stays read-only.

    Raises:
        OSError: It cannot be created (a file in the way, a read-only parent).
    """
    missing: list[Path] = []
    folder = directory
    while not os.path.lexists(folder) and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):  # another session was quicker
            os.mkdir(folder, DIR_MODE)
            os.chmod(folder, DIR_MODE)  # exactly 0700, whatever the umask took away
    if not directory.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(directory))
    tighten(directory)


def open_private(path: Path, flags: int) -> int:
    """`os.open` creating the file 0600 if needed, and tightening one found wider.

    Raises:
        OSError: As `os.open`.
    """
    descriptor = os.open(path, flags | os.O_CREAT, FILE_MODE)
    with contextlib.suppress(OSError):
        mode = stat.S_IMODE(os.fstat(descriptor).st_mode)
        if mode & OTHERS:
            os.fchmod(descriptor, mode & ~OTHERS)
    return descriptor


def make_private_file(path: Path) -> None:
    """An empty 0600 file where there is none, or the one there tightened.

    For files another library creates (SQLite): made first, they keep this mode, and
    SQLite gives its -wal, -shm and -journal files the mode of the database file.

    Raises:
        OSError: It cannot be created.
    """
    os.close(open_private(path, os.O_RDONLY))


def tighten(path: Path) -> bool:
    """Take group and other access away from a file or folder, if it has any.

    Returns:
        False if it has and could not be changed (someone else's, a read-only file
        system); True otherwise, also when there is nothing there.
    """
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    if not mode & OTHERS:
        return True
    try:
        os.chmod(path, mode & ~OTHERS)
    except OSError:
        return False
    return True


def tighten_matching(directory: Path, patterns: Iterable[str]) -> bool:
    """Tighten `directory` and the entries in it whose names match `patterns` (fnmatch).

    Only names the app writes: a config folder pointed at a folder of the user's own
    must not have everything in it changed. Symbolic links are left alone (what they
    point at is not the app's), and nothing below the entries is visited.

    Returns:
        False if something could not be tightened (see `tighten`).
    """
    if not os.path.isdir(directory):  # also False when it cannot be looked at
        return True
    done = tighten(directory)
    wanted = re.compile("|".join(fnmatch.translate(pattern) for pattern in patterns))
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return False
    for entry in entries:
        if not wanted.match(entry.name):
            continue
        try:
            status = entry.stat(follow_symlinks=False)
        except OSError:
            done = False
            continue
        if stat.S_ISLNK(status.st_mode) or not status.st_mode & OTHERS:
            continue
        done = tighten(Path(entry.path)) and done
    return done
