"""Lines and words written in visual (left-to-right) order, put back in logical order.

pdfminer.six and pdfplumber emit a right-to-left line letter by letter from left to right; pypdf
on Typst PDFs emits the words of a line from left to right; pypdfium2 on Chromium PDFs emits some
words letter by letter from left to right. Undoing each is easy; deciding *when* to undo it is the
job of :mod:`kaghaz.repair.diagnosis`.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from bidi import get_display

from kaghaz.chars import ZWNJ, is_arabic_letter, is_mark, joins_forward
from kaghaz.repair.langmodel import LanguageModel
from kaghaz.repair.text import WORD_RE, letter_count
from kaghaz.repair.words import split_zwnj


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


#: With the document's own rule for which words come out backwards (:func:`ends_joined`), a
#: reading that breaks the rule costs this much.
JOIN_RULE_PENALTY = 3.0


_ALEFS = "\N{ARABIC LETTER ALEF}\N{ARABIC LETTER ALEF WITH MADDA ABOVE}"


def ends_joined(word: str) -> bool | None:
    """True if the last letter of ``word`` is joined to the one before it (its final form).

    pypdfium2 on Chromium PDFs writes exactly those words backwards: a word whose last letter
    stands alone (``در``, ``کشور``, ``سال``) comes out as written, one whose last letter is joined
    (``بر``, ``مصر``, ``است``) letter by letter from left to right. The lam-alef ligature stands
    alone. ``None`` for a word of fewer than two letters.

    >>> ends_joined("کشور"), ends_joined("مصر"), ends_joined("بالا"), ends_joined("و")
    (False, True, False, None)
    """
    letters = [c for c in word if is_arabic_letter(c) or c == ZWNJ]
    if len(letters) < 2 or letters[-1] == ZWNJ:
        return None
    if letters[-2] == "\N{ARABIC LETTER LAM}" and letters[-1] in _ALEFS:
        return False
    return joins_forward(letters[-2])


def follows_join_rule(written: str, turned: str, flip: bool) -> bool | None:
    """Whether reading ``written`` as itself (``flip`` False) or as ``turned`` agrees with
    :func:`ends_joined`: a word comes out backwards exactly when its last letter is joined.

    >>> follows_join_rule("امزنب", "بنزما", True), follows_join_rule("امزنب", "بنزما", False)
    (True, False)
    """
    joined = ends_joined(turned if flip else written)
    return None if joined is None else joined == flip


#: Reversing a word the lexicon knows as written costs this much (``نیمه`` must not become ``همین``
#: on frequency alone) ...
FLIP_KNOWN_PENALTY = 0.25
#: ... and reversing into a word it does not know costs this much.
FLIP_UNKNOWN_PENALTY = 1.0


def _word_score(word: str, lm: LanguageModel) -> float:
    """A word's score, or that of its spelling with lost ZWNJs put back if that scores higher."""
    score = lm.word(word)
    split = split_zwnj(word, lm)
    return max(score, lm.word(split)) if split != word else score


