"""Repair of Persian text that other tools already garbled.

``repair(text)`` returns the repaired text; ``repair_and_explain(text)`` also returns every fix that
changed something, by name, line, before and after, and ``apply_plan(original, steps)`` replays
those steps. ``diagnose(text)`` says what damage each line shows. See ``docs/repair.md``.
"""

from __future__ import annotations

from kaghaz.model import Repaired, RepairStep
from kaghaz.repair.engine import repair_window
from kaghaz.repair.langmodel import LanguageModel
from kaghaz.repair.plan import PlanError, Planner, apply_plan
from kaghaz.settings import Settings

__all__ = ["PlanError", "apply_plan", "repair", "repair_and_explain"]


def repair_and_explain(text: str, settings: Settings | None = None) -> Repaired:
    """Repair ``text`` and return the result with the steps taken."""
    settings = settings or Settings()
    planner = Planner(text.split("\n"))
    repair_window(planner, LanguageModel(), settings)
    return Repaired(text="\n".join(planner.lines), original=text, steps=tuple(planner.steps))


def repair(text: str, settings: Settings | None = None) -> str:
    """Return ``text`` repaired (unchanged where no damage is diagnosed)."""
    return repair_and_explain(text, settings).text


def _unused(_: RepairStep) -> None:
    """Keep the import of RepairStep for the public namespace."""
