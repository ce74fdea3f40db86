"""The reading flow: unread marks, resuming, find in the article, outline, tag housekeeping.

Each test has its own config directory (conftest points BRIEFING_CONFIG_DIR at a tmp
folder), so read state and notes never leak between tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from app_support import (
    APRIL_FILE,
    SIZE,
    screen_lines,
    settle,
    static_text,
    toast_texts,
    wait_for_library,
    widget_lines,
)
from textual.widgets import Input, OptionList

from briefing_tui.core.articles import read_article
from briefing_tui.core.locations import config_dir, notes_dir
from briefing_tui.core.model import BlockKind
from briefing_tui.core.notes import Anchor, Annotation, NotesError, NoteStore, article_key
from briefing_tui.core.reading import reading_file
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.dialogs.confirm import ConfirmDialog
from briefing_tui.ui.glyphs import ASCII, UNICODE
from briefing_tui.ui.screens.help import HelpScreen
from briefing_tui.ui.screens.library import LibraryScreen
from briefing_tui.ui.screens.outline import OutlineScreen
from briefing_tui.ui.screens.reader import ReaderScreen
from briefing_tui.ui.screens.tags import TagNameDialog, TagsScreen
from briefing_tui.ui.widgets.article_list import ArticleList
from briefing_tui.ui.widgets.article_view import ArticleView
from briefing_tui.ui.widgets.find_bar import FindBar
from briefing_tui.ui.widgets.outline_list import OutlineList

UNREAD = UNICODE.unread


def new_app(articles_dir: Path, **kwargs: object) -> BriefingApp:
    return BriefingApp([articles_dir], glyphs=kwargs.pop("glyphs", UNICODE))  # type: ignore[arg-type]


def list_rows(app: BriefingApp) -> list[str]:
    return [line for line in widget_lines(app.screen.query_one(ArticleList)) if "2025-0" in line]


def view(app: BriefingApp) -> ArticleView:
    return app.screen.query_one(ArticleView)


# --- unread --------------------------------------------------------------------------------


async def test_new_articles_are_marked_unread_and_counted(articles_dir: Path) -> None:
    app = new_app(articles_dir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await wait_for_library(pilot)

        assert "2 articles, 2 unread" in static_text(app, "#library-title")
        rows = [row for row in list_rows(app) if "min" in row]
        assert len(rows) == 2 and all(row[1] == UNREAD for row in rows)


async def test_opening_an_article_marks_it_read(articles_dir: Path) -> None:
    app = new_app(articles_dir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("enter")
        await wait_for_library(pilot)
        await pilot.press("escape")
        await wait_for_library(pilot)

        assert "2 articles, 1 unread" in static_text(app, "#library-title")
        first, second = (row for row in list_rows(app) if "min" in row)
        assert first[1] == " " and second[1] == UNREAD
    saved = json.loads(reading_file().read_text(encoding="utf-8"))
    key = article_key(read_article(articles_dir / APRIL_FILE))
    assert saved["articles"][key]["read"] is True


async def test_unread_title_is_bold_so_it_shows_without_colour(articles_dir: Path) -> None:
    app = new_app(articles_dir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await wait_for_library(pilot)
        article_list = app.screen.query_one(ArticleList)

        strip = article_list.render_line(3)  # the March article, not under the cursor
        title = next(s for s in strip if "Russische" in s.text)

        assert title.style is not None and title.style.bold


async def test_u_toggles_read_and_n_goes_to_the_next_unread(articles_dir: Path) -> None:
    app = new_app(articles_dir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await wait_for_library(pilot)
        article_list = app.screen.query_one(ArticleList)

        await pilot.press("u")  # the April article: read now
        assert "1 unread" in static_text(app, "#library-title")
        await pilot.press("n")
        assert article_list.cursor == 1
        await pilot.press("u", "n")  # both read: nothing to go to
        await pilot.pause()
        assert "0 unread" in static_text(app, "#library-title")
        assert article_list.cursor == 1
        await pilot.press("u")  # unread again
        assert "1 unread" in static_text(app, "#library-title")


async def test_shift_u_in_the_reader_opens_the_next_unread_article(articles_dir: Path) -> None:
    app = new_app(articles_dir)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_library(pilot)
        await pilot.press("enter", "U")
        await wait_for_library(pilot)

        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.position == 1
        await pilot.press("U")
        await pilot.pause()
        assert app.screen.position == 1
        assert "No unread articles." in toast_texts(app)


async def test_read_state_is_kept_between_runs(articles_dir: Path) -> None:
    app = new_app(articles_dir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("u")
        await wait_for_library(pilot)

    again = new_app(articles_dir)
    async with again.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await wait_for_library(pilot)
        assert "2 articles, 1 unread" in static_text(again, "#library-title")


async def test_damaged_reading_file_is_set_aside_with_a_message(articles_dir: Path) -> None:
    state = reading_file()
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_bytes(b"[[[ kapot")
    app = new_app(articles_dir)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_library(pilot)
        await wait_for_library(pilot)

        assert any("reading.json was damaged" in text for text in toast_texts(app))
        assert "2 unread" in static_text(app, "#library-title")
    assert list(config_dir().glob("reading.corrupt-*.json"))


# --- resume --------------------------------------------------------------------------------


async def test_reopening_returns_to_the_paragraph_left_and_library_shows_progress(
    articles_dir: Path,
) -> None:
    app = new_app(articles_dir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("enter", "j", "j", "j", "j")
        left_at = view(app).block_index
        await pilot.press("escape")
        await wait_for_library(pilot)

        percent = [row for row in list_rows(app) if "%" in row]
        assert len(percent) == 1 and "Het was een" in percent[0]

    again = new_app(articles_dir)
    async with again.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("enter")
        await pilot.pause()

        assert isinstance(again.screen, ReaderScreen)
        assert view(again).block_index == left_at


async def test_position_is_saved_when_the_app_quits_in_the_reader(articles_dir: Path) -> None:
    app = new_app(articles_dir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("enter", "j", "j", "j")
        left_at = view(app).block_index
        await pilot.press("ctrl+q")

    saved = json.loads(reading_file().read_text(encoding="utf-8"))
    key = article_key(read_article(articles_dir / APRIL_FILE))
    assert saved["articles"][key]["block"] == left_at


# --- find ----------------------------------------------------------------------------------


async def open_find(pilot: object, query: str) -> None:
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.press("f", *query)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_find_folds_case_and_diacritics_and_counts(articles_dir: Path) -> None:
    app = new_app(articles_dir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await open_find(pilot, "OEKRAINE")

        article = view(app).article
        assert article is not None
        spans = view(app).find_spans
        found = [article.blocks[b].text[s:e] for b, pairs in spans.items() for s, e in pairs]
        assert found and all(text.casefold().startswith("oekraïne") for text in found)
        count = static_text(app, "#find-count")
        assert count == f"1/{len(found)}"
        first = min(spans)
        assert view(app).block_index >= first


async def test_enter_and_down_go_to_the_next_match_up_to_the_previous(articles_dir: Path) -> None:
    app = new_app(articles_dir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await open_find(pilot, "oekraine")
        total = static_text(app, "#find-count").split("/")[1]

        await pilot.press("enter")
        assert static_text(app, "#find-count") == f"2/{total}"
        await pilot.press("down")
        assert static_text(app, "#find-count") == f"3/{total}"
        await pilot.press("up", "up", "up")
        assert static_text(app, "#find-count") == f"{total}/{total}"  # wraps round
        current = view(app).find_current
        assert current is not None and view(app).block_index >= current[0]


async def test_find_keys_do_not_collide_with_note_and_tag_keys(articles_dir: Path) -> None:
    app = new_app(articles_dir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await open_find(pilot, "nt")  # n and t are typed, not note and tags

        assert app.screen.query_one("#find-input", Input).value == "nt"
        assert isinstance(app.screen, ReaderScreen)


async def test_escape_closes_the_bar_and_clears_highlights_f3_brings_them_back(
    articles_dir: Path,
) -> None:
    app = new_app(articles_dir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await open_find(pilot, "poetin")
        await pilot.press("escape")

        assert not app.screen.query_one(FindBar).is_open
        assert view(app).find_spans == {}
        assert view(app).has_focus
        assert isinstance(app.screen, ReaderScreen)  # still reading

        await pilot.press("f3")
        assert view(app).find_spans
        assert static_text(app, "#find-count").startswith("1/")
        await pilot.press("f3")
        assert static_text(app, "#find-count").startswith("2/")


async def test_no_match_is_said(articles_dir: Path) -> None:
    app = new_app(articles_dir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await open_find(pilot, "zzzq")

        assert static_text(app, "#find-count") == "no match"
        assert view(app).find_spans == {}


async def test_highlight_is_a_style_not_markup(make_library: object, tmp_path: Path) -> None:
    folder = make_library(  # type: ignore[operator]
        {"a.txt": "date 2025-05-02 Hier staat [bold]Oekraïne[/bold] letterlijk.\n"}
    )
    app = BriefingApp([folder], glyphs=UNICODE)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await open_find(pilot, "oekraine")

        assert any("[bold]Oekraïne[/bold]" in line for line in screen_lines(app))
        assert static_text(app, "#find-count") == "1/1"


async def test_a_match_deep_in_a_tall_paragraph_is_scrolled_into_view(
    make_library: object,
) -> None:
    long = " ".join(f"woord{n}" for n in range(400)) + " eindpunt."
    folder = make_library({"a.txt": f"date 2025-05-02 {long}\n\nTweede alinea.\n"})  # type: ignore[operator]
    app = BriefingApp([folder], glyphs=UNICODE)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await open_find(pilot, "eindpunt")

        assert static_text(app, "#find-count") == "1/1"
        assert any("eindpunt" in line for line in widget_lines(view(app)))


# --- outline -------------------------------------------------------------------------------


async def test_outline_lists_headings_and_pull_quotes_and_goes_there(articles_dir: Path) -> None:
    app = new_app(articles_dir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("enter", "o")
        await pilot.pause()

        assert isinstance(app.screen, OutlineScreen)
        outline = app.screen.query_one(OutlineList)
        labels = [outline.get_option_at_index(i).prompt for i in range(outline.option_count)]
        texts = [str(getattr(label, "plain", label)) for label in labels]
        assert any("Slagveld" in text for text in texts)
        assert any("geen vertrouwen" in text for text in texts)
        slagveld = next(i for i, text in enumerate(texts) if "Slagveld" in text)

        for _ in range(slagveld):
            await pilot.press("j")
        await pilot.press("enter")
        await pilot.pause()

        assert isinstance(app.screen, ReaderScreen)
        article = view(app).article
        assert article is not None
        heading = next(
            i
            for i, block in enumerate(article.blocks)
            if block.kind is BlockKind.HEADING and block.text == "Slagveld"
        )
        assert view(app).block_index == heading + 1


async def test_outline_is_a_side_panel_that_stays_open_when_wide(articles_dir: Path) -> None:
    app = new_app(articles_dir)
    async with app.run_test(size=(130, 36)) as pilot:
        await wait_for_library(pilot)
        await pilot.press("enter", "o")
        await pilot.pause()

        assert isinstance(app.screen, ReaderScreen)
        outline = app.screen.query_one(OutlineList)
        assert outline.display and outline.has_focus
        await pilot.press("j", "enter")
        await pilot.pause()

        assert outline.display and view(app).block_index > 0
        await pilot.press("o")
        assert not app.screen.query_one("#side-panel").display


async def test_side_panel_outline_follows_the_section_being_read(articles_dir: Path) -> None:
    app = new_app(articles_dir)
    async with app.run_test(size=(130, 36)) as pilot:
        await wait_for_library(pilot)
        await pilot.press("enter", "o")
        view(app).focus()
        await pilot.press("G")
        await pilot.pause()

        outline = app.screen.query_one(OutlineList)
        assert outline.highlighted == outline.option_count - 1


# --- tags ----------------------------------------------------------------------------------


def tag_paragraphs(articles_dir: Path) -> NoteStore:
    """Tags on both example articles: #kursk on two paragraphs, #koersk and #oorlog on one."""
    store = NoteStore(notes_dir())
    for name, rows in (
        (APRIL_FILE, [(0, ("kursk", "oorlog")), (1, ("koersk",))]),
        ("000_05c47d46c723b48d.txt", [(0, ("kursk",))]),
    ):
        article = read_article(articles_dir / name)
        store.save(
            article_key(article),
            [Annotation.new(Anchor.of(i, article.blocks[i].text), "", tags) for i, tags in rows],
            title=article.title,
            path=str(article.path.resolve()),
        )
    return store


