"""Lines and words written in visual (left-to-right) order, put back in logical order.

pdfminer.six and pdfplumber emit a right-to-left line letter by letter from left to right; pypdf
on Typst PDFs emits the words of a line from left to right; pypdfium2 on Chromium PDFs emits some
words letter by letter from left to right. Undoing each is easy; deciding *when* to undo it is the
job of :mod:`kaghaz.repair.diagnosis`.
"""

from __future__ import annotations

from dataclasses import dataclass

from bidi import get_display

from kaghaz.chars import is_mark
from kaghaz.repair.langmodel import LanguageModel
from kaghaz.repair.text import WORD_RE, letter_count


def reverse_visual_line(line: str) -> str:
    """A right-to-left line written in visual order, read back in logical order.

    Runs of digits and Latin stay left to right, as the Unicode bidi algorithm shows them (python-bidi
    reorders the visual string as a right-to-left paragraph; that reordering is its own inverse).

    >>> reverse_visual_line("تسا وردوخ ناریا زا")
    'از ایران خودرو است'
    >>> reverse_visual_line("دش هضرع ۴۰۶ وژپ")
    'پژو ۴۰۶ عرضه شد'
    """
    return str(get_display(line, base_dir="R"))


def reverse_word(word: str) -> str:
    """The letters of ``word`` in reverse order.

    A combining mark that would come first (it was drawn after the word, as pypdfium2 reports the
    hamza of ``زادهٔ``) goes back to the end of the word.

    >>> reverse_word("میات")
    'تایم'
    >>> reverse_word("هداز\N{ARABIC HAMZA ABOVE}") == "زاده\N{ARABIC HAMZA ABOVE}"
    True
    """
    flipped = word[::-1]
    start = 0
    while start < len(flipped) and is_mark(flipped[start]):
        start += 1
    return flipped[start:] + flipped[:start] if start < len(flipped) else flipped


def reverse_word_order(line: str) -> str:
    """The words of ``line`` in reverse order (spaces between them kept as single spaces).

    >>> reverse_word_order("است خودرو این")
    'این خودرو است'
    """
    return " ".join(reversed(line.split()))


def reverse_words(line: str, which: set[int]) -> str:
    """``line`` with the letters of its words number ``which`` (0-based, Persian words only) reversed.

    >>> reverse_words("میات کی هلجم خبری", {0, 1, 2})
    'تایم یک مجله خبری'
    """
    counter = iter(range(1 << 30))

    def flip(match: object) -> str:
        word = match.group()  # type: ignore[attr-defined]
        return reverse_word(word) if next(counter) in which else str(word)

    return WORD_RE.sub(flip, line)


@dataclass(frozen=True, slots=True)
class Flips:
    """Which words of a line read better with their letters reversed, and what that gains."""

    text: str
    gain: float
    flipped: int
    evident: int


def flip_words(line: str, lm: LanguageModel) -> Flips:
    """The best choice of words of ``line`` to read with their letters reversed.

    A Viterbi search over the line's words, two states each (as written, reversed), scoring each
    word and each neighbouring pair with the language model. ``evident`` counts flipped words
    that the lexicon does not know as written but knows reversed: one such word is strong evidence,
    while flipping between two real words (``رد`` and ``در``) needs the context to agree.

    >>> lm = LanguageModel()
    >>> flip_words("میات کی هلجم خبری است", lm).text
    'تایم یک مجله خبری است'
    """
    found = list(WORD_RE.finditer(line))
    if not found:
        return Flips(line, 0.0, 0, 0)
    options: list[tuple[str, str | None]] = []
    for match in found:
        word = match.group()
        flipped = reverse_word(word)
        options.append((word, flipped if flipped != word and letter_count(word) > 1 else None))
    # scores[state] for the current word; back pointers per word
    prev_words: tuple[str, str | None] = options[0]
    scores = [lm.word(prev_words[0]), lm.word(prev_words[1]) if prev_words[1] else float("-inf")]
    back: list[tuple[int, int]] = []
    for written, turned in options[1:]:
        new_scores = []
        pointers = []
        for option in (written, turned):
            if option is None:
                new_scores.append(float("-inf"))
                pointers.append(0)
                continue
            best, pointer = float("-inf"), 0
            for prev_state, prev_candidate in enumerate(prev_words):
                if prev_candidate is None or scores[prev_state] == float("-inf"):
                    continue
                value = scores[prev_state] + lm.pair(prev_candidate, option)
                if value > best:
                    best, pointer = value, prev_state
            new_scores.append(best + lm.word(option))
            pointers.append(pointer)
        back.append((pointers[0], pointers[1]))
        scores = new_scores
        prev_words = (written, turned)
    state = 0 if scores[0] >= scores[1] else 1
    states = [state]
    for pointer_pair in reversed(back):
        state = pointer_pair[state]
        states.append(state)
    states.reverse()
    if not any(states):
        return Flips(line, 0.0, 0, 0)
    baseline = lm.score([w for w, _ in options])
    chosen = [w if s == 0 else f for (w, f), s in zip(options, states, strict=True)]
    gain = lm.score([c for c in chosen if c is not None]) - baseline
    evident = sum(1 for (w, f), s in zip(options, states, strict=True)
                  if s and f is not None and not lm.known(w) and lm.known(f))
    which = {i for i, s in enumerate(states) if s}
    return Flips(reverse_words(line, which), gain, len(which), evident)
