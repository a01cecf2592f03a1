"""``kaghaz.extract(path) -> Document``: the extraction entry point.

Opens the PDF (:mod:`kaghaz.pdf`), reads each selected page's characters, lays them out into lines
in logical order (:mod:`kaghaz.layout`) and assembles the :class:`~kaghaz.model.Document`. A page that
fails is reported in ``Document.problems`` and the others still come out.
"""

from __future__ import annotations

from pathlib import Path

from kaghaz.layout.document import finish_document
from kaghaz.layout.page import BATCH, build_page, build_pages
from kaghaz.layout.text import document_text
from kaghaz.model import Document, Page, Problem, ProblemKind
from kaghaz.pdf.reader import RawPage, fill_late_holes, opened, read_page
from kaghaz.settings import Settings


def _page_error(number: int, error: Exception) -> Problem:
    return Problem(number, ProblemKind.PAGE_ERROR,
                   f"page {number} could not be read ({type(error).__name__}: {error}); skipped")


def _lay_out(batch: list[RawPage], settings: Settings, problems: list[Problem]) -> list[Page]:
    """Lay out a batch of pages together; if that fails, page by page, so only a bad page is lost."""
    if not batch:
        return []
    try:
        pages = build_pages(batch, settings)
    except Exception:  # one bad page must not stop the others: find it
        pages = []
        for raw in batch:
            try:
                pages.append(build_page(raw, settings))
            except Exception as error:
                problems.append(_page_error(raw.number, error))
    for page in pages:
        problems.extend(page.problems)
    return pages


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
        batch: list[RawPage] = []
        for index in range(len(document)):
            number = index + 1
            if not settings.wants_page(number):
                continue
            try:
                batch.append(read_page(document, index))
            except Exception as error:  # one bad page must not stop the document
                problems.append(_page_error(number, error))
            if len(batch) == BATCH:
                pages.extend(_lay_out(fill_late_holes(document, batch), settings, problems))
                batch = []
        pages.extend(_lay_out(fill_late_holes(document, batch), settings, problems))
    pages = finish_document(pages)
    return Document(source=str(path), pages=tuple(pages), text=document_text(pages, settings),
                    problems=tuple(problems))
