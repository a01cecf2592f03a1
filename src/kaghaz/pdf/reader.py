"""Read a PDF's characters with pypdfium2: the only module of kaghaz that touches a PDF library.

For every character pdfium finds on a page, one row of :data:`COLUMNS` (a ``float64`` numpy array):
its code point, whether pdfium generated it (an inferred space or line break, not a glyph of the
page), whether its font has no usable Unicode map, its tight ink box, its origin, its font size as drawn
(the size set in the PDF times the scale of the text and page matrices), its
text object (for the font name) and its angle. Layout decides everything else; this module decides
nothing about reading order.

The rows come from the C accelerator :mod:`kaghaz.pdf._charscan` when it was compiled, else from a
ctypes loop that makes the same pdfium calls (several times slower, same numbers).
"""

from __future__ import annotations

import ctypes
import importlib
import math
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from kaghaz.errors import CorruptPdfError, EmptyPdfError, EncryptedPdfError, InputError, NotAPdfError

if TYPE_CHECKING:
    from kaghaz.pdf.fonts import FontCache, FontRecovery, Hole

_charscan: ModuleType | None
try:
    _charscan = importlib.import_module("kaghaz.pdf._charscan")
except ImportError:  # pragma: no cover - depends on whether a C compiler was there at install time
    _charscan = None

#: The columns of a page's character array, in order.
COLUMNS = ("code", "generated", "map_error", "x0", "y0", "x1", "y1", "ox", "oy", "size", "font", "angle", "lx0", "lx1")
CODE, GENERATED, MAP_ERROR, X0, Y0, X1, Y1, OX, OY, SIZE, FONT, ANGLE, LX0, LX1 = range(len(COLUMNS))

_PDF_MAGIC = b"%PDF-"


@dataclass(frozen=True, slots=True)
class RawPage:
    """What pdfium read from one page. ``chars`` has one row per character, columns :data:`COLUMNS`.

    ``fonts`` maps the ``font`` column (a small integer per font) to the font's name. ``recovery``
    says, per font, how many characters without a usable Unicode map :mod:`kaghaz.pdf.fonts`
    recovered and how many it could not (empty when pdfium mapped every character). ``blank`` is
    True for a page that draws nothing at all (no characters and no page objects), which has no text
    to extract and nothing to OCR either. ``producer`` is the document's Producer and Creator
    metadata, for layout rules that hold for one producer only. ``holes`` are the placeholders that
    pages read later may still identify (:func:`fill_late_holes`).
    """

    number: int
    width: float
    height: float
    chars: np.ndarray
    fonts: tuple[str, ...]
    recovery: tuple[FontRecovery, ...] = ()
    blank: bool = False
    producer: str = ""
    holes: tuple[Hole, ...] = ()


def _address(func: Any) -> int:
    value = ctypes.cast(func, ctypes.c_void_p).value
    return int(value or 0)


def _scan_c(textpage: pdfium.PdfTextPage) -> tuple[np.ndarray, tuple[int, ...]]:
    assert _charscan is not None
    buffer, fonts = _charscan.scan(
        _address(textpage.raw),
        _address(pdfium_c.FPDFText_CountChars),
        _address(pdfium_c.FPDFText_GetUnicode),
        _address(pdfium_c.FPDFText_IsGenerated),
        _address(pdfium_c.FPDFText_HasUnicodeMapError),
        _address(pdfium_c.FPDFText_GetCharBox),
        _address(pdfium_c.FPDFText_GetCharOrigin),
        _address(pdfium_c.FPDFText_GetFontSize),
        _address(pdfium_c.FPDFText_GetTextObject),
        _address(pdfium_c.FPDFTextObj_GetFont),
        _address(pdfium_c.FPDFText_GetCharAngle),
        _address(pdfium_c.FPDFText_GetLooseCharBox),
        _address(pdfium_c.FPDFText_GetMatrix),
    )
    return np.frombuffer(buffer, dtype=np.float64).reshape(-1, len(COLUMNS)), tuple(fonts)


