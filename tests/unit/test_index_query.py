"""Reading search queries: words, phrases and filters, and nothing a user types breaks FTS5."""

from __future__ import annotations

import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_tui.core.search_query import SearchQuery, excerpt, parse_query
from briefing_tui.core.search_terms import actor_key, date_key, filter_keys, fold, tag_key


def test_words_phrases_and_filters_are_told_apart() -> None:
    query = parse_query('Poetin "staakt het vuren" #Koersk @Zelensky date:2025-3 wapens')
    assert query == SearchQuery(
        words=("Poetin", "wapens"),
        phrases=("staakt het vuren",),
        tags=("koersk",),
        actors=("zelensky",),
        dates=("2025-03",),
    )


def test_an_actor_may_be_named_in_full_between_quotes() -> None:
    assert parse_query('@"Volodymyr   Zelensky" kyiv').actors == ("volodymyr zelensky",)
    assert parse_query("@Oekraïne").actors == ("oekraine",)


def test_dates_at_each_precision_and_bad_dates_are_words() -> None:
    assert parse_query("date:2025 date:2025-04-19").dates == ("2025", "2025-04-19")
    bad = parse_query("date:2025-13 date:soon")
    assert bad.dates == () and bad.words == ("date:2025-13", "date:soon")


def test_half_typed_parts_are_harmless() -> None:
    assert parse_query('"staakt het').phrases == ("staakt het",)
    assert parse_query('# @ date: "') == SearchQuery(words=("date:",))
    assert parse_query("   ").is_empty


def test_fts_expression_quotes_every_term_and_puts_filters_in_the_keys_column() -> None:
    query = parse_query('NEAR(a b) OR "x" col:y #koersk date:2025-03 @"Volodymyr Zelensky"')
    assert query.fts_expression() == (
        '{text note tags} : ("NEAR(a" "b)" "OR" "x" "col:y")'
        f' AND keys : "{date_key("2025-03")}" AND keys : "{tag_key("koersk")}"'
        f' AND keys : "{actor_key("volodymyr")}" AND keys : "{actor_key("zelensky")}"'
    )


def test_filter_keys_cover_each_date_precision_tag_and_actor_word() -> None:
    keys = filter_keys("2025-03-15", ["koersk"], ["Volodymyr Zelensky", "Oekraïne"]).split()
    assert keys[:3] == ["d2025", "d202503", "d20250315"]
    assert tag_key("koersk") in keys
    assert {actor_key("volodymyr"), actor_key("zelensky"), actor_key("oekraine")} <= set(keys)


def test_fold_removes_case_and_diacritics() -> None:
    assert fold("Oekraïne Zelenskyy ÉÉN") == "oekraine zelenskyy een"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_any_typed_text_parses_and_is_a_valid_fts5_query(text: str) -> None:
    query = parse_query(text)
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE VIRTUAL TABLE t USING fts5(text, note, tags, keys,"
        " tokenize = 'unicode61 remove_diacritics 2')"
    )
    connection.execute("INSERT INTO t VALUES ('Oekraïne en de NAVO', '', '', 'd2025')")
    if not query.is_empty:
        connection.execute("SELECT * FROM t WHERE t MATCH ?", (query.fts_expression(),)).fetchall()
    assert parse_query(query.describe()) == query


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab \n\t"), min_size=1, max_size=300),
    st.integers(min_value=10, max_value=80),
)
def test_excerpt_keeps_matched_words_under_their_offsets(text: str, limit: int) -> None:
    spans = tuple((i, i + 1) for i, char in enumerate(text) if char == "b")[:5]
    cut, moved = excerpt(text, spans, limit)
    assert len(cut) <= limit + 2
    for start, end in moved:
        assert set(cut[start:end]) <= {"b"} and cut[start:end]
