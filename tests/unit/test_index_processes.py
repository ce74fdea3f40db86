"""Two processes refreshing one index at once (two app instances starting together)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from briefing_tui.core.index import LibraryIndex

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTICLES = 150

REFRESHER = """
import sys
from pathlib import Path
from briefing_tui.core.index import LibraryIndex
index_path, folder, rounds = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
for round in range(rounds):
    index = LibraryIndex(index_path)
    index.refresh([folder])
    count = len(index.listing([folder]).library.articles)
    index.search("kat", [folder])
    index.close()
    for file in sorted(folder.glob("*.txt"))[round::7]:  # touch some files: re-read next round
        file.write_text(file.read_text() + "\\n\\nNog een kat.\\n")
print(count)
"""


def test_two_processes_refreshing_at_once_leave_a_consistent_index(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    folder.mkdir()
    for number in range(ARTICLES):
        paragraphs = "\n\n".join(f"Alinea {p} over de kat nummer {number}." for p in range(8))
        (folder / f"{number:04d}.txt").write_text(
            f"date 2025-03-{number % 28 + 1:02d} {paragraphs}"
        )
    index_path = tmp_path / "cache" / "index.sqlite3"

    processes = [
        subprocess.Popen(
            [sys.executable, "-c", REFRESHER, str(index_path), str(folder), "4"],
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]

    for process, (stdout, stderr) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, stderr
        assert stdout.strip() == str(ARTICLES)
    index = LibraryIndex(index_path)
    index.refresh([folder])
    connection = index.connection
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.execute("INSERT INTO paragraph_search (paragraph_search) VALUES ('integrity-check')")
    assert len(index.listing([folder]).library.articles) == ARTICLES
    files = connection.execute("SELECT count(*) FROM files").fetchone()[0]
    assert files == ARTICLES
    per_file = connection.execute(
        "SELECT count(DISTINCT file), count(*) - count(DISTINCT file || '/' || block)"
        " FROM paragraphs"
    ).fetchone()
    assert per_file == (ARTICLES, 0)  # every file's paragraphs once, none duplicated
    # Every paragraph of every file is searchable exactly once.
    found = index.search("alinea", [folder], limit=10_000).hits
    assert len(found) == ARTICLES * 8
    index.close()
