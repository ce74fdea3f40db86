"""Who said a quote, and how sure that is: one test per class of attribution evidence.

Synthetic Dutch and English sentences; each names the class of error it guards against.
"""

from __future__ import annotations

import pytest

from briefing_tui.core.analysis import Analysis, Quote, QuoteKind, analyze_blocks
from briefing_tui.core.analysis.model import CONFIDENT


def analyse(*blocks: str) -> Analysis:
    return analyze_blocks(list(blocks))


def quote_with(text: str, *blocks: str) -> Quote:
    """The quote whose words start with `text`."""
    found = [quote for quote in analyse(*blocks).quotes if quote.text.startswith(text)]
    assert len(found) == 1, analyse(*blocks).quotes
    return found[0]


# --- the subject of the speech verb ----------------------------------------------------------

SUBJECT_CASES = {
    "nl title and ministry between verb and name": (
        "„We sluiten de grens”, vult minister van Binnenlandse Zaken Pieter de Vries aan.",
        "Pieter de Vries",
    ),
    "nl compound title after aldus": (
        "„Een prachtig boek”, aldus juryvoorzitter Anna Bakker.",
        "Anna Bakker",
    ),
    "nl verb that only attributes after a quote": (
        "„We reden sterk”, ging Remco Peeters verder.",
        "Remco Peeters",
    ),
    "nl zo laat X weten": (
        "„Het is alle hens aan dek”, zo liet minister Karin de Wit van Zorg weten.",
        "Karin de Wit",
    ),
    "nl zoals X zei": (
        "De bond blijft „van noord tot zuid”, zoals voorzitter Jan Smit zei.",
        "Jan Smit",
    ),
    "nl preposition before the place is not the subject": (
        "Vanuit Berlijn laat Kamerlid Theo Smits weten geschokt te zijn. „Onvoorstelbaar.”",
        "Theo Smits",
    ),
    "en named subject with an aside, after the quote": (
        '"We will look at it," Michael Mates, who chairs the committee, told the BBC.',
        "Michael Mates",
    ),
    "en named subject with an aside, before the quote": (
        'Michael Mates, who chairs the committee, told the BBC: "We will look at it."',
        "Michael Mates",
    ),
    "en X told Y: the speaker is X": (
        'Prime Minister Tony Blair spoke in Leeds. The prime minister told BBC One: "We will win."',
        "Tony Blair",
    ),
    "en name qualifying a title is not the speaker": (
        '"It is the same attack," Clinton press secretary Brian Fallon said on Monday.',
        "Brian Fallon",
    ),
}


@pytest.mark.parametrize(("text", "speaker"), SUBJECT_CASES.values(), ids=SUBJECT_CASES.keys())
def test_the_speaker_is_the_subject_of_the_speech_verb(text: str, speaker: str) -> None:
    quote = analyse(text).quotes[-1]
    assert quote.speaker == speaker
    assert quote.speaker_confidence >= CONFIDENT


# --- role phrases and bodies -------------------------------------------------------------------


def test_a_role_phrase_is_the_person_the_article_gives_that_role() -> None:
    quote = quote_with(
        "We will",
        "Tory leader Michael Howard visited Leeds.",
        '"We will cut taxes," the Tory leader said.',
    )
    assert quote.speaker == "Michael Howard"


def test_a_dutch_role_phrase_is_the_person_named_with_it() -> None:
    quote = quote_with(
        "We gaan",
        "Bondscoach Ronald Kuiper koos voor de aanval.",
        "„We gaan winnen”, zei de bondscoach na afloop.",
    )
    assert quote.speaker == "Ronald Kuiper"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"We will look into it," a spokesman said.', "a spokesman"),
        ("„We kijken ernaar”, zegt een woordvoerder.", "een woordvoerder"),
        ("Dan is de rechter het zat: „Nu is het genoeg!”", "de rechter"),
        ('"The plan is flawed," the committee said.', "the committee"),
    ],
)
def test_a_role_the_article_names_no_one_for_stays_the_role(text: str, speaker: str) -> None:
    assert analyse(text).quotes[-1].speaker == speaker


