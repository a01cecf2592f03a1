"""The extractors kaghaz is compared with, one small function each.

Every function takes a PDF path and an optional page limit (the first ``max_pages`` pages, for timing
slow tools on a subset) and returns the text with pages separated by form feeds, exactly as the tool
gives it: no cleaning, so that every tool is scored on what its users get. All peers are optional
imports: :attr:`Peer.installed` tells whether one can run, and the benchmark reports a missing peer
as "not installed" instead of failing. PyMuPDF is AGPL: it is imported here, in the ``bench`` extra
only, never by ``src/``.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import itertools
import logging
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PAGE_BREAK = "\f"
#: Seconds after which one pdftotext run counts as failed.
SUBPROCESS_TIMEOUT = 600


def pypdfium2_text(path: Path, max_pages: int | None = None) -> str:
    """pypdfium2's raw text: ``PdfTextPage.get_text_range()`` of every page."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        pages = []
        for index in range(len(document) if max_pages is None else min(max_pages, len(document))):
            page = document[index]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return PAGE_BREAK.join(pages)
    finally:
        document.close()


def pymupdf_text(path: Path, max_pages: int | None = None) -> str:
    """PyMuPDF's ``page.get_text()`` (plain text mode) of every page."""
    import pymupdf

    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)
    with pymupdf.open(str(path)) as document:
        pages = itertools.islice(document, max_pages)
        return PAGE_BREAK.join(page.get_text() for page in pages)


def pdftotext_text(path: Path, max_pages: int | None = None) -> str:
    """Poppler's ``pdftotext -enc UTF-8`` in its default (reading order) mode; it ends pages with ``\\f``."""
    command = ["pdftotext", "-enc", "UTF-8", *(["-l", str(max_pages)] if max_pages else []), str(path), "-"]
    result = subprocess.run(command, capture_output=True, check=False, timeout=SUBPROCESS_TIMEOUT)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RuntimeError(f"pdftotext exited with {result.returncode}: {message[-1] if message else ''}")
    return result.stdout.decode("utf-8")


def pypdf_text(path: Path, max_pages: int | None = None) -> str:
    """pypdf's ``page.extract_text()`` of every page."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    pages = itertools.islice(reader.pages, max_pages)
    return PAGE_BREAK.join(page.extract_text() for page in pages)


def pdfminer_text(path: Path, max_pages: int | None = None) -> str:
    """pdfminer.six's ``high_level.extract_text`` with its default layout parameters (ends pages with ``\\f``)."""
    from pdfminer.high_level import extract_text

    return str(extract_text(str(path), maxpages=max_pages or 0))


def pdfplumber_text(path: Path, max_pages: int | None = None) -> str:
    """pdfplumber's ``page.extract_text()`` of every page."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        texts = []
        for page in itertools.islice(pdf.pages, max_pages):
            texts.append(page.extract_text() or "")
            page.close()
        return PAGE_BREAK.join(texts)


@dataclass(frozen=True)
class Peer:
    """One extractor to compare with.

    ``requirement`` is the Python module to import or, for a command-line tool, the executable;
    ``distribution`` names the pip package whose version is reported. ``slow`` peers are left out of
    ``--quick`` runs; ``speed_pages`` limits the pages timed for the speed table (``None``: all).
    """

    name: str
    label: str
    extract: Callable[[Path, int | None], str]
    requirement: str
    distribution: str | None
    slow: bool = False
    speed_pages: int | None = None

    @property
    def installed(self) -> bool:
        """Whether the module imports or the executable is on ``PATH``."""
        if self.distribution is None:
            return shutil.which(self.requirement) is not None
        return importlib.util.find_spec(self.requirement) is not None

    def version(self) -> str:
        """The installed version, or ``"not installed"``."""
        if not self.installed:
            return "not installed"
        if self.distribution is None:
            return executable_version(self.requirement)
        try:
            return importlib.metadata.version(self.distribution)
        except importlib.metadata.PackageNotFoundError:
            return "unknown version"


def executable_version(executable: str) -> str:
    """The first line a command-line tool prints for ``-v`` (poppler prints it on stderr)."""
    try:
        result = subprocess.run([executable, "-v"], capture_output=True, text=True, check=False, timeout=30)
    except OSError as error:
        return f"unknown version ({error})"
    lines = (result.stdout + result.stderr).strip().splitlines()
    return lines[0] if lines else "unknown version"


PEERS: tuple[Peer, ...] = (
    Peer("pypdfium2", "pypdfium2 get_text_range", pypdfium2_text, "pypdfium2", "pypdfium2"),
    Peer("pymupdf", "PyMuPDF get_text", pymupdf_text, "pymupdf", "pymupdf"),
    Peer("pdftotext", "poppler pdftotext", pdftotext_text, "pdftotext", None),
    Peer("pypdf", "pypdf extract_text", pypdf_text, "pypdf", "pypdf", slow=True),
    Peer("pdfminer", "pdfminer.six extract_text", pdfminer_text, "pdfminer", "pdfminer.six", slow=True,
         speed_pages=10),
    Peer("pdfplumber", "pdfplumber extract_text", pdfplumber_text, "pdfplumber", "pdfplumber", slow=True,
         speed_pages=10),
)


def quiet_peer_logging() -> None:
    """Keep the peers' per-glyph warnings (pdfminer, pypdf) out of the benchmark's output."""
    for name in ("pdfminer", "pypdf", "pdfplumber"):
        logging.getLogger(name).setLevel(logging.ERROR)
