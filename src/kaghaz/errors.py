"""The errors kaghaz raises. Catch :class:`KaghazError` to catch every one of them.

Policy (after pypdf's): raise when the caller must act (a file that cannot be read, a bad option);
warn when the caller must change code; log a problem into the result when kaghaz repaired or skipped
something and could go on (a page without a text layer is a :class:`~kaghaz.model.Problem`, not an
exception). Every message names the input and says what to do next, on one line.
"""

from __future__ import annotations

from pathlib import Path


class KaghazError(Exception):
    """Base class of every error kaghaz raises on purpose."""


class SettingsError(KaghazError, ValueError):
    """An option has a value kaghaz cannot use; the message names the option and the value."""


class InputError(KaghazError):
    """A file or a text that kaghaz cannot read. ``path`` names it when there is one."""

    def __init__(self, message: str, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else None
        #: The message without the path in front, for callers that name the file themselves.
        self.reason = message
        prefix = f"{self.path}: " if self.path is not None else ""
        super().__init__(prefix + message)


class NotAPdfError(InputError):
    """The file does not start like a PDF."""


class CorruptPdfError(InputError):
    """The file claims to be a PDF but cannot be parsed (truncated, damaged)."""


class EncryptedPdfError(InputError):
    """The PDF is encrypted and no password, or a wrong one, was given."""


class EmptyPdfError(InputError):
    """The PDF has no pages."""


class NoTextError(InputError):
    """Nothing came out of the PDF: no selected page has a text layer (it needs OCR), or every one was skipped."""


class TextEncodingError(InputError):
    """Text input is not in the expected encoding (or is binary)."""
