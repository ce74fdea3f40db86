"""Command palette providers: open any article by typing part of its title."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

if TYPE_CHECKING:
    from briefing_tui.ui.app import BriefingApp

DISCOVERY_LIMIT = 50
"""Articles listed before the user types anything (newest first)."""


class ArticleCommands(Provider):
    """One command per article: "open: <title>"."""

    @property
    def _app(self) -> BriefingApp:
        return self.app  # type: ignore[return-value]

    def _entries(self) -> list[tuple[int, str, str]]:
        library = self._app.library
        if library is None:
            return []
        entries = []
        for position, article in enumerate(library.articles):
            date = article.date.iso() if article.date else "undated"
            help_text = " · ".join(part for part in (date, article.source) if part)
            entries.append((position, article.title, help_text))
        return entries

    async def discover(self) -> Hits:
        for position, title, help_text in self._entries()[:DISCOVERY_LIMIT]:
            yield DiscoveryHit(
                Content(title), partial(self._app.open_article, position), help=help_text
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for position, title, help_text in self._entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self._app.open_article, position),
                    text=title,
                    help=help_text,
                )
