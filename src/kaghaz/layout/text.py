"""The plain text of a document: what ``kaghaz extract`` prints.

Pages are separated by a form feed, blocks by a blank line; the lines of a block are joined by a
space, because a line break inside a paragraph is the page's layout, not the author's text. Running
headers, footers and page numbers are left out unless ``Settings.keep_running`` is set (they are
always in the JSON output, with their kind).
"""

from __future__ import annotations

from collections.abc import Sequence

from kaghaz.chars import FORM_FEED
from kaghaz.model import BlockKind, Page
from kaghaz.settings import Settings

RUNNING_KINDS = frozenset({BlockKind.HEADER, BlockKind.FOOTER, BlockKind.PAGE_NUMBER})


def page_text(page: Page, settings: Settings) -> str:
    """The text of one page: its blocks joined by blank lines."""
    parts = [block.text for block in page.blocks
             if settings.keep_running or block.kind not in RUNNING_KINDS]
    return "\n\n".join(part for part in parts if part)


def document_text(pages: Sequence[Page], settings: Settings) -> str:
    """The text of all pages, separated by form feeds."""
    return (FORM_FEED + "\n").join(page_text(page, settings) for page in pages)
