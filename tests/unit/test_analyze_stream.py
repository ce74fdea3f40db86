"""`analyze` written article by article, in one process or several: the same output as
the contract's dictionaries through `json.dump`, whatever the number of processes."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing_tui.analyze_command import ARTICLES_PER_PROCESS, processes_for
from briefing_tui.core.analysis.lexicon import builtin_lexicon
from briefing_tui.core.analysis.report import analysis_json
from briefing_tui.core.articles import read_article
from briefing_tui.core.library import read_articles

RunBriefing = Callable[..., subprocess.CompletedProcess[str]]
WriteFile = Callable[[str, str | bytes], Path]

ARTICLE = (
    "date 2025-04-{day:02d} De Russische president Poetin sprak {day} keer in Moskou. "
    "„Wij gaan door tot het einde”, zei Poetin.\n\n"
    'Koersk\n\n"Er is geen vertrouwen", zei Zelensky tegen de NAVO in Brussel.\n'
)


def many_articles(write_file: WriteFile, count: int) -> Path:
    """`count` articles that differ, in a folder and a subfolder (path order and the
    library's order differ there: "a-b" sorts before "a/b" as text, after it as a path)."""
    for number in range(count):
        folder = "library/a" if number % 3 else "library"
        name = f"a-{number:03d}.txt" if number % 3 == 0 else f"{number:03d}.txt"
        write_file(f"{folder}/{name}", ARTICLE.format(day=1 + number % 28) + "x" * number)
    return write_file("library/kapot.txt", b"\x00binary").parent


def contract_output(folder: Path) -> str:
    """What `analyze --json` wrote before it streamed: the whole dict through json.dump."""
    articles, _ = read_articles([folder], guess_language=False)
    articles.sort(key=lambda article: str(article.path))
    lexicon = builtin_lexicon()
    return json.dumps(analysis_json(articles, lexicon), ensure_ascii=False) + "\n"


def test_streamed_json_is_the_contract_dict_dumped_character_for_character(
    write_file: WriteFile, run_briefing: RunBriefing
) -> None:
    folder = many_articles(write_file, 12)
    result = run_briefing("analyze", "--json", "--jobs", "1", str(folder))
    assert result.returncode == 0, result.stderr
    assert result.stdout == contract_output(folder)


def test_several_processes_write_the_same_output_as_one(
    write_file: WriteFile, run_briefing: RunBriefing
) -> None:
    folder = many_articles(write_file, 2 * ARTICLES_PER_PROCESS + 7)
    one = run_briefing("analyze", "--json", "--jobs", "1", str(folder))
    several = run_briefing("analyze", "--json", "--jobs", "3", str(folder))
    assert one.returncode == several.returncode == 0, several.stderr
    assert several.stdout == one.stdout
    assert several.stderr == one.stderr
    assert len(json.loads(several.stdout)["articles"]) == 2 * ARTICLES_PER_PROCESS + 7


def test_several_processes_write_the_same_summary_as_one(
    write_file: WriteFile, run_briefing: RunBriefing
) -> None:
    folder = many_articles(write_file, 2 * ARTICLES_PER_PROCESS + 1)
    one = run_briefing("analyze", "--jobs", "1", str(folder))
    several = run_briefing("analyze", "--jobs", "2", str(folder))
    assert one.returncode == several.returncode == 0, several.stderr
    assert several.stdout == one.stdout
    assert several.stdout.count("Poetin") >= 2 * ARTICLES_PER_PROCESS


def test_problems_come_in_the_library_order_before_the_output(
    write_file: WriteFile, run_briefing: RunBriefing
) -> None:
    write_file("library/b.txt", b"\xffnot utf-8")
    write_file("library/a/c.txt", "date 2025-13 Tekst van het artikel.\n")
    folder = write_file("library/a-d.txt", b"").parent
    result = run_briefing("analyze", "--json", str(folder))
    assert result.returncode == 0, result.stderr
    assert [line.split(":")[0] for line in result.stderr.splitlines()] == [
        str(folder / "a" / "c.txt"),  # a folder's files in path order, as `check` says them
        str(folder / "a-d.txt"),
        str(folder / "b.txt"),
    ]
    assert [Path(a["path"]).name for a in json.loads(result.stdout)["articles"]] == ["c.txt"]


def test_a_reader_that_goes_away_ends_every_process_quietly(write_file: WriteFile) -> None:
    folder = many_articles(write_file, 2 * ARTICLES_PER_PROCESS)
    command = f"'{sys.executable}' -m briefing_tui analyze --json --jobs 2 '{folder}' | head -c 10"
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.stdout == '{"articles'
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr


def _processes_reading(folder: Path) -> list[int]:
    """Pids of the processes whose command line names `folder` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and str(folder) in (entry / "cmdline").read_text():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def _started_analysis(folder: Path) -> subprocess.Popen[bytes]:
    """`analyze --json --jobs 2` on `folder`, once its output has begun."""
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing_tui", "analyze", "--json", "--jobs", "2", str(folder)],
        cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stdout.read(10) == b'{"articles'
    return process


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs Linux /proc")
def test_ctrl_c_stops_every_process_quietly(write_file: WriteFile) -> None:
    folder = many_articles(write_file, 40 * ARTICLES_PER_PROCESS)
    process = _started_analysis(folder)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=10)
    assert process.returncode == 130
    assert b"Traceback" not in stderr
    time.sleep(0.5)
    assert _processes_reading(folder) == []


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs Linux /proc")
def test_the_processes_end_when_the_main_one_is_killed(write_file: WriteFile) -> None:
    folder = many_articles(write_file, 40 * ARTICLES_PER_PROCESS)
    process = _started_analysis(folder)
    assert len(_processes_reading(folder)) == 3  # the main process and two forked ones
    process.kill()
    process.wait(timeout=10)
    deadline = time.monotonic() + 2
    while _processes_reading(folder) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _processes_reading(folder) == []


def test_jobs_must_be_a_positive_number(run_briefing: RunBriefing, articles_dir: Path) -> None:
    result = run_briefing("analyze", "--jobs", "0", str(articles_dir))
    assert result.returncode == 2
    assert "--jobs" in result.stderr


def test_processes_are_not_started_for_a_few_articles() -> None:
    assert processes_for(ARTICLES_PER_PROCESS, None) == 1
    assert processes_for(3, 8) == 3
    assert processes_for(1000, 1) == 1


def test_the_language_is_not_guessed_for_the_analysis_only(write_file: WriteFile) -> None:
    path = write_file("nl.txt", ARTICLE.format(day=1))
    assert read_article(path).language == "nl"
    assert read_article(path, guess_language=False).language is None
    articles, problems = read_articles([path], guess_language=False)
    assert problems == [] and articles[0].language is None
