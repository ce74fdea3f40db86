"""Where each block of an article starts, as lines, when only some blocks are wrapped.

The reader lays out only the blocks it draws; the others have an estimated height until
they come into view. A Fenwick tree over the heights (plus the blank line after each
block) answers "which line does block i start on" and "which block holds line y" in
O(log n), and takes a block's new height in O(log n): a key press in a 10,000-paragraph
article costs what is on screen, not what is in the article.
"""

from __future__ import annotations

from collections.abc import Sequence

GAP = 1
"""The blank line between two blocks."""


class BlockHeights:
    """Line counts of blocks laid out one after the other, a blank line between two."""

    def __init__(self, heights: Sequence[int]) -> None:
        self._heights = list(heights)
        size = len(self._heights)
        tree = [0] * (size + 1)
        for index, height in enumerate(self._heights, 1):
            tree[index] += height + GAP
            parent = index + (index & -index)
            if parent <= size:
                tree[parent] += tree[index]
        self._tree = tree
        self._top_bit = 1 << (size.bit_length() - 1) if size else 0
        self.total_with_gaps = sum(self._heights) + GAP * size

    def __len__(self) -> int:
        return len(self._heights)

    @property
    def lines(self) -> int:
        """Lines of the whole article (no blank line after the last block)."""
        return max(0, self.total_with_gaps - GAP)

    def height(self, index: int) -> int:
        return self._heights[index]

    def set(self, index: int, height: int) -> bool:
        """Give block `index` its height; True if it changed."""
        delta = height - self._heights[index]
        if not delta:
            return False
        self._heights[index] = height
        self.total_with_gaps += delta
        position = index + 1
        tree = self._tree
        while position < len(tree):
            tree[position] += delta
            position += position & -position
        return True

    def top(self, index: int) -> int:
        """The first line of block `index` (the line count of everything before it)."""
        total = 0
        position = index
        tree = self._tree
        while position > 0:
            total += tree[position]
            position -= position & -position
        return total

    def extent(self, index: int) -> tuple[int, int]:
        """First line and end line (exclusive) of block `index`."""
        top = self.top(index)
        return top, top + self._heights[index]

    def block_at(self, line: int) -> int:
        """The block whose lines, or the blank line after them, hold `line` (clamped)."""
        if not self._heights:
            return 0
        if line < 0:
            return 0
        position = 0
        remaining = line
        step = self._top_bit
        tree = self._tree
        while step:
            following = position + step
            if following < len(tree) and tree[following] <= remaining:
                position = following
                remaining -= tree[following]
            step >>= 1
        return min(position, len(self._heights) - 1)
