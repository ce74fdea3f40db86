"""One paragraph, one number: the reader, the panels, the outline, the notebook, search
(app and command line), the exports and `analyze` all call it the same.

The paragraph is the April article's Trump quote: block 10, after two headings, which
the reader shows as ¶ 9 of 15 (headings are not counted; the pull quote is).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from app_support import (
    APRIL_FILE,
    SIZE,
    make_app,
    screen_lines,
    settle,
    toast_texts,
    wait_for_library,
)
from rich.text import Text
from textual.widgets import OptionList

from briefing_tui.core.articles import read_article
from briefing_tui.core.locations import notes_dir
from briefing_tui.core.model import ParagraphNumbers
from briefing_tui.core.notes import Anchor, Annotation, NoteStore, article_key
from briefing_tui.ui.screens.analysis_panel import AnalysisPanelScreen
from briefing_tui.ui.screens.notebook import NotebookScreen
from briefing_tui.ui.screens.outline import OutlineScreen
from briefing_tui.ui.screens.reader import ReaderScreen
from briefing_tui.ui.screens.search import SearchScreen
from briefing_tui.ui.widgets.article_view import ArticleView

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTICLE = (REPO_ROOT / "articles" / APRIL_FILE).resolve()
BLOCK = 10
"""Block index of the paragraph quoting Trump ("zeer binnenkort")."""
NUMBER = "¶ 9"
"""What every place calls it: the reader's ninth paragraph."""
QUERY = '"zeer binnenkort"'


def briefing(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """`python -m briefing_tui ARGS` in the test's isolated environment."""
    return subprocess.run(
        [sys.executable, "-m", "briefing_tui", *map(str, args)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def tag_the_paragraph() -> None:
    """A tag and a note on the paragraph, saved as the reader saves them."""
    article = read_article(ARTICLE)
    anchor = Anchor.of(BLOCK, article.blocks[BLOCK].text)
    NoteStore(notes_dir()).save(
        article_key(article),
        [Annotation.new(anchor, "Trump en de deadline", ("deadline",))],
        title=article.title,
        path=str(ARTICLE),
        date=article.date.iso() if article.date else "",
    )


def option_texts(options: OptionList) -> list[str]:
    prompts = [options.get_option_at_index(i).prompt for i in range(options.option_count)]
    return [prompt.plain if isinstance(prompt, Text) else str(prompt) for prompt in prompts]


def test_the_article_numbers_block_10_as_paragraph_9() -> None:
    article = read_article(ARTICLE)
    assert article.blocks[BLOCK].text.count("zeer binnenkort") == 1
    assert article.paragraph_numbers.number(BLOCK) == 9
    assert article.paragraph_numbers.total == 15


async def test_reader_panels_outline_notebook_and_search_show_one_number() -> None:
    tag_the_paragraph()
    app = make_app([ARTICLE.parent])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_library(pilot)

        # Search in the app: the hit names the paragraph, and Enter opens it.
        await pilot.press("slash")
        search = app.screen
        assert isinstance(search, SearchScreen)
        await pilot.press(*QUERY)
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert search.result is not None
        (hit,) = search.result.hits
        assert (hit.block, hit.paragraph) == (BLOCK, 9)
        title_line = next(line for line in screen_lines(app) if "2025-04 " in line)
        assert title_line.rstrip().endswith(NUMBER)
        await pilot.press("enter")
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)

        # The reader's status.
        view = reader.query_one(ArticleView)
        assert view.block_index == BLOCK
        await app.workers.wait_for_complete()  # the analysis, for the quotes panel
        await pilot.pause()
        status = next(line for line in screen_lines(app) if line.strip().startswith("¶ "))
        assert status.strip().startswith(f"{NUMBER}/15")

        # The quotes panel (a screen of its own at 80 columns).
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, AnalysisPanelScreen)
        quotes = option_texts(app.screen.query_one(OptionList))
        trump = next(text for text in quotes if "zeer binnenkort" in text)
        assert trump.startswith("Donald Trump") and f"  {NUMBER}\n" in trump
        await pilot.press("escape")

        # The outline: the heading "Dwarsligger" leads into ¶ 9.
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OutlineScreen)
        outline = option_texts(app.screen.query_one(OptionList))
        assert any(text.startswith(NUMBER) and "Dwarsligger" in text for text in outline)
        await pilot.press("escape")

        # Cycling through an actor's mentions names the paragraph it went to.
        reader.cycle_mentions("Donald Trump")
        await pilot.pause()
        status = next(line for line in screen_lines(app) if line.strip().startswith("¶ "))
        went_to = status.strip().split("/")[0]
        assert any(f"Donald Trump in {went_to} (" in text for text in toast_texts(app))

        # The notebook.
        await pilot.press("N")
        await pilot.pause()
        assert isinstance(app.screen, NotebookScreen)
        noted = [text for text in option_texts(app.screen.query_one(OptionList)) if "“" in text]
        assert len(noted) == 1 and NUMBER in noted[0]


def test_command_line_search_exports_and_analyze_show_the_same_number() -> None:
    tag_the_paragraph()
    folder = str(ARTICLE.parent)

    text = briefing("search", "-p", folder, QUERY)
    assert text.returncode == 0, text.stderr
    assert f"{APRIL_FILE} {NUMBER}\n" in text.stdout

    found = briefing("search", "-p", folder, "--json", QUERY)
    hit = json.loads(found.stdout)["hits"][0]
    assert (hit["paragraph"], hit["block_index"]) == (9, BLOCK)

    markdown = briefing("export")
    assert markdown.returncode == 0, markdown.stderr
    assert f"{NUMBER}\n> Meer voor de hand liggend" in markdown.stdout

    exported = json.loads(briefing("export", "--format", "json").stdout)
    assert [(e["paragraph_number"], e["block_index"]) for e in exported] == [(9, BLOCK)]

    summary = briefing("analyze", ARTICLE)
    assert f"  {NUMBER} Donald Trump: “zeer binnenkort”" in summary.stdout
    # The JSON contract keeps counting blocks from 0.
    contract = json.loads(briefing("analyze", "--json", ARTICLE).stdout)
    quotes = contract["articles"][0]["quotes"]
    assert any(q["block"] == BLOCK and q["text"] == "zeer binnenkort" for q in quotes)


def test_numbers_skip_headings_and_a_heading_takes_the_next_paragraphs() -> None:
    numbers = ParagraphNumbers.of_kinds(
        ["heading", "paragraph", "pullquote", "heading", "paragraph", "heading"]
    )
    assert numbers.stops == (1, 2, 4)
    assert [numbers.number(block) for block in range(6)] == [1, 1, 2, 3, 3, 3]
    assert [numbers.block(number) for number in (1, 2, 3)] == [1, 2, 4]
    assert numbers.total == 3


def test_an_article_of_headings_only_numbers_every_block() -> None:
    numbers = ParagraphNumbers.of_kinds(["heading", "heading"])
    assert [numbers.number(block) for block in range(2)] == [1, 2]


async def test_the_reader_cursor_stops_where_the_numbering_counts(articles_dir: Path) -> None:
    """The view keeps its own list of stops (it draws them); it must be the same one."""
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        view = app.screen.query_one(ArticleView)
        assert tuple(view.paragraphs) == app.screen.article.paragraph_numbers.stops
