"""Quotes and their speakers, as `analyze_blocks` reports them for small Dutch and English texts.

Each test states one behaviour. Cases the analyser gets wrong today are kept with a strict
xfail whose reason says exactly what goes wrong, so a fix shows up as an XPASS failure.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.core.analysis import Analysis, Quote, QuoteKind, analyze_article, analyze_blocks
from briefing_tui.core.markdown_article import parse_markdown


def analyse(*blocks: str) -> Analysis:
    return analyze_blocks(list(blocks))


def only_quote(*blocks: str) -> Quote:
    quotes = analyse(*blocks).quotes
    assert len(quotes) == 1, quotes
    return quotes[0]


def assert_span(blocks: tuple[str, ...], quote: Quote) -> None:
    assert blocks[quote.block][quote.start : quote.end] == quote.text


# --- every quote style, span without its marks ---------------------------------------------

SENTENCE = "Wij gaan door tot het einde."
QUOTE_STYLES = {
    "dutch low-high „”": f"Hij zei: „{SENTENCE}”",
    "english curly “”": f"Hij zei: “{SENTENCE}”",
    "straight double": f'Hij zei: "{SENTENCE}"',
    "curly single ‘’": f"Hij zei: ‘{SENTENCE}’",
    "straight single": f"Hij zei: '{SENTENCE}'",
    "guillemets «»": f"Hij zei: «{SENTENCE}»",
    "two commas and two apostrophes ,,''": f"Hij zei: ,,{SENTENCE}''",
}


@pytest.mark.parametrize("text", QUOTE_STYLES.values(), ids=QUOTE_STYLES.keys())
def test_each_quote_style_is_found_with_the_span_inside_the_marks(text: str) -> None:
    quote = only_quote(text)
    assert quote.text == SENTENCE
    start = text.index(SENTENCE)
    assert (quote.block, quote.start, quote.end) == (0, start, start + len(SENTENCE))
    assert_span((text,), quote)


def test_double_comma_opener_span_starts_after_both_commas() -> None:
    text = f"Hij zei: ,,{SENTENCE}'' en vertrok."
    quote = only_quote(text)
    assert quote.start == text.index("Wij")
    assert text[quote.end :] == "'' en vertrok."


# --- apostrophes are not quotes ----------------------------------------------------------

APOSTROPHES = {
    "zo'n": "Het is zo'n dag, en het wordt zo'n week.",
    "'s avonds": "Hij komt 's avonds en gaat 's ochtends weer.",
    "'t": "Het is 't einde, zei hij, en 't blijft stil.",
    "Trump's": "Trump's plan en Trump's team.",
    "collega's": "De collega's van de collega's zwegen.",
    "voters' (English)": "The voters' mood and the voters' choice.",
    "zo’n typographic": "Het is zo’n dag, en het wordt zo’n week.",
}


@pytest.mark.parametrize("text", APOSTROPHES.values(), ids=APOSTROPHES.keys())
def test_apostrophes_open_no_quote(text: str) -> None:
    assert analyse(text).quotes == ()


def test_an_apostrophe_inside_a_single_quoted_quote_does_not_close_it() -> None:
    text = "Hij zei: 'Het is zo'n dag, en 's avonds is 't stil.'"
    quote = only_quote(text)
    assert quote.text == "Het is zo'n dag, en 's avonds is 't stil."


def test_an_apostrophe_before_the_quote_does_not_shift_it() -> None:
    text = "Trump's man zei: 'Wij gaan door.'"
    quote = only_quote(text)
    assert quote.text == "Wij gaan door."


def test_an_elided_year_opens_no_quote() -> None:
    assert analyse("In de jaren '90 was het anders.").quotes == ()


# --- quotes broken by an attribution, and quotes across paragraphs ------------------------


def test_a_quote_broken_by_an_attribution_gives_two_quotes_with_the_same_speaker() -> None:
    text = "„Wij gaan door”, zei Jansen, „tot het einde.”"
    quotes = analyse(text).quotes
    assert [quote.text for quote in quotes] == ["Wij gaan door", "tot het einde."]
    assert [quote.speaker for quote in quotes] == ["Jansen", "Jansen"]


def test_a_quote_open_at_the_end_of_a_paragraph_ends_there() -> None:
    blocks = ("Minister Jansen zei: „Wij gaan door tot het einde", "„Dat is zeker.”")
    first = analyse(*blocks).quotes[0]
    assert (first.block, first.text) == (0, "Wij gaan door tot het einde")
    assert first.end == len(blocks[0])


def test_a_quote_reopened_in_the_next_paragraph_keeps_the_speaker() -> None:
    blocks = ("Minister Jansen zei: „Wij gaan door tot het einde", "„Dat is zeker.”")
    quotes = analyse(*blocks).quotes
    assert [(quote.block, quote.text) for quote in quotes] == [
        (0, "Wij gaan door tot het einde"),
        (1, "Dat is zeker."),
    ]
    assert [quote.speaker for quote in quotes] == ["Jansen", "Jansen"]


# --- kinds -----------------------------------------------------------------------------------


def test_a_whole_quoted_sentence_after_zei_x_colon_is_direct() -> None:
    quote = only_quote("Daarna zei Zelensky: „Wij gaan door tot het einde.”")
    assert quote.kind is QuoteKind.DIRECT
    assert quote.speaker == "Zelensky"


def test_quoted_words_in_reported_speech_are_partial_with_the_reporting_speaker() -> None:
    quote = only_quote("Zelensky zei vrijdag dat de VS zich „zeer binnenkort” terugtrekken.")
    assert quote.text == "zeer binnenkort"
    assert quote.kind is QuoteKind.PARTIAL
    assert quote.speaker == "Zelensky"


def test_partial_quote_speaker_is_the_full_name_given_earlier() -> None:
    quote = only_quote(
        "Meer voor de hand ligt dat Poetin de Amerikaanse president Donald Trump voor zich wil "
        "winnen. Trump zei vrijdag namelijk dat de VS zich „zeer binnenkort” terugtrekken."
    )
    assert quote.kind is QuoteKind.PARTIAL
    assert quote.speaker == "Donald Trump"


def test_partial_quote_speaker_when_the_reporter_opens_the_paragraph() -> None:
    quote = only_quote("Trump zei vrijdag dat de VS zich „zeer binnenkort” terugtrekken.")
    assert quote.speaker == "Trump"


def test_a_single_quoted_term_is_a_scare_quote_without_speaker() -> None:
    text = "Het ministerie kondigde aan het ‘staakt-het-vuren’ niet te verlengen."
    quote = only_quote(text)
    assert quote.text == "staakt-het-vuren"
    assert quote.kind is QuoteKind.SCARE
    assert quote.speaker is None


def test_a_scare_quote_in_a_sentence_with_a_speaker_still_has_no_speaker() -> None:
    quote = only_quote("Grote vraag is welke intenties Poetin met zijn ‘vredesvoorstellen’ heeft.")
    assert quote.kind is QuoteKind.SCARE
    assert quote.speaker is None


# --- speakers --------------------------------------------------------------------------------


def test_speaker_after_the_quote_zei() -> None:
    assert only_quote("„Wij gaan door tot het einde”, zei Poetin.").speaker == "Poetin"


def test_speaker_after_the_quote_vroeg() -> None:
    assert only_quote("„Gaan wij door tot het einde?”, vroeg Poetin.").speaker == "Poetin"


def test_speaker_before_the_quote_x_zei_colon() -> None:
    assert only_quote("Poetin zei: „Wij gaan door tot het einde.”").speaker == "Poetin"


def test_speaker_before_the_quote_x_zei_colon_when_named_earlier_mid_sentence() -> None:
    text = "De Russische president Poetin sprak. Poetin zei: „Wij gaan door tot het einde.”"
    assert only_quote(text).speaker == "Poetin"


def test_speaker_from_volgens() -> None:
    assert only_quote("Volgens Rutte is het „een goed plan”.").speaker == "Rutte"


def test_speaker_is_the_full_name_after_a_role_and_schreef_op() -> None:
    text = (
        "De Oekraïense president Volodymyr Zelensky schreef op X: „Op dit moment gaat het "
        "luchtalarm af boven Oekraïne.”"
    )
    quote = only_quote(text)
    assert quote.speaker == "Volodymyr Zelensky"
    assert quote.kind is QuoteKind.DIRECT


def test_english_said_mr_speaker() -> None:
    speaker = only_quote('"We will win," said Mr Blair.').speaker
    assert speaker is not None
    assert speaker.endswith("Blair")


def test_english_he_added_resolves_to_the_person_named_before() -> None:
    text = 'Former prime minister Tony Blair spoke in London. "We will win," he added.'
    assert only_quote(text).speaker == "Tony Blair"


def test_english_he_added_after_a_sentence_opening_full_name() -> None:
    text = 'Tony Blair spoke in London. "We will win," he added.'
    assert only_quote(text).speaker == "Tony Blair"


def test_a_role_phrase_stands_for_the_person_it_was_given_to() -> None:
    blocks = (
        "De Russische president Poetin sprak in Moskou.",
        '"Misschien moeten we bellen", zei de Russische president.',
    )
    quote = only_quote(*blocks)
    assert quote.block == 1
    assert quote.speaker == "Poetin"


def test_a_title_with_a_verb_before_the_name_is_no_apposition() -> None:
    """ "een journalist vroeg Poetin" gives Poetin no role; "de minister van Buitenlandse
    Zaken Lavrov" gives Lavrov his, past the title's complement."""
    assert analyse("Een journalist vroeg Poetin of hij loog.").roles == ()
    assert analyse("Een journalist zei tegen Poetin dat hij loog.").roles == ()
    roles = analyse("De minister van Buitenlandse Zaken Lavrov sprak in Moskou.").roles
    assert ("Lavrov", "minister") in roles