def _scan_ctypes(textpage: pdfium.PdfTextPage) -> tuple[np.ndarray, tuple[int, ...]]:
    """The same reads as the C accelerator, one ctypes call at a time."""
    handle = textpage.raw
    count = max(pdfium_c.FPDFText_CountChars(handle), 0)
    rows = np.zeros((count, len(COLUMNS)), dtype=np.float64)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    x, y = ctypes.c_double(), ctypes.c_double()
    loose = pdfium_c.FS_RECTF()
    matrix = pdfium_c.FS_MATRIX()
    fonts: dict[int, int] = {}
    last_object: Any = None
    scale = 1.0
    for i in range(count):
        row = rows[i]
        row[CODE] = pdfium_c.FPDFText_GetUnicode(handle, i)
        row[GENERATED] = pdfium_c.FPDFText_IsGenerated(handle, i)
        if row[GENERATED] == 1:
            row[FONT] = -1  # a character pdfium made up: layout drops it, nothing more is read
            continue
        row[MAP_ERROR] = pdfium_c.FPDFText_HasUnicodeMapError(handle, i)
        if pdfium_c.FPDFText_GetCharBox(handle, i, ctypes.byref(left), ctypes.byref(right),
                                        ctypes.byref(bottom), ctypes.byref(top)):
            row[X0], row[Y0], row[X1], row[Y1] = left.value, bottom.value, right.value, top.value
        if pdfium_c.FPDFText_GetCharOrigin(handle, i, ctypes.byref(x), ctypes.byref(y)):
            row[OX], row[OY] = x.value, y.value
        else:
            row[OX], row[OY] = row[X0], row[Y0]
        text_object = pdfium_c.FPDFText_GetTextObject(handle, i)
        if _address(text_object) != last_object:
            last_object = _address(text_object)
            ok = pdfium_c.FPDFText_GetMatrix(handle, i, ctypes.byref(matrix))
            scale = math.hypot(matrix.c, matrix.d) if ok else 1.0
            scale = scale if scale > 0 else 1.0
        row[SIZE] = pdfium_c.FPDFText_GetFontSize(handle, i) * scale
        address = _address(pdfium_c.FPDFTextObj_GetFont(text_object)) if text_object else 0
        row[FONT] = fonts.setdefault(address, len(fonts))
        row[ANGLE] = pdfium_c.FPDFText_GetCharAngle(handle, i) if row[MAP_ERROR] == 1 else 0.0
        if pdfium_c.FPDFText_GetLooseCharBox(handle, i, ctypes.byref(loose)):
            row[LX0], row[LX1] = loose.left, loose.right
        else:
            row[LX0], row[LX1] = row[X0], row[X1]
    return rows, tuple(fonts)


def scan_textpage(textpage: pdfium.PdfTextPage, *, accelerated: bool = True) -> tuple[np.ndarray, tuple[int, ...]]:
    """Every character of ``textpage`` as rows of :data:`COLUMNS`, and the page's font addresses.

    The ``font`` column holds an index into the addresses (fonts in order of first use); the ``angle``
    column is read only for characters without a usable Unicode map and is 0 for the others. For a
    character pdfium generated (an inferred space or line break) only the code is read; its font is -1.
    """
    if accelerated and _charscan is not None:
        return _scan_c(textpage)
    return _scan_ctypes(textpage)


def with_font_addresses(chars: np.ndarray, addresses: tuple[int, ...]) -> np.ndarray:
    """A copy of ``chars`` whose ``font`` column holds each font's address instead of its index.

    Font recovery (:mod:`kaghaz.pdf.fonts`) works with addresses, the pdfium handles of the fonts.
    """
    out = chars.copy()
    if len(out):
        lookup = np.array((*addresses, 0), dtype=np.float64)  # index -1 (generated characters): no font
        out[:, FONT] = lookup[out[:, FONT].astype(np.int64)]
    return out


def _font_name(address: int) -> str:
    font = ctypes.cast(address, pdfium_c.FPDF_FONT)
    size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
    if size <= 1:
        return ""
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDFFont_GetBaseFontName(font, buffer, size)
    return buffer.value.decode("utf-8", errors="replace")


#: Font names by font address, per open document (pdfium keeps one font object per document font).
_FONT_NAMES: weakref.WeakKeyDictionary[pdfium.PdfDocument, dict[int, str]] = weakref.WeakKeyDictionary()


