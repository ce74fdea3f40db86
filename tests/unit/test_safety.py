"""Untrusted article text never carries terminal escapes or markup to the screen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from briefing_tui.core.articles import read_article
from briefing_tui.core.markdown_article import parse_markdown
from briefing_tui.core.model import Article
from briefing_tui.core.safety import clean_line, clean_text

WriteFile = Callable[[str, str | bytes], Path]

ESCAPE_CHARACTERS = ("\x1b", "\x9b", "\x9d", "\x07", "\x00", "\x7f", "\u202e")


def visible_text(article: Article) -> list[str]:
    """Everything of an article that reaches the screen as text."""
    return [
        article.title,
        *(b.text for b in article.blocks),
        *(b.attribution or "" for b in article.blocks),
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("a\x1b[31mrood\x1b[0mb", "aroodb", id="csi-colour"),
        pytest.param("a\x1b[2J\x1b[Hb", "ab", id="csi-clear-screen"),
        pytest.param("a\x1b]52;c;ZXZpbA==\x07b", "ab", id="osc-52-clipboard-bel"),
        pytest.param("a\x1b]0;nieuwe titel\x1b\\b", "ab", id="osc-0-title-st"),
        pytest.param("a\x1b]8;;https://x.nl\x1b\\link\x1b]8;;\x1b\\b", "alinkb", id="osc-8-link"),
        pytest.param("a\x1bPq#0;2;0;0;0\x1b\\b", "ab", id="dcs"),
        pytest.param("a\x9b31mb", "ab", id="c1-csi"),
        pytest.param("a\x9d0;titel\x9cb", "ab", id="c1-osc-st"),
        pytest.param("einde\x1b", "einde", id="bare-esc-at-end"),
        pytest.param("a\x1b\nb", "a\nb", id="bare-esc-before-newline"),
        pytest.param("a\x00b", "ab", id="nul"),
        pytest.param("a\x7fb", "ab", id="del"),
        pytest.param("a\x08b\x0cc", "abc", id="backspace-formfeed"),
        pytest.param("a\u202eb\u202cc\u2066d\u2069e", "abcde", id="bidi-overrides"),
    ],
)
def test_clean_text_strips_escapes_and_controls(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_clean_text_keeps_tab_and_newline() -> None:
    assert clean_text("kolom\tkolom\nregel") == "kolom\tkolom\nregel"


def test_clean_text_keeps_dutch_diacritics_and_typographic_quotes() -> None:
    text = "Oekraïne, beëindigen, café; „citaat” en ‘vredesvoorstellen’ – zo’n «dingen»"
    assert clean_text(text) == text


def test_clean_text_turns_crlf_and_cr_into_lf() -> None:
    assert clean_text("een\r\ntwee\rdrie") == "een\ntwee\ndrie"


def test_clean_line_joins_whitespace_into_single_spaces() -> None:
    assert clean_line("  Poetin\t\x1b[1mspreekt\x1b[0m\n  pers  ") == "Poetin spreekt pers"


def test_rich_markup_in_a_plain_text_article_is_kept_literally(write_file: WriteFile) -> None:
    path = write_file(
        "markup.txt",
        "date 2025-03 Dit is [bold red]x[/] in een zin.\n\n"
        "En een [link=file:///etc/passwd]y[/link] in de volgende.\n",
    )
    texts = [block.text for block in read_article(path).blocks]
    assert texts == [
        "Dit is [bold red]x[/] in een zin.",
        "En een [link=file:///etc/passwd]y[/link] in de volgende.",
    ]


def test_escape_sequences_in_a_plain_text_file_never_reach_blocks_or_title(
    write_file: WriteFile,
) -> None:
    path = write_file(
        "escapes.txt",
        "date 2025-03 \x1b]0;pwned\x07Poetin \x1b[31mspreekt\x1b[0m de pers toe. Meer.\n\n"
        "Klembord\x1b]52;c;ZXZpbA==\x07 en \x9b2J scherm \x1bPq\x1b\\wissen.\n\n"
        "„Geen \u202evertrouwen” \x1b[1mVolodymyr Zelensky\x1b[0m\n",
    )
    article = read_article(path)
    assert article.title == "Poetin spreekt de pers toe."
    for text in visible_text(article):
        assert not any(character in text for character in ESCAPE_CHARACTERS), repr(text)


def test_escape_sequences_in_markdown_front_matter_never_reach_the_title() -> None:
    text = '---\ntitle: "\\e]0;pwned\\aEcht \\e[1mvet\\e[0m"\nsource: "\\x9b2JNOS"\n---\n\nTekst.\n'
    article = parse_markdown(text, Path("a.md"))
    assert (article.title, article.source) == ("Echt vet", "NOS")


def test_escape_sequences_in_a_markdown_body_never_reach_blocks(write_file: WriteFile) -> None:
    path = write_file(
        "escapes.md",
        "# Kop \x1b]0;pwned\x07hier\n\n*Nadruk*\x1b[31m en [link](https://x.nl/\x1b[2J)\n",
    )
    article = read_article(path)
    for text in visible_text(article):
        assert not any(character in text for character in ESCAPE_CHARACTERS), repr(text)
    targets = [mark.target or "" for block in article.blocks for mark in block.marks]
    assert not any("\x1b" in target for target in targets)


def test_markdown_character_references_to_controls_do_not_decode_to_controls() -> None:
    article = parse_markdown("Klembord &#x1b;]52;c;ZXZpbA==&#x7; en &#x9b;2J.\n", Path("a.md"))
    for text in visible_text(article):
        assert not any(character in text for character in ESCAPE_CHARACTERS), repr(text)


def test_markdown_character_references_to_bidi_overrides_are_removed() -> None:
    article = parse_markdown("Open bestand &#x202E;txt.exe&#x202C; nu.\n", Path("a.md"))
    for text in visible_text(article):
        assert "\u202e" not in text and "\u202c" not in text, repr(text)
