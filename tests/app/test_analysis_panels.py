"""Actors and quotes in the reader: highlighting, speaker lines, the panels, live corrections."""

from __future__ import annotations

from pathlib import Path

from app_support import (
    APRIL_FILE,
    SIZE,
    MakeLibrary,
    make_app,
    open_first_article,
    static_text,
    wait_for_library,
    widget_lines,
)
from textual.pilot import Pilot
from textual.widgets import OptionList

from briefing_tui.core.analysis import analyze_article
from briefing_tui.core.analysis.model import Analysis, EntityKind, QuoteKind
from briefing_tui.core.model import BlockKind
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.glyphs import UNICODE
from briefing_tui.ui.screens.analysis_panel import AnalysisPanelScreen
from briefing_tui.ui.screens.reader import SIDE_PANEL_MIN_WIDTH, ReaderScreen
from briefing_tui.ui.widgets.analysis_lists import ActorList, QuoteList
from briefing_tui.ui.widgets.article_view import GUTTER, ArticleView

WIDE = (120, 40)
"""Wide enough for the side panel."""
ZELENSKY = "Volodymyr Zelensky"
TRUMP = "Donald Trump"
ALARM = "Op dit moment gaat het luchtalarm"
"""Zelensky's quote in the April article's second paragraph."""

assert WIDE[0] >= SIDE_PANEL_MIN_WIDTH > SIZE[0]


async def open_april_article(pilot: Pilot[int]) -> ReaderScreen:
    """From a fresh start, open the April article and wait for its analysis to land."""
    screen = await open_first_article(pilot)
    assert screen.article.path.name == APRIL_FILE
    return screen


def view_of(screen: ReaderScreen) -> ArticleView:
    return screen.query_one(ArticleView)


def analysis_of(view: ArticleView) -> Analysis:
    assert view.analysis is not None, "the analysis has not reached the view"
    return view.analysis


def block_of(view: ArticleView, text: str) -> int:
    """Index of the article block that contains `text`."""
    assert view.article is not None
    return next(i for i, block in enumerate(view.article.blocks) if text in block.text)


def speaker_lines(view: ArticleView) -> list[str]:
    """Focused lines that start, after the gutter, with the dash of a speaker line."""
    return [
        line[GUTTER:].strip()
        for line in widget_lines(view)
        if line.startswith(UNICODE.cursor) and line[GUTTER:].lstrip().startswith(UNICODE.dash)
    ]


def option_ids(panel: OptionList) -> list[str]:
    return [
        option.id
        for option in (panel.get_option_at_index(i) for i in range(panel.option_count))
        if option.id is not None
    ]


def option_texts(panel: OptionList) -> list[str]:
    texts = []
    for index in range(panel.option_count):
        prompt = panel.get_option_at_index(index).prompt
        texts.append(prompt if isinstance(prompt, str) else prompt.plain)
    return texts


async def choose(pilot: Pilot[int], panel: OptionList, option_id: str) -> None:
    """Move the highlight to an option and press enter."""
    panel.highlighted = panel.get_option_index(option_id)
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


def actor_panel(app: BriefingApp) -> ActorList:
    screen = app.screen
    assert isinstance(screen, AnalysisPanelScreen)
    return screen.query_one("#panel-list", ActorList)


def quote_panel(app: BriefingApp) -> QuoteList:
    screen = app.screen
    assert isinstance(screen, AnalysisPanelScreen)
    return screen.query_one("#panel-list", QuoteList)


def paragraph_of_option(view: ArticleView, option_id: str) -> int:
    """The paragraph (cursor position) a QuoteList option ("index:block") leads to."""
    return view.paragraphs.index(int(option_id.split(":")[1]))


# --- highlighting and speaker lines -------------------------------------------------------


