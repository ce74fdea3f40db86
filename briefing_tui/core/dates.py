"""Dates at the precision an article gives: a year, a month or a day.

A briefing often only knows "2025-03". Such a date is a real date at month precision:
it sorts after every dated day of that month (when newest comes first) and before the
previous month, and is grouped under its own "2025-03" header.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import IntEnum

_ISO_PARTIAL = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")


class Precision(IntEnum):
    """How much of a date is known."""

    YEAR = 1
    MONTH = 2
    DAY = 3


class DateError(ValueError):
    """A date that is written wrongly or does not exist (2025-13, 2025-02-30)."""


@dataclass(frozen=True, order=False)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise DateError(f"year {self.year} is out of range")
        if self.month is None:
            if self.day is not None:
                raise DateError("a day needs a month")
            return
        if not 1 <= self.month <= 12:
            raise DateError(f"month {self.month} does not exist")
        if self.day is not None:
            try:
                dt.date(self.year, self.month, self.day)
            except ValueError as error:
                raise DateError(f"{self.iso()} is not a date: {error}") from None

    @property
    def precision(self) -> Precision:
        """Year, month or day."""
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Orders dates so that a coarser date comes before the finer dates inside it.

        Sorted newest first (reversed), 2025-03-15 comes before 2025-03, which comes
        before 2025-02-28: the month-only article is "some time in March".
        """
        return (self.year, self.month or 0, self.day or 0)

    def iso(self) -> str:
        """The date as ISO 8601 at its own precision: 2025, 2025-03 or 2025-03-15."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.iso()

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; raise DateError otherwise."""
        match = _ISO_PARTIAL.match(text)
        if match is None:
            raise DateError(f"{text.strip()!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
        year, month, day = match.groups()
        return cls(int(year), int(month) if month else None, int(day) if day else None)

    @classmethod
    def from_value(cls, value: object) -> PartialDate:
        """Read a front-matter value: a string, a date, a datetime, or a year as a number."""
        if isinstance(value, dt.datetime):
            return cls(value.year, value.month, value.day)
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            return cls(value)
        if isinstance(value, str):
            # A full timestamp ("2025-03-15T10:00:00Z") is read to the day.
            return cls.parse(value[:10] if len(value) > 10 and value[10] in "T " else value)
        raise DateError(f"{value!r} is not a date")
