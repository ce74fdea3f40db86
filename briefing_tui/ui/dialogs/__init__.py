"""Typed modal dialogs: note editor, tag editor, confirmation."""