def _number_fonts(chars: np.ndarray, names: dict[int, str]) -> tuple[np.ndarray, tuple[str, ...]]:
    """Replace font addresses by small integers, and name each font (``names`` caches the names).

    Addresses are exact in a float64 (they are below 2**53), and only distinct values are touched.
    """
    if len(chars) == 0:
        return chars, ()
    addresses, inverse = np.unique(chars[:, FONT], return_inverse=True)
    chars = chars.copy()
    chars[:, FONT] = inverse
    return chars, tuple(_named(int(value), names) for value in addresses.tolist())


def _named(address: int, names: dict[int, str]) -> str:
    """The name of the font at ``address``, looked up once per document (``names`` caches it)."""
    if address not in names:
        names[address] = _font_name(address) if address else ""
    return names[address]


#: What a file that is not a PDF often turns out to be, by its first bytes (for the error message).
_NOT_PDF_KINDS = (
    (b"PK\x03\x04", "a ZIP archive (a .docx, .odt or .epub is one)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file"),
    (b"{\\rtf", "an RTF document"),
)


def _not_pdf_kind(head: bytes) -> str:
    """A guess at what a non-PDF file is, from its first bytes, for the error message.

    >>> _not_pdf_kind(b"<!DOCTYPE html><html>")
    'an HTML page'
    >>> _not_pdf_kind(b"\\x00\\x01\\x02")
    'not a PDF'
    """
    for magic, kind in _NOT_PDF_KINDS:
        if head.startswith(magic):
            return kind
    if head.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        return "an HTML page"
    return "not a PDF"


def is_pdf_file(path: Path) -> bool:
    """True if the file starts like a PDF (the header may follow up to 1 KB of junk, as readers allow)."""
    with path.open("rb") as handle:
        return _PDF_MAGIC in handle.read(1024)


def open_document(path: Path, password: str | None = None) -> pdfium.PdfDocument:
    """Open ``path`` with pdfium, turning its failures into kaghaz errors that say what to do.

    Every failure is an :class:`~kaghaz.errors.InputError` whose one-line message names the file, says
    what is wrong with it and what to do next; nothing of pdfium's leaks out.
    """
    if not path.exists():
        raise InputError("no such file; check the path and its spelling", path)
    if path.is_dir():
        raise InputError("is a folder, not a PDF file; name the PDF files in it (kaghaz extract FOLDER/*.pdf -o out/)",
                         path)
    if not path.is_file():
        raise InputError("is not a regular file (a device or a pipe); save it to a file first", path)
    try:
        size = path.stat().st_size
        if size == 0:
            raise NotAPdfError("is empty (0 bytes); it was probably not saved or downloaded completely", path)
        if not is_pdf_file(path):
            with path.open("rb") as handle:
                kind = _not_pdf_kind(handle.read(64))
            what = "it does not start with %PDF-" if kind == "not a PDF" else f"it looks like {kind}"
            raise NotAPdfError(f"not a PDF ({what}); pass a PDF file", path)
    except OSError as error:
        raise InputError(f"cannot be read ({error.strerror or error}); check its permissions", path) from None
    # pdfium does not reset its last error when a load fails without a parse error (a PDF with no
    # pages), so a stale code of an earlier file would name the wrong cause. Set a known code first:
    # loading a path that cannot exist sets FPDF_ERR_FILE, which the real load, on a file just
    # checked to be readable, does not set by itself.
    pdfium_c.FPDF_LoadDocument(b"", None)
    try:
        document = pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            if password is None:
                raise EncryptedPdfError("is encrypted; give its password with --password", path) from None
            raise EncryptedPdfError("is encrypted and the password given is wrong; check --password", path) from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise EncryptedPdfError("uses an encryption pdfium does not support; decrypt it first (qpdf --decrypt)",
                                    path) from None
        if code in (pdfium_c.FPDF_ERR_FILE, pdfium_c.FPDF_ERR_SUCCESS):
            # No error set by the load itself: pdfium parsed the file but found no page tree it can
            # use, in practice a PDF without pages.
            raise EmptyPdfError("has no pages (its page tree is empty); nothing to extract, check it is the file "
                                "you meant", path) from None
        raise CorruptPdfError(f"is damaged or truncated ({size} bytes) and cannot be parsed; get a complete copy or "
                              "try repairing it (qpdf, mutool clean)", path) from None
    except OSError as error:
        raise InputError(f"cannot be read ({error.strerror or error}); check its permissions", path) from None
    if len(document) == 0:
        document.close()
        raise EmptyPdfError("has no pages; nothing to extract, check it is the file you meant", path)
    return document


