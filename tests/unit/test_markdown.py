"""Markdown articles: blocks, inline marks and front matter (TOML and YAML)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.core.dates import PartialDate, Precision
from briefing_tui.core.markdown_article import parse_markdown
from briefing_tui.core.model import Article, Block, BlockKind, MarkStyle

BODY = "De Russische president sprak in Moskou met de pers.\n"


def parse(text: str) -> Article:
    return parse_markdown(text, Path("article.md"))


def only_block(text: str) -> Block:
    blocks = parse(text).blocks
    assert len(blocks) == 1, blocks
    return blocks[0]


def marked(block: Block) -> list[tuple[MarkStyle, str, str | None]]:
    return [(mark.style, block.text[mark.start : mark.end], mark.target) for mark in block.marks]


# Blocks


def test_headings_keep_their_level() -> None:
    blocks = parse("# Een\n\n## Twee\n\n###### Zes\n").blocks
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        (BlockKind.HEADING, 1, "Een"),
        (BlockKind.HEADING, 2, "Twee"),
        (BlockKind.HEADING, 6, "Zes"),
    ]


def test_setext_heading_is_a_heading() -> None:
    block = only_block("Koersk\n======\n")
    assert (block.kind, block.level, block.text) == (BlockKind.HEADING, 1, "Koersk")


def test_paragraphs_are_separate_blocks_with_soft_breaks_as_spaces() -> None:
    blocks = parse("Eerste regel\ntweede regel.\n\nVolgende alinea.\n").blocks
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.PARAGRAPH, "Eerste regel tweede regel."),
        (BlockKind.PARAGRAPH, "Volgende alinea."),
    ]


def test_block_quote_is_a_quote() -> None:
    block = only_block("> Een citaat\n> over twee regels.\n")
    assert (block.kind, block.level, block.text) == (
        BlockKind.QUOTE,
        1,
        "Een citaat over twee regels.",
    )


def test_nested_block_quote_has_depth_two() -> None:
    block = only_block("> > Diep geciteerd.\n")
    assert (block.kind, block.level) == (BlockKind.QUOTE, 2)


@pytest.mark.parametrize("dash", ["—", "–", "--"])
def test_block_quote_ending_in_a_dash_line_is_a_pull_quote(dash: str) -> None:
    block = only_block(f"> „Er is geen vertrouwen in Moskou”\n> {dash} Volodymyr Zelensky\n")
    assert block.kind is BlockKind.PULLQUOTE
    assert block.quote == "„Er is geen vertrouwen in Moskou”"
    assert block.attribution == "Volodymyr Zelensky"


def test_pull_quote_spanning_lines_has_its_lines_joined() -> None:
    block = only_block("> „Er is geen\n> vertrouwen”\n> — Volodymyr Zelensky\n")
    assert block.quote == "„Er is geen vertrouwen”"


def test_block_quote_without_a_dash_line_stays_a_quote() -> None:
    block = only_block("> „Er is geen vertrouwen”\n> Volodymyr Zelensky\n")
    assert block.kind is BlockKind.QUOTE
    assert block.attribution is None


def test_bullet_list_items_have_a_bullet_marker() -> None:
    blocks = parse("- een\n- twee\n").blocks
    assert [(b.kind, b.marker, b.level, b.text) for b in blocks] == [
        (BlockKind.LIST_ITEM, "•", 1, "een"),
        (BlockKind.LIST_ITEM, "•", 1, "twee"),
    ]


def test_ordered_list_items_are_numbered_from_the_start_number() -> None:
    blocks = parse("3. drie\n4. vier\n").blocks
    assert [(b.kind, b.marker, b.text) for b in blocks] == [
        (BlockKind.LIST_ITEM, "3.", "drie"),
        (BlockKind.LIST_ITEM, "4.", "vier"),
    ]


def test_nested_list_item_has_level_two() -> None:
    blocks = parse("1. buiten\n   - binnen\n").blocks
    assert [(b.marker, b.level, b.text) for b in blocks] == [
        ("1.", 1, "buiten"),
        ("•", 2, "binnen"),
    ]


def test_fenced_code_is_a_code_block_with_its_lines() -> None:
    block = only_block("```\nregel een\nregel twee\n```\n")
    assert (block.kind, block.text) == (BlockKind.CODE, "regel een\nregel twee")


# Inline marks


def test_emphasis_strong_link_and_code_marks_cover_their_text() -> None:
    block = only_block("Met *nadruk*, **sterk**, een [link](https://nos.nl/) en `code`.\n")
    assert block.text == "Met nadruk, sterk, een link en code."
    assert marked(block) == [
        (MarkStyle.EMPHASIS, "nadruk", None),
        (MarkStyle.STRONG, "sterk", None),
        (MarkStyle.LINK, "link", "https://nos.nl/"),
        (MarkStyle.CODE, "code", None),
    ]


def test_marks_after_a_soft_break_keep_their_offsets() -> None:
    block = only_block("Eerste regel\nen dan *nadruk* hier.\n")
    assert marked(block) == [(MarkStyle.EMPHASIS, "nadruk", None)]


def test_nested_marks_cover_their_own_text() -> None:
    block = only_block("*heel **sterk** gezegd*\n")
    assert sorted(marked(block)) == sorted(
        [(MarkStyle.EMPHASIS, "heel sterk gezegd", None), (MarkStyle.STRONG, "sterk", None)]
    )


def test_marks_in_a_list_item_cover_their_text() -> None:
    block = only_block("- een **sterk** punt\n")
    assert marked(block) == [(MarkStyle.STRONG, "sterk", None)]


# Front matter


TOML_ARTICLE = (
    """+++
