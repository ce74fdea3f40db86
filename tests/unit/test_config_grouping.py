"""Date grouping from config.toml: day, week or month headers in the library."""

from __future__ import annotations

import itertools
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from briefing_tui.core.dates import PartialDate
from briefing_tui.core.library import date_label, group_by_date, newest_first
from briefing_tui.core.model import Article


def article(title: str, date: str | None) -> Article:
    return Article(
        path=Path(f"{title}.txt"),
        title=title,
        blocks=(),
        date=PartialDate.parse(date) if date is not None else None,
    )


LIBRARY = newest_first(
    [
        article("a", "2025-04-16"),
        article("b", "2025-04-14"),
        article("c", "2025-04-13"),
        article("d", "2025-04"),
        article("e", "2025-03-31"),
        article("f", "2024"),
        article("g", None),
    ]
)


def labels(by: str) -> list[tuple[str, list[str]]]:
    return [(g.label, [a.title for a in g.articles]) for g in group_by_date(LIBRARY, by)]


def test_day_grouping_shows_each_date_at_its_own_precision() -> None:
    assert [label for label, _ in labels("day")] == [
        "2025-04-16",
        "2025-04-14",
        "2025-04-13",
        "2025-04",
        "2025-03-31",
        "2024",
        "Undated",
    ]


def test_week_grouping_uses_iso_weeks_and_keeps_coarser_dates_apart() -> None:
    assert labels("week") == [
        ("2025-W16", ["a", "b"]),
        ("2025-W15", ["c"]),
        ("2025-04", ["d"]),
        ("2025-W14", ["e"]),
        ("2024", ["f"]),
        ("Undated", ["g"]),
    ]


def test_month_grouping_puts_days_and_month_only_dates_together() -> None:
    assert labels("month") == [
        ("2025-04", ["a", "b", "c", "d"]),
        ("2025-03", ["e"]),
        ("2024", ["f"]),
        ("Undated", ["g"]),
    ]


def test_a_week_label_uses_the_iso_year_at_a_year_boundary() -> None:
    assert date_label(PartialDate(2024, 12, 30), "week") == "2025-W01"


@given(
    st.lists(st.dates().map(lambda d: article(d.isoformat(), d.isoformat())), max_size=30),
    st.sampled_from(["day", "week", "month"]),
)
def test_grouping_keeps_every_article_in_library_order(articles: list[Article], by: str) -> None:
    ordered = newest_first(articles)
    groups = group_by_date(ordered, by)
    assert [a for group in groups for a in group.articles] == ordered
    assert all(a.label != b.label for a, b in itertools.pairwise(groups))
