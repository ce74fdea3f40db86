"""Widgets of the reader: line-API views that draw only what is visible."""
