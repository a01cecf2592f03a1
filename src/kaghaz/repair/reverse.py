"""Lines and words written in visual (left-to-right) order, put back in logical order.

pdfminer.six and pdfplumber emit a right-to-left line letter by letter from left to right; pypdf
on Typst PDFs emits the words of a line from left to right; pypdfium2 on Chromium PDFs emits some
words letter by letter from left to right. Undoing each is easy; deciding *when* to undo it is the
job of :mod:`kaghaz.repair.diagnosis`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Final

from bidi import get_display

from kaghaz.chars import ZWNJ, is_arabic_letter, is_mark, joins_forward
from kaghaz.repair.langmodel import PAIR_MAX, PAIR_MIN, LanguageModel
from kaghaz.repair.text import WORD_RE, letter_count, line_cache
from kaghaz.repair.words import split_zwnj


@line_cache
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


#: A left-to-right run inside a right-to-left line, as the bidi algorithm groups it: digits and Latin
#: letters with the spaces and number punctuation between them.
_LTR_CORE: Final = (
    "[A-Za-z0-9\u06f0-\u06f9\u0660-\u0669](?:[ .,:/%\u066b\u066c+-]*[A-Za-z0-9\u06f0-\u06f9\u0660-\u0669])*")
LTR_RUN: Final = re.compile(_LTR_CORE)


def swap_ltr_runs(line: str) -> str:
    """``line`` with its stretches in reverse order, a stretch being a left-to-right run or the text
    between two of them.

    MuPDF's plain text writes each right-to-left stretch of a line letter by letter from left to
    right, spaces at its ends included, but keeps the stretches in logical order; swapped, they
    form the whole line in visual order, which :func:`reverse_visual_line` reads back.

    >>> reverse_visual_line(swap_ltr_runs(" وژپ۴۰۵رد هک تسا "))
    'پژو ۴۰۵ است که در'
    >>> swap_ltr_runs("تسا وردوخ")
    'تسا وردوخ'
    >>> reverse_visual_line(swap_ltr_runs(" دکXU7JPتسا "))
    'کد XU7JP است'
    """
    parts: list[str] = []
    position = 0
    for match in LTR_RUN.finditer(line):
        parts += [line[position:match.start()], match.group()]
        position = match.end()
    if not parts:
        return line
    parts.append(line[position:])
    return "".join(reversed(parts))


def spaced_runs(line: str) -> int:
    """How many left-to-right runs of ``line`` stand between spaces (or at an end of the line).

    >>> spaced_runs("پژو ۴۰۵ است که در ۱۳۸۹"), spaced_runs("پژو۴۰۵ است")
    (2, 0)
    """
    line = line.strip()
    return sum(1 for match in LTR_RUN.finditer(line)
               if line[match.start() - 1:match.start()] in ("", " ") and line[match.end():match.end() + 1] in ("", " "))


@line_cache
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


def mark_pieces(word: str) -> list[str]:
    """``word`` cut after each mark that a letter follows.

    >>> mark_pieces("م\N{ARABIC DAMMA}ییاهره") == ["م\N{ARABIC DAMMA}", "ییاهره"]
    True
    """
    pieces: list[str] = []
    start = 0
    for index in range(1, len(word)):
        if is_mark(word[index - 1]) and not is_mark(word[index]):
            pieces.append(word[start:index])
            start = index
    pieces.append(word[start:])
    return pieces


#: A mark with a letter after it, inside a word.
_MARK_INSIDE: Final = re.compile("[\u064b-\u065f\u0670][\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff]")
#: A word cut into more pieces than this is not read piece by piece.
MAX_MARK_PIECES = 4


def turned_by_pieces(word: str, lm: LanguageModel) -> str:
    """``word`` read back where pypdfium2 turned round the pieces between its marks one by one.

    On Chromium PDFs pypdfium2 cuts a word after each letter with a vowel mark and turns each
    piece round on its own, by the rule it follows for whole words (:func:`ends_joined`): a piece
    that ends joined comes out backwards (``مُییاهره`` for ``مُهرهایی``, ``تِسین`` for
    ``تِنیس``). Where a piece reads both ways under that rule, the lexicon chooses. Written
    here by hand because no library undoes it.

    >>> damma = "\N{ARABIC DAMMA}"
    >>> turned_by_pieces("م" + damma + "ییاهره", LanguageModel()) == "م" + damma + "هرهایی"
    True
    """
    pieces = mark_pieces(word)
    if len(pieces) == 1:
        return reverse_word(word)
    if len(pieces) > MAX_MARK_PIECES:
        return word
    readings = [""]
    for piece in pieces:
        options = []
        if letter_count(piece) < 2 or ends_joined(piece) is not True:
            options.append(piece)
        turned = reverse_word(piece)
        if turned != piece and ends_joined(turned) is True:
            options.append(turned)
        readings = [done + option for done in readings for option in options or [piece]]
    others = [reading for reading in readings if reading != word]
    return max(others, key=lm.word) if others else word


def reverse_word_order(line: str) -> str:
    """The words of ``line`` in reverse order (spaces between them kept as single spaces).

    >>> reverse_word_order("است خودرو این")
    'این خودرو است'
    """
    return " ".join(reversed(line.split()))


@dataclass(frozen=True, slots=True)
class Flips:
    """Which words of a line read better with their letters reversed, and what that gains."""

    text: str
    gain: float
    flipped: int
    evident: int
    #: the evident words as written (the same word again is no new evidence)
    evident_words: frozenset[str] = frozenset()


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


@dataclass(frozen=True, slots=True)
class JoinRule:
    """Which words of a document came out backwards, by how they end (see :func:`ends_joined`).

    A word whose last letter stands alone came out as written. A word whose last letter is
    joined came out backwards if that letter is in ``flipped`` (pypdfium2 on Chromium: every
    letter; on some Typst pages only ``ه``) and as written if it is in ``kept``; for other letters
    the rule says nothing. ``general``: the joined words came out backwards as a whole, so about
    half of all words did. ``alone``: the words whose last letter stands alone came out backwards
    too (pypdfium2 on some Quartz pages turns round every word).
    """

    flipped: frozenset[str]
    kept: frozenset[str] = frozenset()
    general: bool = False
    alone: bool = False

    def expects(self, word: str) -> bool | None:
        """Whether ``word`` (as the writer wrote it) came out backwards, if the rule says.

        >>> rule = JoinRule(frozenset("ه"), frozenset("ت"))
        >>> rule.expects("که"), rule.expects("است"), rule.expects("در"), rule.expects("مصر")
        (True, False, False, None)
        >>> JoinRule(frozenset("ه"), general=True, alone=True).expects("در")
        True
        """
        joined = ends_joined(word)
        if joined is None:
            return None
        if not joined:
            return self.alone
        last = [c for c in word if is_arabic_letter(c)][-1]
        if last in self.flipped:
            return True
        return False if last in self.kept else None

    def follows(self, written: str, turned: str, flip: bool) -> bool | None:
        """Whether reading ``written`` as itself (``flip`` False) or as ``turned`` agrees.

        >>> every = JoinRule(frozenset("بنزمای"))
        >>> every.follows("امزنب", "بنزما", True), every.follows("امزنب", "بنزما", False)
        (True, False)
        """
        expected = self.expects(turned if flip else written)
        return None if expected is None else expected == flip


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


def flip_words(line: str, lm: LanguageModel, join_rule: JoinRule | None = None) -> Flips:
    """The best choice of words of ``line`` to read with their letters reversed.

    A Viterbi search over the line's words, two states each (as written, reversed), scoring each
    word and each neighbouring pair with the language model; reversing a known word, or reversing
    into an unknown one, costs a penalty. ``evident`` counts flipped words that the lexicon does
    not know as written but knows reversed: such words are the document-wide evidence.
    ``join_rule``: the document's rule for which words came out backwards (:func:`learn_join_rule`);
    a reading that breaks it costs :data:`JOIN_RULE_PENALTY` (names the lexicon does not know are
    then read the right way).

    >>> lm = LanguageModel()
    >>> flip_words("میات کی هلجم خبری است", lm).text
    'تایم یک مجله خبری است'
    """
    found = list(WORD_RE.finditer(line))
    if not found:
        return Flips(line, 0.0, 0, 0)
    options: list[tuple[str, str | None]] = []
    state_scores: list[tuple[float, float]] = []
    known_turned: list[bool] = []
    marked = _MARK_INSIDE.search(line) is not None
    # the prior against turning a word round holds unless the document turned half its words
    prior = join_rule is None or not join_rule.general
    plain_table, pieces_table = lm.cache("flip_words"), lm.cache("flip_words_by_pieces")
    for match in found:
        word = match.group()
        by_pieces = marked and _by_pieces(word, marked)
        table = pieces_table if by_pieces else plain_table
        scored = table.get(word)
        if scored is None:
            scored = table[word] = _flip_scores(word, by_pieces, lm)
        turned, keep, flip, flip_with_prior, evidence = scored
        options.append((word, turned))
        known_turned.append(evidence)
        if turned is None:
            state_scores.append((keep, NEG))
            continue
        # without the document's rule a flip must overcome a prior against it; with the rule,
        # about half the words are flipped and the rule and the letters decide
        if prior:
            flip = flip_with_prior
        if join_rule is not None and not by_pieces:
            if join_rule.follows(word, turned, False) is False:
                keep -= JOIN_RULE_PENALTY
            if join_rule.follows(word, turned, True) is False:
                flip -= JOIN_RULE_PENALTY
        if flip < keep - NEVER_FLIP:
            # turning this word round loses more than its two pairs could win back: no best
            # reading, whole or partial, turns it (the search finds the same one without it)
            options[-1] = (word, None)
            state_scores.append((keep, NEG))
            continue
        state_scores.append((keep, flip))
    if all(turned is None for _, turned in options):
        return Flips(line, 0.0, 0, 0)  # no word can be turned: the search would keep them all
    kept, flipped = state_scores[0]
    back: list[tuple[int, int]] = []
    pair, cached = lm.pair, lm.pair_table().get
    previous_word, previous_turned = options[0]
    for position in range(1, len(options)):
        word, turned = options[position]
        # state 0: the word as written; state 1: turned round (if it can be); each reached from the
        # word before as written (pointer 0) or turned round (pointer 1), the cached pair scores
        # read directly (a hot path)
        best = [NEG, NEG]
        pointers = [0, 0]
        for state, target in enumerate((word, turned)):
            if target is None:
                continue
            if kept != NEG:
                score = cached((previous_word, target))
                best[state] = kept + (pair(previous_word, target) if score is None else score)
            if previous_turned is not None and flipped != NEG:
                score = cached((previous_turned, target))
                value = flipped + (pair(previous_turned, target) if score is None else score)
                if value > best[state]:
                    best[state], pointers[state] = value, 1
        back.append((pointers[0], pointers[1]))
        kept, flipped = best[0] + state_scores[position][0], best[1] + state_scores[position][1]
        previous_word, previous_turned = word, turned
    scores = [kept, flipped]
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
    evident_words = [w for index, ((w, f), s) in enumerate(zip(options, states, strict=True))
                     if s and f is not None and known_turned[index] and not _split_piece(options, index, lm)]
    evident = len(evident_words)
    which = {i for i, s in enumerate(states) if s}
    counter = iter(range(len(options)))

    def chosen(match: re.Match[str]) -> str:
        index = next(counter)
        return options[index][1] or match.group() if index in which else match.group()

    return Flips(WORD_RE.sub(chosen, line), top - baseline, len(which), evident, frozenset(evident_words))


NEG: Final = float("-inf")
#: A word whose turned reading scores this much below the word as written is never turned: its
#: two pairs with its neighbours change by at most ``2 * (PAIR_MAX - PAIR_MIN)`` (and a little more,
#: against rounding).
NEVER_FLIP: Final = 2 * (PAIR_MAX - PAIR_MIN) + 1e-6


def _by_pieces(word: str, marked: bool) -> bool:
    """True if ``word`` (of a line with a mark inside a word: ``marked``) may be one that pypdfium2
    turned round piece by piece between its marks (:func:`turned_by_pieces`); a word that starts
    with a mark is no such word."""
    return marked and _MARK_INSIDE.search(word) is not None and not is_mark(word[0])


def _flip_scores(word: str, by_pieces: bool, lm: LanguageModel) -> tuple[str | None, float, float, float, bool]:
    """What :func:`flip_words` needs of one word: the word turned round (``None`` if that changes
    nothing), its score as written, its score turned round, the latter with the prior against
    turning a word round (:data:`FLIP_KNOWN_PENALTY`, :data:`FLIP_UNKNOWN_PENALTY`), and whether
    the lexicon knows the word turned round but not as written (evidence for the document).

    >>> turned, keep, flip, with_prior, evident = _flip_scores("هلجم", False, LanguageModel())
    >>> turned, keep < flip, with_prior == flip, evident
    ('مجله', True, True, True)
    >>> _flip_scores("مجله", False, LanguageModel())[3] == _flip_scores("مجله", False, LanguageModel())[2] - 1.25
    True
    """
    flipped = turned_by_pieces(word, lm) if by_pieces else reverse_word(word)
    turned = flipped if flipped != word and letter_count(word) > 1 else None
    keep = _word_score(word, lm)
    if turned is None:
        return None, keep, NEG, NEG, False
    flip = with_prior = _word_score(turned, lm)
    if lm.known(word) or lm.known(split_zwnj(word, lm)):
        with_prior -= FLIP_KNOWN_PENALTY
    if not (lm.known(turned) or lm.known(split_zwnj(turned, lm))):
        with_prior -= FLIP_UNKNOWN_PENALTY
    return turned, keep, flip, with_prior, not lm.known(word) and lm.known(turned)


def _split_piece(options: list[tuple[str, str | None]], index: int, lm: LanguageModel) -> bool:
    """True if word ``index`` of a line makes a known word glued to the word before or after it."""
    word = options[index][0]
    before = options[index - 1][0] + word if index else None
    after = word + options[index + 1][0] if index + 1 < len(options) else None
    return any(joined is not None and lm.known(joined) for joined in (before, after))


#: A letter joins the rule when at least this many of the words the lexicon decides end in it,
#: and this share of them came out one way; words whose last letter stands alone must have come
#: out as written, and at least this many words must be decided in all.
JOIN_RULE_LETTER_MINIMUM = 3
JOIN_RULE_AGREEMENT = 0.9
JOIN_RULE_MINIMUM = 20


def turned_words_read_forward(lines: list[str], lm: LanguageModel) -> bool:
    """True if the words of ``lines``, each turned round, follow each other in reading order
    (every word written backwards, the words in order) rather than in reverse order (whole lines
    in visual order).

    >>> lm = LanguageModel()
    >>> turned_words_read_forward(["هلجم میات هب یسررب اهدادیور رد هنیمز تسایس"], lm)
    True
    >>> turned_words_read_forward(["تسایس هنیمز رد اهدادیور یسررب هب میات هلجم"], lm)
    False
    """
    forward = backward = 0.0
    pair, cached = lm.pair, lm.pair_table().get  # the cached scores read directly (a hot path)
    for line in lines:
        turned = [reverse_word(word) for word in WORD_RE.findall(line)]
        for left, right in pairwise(turned):
            score = cached((left, right))
            forward += pair(left, right) if score is None else score
            score = cached((right, left))
            backward += pair(right, left) if score is None else score
    return forward > backward


def learn_join_rule(lines: list[str], lm: LanguageModel) -> JoinRule | None:
    """The document's rule for which words came out backwards, learnt from the words the lexicon
    reads one way only (known as written and not backwards, or the other way round): by the
    letter a word ends with, joined or alone. ``None`` where no such rule holds.

    pypdfium2 on Chromium PDFs turns round every word whose last letter is joined (4,665 of
    4,672 words of the garbled set); on some Typst pages only those that end in a joined ``ه``.

    >>> rule = learn_join_rule(["تسا رصم کشور نیا هب هک سال"] * 10, LanguageModel())
    >>> "ت" in rule.flipped, rule.kept
    (True, frozenset())
    """
    alone = [0, 0]
    by_letter: dict[str, list[int]] = {}
    for line in lines:
        for match in WORD_RE.finditer(line):
            word = match.group()
            turned = reverse_word(word)
            if turned == word:
                continue
            known, known_turned = lm.known(word), lm.known(turned)
            if known == known_turned:
                continue
            original = turned if known_turned else word
            joined = ends_joined(original)
            if joined is None:
                continue
            if joined:
                last = [c for c in original if is_arabic_letter(c)][-1]
                by_letter.setdefault(last, [0, 0])[known_turned] += 1
            else:
                alone[known_turned] += 1
    decided = sum(alone) + sum(sum(counts) for counts in by_letter.values())
    if decided < JOIN_RULE_MINIMUM:
        return None
    # the words that end alone came out as written (Chromium, Typst) or all backwards (Quartz)
    # the words that end alone came out as written (Chromium, Typst), or all words came out
    # backwards in reading order (Quartz); not whole lines in visual order, read by other fixes
    alone_flipped = (sum(alone) >= JOIN_RULE_LETTER_MINIMUM and alone[1] >= JOIN_RULE_AGREEMENT * sum(alone)
                     and turned_words_read_forward(lines, lm))
    if alone[0] < JOIN_RULE_AGREEMENT * sum(alone) and not alone_flipped:
        return None
    flipped_all = sum(counts[1] for counts in by_letter.values())
    joined_all = sum(sum(counts) for counts in by_letter.values())
    # a letter seen too rarely follows the document's joined words as a whole, where they agree
    default = None
    if joined_all and flipped_all >= JOIN_RULE_AGREEMENT * joined_all:
        default = True
    elif joined_all and flipped_all <= (1 - JOIN_RULE_AGREEMENT) * joined_all:
        default = False
    flipped: set[str] = set()
    kept: set[str] = set()
    for letter in {c for c in WORD_LETTERS} | set(by_letter):
        counts = by_letter.get(letter, [0, 0])
        total = sum(counts)
        verdict = default
        if total >= JOIN_RULE_LETTER_MINIMUM:
            verdict = (True if counts[1] >= JOIN_RULE_AGREEMENT * total
                       else False if counts[0] >= JOIN_RULE_AGREEMENT * total else None)
        if verdict is True:
            flipped.add(letter)
        elif verdict is False:
            kept.add(letter)
    if not flipped:
        return None
    return JoinRule(frozenset(flipped), frozenset(kept), general=default is True,
                    alone=alone_flipped and default is True)


#: The letters a Persian word can end with, for the letters the document does not show.
WORD_LETTERS: Final = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیئأؤآإة"
