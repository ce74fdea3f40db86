"""File sizes in messages: decimal units, rounded up, as `ls -l --si` prints them."""

from __future__ import annotations

import pytest

from briefing_tui.core.sizes import describe_size


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 B"),
        (999, "999 B"),
        (1000, "1.0 kB"),
        (1001, "1.1 kB"),
        (9949, "10 kB"),
        (10_001, "11 kB"),
        (999_999, "1.0 MB"),
        (5_000_000, "5.0 MB"),
        (5_000_001, "5.1 MB"),
        (5_242_880, "5.3 MB"),
        (5_300_000, "5.3 MB"),
        (99_950_001, "100 MB"),
        (999_500_000, "1.0 GB"),
        (10**18 * 5, "5.0 EB"),
        (10**22, "10000 EB"),
    ],
)
def test_sizes_read_as_ls_si_shows_them(size: int, text: str) -> None:
    assert describe_size(size) == text


def test_five_point_three_million_bytes_are_five_point_three_megabytes() -> None:
    """Not "5.1 MB", which is what dividing by 1024 * 1024 said."""
    assert describe_size(5_300_000) == "5.3 MB"