async def test_analysis_finds_zelensky_as_a_person(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        view = view_of(await open_april_article(pilot))

        people = {e.name for e in analysis_of(view).entities if e.kind is EntityKind.PERSON}
        assert ZELENSKY in people


async def test_highlighting_adds_no_characters_to_the_text(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        view = view_of(await open_april_article(pilot))
        assert view.analysis is not None and view.analysis.entities
        assert view.article is not None

        # The visible words, without gutter, quote bars, attribution dashes and the
        # focused paragraph's speaker line (the only lines the analysis adds).
        words: list[str] = []
        for line in widget_lines(view):
            body = line[GUTTER:]
            if line.startswith(UNICODE.cursor) and body.lstrip().startswith(UNICODE.dash):
                continue
            words += [w for w in body.split() if w not in (UNICODE.quote_bar, UNICODE.dash)]
        article_words = " ".join(block.text for block in view.article.blocks).split()
        assert len(words) > 50
        assert words == article_words[: len(words)]


async def test_focused_paragraph_with_a_quote_names_its_speaker(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_april_article(pilot)
        view = view_of(screen)
        screen.go_to_block(block_of(view, ALARM))
        await pilot.pause()

        assert any(ALARM in line for line in widget_lines(view) if line.startswith(UNICODE.cursor))
        assert speaker_lines(view) == [f"{UNICODE.dash} {ZELENSKY}"]


async def test_a_quote_nobody_can_be_given_says_so_under_its_paragraph(
    make_library: MakeLibrary,
) -> None:
    """No name anywhere near the quote: the reader says the speaker is unclear, in the
    speaker line and in the quotes panel, rather than guessing."""
    folder = make_library(
        {
            "bare.txt": "Kop zonder namen\n\nHet was een lange dag in de zaal.\n\n"
            "„We gaan hier niet mee akkoord, dit is onaanvaardbaar en dat weet iedereen.”\n"
        }
    )
    app = make_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first_article(pilot)
        view = view_of(screen)
        quotes = analysis_of(view).quotes
        assert [q.speaker for q in quotes] == [None]
        screen.go_to_block(quotes[0].block)
        await pilot.pause()

        assert speaker_lines(view) == [f"{UNICODE.dash} speaker unclear"]
        await pilot.press("w")
        await pilot.pause()
        assert option_texts(quote_panel(app))[0].startswith("(speaker unclear)")


async def test_focused_pull_quote_gets_no_second_speaker_line(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_april_article(pilot)
        view = view_of(screen)
        assert view.article is not None
        pull = next(i for i, b in enumerate(view.article.blocks) if b.kind is BlockKind.PULLQUOTE)
        assert any(q.block == pull and q.speaker == ZELENSKY for q in analysis_of(view).quotes)
        screen.go_to_block(pull)
        await pilot.pause()

        focused = [line for line in widget_lines(view) if line.startswith(UNICODE.cursor)]
        assert sum(ZELENSKY in line for line in focused) == 1  # the attribution only
        assert speaker_lines(view) == []


async def test_legend_shows_in_the_status_line_once_analysed(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await open_april_article(pilot)

        assert "person org place" in static_text(app, "#reader-status")


# --- the actors panel as a screen (narrow terminals) -------------------------------------


async def test_a_at_80_columns_opens_the_actors_screen(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await open_april_article(pilot)
        await pilot.press("a")
        await pilot.pause()

        assert isinstance(app.screen, AnalysisPanelScreen)
        assert f"person:{ZELENSKY}" in option_ids(actor_panel(app))


async def test_choosing_an_actor_closes_the_screen_and_goes_to_a_mention(
    articles_dir: Path,
) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_april_article(pilot)
        view = view_of(screen)
        trump_blocks = {e.block for e in analysis_of(view).mentions_of(TRUMP)}
        assert view.block_index not in trump_blocks
        await pilot.press("a")
        await pilot.pause()
        await choose(pilot, actor_panel(app), f"person:{TRUMP}")

        assert app.screen is screen
        assert view.selected_actor == TRUMP
        assert view.block_index == min(trump_blocks)


async def test_choosing_an_actor_again_cycles_to_the_next_mention(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_april_article(pilot)
        view = view_of(screen)
        trump_blocks = sorted({e.block for e in analysis_of(view).mentions_of(TRUMP)})
        assert len(trump_blocks) >= 2
        for _ in range(2):
            await pilot.press("a")
            await pilot.pause()
            await choose(pilot, actor_panel(app), f"person:{TRUMP}")

        assert app.screen is screen
        assert view.block_index == trump_blocks[1]


async def test_escape_closes_the_actors_screen_without_moving_the_cursor(
    articles_dir: Path,
) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_april_article(pilot)
        view = view_of(screen)
        await pilot.press("j", "j", "j")
        cursor = view.cursor
        assert cursor > 0
        await pilot.press("a")
        await pilot.pause()
        panel = actor_panel(app)
        panel.highlighted = panel.get_option_index(f"person:{TRUMP}")
        await pilot.press("escape")
        await pilot.pause()

        assert app.screen is screen
        assert view.cursor == cursor
        assert view.selected_actor is None


# --- the quotes panel as a screen ---------------------------------------------------------


async def test_w_at_80_columns_lists_every_quote(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        view = view_of(await open_april_article(pilot))
        quotes = analysis_of(view).quotes
        assert quotes
        await pilot.press("w")
        await pilot.pause()

        assert quote_panel(app).option_count == len(quotes)


async def test_scare_quotes_are_listed_as_terms(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        view = view_of(await open_april_article(pilot))
        quotes = analysis_of(view).quotes
        assert sum(q.kind is QuoteKind.SCARE for q in quotes) == 2
        await pilot.press("w")
        await pilot.pause()

        who = [text.split("  ")[0] for text in option_texts(quote_panel(app))]
        assert who == [
            "(term)" if q.kind is QuoteKind.SCARE else (q.speaker_label or "(speaker unclear)")
            for q in quotes
        ]


# --- the side panel (wide terminals) ------------------------------------------------------


async def test_a_at_120_columns_shows_the_side_panel(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_april_article(pilot)
        await pilot.press("a")
        await pilot.pause()

        assert app.screen is screen
        assert screen.query_one("#side-panel").display is True
        actors = screen.query_one(ActorList)
        assert actors.display is True
        assert app.focused is actors
        assert f"person:{ZELENSKY}" in option_ids(actors)


async def test_a_again_hides_the_side_panel_and_focuses_the_article(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_april_article(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()

        assert app.screen is screen
        assert screen.query_one("#side-panel").display is False
        assert app.focused is view_of(screen)


async def test_w_at_120_columns_shows_the_quotes_side_panel(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_april_article(pilot)
        await pilot.press("w")
        await pilot.pause()

        assert app.screen is screen
        assert screen.query_one("#side-panel").display is True
        quotes = screen.query_one(QuoteList)
        assert quotes.display is True
        assert screen.query_one(ActorList).display is False
        assert app.focused is quotes


async def test_choosing_a_quote_in_the_side_panel_goes_to_its_paragraph(
    articles_dir: Path,
) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_april_article(pilot)
        view = view_of(screen)
        await pilot.press("w")
        await pilot.pause()
        quotes = screen.query_one(QuoteList)
        last = option_ids(quotes)[-1]
        target = paragraph_of_option(view, last)
        assert target != view.cursor
        await choose(pilot, quotes, last)

        assert app.screen is screen
        assert view.cursor == target


# --- live corrections from actors.toml ----------------------------------------------------


async def test_suppressing_an_actor_in_actors_toml_reanalyses_the_open_article(
    articles_dir: Path, tmp_path: Path
) -> None:
    config = tmp_path / "live-config"
    app = BriefingApp([articles_dir], glyphs=UNICODE, config_dir=config)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_april_article(pilot)
        view = view_of(screen)
        assert "Kremlin" in {e.name for e in analysis_of(view).entities}
        actors = config / "actors.toml"
        assert not actors.exists()  # so writing it changes the file's stamp
        config.mkdir(parents=True)
        actors.write_text('[suppress]\nnames = ["Kremlin"]\n', encoding="utf-8")
        assert app.lexicon_source.changed()

        screen._check_actor_corrections()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

        assert "Kremlin" not in {e.name for e in analysis_of(view).entities}


async def test_a_panel_screen_opened_before_the_analysis_fills_in_when_it_arrives(
    articles_dir: Path,
) -> None:
    """On a narrow terminal `a` can open the actors screen while it still says Analysing…."""
    app = BriefingApp([articles_dir])
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        analysis = analyze_article(reader.article)
        panel = AnalysisPanelScreen("actors", None, reader.article.paragraph_numbers)
        await app.push_screen(panel)
        await pilot.pause()
        assert panel.query_one(ActorList).option_count <= 1  # only "Analysing…"

        reader._analysis_done(reader.article, analysis)
        await pilot.pause()

        assert panel.query_one(ActorList).option_count > 5


async def test_a_markdown_pull_quote_is_listed_in_the_quotes_panel(
    make_library: MakeLibrary,
) -> None:
    """Markdown sets a pull quote as `> words` and `> — Name`, without quotation marks."""
    folder = make_library(
        {
            "pull.md": "# Kop\n\nZelensky sprak dinsdag in Kyiv.\n\n"
            "> Er is geen vertrouwen in woorden die uit Moskou komen\n> — Volodymyr Zelensky\n"
        }
    )
    app = make_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()

        prompts = [
            str(getattr(option.prompt, "plain", option.prompt))
            for option in quote_panel(app).options
        ]
        assert len(prompts) == 1
        assert prompts[0].startswith(f"{ZELENSKY}  ¶ 2\n")
        assert "Er is geen vertrouwen in woorden" in prompts[0]
