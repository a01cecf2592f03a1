"""kaghaz: faithful Persian and Dari text from PDFs, and repair of text other tools garbled.

The Python API::

    import kaghaz
    doc = kaghaz.extract("report.pdf")          # -> kaghaz.Document
    print(doc.text)
    text = kaghaz.repair(garbled)                 # -> str
    result = kaghaz.repair_and_explain(garbled)   # -> kaghaz.Repaired, with the steps taken
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kaghaz.errors import KaghazError
from kaghaz.model import Block, BlockKind, Document, Glyph, Line, Page, Problem, Repaired, RepairStep, Span
from kaghaz.settings import Settings

if TYPE_CHECKING:
    from kaghaz.extraction import extract
    from kaghaz.repair import apply_plan, repair, repair_and_explain

__all__ = [
    "Block",
    "BlockKind",
    "Document",
    "Glyph",
    "KaghazError",
    "Line",
    "Page",
    "Problem",
    "RepairStep",
    "Repaired",
    "Settings",
    "Span",
    "apply_plan",
    "extract",
    "repair",
    "repair_and_explain",
]

__version__ = "0.1.0"

_LAZY = {"extract": "kaghaz.extraction", "repair": "kaghaz.repair", "repair_and_explain": "kaghaz.repair",
         "apply_plan": "kaghaz.repair"}


def __getattr__(name: str) -> Any:
    """Import PDF reading (pypdfium2, numpy) and repair only when first used.

    ``kaghaz.repair`` is also the name of the repair package: once that package is imported the
    attribute is the package, which is callable like the function (see :mod:`kaghaz.repair`).
    """
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kaghaz' has no attribute {name!r}")
