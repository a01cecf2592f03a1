"""Repair of Persian text that other tools already garbled.

``repair(text)`` returns the repaired text; ``repair_and_explain(text)`` also returns every fix that
changed something, by name, line, before and after, and ``apply_plan(original, steps)`` replays
those steps. ``diagnose(text)`` says what damage each line shows. ``repair_stream(binary_file)``
repairs a file of any size in bounded memory. See ``docs/repair.md``.

>>> repair("ییاپورا یاهرازاب")
'بازارهای اروپایی'
"""

from __future__ import annotations

import sys
import types

from kaghaz.model import Repaired, RepairStep
from kaghaz.repair.diagnosis import Diagnosis, LineDiagnosis, LineKind, Profile
from kaghaz.repair.engine import diagnose_window
from kaghaz.repair.langmodel import default_language_model
from kaghaz.repair.plan import PlanError, apply_plan
from kaghaz.repair.stream import decode_chunks, repair_chunks, repair_stream
from kaghaz.settings import Settings

__all__ = [
    "Diagnosis",
    "LineDiagnosis",
    "LineKind",
    "PlanError",
    "Profile",
    "RepairStep",
    "Repaired",
    "apply_plan",
    "decode_chunks",
    "diagnose",
    "repair",
    "repair_and_explain",
    "repair_stream",
]


def repair_and_explain(text: str, settings: Settings | None = None) -> Repaired:
    """Repair ``text`` and return the result with every step taken.

    ``apply_plan(result.original, result.steps) == result.text`` always holds.
    """
    parts: list[str] = []
    steps: list[RepairStep] = []
    for chunk in repair_chunks([text], settings, record=True):
        parts.append(chunk.text)
        steps.extend(chunk.steps)
    return Repaired(text="".join(parts), original=text, steps=tuple(steps))


def repair(text: str, settings: Settings | None = None) -> str:
    """Return ``text`` repaired; lines with no diagnosed damage come back unchanged."""
    return "".join(chunk.text for chunk in repair_chunks([text], settings))


def diagnose(text: str, settings: Settings | None = None) -> Diagnosis:
    """Say, line by line, what damage ``text`` shows (without repairing it).

    >>> [d.kind.value for d in diagnose("ییاپورا یاهرازاب\\nبازارهای اروپایی").lines]
    ['letter-reversed', 'clean']
    """
    del settings  # the diagnosis does not depend on the repair options
    return diagnose_window(text.split("\n"), default_language_model())


class _CallableModule(types.ModuleType):
    """``kaghaz.repair`` is both this package and, in the public API, a function: once the package
    is imported, ``kaghaz.repair`` names the package, so the package itself answers calls."""

    def __call__(self, text: str, settings: Settings | None = None) -> str:
        return repair(text, settings)


sys.modules[__name__].__class__ = _CallableModule