def test_roles_are_kept_as_the_article_writes_them() -> None:
    roles = analyse("De Amerikaanse president Trump zei niets.").roles
    assert ("Trump", "Amerikaanse president") in roles


# --- pronouns ------------------------------------------------------------------------------------


def test_a_dutch_pronoun_is_the_subject_before_not_the_last_name() -> None:
    quote = quote_with(
        "Het was",
        "Jan de Vries ontmoette gisteren Piet Jansen in Utrecht. „Het was goed”, zei hij.",
    )
    assert quote.speaker == "Jan de Vries"


def test_an_english_pronoun_is_the_subject_not_the_object() -> None:
    quote = quote_with(
        "It is",
        'Keir Starmer criticised Boris Johnson in the Commons. He said: "It is a disgrace."',
    )
    assert quote.speaker == "Keir Starmer"


def test_a_pronoun_skips_a_name_after_a_title_and_preposition() -> None:
    quote = quote_with(
        "Ik weet",
        "Of dat een verwijzing naar viroloog Marc Peters is, wil Anna Smit niet zeggen. "
        "„Ik weet het niet”, zegt ze.",
    )
    assert quote.speaker == "Anna Smit"


def test_she_is_not_a_man_the_article_calls_mr() -> None:
    quote = quote_with(
        "I disagree",
        'Mrs Jones met Mr Smith in Leeds. She said: "I disagree with him."',
    )
    assert quote.speaker == "Jones"


# --- continuation quotes -------------------------------------------------------------------------


def test_a_quote_after_someone_new_is_introduced_is_theirs() -> None:
    quote = quote_with(
        "Waarom",
        "Lotte Visser belde de gevangenis. „Dit is de nieuwe werkelijkheid.” "
        "Het wil er bij officier van justitie Koos Maas niet in. „Waarom is alles dicht?”",
    )
    assert quote.speaker == "Koos Maas"


def test_quotes_joined_by_and_share_the_attribution_after_them() -> None:
    quote = quote_with(
        "the ultimate",
        'Guns are "the ultimate crisis" and "stunt growth," Howard Dean, the former governor, '
        "told the convention.",
    )
    assert quote.speaker == "Howard Dean"


def test_a_quote_after_a_quote_ending_its_sentence_is_not_the_next_sentences() -> None:
    quote = quote_with(
        "Men moet",
        "De WHO drong aan op strenge maatregelen. „Men moet de inspanningen verdubbelen.” "
        "Frankrijk kondigde al een lockdown aan.",
    )
    assert quote.speaker != "Frankrijk"


# --- partial quotes in indirect speech -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Donald Trump noemde het plan „veelbelovend” in een toespraak.", "Donald Trump"),
        ('Tony Blair said the plans "stink".', "Tony Blair"),
    ],
)
def test_a_quoted_word_in_indirect_speech_is_a_partial_quote(text: str, speaker: str) -> None:
    quote = analyse(text).quotes[0]
    assert quote.kind is QuoteKind.PARTIAL
    assert quote.speaker == speaker


def test_a_quoted_term_in_indirect_speech_stays_a_scare_quote() -> None:
    quote = analyse("Het ministerie kondigde aan het ‘staakt-het-vuren’ niet te verlengen.").quotes[
        0
    ]
    assert quote.kind is QuoteKind.SCARE


# --- confidence ----------------------------------------------------------------------------------


def test_a_verb_and_a_name_in_the_quotes_sentence_are_near_certain() -> None:
    quote = analyse("„We gaan door”, zei Mark Rutte.").quotes[0]
    assert quote.speaker_confidence >= 0.9


def test_a_guess_from_the_previous_sentence_is_uncertain() -> None:
    quote = quote_with("Het is", "Mark Rutte liep na het debat naar buiten. „Het is voorbij.”")
    assert quote.speaker == "Mark Rutte"
    assert quote.speaker_confidence < CONFIDENT


def test_no_speaker_has_confidence_zero() -> None:
    quote = analyse("Er hing een bord met „Verboden toegang” aan het hek.").quotes[0]
    assert quote.speaker is None
    assert quote.speaker_confidence == 0.0
