"""Repair of Persian text that other tools already garbled (placeholder)."""

from __future__ import annotations

from kaghaz.model import Repaired, RepairStep


def repair(text: str) -> str:
    """Return ``text`` repaired (placeholder: unchanged)."""
    return text


def repair_and_explain(text: str) -> Repaired:
    """Return the repair with its steps (placeholder: no steps)."""
    return Repaired(text=text, original=text, steps=())


def apply_plan(original: str, steps: tuple[RepairStep, ...]) -> str:
    """Replay ``steps`` on ``original`` (placeholder)."""
    return original
