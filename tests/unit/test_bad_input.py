"""Files in every bad state: a clear ArticleError, a reported problem, never a traceback."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing_tui.core.articles import ArticleError, read_article
from briefing_tui.core.library import Library
from briefing_tui.core.model import MAX_ARTICLE_BYTES, BlockKind

WriteFile = Callable[[str, str | bytes], Path]
RunBriefing = Callable[..., subprocess.CompletedProcess[str]]

GOOD_ARTICLE = " date 2025-03 Poetin sprak in Moskou met de pers. Hij was kort.\n"


def reason_for(path: Path) -> str:
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    assert caught.value.path == path
    return caught.value.reason


def test_empty_file_is_refused(write_file: WriteFile) -> None:
    assert reason_for(write_file("leeg.txt", b"")) == "empty file"


def test_whitespace_only_file_is_refused_as_empty(write_file: WriteFile) -> None:
    assert reason_for(write_file("spaties.txt", b"  \n\t\r\n  \n")) == "empty file"


def test_binary_file_is_refused(write_file: WriteFile) -> None:
    path = write_file("plaatje.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert reason_for(path) == "binary file, not text"


def test_invalid_utf8_names_the_byte_and_its_offset(write_file: WriteFile) -> None:
    path = write_file("latin1.txt", "Oekraïne".encode("latin-1"))
    assert reason_for(path) == "not UTF-8 text: invalid byte 0xef at offset 5"


def test_utf8_with_a_byte_order_mark_is_read(write_file: WriteFile) -> None:
    article = read_article(write_file("bom.txt", b"\xef\xbb\xbf" + GOOD_ARTICLE.encode()))
    assert article.date is not None
    assert article.blocks[0].text.startswith("Poetin")


def test_invalid_utf8_after_a_byte_order_mark_names_the_right_byte(
    write_file: WriteFile,
) -> None:
    path = write_file("bom-latin1.txt", b"\xef\xbb\xbfGoed\xffslecht")
    assert reason_for(path) == "not UTF-8 text: invalid byte 0xff at offset 7"


def test_file_over_five_megabytes_is_refused(write_file: WriteFile) -> None:
    path = write_file("groot.txt", b"")
    with path.open("r+b") as handle:  # sparse: no 5 MB actually written
        handle.truncate(MAX_ARTICLE_BYTES + 1)
    assert reason_for(path) == "too large (5.1 MB; the limit is 5.0 MB)"


def test_a_refused_size_is_in_decimal_megabytes(write_file: WriteFile) -> None:
    """5.3 million bytes read "5.3 MB", as `ls -l --si` says, not 5.1 (MiB)."""
    path = write_file("groter.txt", b"")
    with path.open("r+b") as handle:
        handle.truncate(5_300_000)
    assert reason_for(path) == "too large (5.3 MB; the limit is 5.0 MB)"


def test_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "map.txt"
    folder.mkdir()
    assert reason_for(folder) == "is a folder, not an article file"


def test_broken_symlink_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "weg.txt"
    link.symlink_to(tmp_path / "bestaat-niet.txt")
    assert reason_for(link) == "not found (or a broken link)"


def test_article_error_message_is_path_colon_reason(write_file: WriteFile) -> None:
    path = write_file("leeg.txt", b"")
    with pytest.raises(ArticleError, match="empty file") as caught:
        read_article(path)
    assert str(caught.value) == f"{path}: empty file"


def test_date_line_alone_is_no_article_text(write_file: WriteFile) -> None:
    reason = reason_for(write_file("alleen-datum.txt", "date 2025-01\n"))
    assert reason == "no article text (only a date or front matter)"


def test_impossible_date_line_loads_with_a_problem_and_no_date(write_file: WriteFile) -> None:
    article = read_article(write_file("datum.txt", "date 2025-13 Tekst van het artikel.\n"))
    assert article.date is None
    assert len(article.problems) == 1
    assert article.problems[0].startswith("date ignored:")
    assert "13" in article.problems[0]


def test_impossible_date_line_is_not_part_of_the_text(write_file: WriteFile) -> None:
    article = read_article(write_file("datum.txt", "date 2025-13 Tekst van het artikel.\n"))
    assert [(b.kind, b.text) for b in article.blocks] == [
        (BlockKind.PARAGRAPH, "Tekst van het artikel.")
    ]


def test_library_lists_good_articles_and_names_each_bad_file(write_file: WriteFile) -> None:
    good = write_file("briefing/goed.txt", GOOD_ARTICLE)
    binary = write_file("briefing/binair.txt", b"abc\x00def")
    broken = write_file("briefing/kapot.txt", b"caf\xe9 au lait")
    library = Library.scan([good.parent])
    assert [article.path for article in library.articles] == [good]
    assert sorted(problem.path for problem in library.problems) == sorted([binary, broken])
    reasons = {problem.path: problem.reason for problem in library.problems}
    assert reasons[binary] == "binary file, not text"
    assert reasons[broken].startswith("not UTF-8 text: invalid byte 0xe9")


def test_library_reports_a_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nergens"
    library = Library.scan([missing])
    assert library.articles == ()
    assert [(p.path, p.reason) for p in library.problems] == [(missing, "not found")]


def test_library_survives_an_impossible_yaml_date(write_file: WriteFile) -> None:
    good = write_file("briefing/goed.txt", GOOD_ARTICLE)
    bad = write_file("briefing/datum.md", "---\ndate: 2025-02-30\n---\n\nTekst.\n")
    library = Library.scan([good.parent])
    assert good in [article.path for article in library.articles]
    assert [problem.path for problem in library.problems] == [bad]


def test_check_on_the_example_articles_exits_0(
    run_briefing: RunBriefing, articles_dir: Path
) -> None:
    result = run_briefing("check", str(articles_dir))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "2 articles read, no problems" in result.stderr


def test_check_prints_one_path_reason_line_per_bad_file_and_exits_1(
    write_file: WriteFile, run_briefing: RunBriefing
) -> None:
    write_file("briefing/goed.txt", GOOD_ARTICLE)
    binary = write_file("briefing/binair.txt", b"abc\x00def")
    broken = write_file("briefing/kapot.txt", b"caf\xe9 au lait")
    result = run_briefing("check", str(binary.parent))
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        f"{binary}: binary file, not text",
        f"{broken}: not UTF-8 text: invalid byte 0xe9 at offset 3",
    ]
    assert "Traceback" not in result.stderr
