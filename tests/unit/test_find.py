"""Finding in an article: case and diacritics fold, offsets point into the original text."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from briefing_tui.core.find import FindSession, FoldedText, Match, find_in_blocks, fold


def spans(text: str, needle: str) -> list[str]:
    return [text[start:end] for start, end in FoldedText(text).find(needle)]


def test_oekraine_finds_oekraine_with_a_trema() -> None:
    assert spans("De president van Oekraïne zei", "Oekraine") == ["Oekraïne"]


def test_trema_written_as_a_combining_mark_is_found_and_kept_in_the_match() -> None:
    text = unicodedata.normalize("NFD", "Oekraïne en oekraïne")
    assert spans(text, "oekraine") == [
        unicodedata.normalize("NFD", "Oekraïne"),
        unicodedata.normalize("NFD", "oekraïne"),
    ]


def test_neither_case_nor_accents_count_on_either_side() -> None:
    assert spans("café cafe CAFÉ", "CAFE") == ["café", "cafe", "CAFÉ"]
    assert spans("cafe", "café") == ["cafe"]


def test_sharp_s_matches_ss_and_covers_the_whole_character() -> None:
    assert spans("Die Straße", "strasse") == ["Straße"]
    assert spans("Die Straße", "s") == ["S", "ß"]


def test_ligature_is_found_by_its_letters() -> None:
    assert spans("ﬁnale", "fin") == ["ﬁn"]


def test_empty_needle_finds_nothing() -> None:
    assert FoldedText("tekst").find("") == []
    assert FoldedText("tekst").find("\u0301") == []


def test_matches_do_not_overlap() -> None:
    assert FoldedText("aaaa").find("aa") == [(0, 2), (2, 4)]


def test_find_in_blocks_reports_block_and_offsets_in_reading_order() -> None:
    blocks = [FoldedText("Kyiv en Moskou"), FoldedText("Geen"), FoldedText("Moskou, moskou")]
    assert find_in_blocks(blocks, "moskou") == [
        Match(0, 8, 14),
        Match(2, 0, 6),
        Match(2, 8, 14),
    ]


TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60
) | st.text(alphabet="aAäÄëeEßsSﬁfi\u0308\u0301 İıǰ", max_size=30)


@given(TEXT, TEXT)
def test_every_match_is_a_slice_of_the_original_that_folds_to_contain_the_needle(
    text: str, needle: str
) -> None:
    found = FoldedText(text).find(needle)
    previous_end = 0
    for start, end in found:
        assert previous_end <= start < end <= len(text)
        assert fold(needle) in fold(text[start:end])
        previous_end = end


@given(TEXT, TEXT, TEXT)
def test_a_needle_placed_in_the_text_is_found_where_it_was_placed(
    before: str, needle: str, after: str
) -> None:
    if not fold(needle) or (after and not fold(after[0])):
        return  # nothing to find, or a combining mark that would join the needle's end
    text = before + needle + after
    where = (len(before), len(before) + len(needle))
    found = FoldedText(text).find(needle)
    assert any(start < where[1] and end > where[0] for start, end in found)


@given(st.text(alphabet="abAB .", max_size=40), st.text(alphabet="abAB .", min_size=1, max_size=4))
def test_on_ascii_text_it_finds_what_a_case_insensitive_regex_finds(text: str, needle: str) -> None:
    expected = [m.span() for m in re.finditer(re.escape(needle), text, re.IGNORECASE)]
    assert FoldedText(text).find(needle) == expected


def test_session_jumps_to_the_first_match_from_the_cursor_and_counts() -> None:
    session = FindSession(["Kyiv", "Geen", "Kyiv en kyiv", "Kyiv"])
    session.search("kyiv", here=1, jump=True)

    assert session.current == Match(2, 0, 4)
    assert session.count_text == "2/4"


def test_session_steps_wrap_round_both_ways() -> None:
    session = FindSession(["a", "b a", "a"])
    session.search("a", here=0, jump=True)

    session.step(-1, here=0)
    assert session.count_text == "3/3"
    session.step(1, here=0)
    assert session.count_text == "1/3"


def test_session_without_a_chosen_match_steps_from_the_cursor() -> None:
    session = FindSession(["a", "b", "a", "b", "a"])
    session.search("a", here=2, jump=False)
    assert session.count_text == "3 found"

    session.step(1, here=2)
    assert session.current == Match(4, 0, 1)
    session.clear()
    session.search(session.query, here=2, jump=False)
    session.step(-1, here=2)
    assert session.current == Match(0, 0, 1)


def test_session_says_no_match_and_nothing_for_an_empty_query() -> None:
    session = FindSession(["tekst"])
    session.search("zzz", here=0, jump=True)
    assert session.count_text == "no match" and session.spans() == {}
    session.search("  ", here=0, jump=True)
    assert session.count_text == ""
