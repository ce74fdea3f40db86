"""The two bundled example articles read as the plain-text briefing format intends."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.core.articles import read_article
from briefing_tui.core.library import Library
from briefing_tui.core.model import Article, BlockKind
from briefing_tui.core.text import first_sentence

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTICLES_DIR = REPO_ROOT / "articles"
SHARED_ARTICLES_DIR = REPO_ROOT / ".." / "shared" / "articles"
MARCH_FILE = "000_05c47d46c723b48d.txt"
APRIL_FILE = "003_46394a742c6b9fcd.txt"

MARCH_TITLE = (
    "De Russische president Poetin heeft op een persconferentie kort gesproken over een "
    "mogelijk staakt-het-vuren met Oekraïne."
)
APRIL_TITLE = (
    "Het was een historische aankondiging: voor het eerst sinds de grootschalige invasie "
    "in februari 2022 wilde Poetin de wapens kortstondig laten zwijgen."
)
PULL_QUOTE = "„Er is geen vertrouwen in woorden die uit Moskou komen”"
PULL_QUOTE_BY = "Volodymyr Zelensky, president Oekraïne"


@pytest.fixture(scope="module")
def march() -> Article:
    return read_article(ARTICLES_DIR / MARCH_FILE)


@pytest.fixture(scope="module")
def april() -> Article:
    return read_article(ARTICLES_DIR / APRIL_FILE)


def texts_of(article: Article, kind: BlockKind) -> list[str]:
    return [block.text for block in article.blocks if block.kind is kind]


def test_march_article_is_dated_2025_03(march: Article) -> None:
    assert march.date is not None
    assert march.date.iso() == "2025-03"


def test_april_article_is_dated_2025_04(april: Article) -> None:
    assert april.date is not None
    assert april.date.iso() == "2025-04"


def test_march_title_is_the_first_sentence(march: Article) -> None:
    assert march.title.startswith("De Russische president Poetin heeft op een persconferentie")
    assert march.title == MARCH_TITLE


def test_april_title_is_the_first_sentence(april: Article) -> None:
    assert april.title.startswith("Het was een historische aankondiging")
    assert april.title == APRIL_TITLE


def test_title_is_the_first_sentence_of_the_first_paragraph(march: Article, april: Article) -> None:
    for article in (march, april):
        first_paragraph = texts_of(article, BlockKind.PARAGRAPH)[0]
        assert article.title == first_sentence(first_paragraph)


def test_march_headings(march: Article) -> None:
    assert texts_of(march, BlockKind.HEADING) == ["Koersk", "Gesprek met Amerikaanse gezant"]


def test_april_headings(april: Article) -> None:
    assert texts_of(april, BlockKind.HEADING) == ["Slagveld", "Dwarsligger", "China"]


def test_april_pull_quote_has_quote_and_attribution(april: Article) -> None:
    pull_quotes = [block for block in april.blocks if block.kind is BlockKind.PULLQUOTE]
    assert len(pull_quotes) == 1
    assert pull_quotes[0].quote == PULL_QUOTE
    assert pull_quotes[0].attribution == PULL_QUOTE_BY


def test_april_pull_quote_text_keeps_the_whole_line(april: Article) -> None:
    (pull_quote,) = [block for block in april.blocks if block.kind is BlockKind.PULLQUOTE]
    assert pull_quote.text == f"{PULL_QUOTE} {PULL_QUOTE_BY}"


def test_april_pull_quote_is_not_a_paragraph(april: Article) -> None:
    paragraphs = texts_of(april, BlockKind.PARAGRAPH)
    assert not any(text.startswith("„Er is geen vertrouwen") for text in paragraphs)
    assert not any(PULL_QUOTE_BY in text for text in paragraphs)


def test_pull_quote_comes_after_the_second_paragraph(april: Article) -> None:
    kinds = [block.kind for block in april.blocks[:4]]
    assert kinds == [
        BlockKind.PARAGRAPH,
        BlockKind.PARAGRAPH,
        BlockKind.PULLQUOTE,
        BlockKind.PARAGRAPH,
    ]


def test_march_has_nine_paragraphs_and_no_pull_quote(march: Article) -> None:
    assert len(texts_of(march, BlockKind.PARAGRAPH)) == 9
    assert texts_of(march, BlockKind.PULLQUOTE) == []


def test_april_has_fourteen_paragraphs_and_one_pull_quote(april: Article) -> None:
    assert len(texts_of(april, BlockKind.PARAGRAPH)) == 14
    assert len(texts_of(april, BlockKind.PULLQUOTE)) == 1


def test_articles_have_only_paragraphs_headings_and_pull_quotes(
    march: Article, april: Article
) -> None:
    allowed = {BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.PULLQUOTE}
    assert {block.kind for block in march.blocks + april.blocks} <= allowed


@pytest.mark.parametrize(
    ("name", "opening"),
    [(MARCH_FILE, "De Russische president"), (APRIL_FILE, "Het was een historische")],
)
def test_first_paragraph_starts_after_the_date_line(name: str, opening: str) -> None:
    first = read_article(ARTICLES_DIR / name).blocks[0]
    assert first.kind is BlockKind.PARAGRAPH
    assert "date 2025" not in first.text
    assert first.text.startswith(opening)


def test_example_articles_are_dutch(march: Article, april: Article) -> None:
    assert march.language == "nl"
    assert april.language == "nl"


def test_example_articles_have_no_problems(march: Article, april: Article) -> None:
    assert march.problems == ()
    assert april.problems == ()


def test_library_groups_april_before_march() -> None:
    library = Library.scan([ARTICLES_DIR])
    assert library.problems == ()
    assert [group.label for group in library.groups] == ["2025-04", "2025-03"]
    assert [[a.path.name for a in group.articles] for group in library.groups] == [
        [APRIL_FILE],
        [MARCH_FILE],
    ]


def test_articles_are_the_same_files_as_shared_articles() -> None:
    if not SHARED_ARTICLES_DIR.is_dir():
        pytest.skip(f"no shared articles folder at {SHARED_ARTICLES_DIR.resolve()}")
    ours = sorted(path.name for path in ARTICLES_DIR.iterdir() if path.is_file())
    shared = sorted(path.name for path in SHARED_ARTICLES_DIR.iterdir() if path.is_file())
    assert ours == shared
    for name in ours:
        assert (ARTICLES_DIR / name).read_bytes() == (SHARED_ARTICLES_DIR / name).read_bytes(), name
