"""The terminal driver's wait after a lone ESC: short unless the user set ESCDELAY, and
the input thread wakes when it is over (Textual's looked every 0.1 s)."""

from __future__ import annotations

import pytest
from textual import constants

from briefing_tui.ui.quick_escape import (
    IDLE_SELECT,
    QUICK_ESCAPE_DELAY,
    escape_delay,
    select_timeout,
)


def test_the_wait_after_esc_is_short_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ESCDELAY", raising=False)
    assert escape_delay() == QUICK_ESCAPE_DELAY < 0.1 / 5


def test_escdelay_set_by_the_user_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESCDELAY", "300")
    monkeypatch.setattr(constants, "ESCAPE_DELAY", 0.3)
    assert escape_delay() == 0.3


def test_the_input_thread_wakes_when_an_escs_wait_is_over() -> None:
    assert select_timeout(None, 5.0) == IDLE_SELECT
    assert select_timeout(5.0 + QUICK_ESCAPE_DELAY, 5.0) == pytest.approx(
        QUICK_ESCAPE_DELAY + 0.001
    )
    assert select_timeout(4.0, 5.0) == pytest.approx(0.001)  # overdue: look at once
