"""The one settings object: every option kaghaz takes, with its default, validated on creation.

No module globals and no ``**kwargs`` pass-through: a function that needs an option takes a
:class:`Settings`. Bad values raise :class:`~kaghaz.errors.SettingsError` naming the option and value.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, replace
from typing import Literal

from kaghaz.errors import SettingsError

ZwnjMode = Literal["auto", "always", "never"]
_ZWNJ_MODES = ("auto", "always", "never")
_PAGE_SPEC = re.compile(r"^\s*(\d+)?\s*(-\s*(\d+)?)?\s*$")


def parse_pages(spec: str) -> tuple[tuple[int, int | None], ...]:
    """Parse a page selection such as ``"2-5"``, ``"1,3,7-"`` into 1-based inclusive ranges.

    An open end (``"7-"``) runs to the last page.

    >>> parse_pages("2-5")
    ((2, 5),)
    >>> parse_pages("1, 3, 7-")
    ((1, 1), (3, 3), (7, None))
    >>> parse_pages("5-2")
    Traceback (most recent call last):
    ...
    kaghaz.errors.SettingsError: pages: '5-2' is not a page range like 2-5, 3 or 7- (pages count from 1)
    """
    ranges: list[tuple[int, int | None]] = []
    for part in spec.split(","):
        match = _PAGE_SPEC.match(part)
        if not match or (match.group(1) is None and match.group(3) is None):
            raise SettingsError(f"pages: {part.strip()!r} is not a page range like 2-5, 3 or 7- (pages count from 1)")
        first = int(match.group(1)) if match.group(1) else 1
        if match.group(2) is None:
            last: int | None = first
        else:
            last = int(match.group(3)) if match.group(3) else None
        if first < 1 or (last is not None and last < first):
            raise SettingsError(f"pages: {part.strip()!r} is not a page range like 2-5, 3 or 7- (pages count from 1)")
        ranges.append((first, last))
    return tuple(ranges)


@dataclass(frozen=True, slots=True)
class Settings:
    """Options for extraction and repair.

    Extraction:
      ``pages``: 1-based inclusive ranges to extract (``None``: all), see :func:`parse_pages`;
      ``password``: for encrypted PDFs;
      ``keep_running``: keep running headers, footers and page numbers in the plain text (they are
      always in the JSON, with their kind); default False, because a reader wants the body;
      ``infer_zwnj``: infer ZWNJ from glyph geometry where the text layer lacks it (default True);
      ``max_page_points``: a page larger than this many square points (default: 100 A0 sheets) is
      reported as a problem and skipped instead of exhausting memory.
    Repair:
      ``zwnj``: restore lost ZWNJ only where the document shows ZWNJ loss (``auto``), everywhere the
      lexicon says so (``always``), or never;
      ``encoding``: the encoding of text input.
    """

    pages: tuple[tuple[int, int | None], ...] | None = None
    password: str | None = None
    keep_running: bool = False
    infer_zwnj: bool = True
    max_page_points: float = 100 * 2384.0 * 3370.0
    zwnj: ZwnjMode = "auto"
    encoding: str = "utf-8"

    def __post_init__(self) -> None:
        if self.zwnj not in _ZWNJ_MODES:
            raise SettingsError(f"zwnj must be one of {', '.join(_ZWNJ_MODES)}, not {self.zwnj!r}")
        try:
            codecs.lookup(self.encoding)
        except LookupError:
            raise SettingsError(f"encoding: {self.encoding!r} is not an encoding Python knows "
                                "(try utf-8 or cp1256)") from None
        if self.max_page_points <= 0:
            raise SettingsError(f"max_page_points must be positive, not {self.max_page_points!r}")
        if self.pages is not None:
            for first, last in self.pages:
                if first < 1 or (last is not None and last < first):
                    raise SettingsError(f"pages: ({first}, {last}) is not a valid 1-based range")

    def with_pages(self, spec: str | None) -> Settings:
        """A copy with ``pages`` parsed from a spec such as ``"2-5"`` (``None`` keeps all pages)."""
        return replace(self, pages=parse_pages(spec) if spec else None)

    def wants_page(self, number: int) -> bool:
        """True if page ``number`` (1-based) is selected.

        >>> Settings().with_pages("2-3").wants_page(4)
        False
        """
        if self.pages is None:
            return True
        return any(first <= number and (last is None or number <= last) for first, last in self.pages)
