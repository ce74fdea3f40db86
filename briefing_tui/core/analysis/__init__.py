"""Actors and quotes: who is in the story and who said what. No Textual import here."""

from briefing_tui.core.analysis.analyze import analyze_article, analyze_blocks
from briefing_tui.core.analysis.model import Analysis, Entity, EntityKind, Quote, QuoteKind

__all__ = [
    "Analysis",
    "Entity",
    "EntityKind",
    "Quote",
    "QuoteKind",
    "analyze_article",
    "analyze_blocks",
]
