"""Repair in bounded memory: decode bytes, cut the text into windows of whole paragraphs, repair
each window on its own.

A window holds about :data:`WINDOW_CHARS` characters and ends at a blank line (a paragraph
boundary) when one comes soon enough, or, in text with pages (form feeds), where a page begins, so
that a page is never cut (two columns are put back in order page by page); either way at most
:data:`HARD_WINDOW_CHARS`. The document-wide decisions (which damage the document shows) are thus
taken over a large sample while memory stays flat however long the input is. A line
longer than :data:`MAX_LINE_CHARS` has no structure a repair could use: it only gets the
character fixes, and is streamed through in pieces.
"""

from __future__ import annotations

import codecs
import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO

from kaghaz.errors import TextEncodingError
from kaghaz.model import RepairStep
from kaghaz.repair.engine import clean_long_line, repair_window
from kaghaz.repair.langmodel import default_language_model
from kaghaz.repair.plan import Planner
from kaghaz.repair.text import forget_lines
from kaghaz.settings import Settings

#: A window is cut at the first blank line after this many characters ...
WINDOW_CHARS = 256_000
#: ... or at any line boundary after this many.
HARD_WINDOW_CHARS = 1_024_000
#: Lines longer than this only get the character fixes.
MAX_LINE_CHARS = 100_000
#: Bytes read at a time.
READ_BYTES = 1 << 20


@dataclass(frozen=True, slots=True)
class Chunk:
    """A stretch of repaired text and the steps taken in it (lines numbered in the whole text)."""

    text: str
    steps: tuple[RepairStep, ...] = ()


def _is_utf8(encoding: str) -> bool:
    return codecs.lookup(encoding).name == "utf-8"


def decode_chunks(source: BinaryIO | Iterable[bytes], encoding: str = "utf-8",
                  name: str = "input") -> Iterator[str]:
    """Decode bytes piece by piece; raise :class:`~kaghaz.errors.TextEncodingError` on binary or
    undecodable input, naming the byte and what to do.

    >>> list(decode_chunks([b"\\xd8\\xb3", b"\\xd9\\x84\\xd8\\xa7\\xd9\\x85"]))
    ['س', 'لام']
    >>> list(decode_chunks([b"PK\\x03\\x04\\x00\\x00"]))
    Traceback (most recent call last):
    ...
    kaghaz.errors.TextEncodingError: input: is binary (a NUL byte at byte 4), not text; give kaghaz repair a text file
    """
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    wide = codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))
    blocks = _blocks(source)
    offset = 0
    for block in blocks:
        if offset == 0 and _is_utf8(encoding) and block.startswith(codecs.BOM_UTF8):
            block = block[len(codecs.BOM_UTF8):]
            offset = len(codecs.BOM_UTF8)
        if not wide and b"\x00" in block:
            at = offset + block.index(b"\x00")
            raise TextEncodingError(f"is binary (a NUL byte at byte {at}), not text; give kaghaz repair a text file",
                                    name)
        try:
            text = decoder.decode(block)
        except UnicodeDecodeError as error:
            raise TextEncodingError(
                f"is not valid {encoding} (byte {offset + error.start}); if the text is in another encoding, "
                "name it with --encoding, for example --encoding cp1256", name) from None
        offset += len(block)
        if text:
            yield text
    try:
        tail = decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise TextEncodingError(f"ends inside a {encoding} character; the file may be cut short", name) from None
    if tail:
        yield tail


def _blocks(source: BinaryIO | Iterable[bytes]) -> Iterator[bytes]:
    if hasattr(source, "read"):
        while True:
            block = source.read(READ_BYTES)
            if not block:
                return
            yield block
    else:
        yield from source


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a window is repaired (and start it again after, if it
    was running): the search keeps many cached containers alive, which its passes would walk over
    and over, and it makes no cycles of its own to collect (reference counting frees its objects).

    >>> with _collector_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


def repair_chunks(chunks: Iterable[str], settings: Settings | None = None, record: bool = False) -> Iterator[Chunk]:
    """Repair text given in pieces; the ``text`` of the chunks, concatenated, is the repaired text.

    With ``record`` the chunks carry the steps taken, numbered by line in the whole text, so that
    ``apply_plan`` can replay them (an over-long line is then recorded as one step).
    """
    settings = settings or Settings()
    lm = default_language_model()
    out_lines = 0          # lines written so far (the number of the line being written)
    window: list[str] = []
    size = 0
    pending = ""
    in_long_line = False   # part of the current line was already written as a long line
    paged = False          # the text has form feeds: windows end where a page begins
    long_before: list[str] = []
    long_after: list[str] = []

    def flush(final: bool) -> Iterator[Chunk]:
        nonlocal window, size, out_lines
        if not window:
            return
        planner = Planner(window, offset=out_lines, record=record)
        with _collector_paused():
            repair_window(planner, lm, settings)
        forget_lines()
        text = "\n".join(planner.lines)
        out_lines += len(planner.lines) - (1 if final else 0)
        yield Chunk(text if final else text + "\n", tuple(planner.steps))
        window, size = [], 0

    def long_piece(piece: str) -> Chunk:
        fixed = clean_long_line(piece)
        if record:
            long_before.append(piece)
            long_after.append(fixed)
        return Chunk(fixed)

    def end_long_line() -> Iterator[Chunk]:
        nonlocal in_long_line, out_lines
        if record:
            before, after = "".join(long_before), "".join(long_after)
            if before != after:
                yield Chunk("", (RepairStep("clean_long_line", out_lines, before, after),))
            long_before.clear()
            long_after.clear()
        in_long_line = False

    for chunk in chunks:
        pending += chunk
        position = 0
        while True:
            cut = pending.find("\n", position)
            if cut < 0:
                pending = pending[position:]
                if len(pending) > MAX_LINE_CHARS:
                    yield from flush(final=False)
                    in_long_line = True
                    yield long_piece(pending)
                    pending = ""
                break
            line = pending[position:cut]
            position = cut + 1
            if in_long_line:
                yield long_piece(line)
                yield from end_long_line()
                yield Chunk("\n")
                out_lines += 1
                continue
            if "\f" in line and size >= WINDOW_CHARS:
                yield from flush(final=False)  # text with pages: windows hold whole pages
            paged = paged or "\f" in line
            window.append(line)
            size += len(line) + 1
            if (size >= WINDOW_CHARS and not line.strip() and not paged) or size >= HARD_WINDOW_CHARS:
                yield from flush(final=False)
    if in_long_line:
        yield long_piece(pending)
        yield from end_long_line()
        return
    window.append(pending)
    yield from flush(final=True)


def repair_stream(source: BinaryIO | Iterable[bytes], settings: Settings | None = None,
                  name: str = "input") -> Iterator[str]:
    """Repaired text, piece by piece, of bytes read from ``source`` (a binary file or byte pieces)."""
    settings = settings or Settings()
    for chunk in repair_chunks(decode_chunks(source, settings.encoding, name), settings):
        if chunk.text:
            yield chunk.text