def flip_words(line: str, lm: LanguageModel, join_rule: bool = False) -> Flips:
    """The best choice of words of ``line`` to read with their letters reversed.

    A Viterbi search over the line's words, two states each (as written, reversed), scoring each
    word and each neighbouring pair with the language model; reversing a known word, or reversing
    into an unknown one, costs a penalty. ``evident`` counts flipped words that the lexicon does
    not know as written but knows reversed: such words are the document-wide evidence.
    ``join_rule``: the document follows :func:`ends_joined`; a reading that breaks it costs
    :data:`JOIN_RULE_PENALTY` (names the lexicon does not know are then read the right way).

    >>> lm = LanguageModel()
    >>> flip_words("میات کی هلجم خبری است", lm).text
    'تایم یک مجله خبری است'
    """
    found = list(WORD_RE.finditer(line))
    if not found:
        return Flips(line, 0.0, 0, 0)
    options: list[tuple[str, str | None]] = []
    state_scores: list[tuple[float, float]] = []
    for match in found:
        word = match.group()
        flipped = reverse_word(word)
        turned = flipped if flipped != word and letter_count(word) > 1 else None
        options.append((word, turned))
        keep = _word_score(word, lm)
        if turned is None:
            state_scores.append((keep, float("-inf")))
            continue
        flip = _word_score(turned, lm)
        # without the document's rule a flip must overcome a prior against it; with the rule,
        # about half the words are flipped and the rule and the letters decide
        if not join_rule and (lm.known(word) or lm.known(split_zwnj(word, lm))):
            flip -= FLIP_KNOWN_PENALTY
        if not join_rule and not (lm.known(turned) or lm.known(split_zwnj(turned, lm))):
            flip -= FLIP_UNKNOWN_PENALTY
        if join_rule:
            if follows_join_rule(word, turned, False) is False:
                keep -= JOIN_RULE_PENALTY
            if follows_join_rule(word, turned, True) is False:
                flip -= JOIN_RULE_PENALTY
        state_scores.append((keep, flip))
    scores = list(state_scores[0])
    back: list[tuple[int, int]] = []
    for position in range(1, len(options)):
        previous = options[position - 1]
        new_scores = []
        pointers = []
        for state, option in enumerate(options[position]):
            if option is None:
                new_scores.append(float("-inf"))
                pointers.append(0)
                continue
            best, pointer = float("-inf"), 0
            for prev_state, prev_option in enumerate(previous):
                if prev_option is None or scores[prev_state] == float("-inf"):
                    continue
                value = scores[prev_state] + lm.pair(prev_option, option)
                if value > best:
                    best, pointer = value, prev_state
            new_scores.append(best + state_scores[position][state])
            pointers.append(pointer)
        back.append((pointers[0], pointers[1]))
        scores = new_scores
    state = 0 if scores[0] >= scores[1] else 1
    top = scores[state]
    states = [state]
    for pointer_pair in reversed(back):
        state = pointer_pair[state]
        states.append(state)
    states.reverse()
    if not any(states):
        return Flips(line, 0.0, 0, 0)
    baseline = sum(keep for keep, _ in state_scores) + sum(
        lm.pair(a[0], b[0]) for a, b in pairwise(options))
    # a piece of a word that justification split with a space (``کش ور``) reads as a word
    # backwards too, but is no evidence: glued to its neighbour it is a word
    evident = sum(1 for index, ((w, f), s) in enumerate(zip(options, states, strict=True))
                  if s and f is not None and not lm.known(w) and lm.known(f)
                  and not _split_piece(options, index, lm))
    which = {i for i, s in enumerate(states) if s}
    return Flips(reverse_words(line, which), top - baseline, len(which), evident)


def _split_piece(options: list[tuple[str, str | None]], index: int, lm: LanguageModel) -> bool:
    """True if word ``index`` of a line makes a known word glued to the word before or after it."""
    word = options[index][0]
    before = options[index - 1][0] + word if index else None
    after = word + options[index + 1][0] if index + 1 < len(options) else None
    return any(joined is not None and lm.known(joined) for joined in (before, after))


#: The join rule holds in a document when at least this many words the lexicon decides agree
#: with it, and at most this share disagree.
JOIN_RULE_MINIMUM = 20
JOIN_RULE_AGREEMENT = 0.9


def follows_join_rule_document(lines: list[str], lm: LanguageModel) -> bool:
    """True if the words of ``lines`` that the lexicon reads one way only (known as written and
    not backwards, or the other way round) come out backwards exactly when their last letter is
    joined (:func:`ends_joined`), as pypdfium2 writes Chromium PDFs.

    >>> follows_join_rule_document(["تسا رصم کشور نیا"] * 10, LanguageModel())
    True
    """
    agree = disagree = 0
    for line in lines:
        for match in WORD_RE.finditer(line):
            word = match.group()
            turned = reverse_word(word)
            if turned == word:
                continue
            known, known_turned = lm.known(word), lm.known(turned)
            if known == known_turned:
                continue
            verdict = follows_join_rule(word, turned, flip=known_turned)
            if verdict is None:
                continue
            agree += verdict
            disagree += not verdict
    total = agree + disagree
    return total >= JOIN_RULE_MINIMUM and agree >= JOIN_RULE_AGREEMENT * total
