"""A huge article (thousands of paragraphs): only what is on screen is wrapped, and it reads
exactly as a short article does (cursor, scrolling, the end, find, the paragraph left)."""

from __future__ import annotations

import pytest
from app_support import SIZE, MakeLibrary, make_app, static_text, wait_for_library, widget_lines
from rich.text import Text
from textual.pilot import Pilot

from briefing_tui.core.analysis import analyze_article
from briefing_tui.core.articles import read_article
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.screens.reader import ReaderScreen
from briefing_tui.ui.widgets.article_view import ArticleView

SENTENCES = [
    "Poetin sprak in Moskou met de Russische veiligheidsraad over de oorlog in Oekraïne.",
    "„Er is geen vertrouwen”, zei Zelensky in Kyiv tegen verslaggevers.",
    "De NAVO bespreekt in Brussel nieuwe steun voor de luchtverdediging.",
    "Een kort stuk.",
    "Volgens Rutte moet Europa meer doen voor zijn eigen veiligheid, ook na de oorlog.",
]
LAST_WORDS = "Hier eindigt het lange dossier over Zwolle."


def paragraphs(count: int) -> list[str]:
    """Paragraphs of one to eight lines at 80 columns, a heading every 40."""
    texts = []
    for number in range(count):
        if number and number % 40 == 0:
            texts.append(f"Deel {number // 40 + 1}")
        length = 1 + (number * 7) % 6
        texts.append(
            f"Alinea {number}. "
            + " ".join(SENTENCES[(number + k) % len(SENTENCES)] for k in range(length))
        )
    return texts


def article_text(count: int) -> str:
    return "date 2025-03-01 " + "\n\n".join([*paragraphs(count), LAST_WORDS]) + "\n"


HUGE = 3_000


async def open_only_article(pilot: Pilot[int]) -> ArticleView:
    await wait_for_library(pilot)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReaderScreen)
    return pilot.app.screen.query_one(ArticleView)


def status(app: BriefingApp) -> str:
    return static_text(app, "#reader-status").strip()


async def test_a_huge_article_is_wrapped_as_far_as_it_is_shown(
    make_library: MakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    wraps: list[str] = []
    wrap = Text.wrap

    def counted(self: Text, *args: object, **kwargs: object) -> object:
        wraps.append(self.plain)
        return wrap(self, *args, **kwargs)  # type: ignore[arg-type]

    app = make_app([make_library({"huge.txt": article_text(HUGE)})])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        monkeypatch.setattr(Text, "wrap", counted)
        await pilot.press("enter", *["j"] * 20)
        await app.workers.wait_for_complete()  # the highlights: drawn again as shown
        await pilot.pause()

        assert app.screen.query_one(ArticleView).cursor == 20
        assert 0 < len(wraps) < 200  # of 3,000 paragraphs (it was every one, twice)


async def test_a_huge_article_reads_as_its_short_opening_does(make_library: MakeLibrary) -> None:
    keys = [*["j"] * 25, "pagedown", "pagedown", "k", "k", "k", "pageup", *["j"] * 8]
    shown: list[list[str]] = []
    for count in (60, HUGE):  # 60 paragraphs are wrapped whole, exactly
        app = make_app([make_library({"article.txt": article_text(count)})])
        async with app.run_test(size=SIZE) as pilot:
            view = await open_only_article(pilot)
            await app.workers.wait_for_complete()
            await pilot.pause()
            lines = []
            for key in keys:
                await pilot.press(key)
                lines += [f"{key} {view.cursor}", *widget_lines(view)]
            shown.append(lines)

    assert shown[0] == shown[1]


async def test_end_of_a_huge_article_and_back(make_library: MakeLibrary) -> None:
    app = make_app([make_library({"huge.txt": article_text(HUGE)})])
    async with app.run_test(size=SIZE) as pilot:
        view = await open_only_article(pilot)
        total = len(view.paragraphs)

        await pilot.press("G")
        assert status(app).startswith(f"¶ {total}/{total}")
        lines = widget_lines(view)
        assert any("Zwolle" in line and line.startswith("▌") for line in lines)
        assert lines[-1].strip() or lines[-2].strip()  # the end, no blank screen below it
        await pilot.press("k", "k")
        assert status(app).startswith(f"¶ {total - 2}/{total}")
        assert any(line.startswith("▌") for line in widget_lines(view))
        await pilot.press("pagedown", "pagedown", "pagedown")
        assert view.cursor == total - 1
        await pilot.press("g")
        assert view.cursor == 0 and view.scroll_offset.y == 0


async def test_find_goes_to_the_end_of_a_huge_article(make_library: MakeLibrary) -> None:
    app = make_app([make_library({"huge.txt": article_text(HUGE)})])
    async with app.run_test(size=SIZE) as pilot:
        view = await open_only_article(pilot)

        await pilot.press("f", *"zwolle", "enter")
        await pilot.pause()

        assert view.cursor == len(view.paragraphs) - 1
        assert any("Zwolle" in line and line.startswith("▌") for line in widget_lines(view))


async def test_a_huge_article_opens_at_the_paragraph_left(make_library: MakeLibrary) -> None:
    folder = make_library({"huge.txt": article_text(HUGE)})
    blocks = read_article(folder / "huge.txt").blocks
    view_block = next(
        index for index in range(2_500, len(blocks)) if "Alinea" in blocks[index].text
    )
    app = make_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        app.open_article(0, block=view_block)
        await pilot.pause()
        view = app.screen.query_one(ArticleView)

        assert view.block_index == view_block
        assert view.article is not None
        opening = view.article.blocks[view_block].text[:20]
        assert any(opening in line and line.startswith("▌") for line in widget_lines(view))


async def test_the_whole_analysis_follows_the_preview(make_library: MakeLibrary) -> None:
    folder = make_library({"huge.txt": article_text(HUGE)})
    app = make_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        view = await open_only_article(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()

        expected = analyze_article(read_article(folder / "huge.txt"), app.lexicon_source.current())
        assert view.analysis == expected
        assert max(entity.block for entity in expected.entities) > 2_000  # not the preview's
