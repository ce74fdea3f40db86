"""The Markdown export keeps a note's lines, and stays the Markdown the note was written in."""

from __future__ import annotations

from markdown_it import MarkdownIt

from briefing_tui.core.notebook import Entry, to_markdown
from briefing_tui.core.notes import Anchor, Annotation, Placement

PARAGRAPH = "De wapenstilstand gaat morgen in."


def exported(note: str) -> str:
    """The HTML a CommonMark renderer makes of the export of one paragraph with `note`."""
    entry = Entry(
        key="k",
        title="Bestand",
        date="2025-04-01",
        path="/tmp/bestand.txt",
        annotation=Annotation.new(Anchor.of(0, PARAGRAPH), note),
        paragraph=PARAGRAPH,
        block=0,
        placement=Placement.EXACT,
    )
    return MarkdownIt("commonmark").render(to_markdown([entry]))


def test_each_line_of_a_note_stays_a_line() -> None:
    assert "<p>eerst bellen<br />\ndan schrijven</p>" in exported("eerst bellen\ndan schrijven")


def test_a_blank_line_in_a_note_stays_a_new_paragraph() -> None:
    html = exported("een\n\ntwee")
    assert "<p>een</p>\n<p>twee</p>" in html


def test_a_list_in_a_note_is_a_list_without_a_stray_backslash() -> None:
    html = exported("vragen:\n- wie\n- wanneer")
    assert "<p>vragen:</p>\n<ul>\n<li>wie</li>\n<li>wanneer</li>\n</ul>" in html
    assert "\\" not in html


def test_a_line_of_dashes_does_not_make_the_line_above_a_heading() -> None:
    html = exported("titel\n---\nrest")
    assert "<h2>titel" not in html
    assert "<p>titel<br />\n---<br />\nrest</p>" in html


def test_a_trailing_backslash_still_gets_its_line_break() -> None:
    html = exported("pad C:\\temp\\\\\nvolgende")
    assert "<p>pad C:\\temp\\<br />\nvolgende</p>" in html
