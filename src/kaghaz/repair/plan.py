"""The record of a repair and its replay.

A :class:`~kaghaz.model.RepairStep` says: at line ``line`` (0-based, counted in the text as it was
when the step ran), the lines reading ``before`` (several lines joined by ``\\n`` when a fix merged
or moved lines) were replaced by ``after``. Steps are recorded only when a fix changed something,
and :func:`apply_plan` replays them on the original text, so ``apply_plan(original, steps)``
reproduces the repaired text exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kaghaz.errors import KaghazError
from kaghaz.model import RepairStep


class PlanError(KaghazError, ValueError):
    """A repair plan does not fit the text it is applied to."""


def apply_plan(original: str, steps: Iterable[RepairStep]) -> str:
    """Replay ``steps`` on ``original``.

    >>> step = RepairStep("drop_direction_controls", 1, "\N{RIGHT-TO-LEFT MARK}ب", "ب")
    >>> apply_plan("الف\\n\N{RIGHT-TO-LEFT MARK}ب", [step])
    'الف\\nب'
    """
    lines = original.split("\n")
    for step in steps:
        count = step.before.count("\n") + 1
        current = "\n".join(lines[step.line:step.line + count])
        if step.line + count > len(lines) or current != step.before:
            raise PlanError(
                f"step {step.fix!r} expects line {step.line} to read {step.before[:40]!r}, "
                f"found {current[:40]!r}; apply the plan to the text it was made from"
            )
        lines[step.line:step.line + count] = step.after.split("\n")
    return "\n".join(lines)


class Planner:
    """Lines being repaired, and the steps taken so far.

    ``offset`` is the number of the first line in the whole text (a window of a streamed text
    starts after the lines already written), so that steps count lines in the whole text.
    ``fixes`` counts the changes made by each fix, recorded or not.
    """

    __slots__ = ("fixes", "lines", "offset", "record", "steps")

    def __init__(self, lines: list[str], offset: int = 0, record: bool = True) -> None:
        self.lines = lines
        self.steps: list[RepairStep] = []
        self.offset = offset
        self.record = record
        self.fixes: dict[str, int] = {}

    def replace(self, fix: str, index: int, count: int, new_lines: list[str]) -> bool:
        """Replace ``count`` lines from ``index`` by ``new_lines``; record it if it changed anything."""
        old = self.lines[index:index + count]
        if old == new_lines:
            return False
        self.fixes[fix] = self.fixes.get(fix, 0) + 1
        if self.record:
            self.steps.append(RepairStep(fix, self.offset + index, "\n".join(old), "\n".join(new_lines)))
        self.lines[index:index + count] = new_lines
        return True

    def map_lines(self, fix: str, function: Callable[[str], str],
                  only: Callable[[int], bool] | None = None) -> int:
        """Run a one-line fix over every line (or those ``only`` selects); return how many changed."""
        changed = 0
        for index, line in enumerate(self.lines):
            if only is not None and not only(index):
                continue
            new = function(line)
            if new != line and "\n" not in new:
                changed += self.replace(fix, index, 1, [new])
        return changed