def test_a_surname_speaker_resolves_to_the_titled_full_name() -> None:
    blocks = (
        "De Oekraïense president Volodymyr Zelensky sprak in Kyiv.",
        "„Wij houden stand”, zei Zelensky.",
    )
    assert only_quote(*blocks).speaker == "Volodymyr Zelensky"


def test_a_surname_speaker_resolves_to_the_untitled_full_name() -> None:
    blocks = ("Volodymyr Zelensky sprak in Kyiv.", "„Wij houden stand”, zei Zelensky.")
    assert only_quote(*blocks).speaker == "Volodymyr Zelensky"


def test_a_name_inside_the_quote_is_not_the_speaker() -> None:
    text = "„Rutte heeft gelijk”, zei Zelensky."
    assert only_quote(text).speaker == "Zelensky"


def test_a_sentence_opening_elided_article_is_no_speaker() -> None:
    assert only_quote("'s Avonds zei hij: 'Wij gaan door.'").speaker is None


# --- pull quotes without quotation marks (Markdown) ------------------------------------------

MARKDOWN_PULL_QUOTE = """Zelensky sprak dinsdag in Kyiv.

> Er is geen vertrouwen in woorden die uit Moskou komen
> — Volodymyr Zelensky
"""


def test_a_markdown_pull_quote_without_marks_is_a_direct_quote_of_its_attribution() -> None:
    article = parse_markdown(MARKDOWN_PULL_QUOTE, Path("pull.md"))
    quote = only_quote_of(analyze_article(article))

    assert quote.block == 1
    assert quote.text == "Er is geen vertrouwen in woorden die uit Moskou komen"
    assert article.blocks[1].text[quote.start : quote.end] == quote.text
    assert quote.speaker == "Volodymyr Zelensky"
    assert quote.kind is QuoteKind.DIRECT


def test_a_pull_quote_with_marks_is_found_once() -> None:
    text = MARKDOWN_PULL_QUOTE.replace("> Er is", "> „Er is").replace("komen\n", "komen”\n")
    quote = only_quote_of(analyze_article(parse_markdown(text, Path("pull.md"))))

    assert quote.text == "Er is geen vertrouwen in woorden die uit Moskou komen"
    assert quote.speaker == "Volodymyr Zelensky"


def only_quote_of(analysis: Analysis) -> Quote:
    assert len(analysis.quotes) == 1, analysis.quotes
    return analysis.quotes[0]