@contextmanager
def opened(path: Path, password: str | None = None) -> Iterator[pdfium.PdfDocument]:
    """:func:`open_document` as a context manager that always closes the document."""
    document = open_document(path, password)
    try:
        yield document
    finally:
        document.close()


_PRODUCERS: weakref.WeakKeyDictionary[pdfium.PdfDocument, str] = weakref.WeakKeyDictionary()
#: Parsed embedded fonts per open document, made when a page first needs one (kaghaz.pdf.fonts).
_FONT_CACHES: weakref.WeakKeyDictionary[pdfium.PdfDocument, FontCache] = weakref.WeakKeyDictionary()


def producer_of(document: pdfium.PdfDocument) -> str:
    """The document's Producer and Creator metadata, joined by a space (read once per document)."""
    if document not in _PRODUCERS:
        try:
            metadata = document.get_metadata_dict()
        except pdfium.PdfiumError:
            metadata = {}
        _PRODUCERS[document] = f"{metadata.get('Producer', '')} {metadata.get('Creator', '')}".strip()
    return _PRODUCERS[document]


def read_page(document: pdfium.PdfDocument, index: int, *, accelerated: bool = True,
              font_cache: FontCache | None = None) -> RawPage:
    """Read page ``index`` (0-based) of an open document.

    Characters whose font gives no usable Unicode are recovered from the embedded fonts where
    possible (:func:`kaghaz.pdf.fonts.recover`); each font program is parsed once per document (in
    ``font_cache`` if one is given, else in a cache kept with the open document).
    """
    page = document[index]
    recovery: tuple[FontRecovery, ...] = ()
    holes: tuple[Hole, ...] = ()
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            chars, addresses = scan_textpage(textpage, accelerated=accelerated)
            names = _FONT_NAMES.setdefault(document, {})
            if len(chars) and (chars[:, MAP_ERROR] == 1).any():
                from kaghaz.pdf import fonts as font_recovery  # here: kaghaz.pdf.fonts imports this module

                cache = font_cache if font_cache is not None else _FONT_CACHES.setdefault(
                    document, font_recovery.FontCache())
                chars, recovery, holes = font_recovery.recover(with_font_addresses(chars, addresses), cache)
                chars, fonts = _number_fonts(chars, names)
            else:
                fonts = tuple(_named(address, names) for address in addresses)
        finally:
            textpage.close()
        blank = len(chars) == 0 and pdfium_c.FPDFPage_CountObjects(page.raw) == 0
    finally:
        page.close()
    return RawPage(number=index + 1, width=float(width), height=float(height), chars=chars, fonts=fonts,
                   recovery=recovery, blank=blank, producer=producer_of(document), holes=holes)


def fill_late_holes(document: pdfium.PdfDocument, pages: list[RawPage],
                    font_cache: FontCache | None = None) -> list[RawPage]:
    """``pages`` with the placeholders that pages read after them have identified filled in.

    Glyphs that only their words identify are learned page after page (:class:`kaghaz.pdf.fonts.FontCache`);
    a page read before the evidence was enough is given the letter here, before layout.
    """
    cache = font_cache if font_cache is not None else _FONT_CACHES.get(document)
    if cache is None or not any(page.holes for page in pages):
        return pages
    from kaghaz.pdf import fonts as font_recovery

    out: list[RawPage] = []
    for page in pages:
        if page.holes:
            chars, recovery, holes = font_recovery.fill_holes(page.chars, page.recovery, page.holes, cache)
            page = replace(page, chars=chars, recovery=recovery, holes=holes)
        out.append(page)
    return out
