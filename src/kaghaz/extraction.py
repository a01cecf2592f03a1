"""``kaghaz.extract(path) -> Document``: the extraction entry point.

Opens the PDF (:mod:`kaghaz.pdf`), reads each selected page's characters, lays them out into lines
in logical order (:mod:`kaghaz.layout`) and assembles the :class:`~kaghaz.model.Document`. A page that
fails is reported in ``Document.problems`` and the others still come out.
"""

from __future__ import annotations

from pathlib import Path

from kaghaz.layout.document import finish_document
from kaghaz.layout.page import build_page
from kaghaz.layout.text import document_text
from kaghaz.model import Document, Page, Problem, ProblemKind
from kaghaz.pdf.fonts import FontCache
from kaghaz.pdf.reader import opened, read_page
from kaghaz.settings import Settings


def extract(path: str | Path, settings: Settings | None = None) -> Document:
    """Extract the text of the PDF at ``path`` in logical order.

    Raises an :class:`~kaghaz.errors.InputError` subclass when the file cannot be read at all (not a
    PDF, damaged, encrypted without the right password, no pages); problems on single pages are
    reported in ``Document.problems`` instead.
    """
    settings = settings or Settings()
    path = Path(path)
    pages: list[Page] = []
    problems: list[Problem] = []
    with opened(path, settings.password) as document:
        count = len(document)
        font_cache = FontCache()  # embedded fonts parsed once per document, only when a page needs them
        for index in range(count):
            number = index + 1
            if not settings.wants_page(number):
                continue
            try:
                page = build_page(read_page(document, index, font_cache=font_cache), settings)
            except Exception as error:  # one bad page must not stop the document
                problem = Problem(number, ProblemKind.PAGE_ERROR,
                                  f"page {number} could not be read ({type(error).__name__}: {error}); skipped")
                problems.append(problem)
                continue
            problems.extend(page.problems)
            pages.append(page)
    pages = finish_document(pages)
    return Document(source=str(path), pages=tuple(pages), text=document_text(pages, settings),
                    problems=tuple(problems))
