"""Reading an article file, whatever state the file is in.

`read_article` either returns an `Article` or raises `ArticleError` with a reason a
user can act on ("not UTF-8 text: invalid byte 0xff at offset 12"). Problems that do
not stop the article from being read (a broken front matter block, an impossible
date) travel with the article in `Article.problems`.
"""

from __future__ import annotations

from pathlib import Path

from briefing_tui.core.model import MAX_ARTICLE_BYTES, Article
from briefing_tui.core.plaintext import parse_plain_text
from briefing_tui.core.sizes import describe_size

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
_BYTE_ORDER_MARK = b"\xef\xbb\xbf"


class ArticleError(Exception):
    """An article file that cannot be read at all; the message says why."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def read_text(path: Path) -> str:
    """Read a file as UTF-8 text, or raise ArticleError saying what is wrong with it."""
    try:
        if path.is_dir():
            raise ArticleError(path, "is a folder, not an article file")
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            limit = describe_size(MAX_ARTICLE_BYTES)
            raise ArticleError(path, f"too large ({describe_size(size)}; the limit is {limit})")
        data = path.read_bytes()
    except ArticleError:
        raise
    except FileNotFoundError:
        raise ArticleError(path, "not found (or a broken link)") from None
    except PermissionError:
        raise ArticleError(path, "unreadable: permission denied") from None
    except OSError as error:
        raise ArticleError(path, f"unreadable: {error.strerror or error}") from None
    if len(data) > MAX_ARTICLE_BYTES:  # grew between stat and read
        raise ArticleError(path, f"too large (the limit is {describe_size(MAX_ARTICLE_BYTES)})")
    if not data.strip():
        raise ArticleError(path, "empty file")
    if b"\x00" in data[:8192]:
        raise ArticleError(path, "binary file, not text")
    skipped = len(_BYTE_ORDER_MARK) if data.startswith(_BYTE_ORDER_MARK) else 0
    try:
        text = data[skipped:].decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + skipped
        raise ArticleError(
            path, f"not UTF-8 text: invalid byte 0x{data[offset]:02x} at offset {offset}"
        ) from None
    return text


def read_article(path: Path, *, guess_language: bool = True) -> Article:
    """Read and parse one article file (.md/.markdown as Markdown, anything else as text).

    With `guess_language=False` the language is not guessed from the text (only front
    matter gives one): a tenth of the time to read an article, wasted for a caller that
    never looks at it (`briefing analyze`).
    """
    text = read_text(path)
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        # Imported here: markdown-it and the front matter parsers are a tenth of the
        # app's start-up, and the first screen (listed from the index) reads no file.
        from briefing_tui.core.markdown_article import parse_markdown

        article = parse_markdown(text, path, guess_language=guess_language)
    else:
        article = parse_plain_text(text, path, guess_language=guess_language)
    if not article.blocks:
        raise ArticleError(path, "no article text (only a date or front matter)")
    return article