title = "Poetin over het bestand"
date = 2025-03-15
source = "NOS"
language = "nl"
tags = ["oekraine", "#rusland"]
id = "nos-123"
+++

"""
    + BODY
)

YAML_ARTICLE = (
    """---
title: Poetin over het bestand
date: 2025-03
source: NOS
language: NL
tags: [oekraine, "#rusland"]
id: 123
---

"""
    + BODY
)


def test_toml_front_matter_fields_are_read() -> None:
    article = parse(TOML_ARTICLE)
    assert article.title == "Poetin over het bestand"
    assert article.date == PartialDate(2025, 3, 15)
    assert article.source == "NOS"
    assert article.language == "nl"
    assert article.tags == ("oekraine", "rusland")
    assert article.article_id == "nos-123"
    assert article.problems == ()


def test_toml_front_matter_is_not_part_of_the_body() -> None:
    article = parse(TOML_ARTICLE)
    assert [(b.kind, b.text) for b in article.blocks] == [(BlockKind.PARAGRAPH, BODY.strip())]


def test_yaml_front_matter_fields_are_read() -> None:
    article = parse(YAML_ARTICLE)
    assert article.title == "Poetin over het bestand"
    assert article.date == PartialDate(2025, 3)
    assert article.source == "NOS"
    assert article.language == "nl"
    assert article.tags == ("oekraine", "rusland")
    assert article.article_id == "123"
    assert article.problems == ()


def test_yaml_front_matter_is_not_part_of_the_body() -> None:
    article = parse(YAML_ARTICLE)
    assert [(b.kind, b.text) for b in article.blocks] == [(BlockKind.PARAGRAPH, BODY.strip())]


def test_yaml_date_keeps_month_precision() -> None:
    article = parse(YAML_ARTICLE)
    assert article.date is not None
    assert article.date.precision is Precision.MONTH


def test_yaml_tags_as_a_comma_separated_string() -> None:
    article = parse(f"---\ntags: 'oekraine, rusland'\n---\n\n{BODY}")
    assert article.tags == ("oekraine", "rusland")


def test_front_matter_title_wins_over_the_first_heading() -> None:
    article = parse(f"---\ntitle: Uit front matter\n---\n\n# Uit de kop\n\n{BODY}")
    assert article.title == "Uit front matter"


def test_title_comes_from_the_first_h1_without_front_matter_title() -> None:
    assert parse(f"# De kop van het stuk\n\n{BODY}").title == "De kop van het stuk"


def test_title_is_the_first_sentence_without_heading_or_front_matter() -> None:
    article = parse("Eerste zin hier. Tweede zin daar.\n")
    assert article.title == "Eerste zin hier."


def test_impossible_front_matter_date_is_a_problem_not_an_error() -> None:
    article = parse(f'+++\ndate = "2025-13"\n+++\n\n{BODY}')
    assert article.date is None
    assert len(article.problems) == 1
    assert article.problems[0].startswith("date ignored")


def test_broken_yaml_front_matter_still_loads_with_a_problem() -> None:
    article = parse(f"---\ntitle: [niet gesloten\n---\n\n{BODY}")
    assert len(article.problems) == 1
    assert article.problems[0].startswith("front matter ignored:")
    assert article.blocks[-1].text == BODY.strip()
    assert article.title == BODY.strip()


def test_broken_yaml_front_matter_is_kept_as_a_code_block_first() -> None:
    article = parse(f"---\ntitle: [niet gesloten\n---\n\n{BODY}")
    assert (article.blocks[0].kind, article.blocks[0].text) == (
        BlockKind.CODE,
        "title: [niet gesloten",
    )


def test_broken_toml_front_matter_still_loads_with_a_problem() -> None:
    article = parse(f"+++\ntitle = \n+++\n\n{BODY}")
    assert len(article.problems) == 1
    assert article.problems[0].startswith("front matter ignored:")
    assert article.blocks[-1].text == BODY.strip()


def test_broken_toml_front_matter_is_kept_as_a_code_block_first() -> None:
    article = parse(f"+++\ntitle = \n+++\n\n{BODY}")
    assert (article.blocks[0].kind, article.blocks[0].text) == (BlockKind.CODE, "title = ")


def test_unclosed_front_matter_is_reported_and_read_as_text() -> None:
    article = parse(f"---\ntitle: open\n\n{BODY}")
    assert article.problems == ("front matter is not closed; read as text",)
    assert article.blocks[-1].text == BODY.strip()


def test_front_matter_that_is_not_a_table_is_reported() -> None:
    article = parse(f"---\n- een\n- twee\n---\n\n{BODY}")
    assert article.problems == ("front matter ignored: it is not a table of fields",)
    assert article.blocks[0].kind is BlockKind.CODE


# Regressions: each of these once broke the parser.


def test_impossible_yaml_date_is_a_problem_not_a_crash() -> None:
    article = parse(f"---\ndate: 2025-02-30\n---\n\n{BODY}")
    assert article.date is None
    assert article.problems


def test_deeply_nested_toml_front_matter_is_a_problem_not_a_crash() -> None:
    # The RecursionError is turned into a short assertion: pytest takes seconds to
    # format a traceback thousands of frames deep.
    try:
        article: Article | None = parse("+++\nx = " + "[" * 5000 + "\n+++\n\n" + BODY)
    except RecursionError:
        article = None
    assert article is not None, "parse_markdown raised RecursionError"
    assert article.problems


def test_title_comes_from_the_first_h1_when_front_matter_is_broken() -> None:
    article = parse(f"---\ntitle: [niet gesloten\n---\n\n# De kop\n\n{BODY}")
    assert article.title == "De kop"


def test_empty_heading_does_not_turn_the_next_paragraph_into_a_heading() -> None:
    blocks = parse("#\n\nGewone alinea.\n").blocks
    assert [(b.kind, b.text) for b in blocks] == [(BlockKind.PARAGRAPH, "Gewone alinea.")]


def test_empty_list_item_does_not_give_the_next_paragraph_a_marker() -> None:
    blocks = parse("-\n\nGewone alinea.\n").blocks
    assert blocks[-1].kind is BlockKind.PARAGRAPH
    assert blocks[-1].marker is None


def test_image_alt_text_is_shown_without_markdown_syntax() -> None:
    assert only_block("![**Kaart** van Koersk](kaart.png)\n").text == "Kaart van Koersk"


def test_front_matter_language_name_nederlands_is_nl() -> None:
    assert parse(f"---\nlanguage: Nederlands\n---\n\n{BODY}").language == "nl"
