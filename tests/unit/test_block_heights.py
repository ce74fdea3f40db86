"""The reader's line index: where blocks start when heights change one by one."""

from __future__ import annotations

import random

from briefing_tui.ui.widgets.block_heights import BlockHeights


def brute_top(heights: list[int], index: int) -> int:
    return sum(height + 1 for height in heights[:index])


def brute_block_at(heights: list[int], line: int) -> int:
    for index in range(len(heights)):
        if line < brute_top(heights, index + 1):
            return index
    return len(heights) - 1


def test_tops_and_blocks_match_a_plain_sum_as_heights_change() -> None:
    rng = random.Random(3)
    for size in (1, 2, 7, 64, 100):
        heights = [rng.randint(1, 9) for _ in range(size)]
        index = BlockHeights(heights)
        for _ in range(50):
            changed = rng.randrange(size)
            heights[changed] = rng.randint(1, 9)
            index.set(changed, heights[changed])
            assert index.lines == sum(heights) + size - 1
            for block in range(size):
                assert index.top(block) == brute_top(heights, block)
                assert index.extent(block) == (
                    brute_top(heights, block),
                    brute_top(heights, block) + heights[block],
                )
            for line in range(-2, index.lines + 3):
                assert index.block_at(line) == brute_block_at(heights, max(0, line))


def test_an_empty_article_has_no_lines() -> None:
    index = BlockHeights([])

    assert index.lines == 0
    assert index.block_at(5) == 0
