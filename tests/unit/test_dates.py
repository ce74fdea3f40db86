"""Partial dates: parsing, precision, validation, and newest-first ordering of articles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefing_tui.core.dates import DateError, PartialDate, Precision
from briefing_tui.core.library import group_by_date, newest_first
from briefing_tui.core.model import Article


def article(title: str, date: str | None) -> Article:
    return Article(
        path=Path(f"{title}.txt"),
        title=title,
        blocks=(),
        date=PartialDate.parse(date) if date is not None else None,
    )


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("2025", PartialDate(2025), Precision.YEAR),
        ("2025-03", PartialDate(2025, 3), Precision.MONTH),
        ("2025-03-15", PartialDate(2025, 3, 15), Precision.DAY),
    ],
)
def test_parse_reads_year_month_and_day_precision(
    text: str, expected: PartialDate, precision: Precision
) -> None:
    parsed = PartialDate.parse(text)
    assert parsed == expected
    assert parsed.precision is precision
    assert parsed.iso() == text


def test_parse_pads_single_digit_month_and_day_in_iso() -> None:
    assert PartialDate.parse("2025-3-5").iso() == "2025-03-05"


def test_parse_ignores_surrounding_whitespace() -> None:
    assert PartialDate.parse("  2025-03 \n") == PartialDate(2025, 3)


def test_str_is_iso() -> None:
    assert str(PartialDate(2025, 3)) == "2025-03"


def test_leap_day_is_a_date() -> None:
    assert PartialDate.parse("2024-02-29") == PartialDate(2024, 2, 29)


@pytest.mark.parametrize("text", ["2025-13", "2025-00", "2025-02-30", "2025-04-31", "2023-02-29"])
def test_impossible_dates_raise_date_error(text: str) -> None:
    with pytest.raises(DateError):
        PartialDate.parse(text)


@pytest.mark.parametrize("text", ["", "25", "2025/03", "2025-03-15x", "March 2025", "0000"])
def test_malformed_dates_raise_date_error(text: str) -> None:
    with pytest.raises(DateError):
        PartialDate.parse(text)


def test_date_error_is_a_value_error() -> None:
    assert issubclass(DateError, ValueError)


def test_a_day_without_a_month_is_refused() -> None:
    with pytest.raises(DateError, match="a day needs a month"):
        PartialDate(2025, None, 5)


def test_newest_first_puts_finer_dates_before_coarser_ones_and_undated_last() -> None:
    articles = [
        article("undated", None),
        article("year", "2025"),
        article("feb-28", "2025-02-28"),
        article("jan-1", "2025-01-01"),
        article("march", "2025-03"),
        article("december", "2024-12"),
        article("mar-15", "2025-03-15"),
    ]
    ordered = [a.title for a in newest_first(articles)]
    assert ordered == ["mar-15", "march", "feb-28", "jan-1", "year", "december", "undated"]


def test_newest_first_orders_equal_dates_by_title() -> None:
    articles = [article("beta", "2025-03"), article("Alpha", "2025-03"), article("gamma", None)]
    assert [a.title for a in newest_first(articles)] == ["Alpha", "beta", "gamma"]


def test_group_by_date_labels_each_date_at_its_own_precision() -> None:
    articles = newest_first(
        [
            article("a", "2025-03-15"),
            article("b", "2025-03"),
            article("c", "2025-03"),
            article("d", "2025"),
            article("e", None),
        ]
    )
    groups = group_by_date(articles)
    assert [(g.label, len(g.articles)) for g in groups] == [
        ("2025-03-15", 1),
        ("2025-03", 2),
        ("2025", 1),
        ("Undated", 1),
    ]


def test_from_value_reads_a_date_at_day_precision() -> None:
    assert PartialDate.from_value(dt.date(2025, 3, 15)) == PartialDate(2025, 3, 15)


def test_from_value_reads_a_datetime_to_the_day() -> None:
    value = dt.datetime(2025, 3, 15, 23, 59, tzinfo=dt.UTC)
    assert PartialDate.from_value(value) == PartialDate(2025, 3, 15)


def test_from_value_reads_an_int_as_a_year() -> None:
    parsed = PartialDate.from_value(2025)
    assert parsed == PartialDate(2025)
    assert parsed.precision is Precision.YEAR


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03", PartialDate(2025, 3)),
        ("2025-03-15", PartialDate(2025, 3, 15)),
        ("2025-03-15T10:00:00Z", PartialDate(2025, 3, 15)),
        ("2025-03-15 10:00", PartialDate(2025, 3, 15)),
    ],
)
def test_from_value_reads_strings_and_timestamps(value: str, expected: PartialDate) -> None:
    assert PartialDate.from_value(value) == expected


@pytest.mark.parametrize("value", [True, 2025.0, None, ["2025"], "2025-13"])
def test_from_value_refuses_what_is_not_a_date(value: object) -> None:
    with pytest.raises(DateError):
        PartialDate.from_value(value)
