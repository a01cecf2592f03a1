"""The order in which fixes run over a window of lines, and the decisions between them."""

from __future__ import annotations

from dataclasses import dataclass

from kaghaz.repair.diagnosis import Profile, controls_wrap_lines, letter_reversal_gain, profile_words
from kaghaz.repair.fixes import (
    drop_direction_controls,
    drop_stray_controls,
    fold_presentation,
    resolve_ltr_embeddings,
)
from kaghaz.repair.langmodel import LanguageModel
from kaghaz.repair.plan import Planner
from kaghaz.repair.reverse import reverse_visual_line
from kaghaz.repair.text import frame, has_arabic
from kaghaz.repair.words import fix_lam_alef, restore_joined_zwnj, restore_spaced_zwnj, swap_brackets
from kaghaz.settings import Settings

#: A line is read as visual order when that gains this much log10 probability per word ...
LETTER_GAIN: float = 1.0
#: ... or this much in a document where most Persian lines are visual order.
LETTER_GAIN_IN_REVERSED_DOC: float = 0.0


@dataclass(frozen=True, slots=True)
class WindowResult:
    """What :func:`repair_window` made of a window of lines."""

    lines: tuple[str, ...]
    profile: Profile


def _body_fix(function: object) -> object:
    return function


def _on_body(function: object):  # type: ignore[no-untyped-def]
    def apply(line: str) -> str:
        framed = frame(line)
        return framed.join(function(framed.body))  # type: ignore[operator]
    return apply


def clean_characters(planner: Planner) -> None:
    """Run the character fixes over every line.

    Direction controls are only dropped from a document that wraps its lines in them (what
    pdftotext does); a clean text keeps the marks its author or platform put in.
    """
    if controls_wrap_lines(planner.lines):
        planner.map_lines("resolve_ltr_embeddings", resolve_ltr_embeddings)
        planner.map_lines("drop_direction_controls", drop_direction_controls)
    planner.map_lines("drop_stray_controls", drop_stray_controls)
    planner.map_lines("fold_presentation_forms", fold_presentation)


def reverse_letter_lines(planner: Planner, lm: LanguageModel) -> None:
    """Find the lines written in visual order and put them in logical order."""
    gains: list[tuple[float, int] | None] = []
    for line in planner.lines:
        body = frame(line).body
        gains.append(letter_reversal_gain(body, lm) if has_arabic(body) else None)
    scored = [g for g in gains if g is not None and g[1] > 0]
    strong = sum(1 for g, n in scored if g > LETTER_GAIN)
    doc_reversed = bool(scored) and strong >= 0.5 * len(scored) and strong >= 2
    threshold = LETTER_GAIN_IN_REVERSED_DOC if doc_reversed else LETTER_GAIN
    for index, gain in enumerate(gains):
        if gain is None or gain[1] == 0:
            continue
        if gain[0] > threshold:
            framed = frame(planner.lines[index])
            planner.replace("reverse_line_letters", index, 1, [framed.join(reverse_visual_line(framed.body))])


def fix_words(planner: Planner, lm: LanguageModel, settings: Settings) -> Profile:
    """Run the word-level fixes that the document's profile calls for."""
    profile = profile_words([frame(line).body for line in planner.lines], lm)
    if profile.lam_alef_backwards:
        planner.map_lines("fix_lam_alef", _on_body(lambda body: fix_lam_alef(body, lm)))
    if profile.brackets_mirrored:
        planner.map_lines("unmirror_brackets", _on_body(swap_brackets))
    # Lost ZWNJ is only restored in a document that shows other damage from an extractor too:
    # clean text whose author wrote without ZWNJ looks exactly like text that lost it.
    damaged = bool(planner.steps) or profile.lam_alef_backwards or profile.brackets_mirrored
    joined = settings.zwnj == "always" or (settings.zwnj == "auto" and damaged and profile.zwnj_joined)
    spaced = settings.zwnj == "always" or (settings.zwnj == "auto" and damaged and profile.zwnj_spaced)
    if joined:
        planner.map_lines("restore_zwnj", _on_body(lambda body: restore_joined_zwnj(body, lm)))
    if spaced:
        planner.map_lines("restore_spaced_zwnj", _on_body(lambda body: restore_spaced_zwnj(body, lm)))
    return profile


def repair_window(planner: Planner, lm: LanguageModel, settings: Settings) -> Profile:
    """Repair the lines held by ``planner`` in place; return the document profile used."""
    clean_characters(planner)
    reverse_letter_lines(planner, lm)
    return fix_words(planner, lm, settings)