def tag_rows(app: BriefingApp) -> list[str]:
    options = app.screen.query_one("#tags-list", OptionList)
    return [
        str(getattr(p, "plain", p))
        for p in (options.get_option_at_index(i).prompt for i in range(options.option_count))
    ]


async def test_tags_screen_lists_every_tag_with_its_count(articles_dir: Path) -> None:
    tag_paragraphs(articles_dir)
    app = new_app(articles_dir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("T")

        assert isinstance(app.screen, TagsScreen)
        assert tag_rows(app) == [
            "[ ] #kursk  2 paragraphs in 2 articles",
            "[ ] #koersk  1 paragraph in 1 article",
            "[ ] #oorlog  1 paragraph in 1 article",
        ]


async def test_rename_asks_with_the_count_then_renames_everywhere(articles_dir: Path) -> None:
    store = tag_paragraphs(articles_dir)
    app = new_app(articles_dir)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_library(pilot)
        await pilot.press("T", "r")
        assert isinstance(app.screen, TagNameDialog)
        app.screen.query_one(Input).value = "koersk-regio"
        await pilot.press("enter")
        await pilot.pause()

        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.question == (
            "Rename #kursk to #koersk-regio: 2 paragraphs in 2 articles change. Go ahead?"
        )
        await pilot.press("y")
        await pilot.pause()

        assert tag_rows(app)[0] == "[ ] #koersk-regio  2 paragraphs in 2 articles"
        assert "#koersk-regio: 2 paragraphs changed." in toast_texts(app)
    assert "kursk" not in store.tag_usage()
    assert app.known_tags() == ["koersk", "koersk-regio", "oorlog"]


async def test_a_failed_rename_says_so_and_keeps_the_app_running(
    articles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tag_paragraphs(articles_dir)
    app = new_app(articles_dir)

    def disk_full(retag: object) -> list[object]:
        raise NotesError("cannot save notes to x.toml: No space left on device")

    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_library(pilot)
        monkeypatch.setattr(app.note_store, "retag", disk_full)
        await pilot.press("T", "r")
        app.screen.query_one(Input).value = "nieuw"
        await pilot.press("enter", "y")
        await pilot.pause()

        assert isinstance(app.screen, TagsScreen)
        assert any("Not finished" in text and "No space left" in text for text in toast_texts(app))
    assert "kursk" in store.tag_usage()


async def test_merge_marked_tags_in_one_step(articles_dir: Path) -> None:
    store = tag_paragraphs(articles_dir)
    app = new_app(articles_dir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("T", "space", "j", "space", "m")
        await pilot.pause()
        assert isinstance(app.screen, TagNameDialog)
        assert app.screen.query_one(Input).value == "kursk"  # the most used
        await pilot.press("enter")
        await pilot.pause()

        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.question == (
            "Merge #koersk into #kursk: 1 paragraph in 1 article changes. Go ahead?"
        )
        await pilot.press("y")
        await pilot.pause()

    assert store.tag_usage() == {"kursk": (3, 2), "oorlog": (1, 1)}


async def test_declining_the_confirmation_changes_nothing(articles_dir: Path) -> None:
    store = tag_paragraphs(articles_dir)
    before = store.tag_usage()
    app = new_app(articles_dir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("T", "r")
        app.screen.query_one(Input).value = "iets-anders"
        await pilot.press("enter", "n")
        await pilot.pause()

        assert isinstance(app.screen, TagsScreen)
    assert store.tag_usage() == before


async def test_reader_shows_renamed_tags_after_the_tags_screen(articles_dir: Path) -> None:
    tag_paragraphs(articles_dir)
    app = new_app(articles_dir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("enter", "T", "r")
        app.screen.query_one(Input).value = "koersk-regio"
        await pilot.press("enter", "y", "escape")
        await pilot.pause()

        assert isinstance(app.screen, ReaderScreen)
        assert view(app).annotations[0][1] == ("koersk-regio", "oorlog")


# --- help and palette ----------------------------------------------------------------------


async def test_help_lists_the_reading_flow_keys(articles_dir: Path) -> None:
    app = new_app(articles_dir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        from textual.widgets import Markdown

        source = app.screen.query_one(Markdown).source
        for words in (
            "next unread article",
            "read or unread",
            "Find in the article",
            "Next match",
            "Outline",
            "rename a tag or merge tags",
        ):
            assert words.casefold() in source.casefold(), words


async def test_palette_offers_the_reading_commands_where_they_apply(articles_dir: Path) -> None:
    app = new_app(articles_dir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("u")  # the first article read: the next unread is the second
        await pilot.press("ctrl+p", *"next unread")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one(ArticleList).cursor == 1

        await pilot.press("enter", "ctrl+p", *"find in article")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one(FindBar).is_open


async def test_reading_flow_works_with_ascii_glyphs(articles_dir: Path) -> None:
    app = new_app(articles_dir, glyphs=ASCII)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await wait_for_library(pilot)
        rows = [row for row in list_rows(app) if "min" in row]
        assert all(row[1] == "N" for row in rows)
        for line in screen_lines(app):
            assert UNREAD not in line
