"""Where pypdf's hidden cuts are: the search over the spaces of one segment, and its scoring.

Between two numbers or Latin runs, LibreOffice and MS Word draw the portions of a right-to-left
line in visual order, cut wherever the text holds a ZWNJ, a detached mark, a guillemet or a kashida,
and pypdf writes them one after another: last portion first, each readable inside (see
:mod:`kaghaz.repair.pypdf_order`). The cuts at a mark, a guillemet or a kashida are visible; the
ones at a ZWNJ show as a plain space. So a segment is read by choosing which of its spaces are such
*hidden cuts*; each choice gives one reading.

A choice is scored by a linear model over named features (:class:`CutWeights`): what a hidden cut
breaks (the pair of words around the space, which stood side by side in the text if the space was
a real one), what it makes (the last word of one portion joined with a ZWNJ to the first word of
the portion that follows it in logical order: ``می`` + ``شود``, ``فیس`` + ``لیفت``), the words it
leaves at the edges of the line (a line does not start with ``های`` or end with ``می``), marks that
land on the right letter, and, across lines, the pair of words that joins a line to the next. The
weights were fitted on clean text garbled the way pypdf garbles it (``bench/pypdf_fit.py``, on the
openly licensed ``../shared/corpora``, not on the benchmark), see :data:`FITTED`.

The search is a dynamic program over the cut positions whose state is the last two cuts (the word
a cut joins depends on the cut before and the cut after it), keeping a few partial readings per
state. Written by hand because no library does it.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable, Mapping
from dataclasses import astuple, dataclass, fields
from functools import lru_cache
from operator import itemgetter
from typing import Final, TypeVar, cast

from kaghaz.chars import ZWNJ, joins_forward
from kaghaz.lexicon import ZWNJ_PREFIXES, BigramTable, Lexicon
from kaghaz.repair.columns import sentence_starts, start_scores
from kaghaz.repair.langmodel import PAIR_MAX, PAIR_MIN, PAIR_PRIOR, LanguageModel
from kaghaz.repair.text import ARABIC_LETTER_CLASS
from kaghaz.repair.words import ZWNJ_SUFFIXES

_MARKS: Final = frozenset("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0656\u0657\u0658"
                          "\u0659\u065a\u065b\u065c\u065d\u065e\u065f\u0670")
#: C0 controls that LibreOffice writes for kashida: each is a portion of its own.
CONTROLS: Final = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CORE: Final = re.compile(f"[{ARABIC_LETTER_CLASS}\u200c\u0640]+")
_LETTER: Final = re.compile(f"[{ARABIC_LETTER_CLASS}]")

#: Words that only follow a ZWNJ, and words that only precede one.
SUFFIX_ONLY: Final = frozenset(["ها", "های", "هایی", "هایش", "هایشان", "هایمان", "هایتان", "ترین", "اند"])
PREFIX_ONLY: Final = frozenset(["می", "نمی"])
_SUFFIXES: Final = frozenset((*ZWNJ_SUFFIXES, "هاست", "هایی", "ایی", "اید", "هایشان"))
#: Suffixes that seldom stand alone after a space (``است`` does).
_LOOSE_SUFFIXES: Final = _SUFFIXES - {"است"}
_COPULA: Final = "است"
_MARK_BASES: Final = {"\u0654": "\u0647\u06c1\u06d5\u06cc", "\u064b": "\u0627\u0629\u0621"}
_SENTENCE_PUNCT: Final = frozenset(".!?\u061f")
_CLAUSE_PUNCT: Final = frozenset("\u060c\u061b,;:")

#: Partial readings kept per state of the search, and readings offered per segment.
BEAM: Final = 4
OFFERS: Final = 16
#: Frequency from which a word is a function word (``به``, ``در``, ``این``, ``است``).
FUNCTION_FREQUENCY: Final = 1e-3
#: Letters an unknown word needs to be read as a stem before a suffix such as ``ها``.
UNKNOWN_STEM: Final = 4
#: Longest segment (in words) searched; longer ones are left as they are.
MAX_WORDS: Final = 90
_SCORE: Final = itemgetter(0)
_CACHE_LIMIT: Final = 200_000


@dataclass(frozen=True, slots=True)
class CutWeights:
    """Weights of the features that score a reading of a segment, in log10-like units.

    Per hidden cut (a space read as a lost ZWNJ):

    * ``cut``: each hidden cut;
    * ``broken``: the pair score (:meth:`LanguageModel.pair`) of the two words around the space,
      which the cut says were never neighbours;
    * ``broken_prefix``: the association of the word before the space with the words that start
      with the one after it and a ZWNJ (``اعلام`` before ``می``, as in ``اعلام`` ``می`` ZWNJ ``کند``:
      see :func:`prefix_pair`), which the pair table, counting whole words, does not see otherwise;
    * ``wide``: the space is two or more spaces (pypdf's gap next to a space of the text);
    * ``after_sentence``, ``after_clause``: the word before the space ends with ``.``/``؟`` or with
      ``،``/``؛``/``:``;
    * ``seam_left``: the word before the space ends two or more lines of the document as pypdf wrote
      them (a line cut at a ZWNJ ends with the word before it: ``می``, and the document's own stems
      that take ``های``).

    Per join made by a hidden cut (``left`` + ZWNJ + ``right``), one of these classes, tried in
    this order: ``bad_join`` (an edge is not a letter, or ``left`` ends in a letter that does not
    join forward), ``known_join`` (the lexicon knows the word; plus ``join_frequency`` times its
    log10 frequency above 1e-7, and ``join_gain`` times how much more often it is written than its
    halves would stand side by side by chance, log10 and within ±3: ``می`` ZWNJ ``شود`` well above,
    ``آن`` ZWNJ ``که`` a little below), ``suffix_join`` (a known word and a suffix such as ``های``;
    ``copula_join`` for ``است``),
    ``prefix_join`` / ``prefix_misfit`` (``می``/``نمی``/``بی`` before a word the lexicon writes
    after a ZWNJ, or not), ``unknown_suffix_join`` (an unknown word of four letters or more and a
    suffix), ``solid_join`` (the lexicon knows the two written together),
    ``halves_join`` (both are halves of ZWNJ words of the lexicon), ``known_halves_join`` (both are
    known words or halves), ``unknown_join``; an unknown join also gets ``function_left`` /
    ``function_right`` when its left half is a function word other than a prefix, or its right half
    one other than a suffix.

    A kashida: ``kashida_known`` / ``kashida_unknown`` (the lexicon knows the word that the end of
    one chunk and the start of the next make across it, or not); ``bad_join`` when the end of the
    first chunk is a letter that does not join forward (no kashida follows it).

    A detached mark: ``mark_fit`` / ``mark_misfit`` (a hamza above on heh, a tanwin on alef).
    The line's edges: ``start_suffix`` (starts with a word that only follows a ZWNJ), ``start_stem``
    (starts with a verb that mostly follows ``می``), ``end_prefix`` (ends with ``می``/``نمی``).
    Across lines: ``link`` (the pair score of the last word of a line and the first of the next),
    ``paragraph_end`` (the last line of a paragraph ends a sentence).

    ``suffix_cut``: a hidden cut before a suffix such as ``ای`` or ``های``, which then joins the
    word before it instead of standing alone.

    ``flow``: how well a word follows the word before it as a sentence start or not (:func:`flow`):
    per hidden cut, minus that of the word after the space (the cut says they were not neighbours);
    across lines, that of the first word of a line after the last of the line before it.
    """

    cut: float
    broken: float
    broken_prefix: float
    wide: float
    after_sentence: float
    after_clause: float
    seam_left: float
    bad_join: float
    known_join: float
    join_frequency: float
    suffix_join: float
    copula_join: float
    unknown_suffix_join: float
    prefix_join: float
    prefix_misfit: float
    solid_join: float
    halves_join: float
    known_halves_join: float
    unknown_join: float
    function_left: float
    function_right: float
    kashida_known: float
    kashida_unknown: float
    mark_fit: float
    mark_misfit: float
    start_suffix: float
    start_stem: float
    end_prefix: float
    link: float
    paragraph_end: float
    flow: float
    suffix_cut: float
    join_gain: float


#: The feature names, in the order of :class:`CutWeights`.
FEATURES: Final = tuple(field.name for field in fields(CutWeights))
_INDEX: Final = {name: index for index, name in enumerate(FEATURES)}

#: Weights fitted by ``bench/pypdf_fit.py`` on the self-supervised development set; the ones for
#: ``است``, unknown stems, function words and kashidas, ``link`` and ``broken_prefix`` were set by
#: hand and measured on the same set (``bench/pypdf_fit.py --measure``), where the fit did worse;
#: ``seam_left`` is off: the set's short documents repeat few stems, so it could only be weighed on
#: the benchmark (where 1.0 gains 0.2-0.5 points) and on fresh LibreOffice pages of held-out
#: sentences, where 1.0 loses 0.4; with nothing but the benchmark for it, it stays at 0. A kashida
#: whose two sides make no word the lexicon knows costs nothing (``kashida_unknown``, -4 before):
#: the boundary is drawn inside some word anyway, often a name, and the cost pushed the search to a
#: known word made of the wrong sides (synthetic justified lines 4.76 -> 4.42 %). ``flow``, ``link``,
#: ``paragraph_end``, ``suffix_cut`` and ``join_gain`` were set by hand and measured the same way.
FITTED: Final = CutWeights(
    cut=-3.355, broken=-2.452, broken_prefix=-2.5, wide=11.596, after_sentence=0.0, after_clause=0.0, seam_left=0.0,
    bad_join=-10.037, known_join=4.623, join_frequency=3.011, suffix_join=4.118, copula_join=-2.0,
    unknown_suffix_join=1.0, prefix_join=1.822, prefix_misfit=3.783, solid_join=0.702, halves_join=-2.943,
    known_halves_join=-4.098, unknown_join=-2.923,
    function_left=-2.0, function_right=-2.0, kashida_known=4.0, kashida_unknown=0.0,
    mark_fit=4.761, mark_misfit=-5.761, start_suffix=-5.912, start_stem=-5.091, end_prefix=-2.942,
    link=2.0, paragraph_end=2.0, flow=2.0, suffix_cut=2.0, join_gain=1.0,
)

#: A sparse feature vector: (feature index, value) pairs.
Features = tuple[tuple[int, float], ...]


@lru_cache(maxsize=8)
def weight_tuple(weights: CutWeights) -> tuple[float, ...]:
    """``weights`` as a tuple in the order of :data:`FEATURES` (``astuple``, made once).

    >>> weight_tuple(FITTED)[0] == FITTED.cut
    True
    """
    return astuple(weights)


def feature(name: str, value: float = 1.0) -> Features:
    """A feature vector with one feature.

    >>> feature("cut")
    ((0, 1.0),)
    """
    return ((_INDEX[name], value),)


def dot(weights: tuple[float, ...], vector: Features) -> float:
    """The score of ``vector`` under ``weights`` (a :class:`CutWeights` as a tuple)."""
    return sum(weights[index] * value for index, value in vector)


@dataclass(frozen=True, slots=True)
class PrefixPairs:
    """The pairs of a pair table whose second word is written with a ZWNJ, counted by the part of
    that word before its first ZWNJ (``اعلام``, ``می`` for ``اعلام`` ``می`` ZWNJ ``کند``), with how
    often each such part stands second, and the table's total."""

    pairs: dict[tuple[str, str], int]
    seconds: dict[str, int]
    total: int


_Counted = TypeVar("_Counted")
_PER_TABLE: dict[tuple[Callable[[BigramTable], object], int], tuple[BigramTable, object]] = {}


def _per_table(build: Callable[[BigramTable], _Counted], table: BigramTable) -> _Counted:
    """``build(table)``, counted once per table while it lives (a table is not hashable: it is held
    by its id, beside the table itself so that a new table under a reused id is not mistaken)."""
    found = _PER_TABLE.get((build, id(table)))
    if found is not None and found[0] is table:
        return cast(_Counted, found[1])
    if len(_PER_TABLE) > 24:
        _PER_TABLE.clear()
    result = build(table)
    _PER_TABLE[(build, id(table))] = (table, result)
    return result


def prefix_pairs(table: BigramTable) -> PrefixPairs:
    """The :class:`PrefixPairs` of ``table``, counted once per table."""
    return _per_table(_count_prefix_pairs, table)


def _count_prefix_pairs(table: BigramTable) -> PrefixPairs:
    pairs: dict[tuple[str, str], int] = {}
    seconds: dict[str, int] = {}
    for (left, right), count in table.pairs.items():
        if ZWNJ in right:
            head = right.split(ZWNJ, 1)[0]
            pairs[(left, head)] = pairs.get((left, head), 0) + count
            seconds[head] = seconds.get(head, 0) + count
    return PrefixPairs(pairs, seconds, max(1, table.total))


def prefix_pair(lm: LanguageModel, left: str, right: str) -> float:
    """The association (as :meth:`LanguageModel.pair`) of ``left`` followed by a word that starts with
    ``right`` and a ZWNJ, if the pair table has seen one; else 0. The space between them may be a real
    one that a lost ZWNJ after ``right`` hides.

    >>> lm = LanguageModel()
    >>> prefix_pair(lm, "اعلام", "می") > 0 > lm.pair("اعلام", "می")
    True
    >>> prefix_pair(lm, "را", "قانون")
    0.0

    So a line ``اعلام می|شوند`` is not read with the space before ``می`` as its hidden cut:

    >>> segment = Segment(tokens("شوند اعلام می"), lm)
    >>> segment.text(segment.readings()[0].path) == "اعلام می" + ZWNJ + "شوند"
    True
    """
    table = prefix_pairs(lm.bigrams)
    a, c = lm.key(left), lm.key(right)
    seen = table.pairs.get((a, c), 0)
    if not seen:
        return 0.0
    after = lm.bigrams.firsts.get(a, 0)
    p_right = table.seconds[c] / table.total
    score = math.log10((seen + PAIR_PRIOR * p_right) / ((after + PAIR_PRIOR) * p_right))
    return min(PAIR_MAX, max(PAIR_MIN, score))


def followers(table: BigramTable) -> dict[str, int]:
    """How many different words follow each word in ``table``, counted once per table."""
    return _per_table(_count_followers, table)


def _count_followers(table: BigramTable) -> dict[str, int]:
    out: dict[str, int] = {}
    for left, _ in table.pairs:
        out[left] = out.get(left, 0) + 1
    return out


#: The share of the pair table's pairs a word must stand first (second) in to be a class of its own
#: in :class:`ClassPairs` (about 60 pairs in the shipped table); rarer words are classed by their
#: last letter.
CLASS_SHARE: Final = 6.8e-4
#: How much a class pair's association counts for a word pair the table has not seen.
CLASS_WEIGHT: Final = 1.0


@dataclass(frozen=True, slots=True)
class ClassPairs:
    """The pair table counted by word classes: frequent words are classes of their own, the others
    are classed by their last letter (and, second in a pair, by a verb prefix ``می``)."""

    lefts: frozenset[str]
    rights: frozenset[str]
    pairs: dict[tuple[str, str], int]
    firsts: dict[str, int]
    seconds: dict[str, int]
    total: int
    #: the association of each class pair asked for, filled as they are asked
    scores: dict[tuple[str, str], float]


def left_class(word: str, lefts: frozenset[str]) -> str:
    """The class of ``word`` standing first in a pair (see :class:`ClassPairs`).

    >>> left_class("کتاب", frozenset(["و"])), left_class("و", frozenset(["و"]))
    ('<ب', 'و')
    """
    return word if word in lefts else "<" + word[-1:]


def right_class(word: str, rights: frozenset[str]) -> str:
    """The class of ``word`` standing second in a pair (see :class:`ClassPairs`).

    >>> right_class("می" + ZWNJ + "شود", frozenset())
    '>مید'
    """
    if word in rights:
        return word
    verb = "می" if word.startswith(("می" + ZWNJ, "نمی" + ZWNJ)) else ""
    return ">" + verb + word[-1:]


def class_pairs(table: BigramTable) -> ClassPairs:
    """The :class:`ClassPairs` of ``table``, counted once per table."""
    return _per_table(_count_class_pairs, table)


def _count_class_pairs(table: BigramTable) -> ClassPairs:
    seconds_by_word: dict[str, int] = {}
    for (_, right), count in table.pairs.items():
        seconds_by_word[right] = seconds_by_word.get(right, 0) + count
    least = CLASS_SHARE * table.total
    lefts = frozenset(word for word, count in table.firsts.items() if count >= least)
    rights = frozenset(word for word, count in seconds_by_word.items() if count >= least)
    pairs: dict[tuple[str, str], int] = {}
    firsts: dict[str, int] = {}
    seconds: dict[str, int] = {}
    for (left, right), count in table.pairs.items():
        key = (left_class(left, lefts), right_class(right, rights))
        pairs[key] = pairs.get(key, 0) + count
        firsts[key[0]] = firsts.get(key[0], 0) + count
        seconds[key[1]] = seconds.get(key[1], 0) + count
    return ClassPairs(lefts, rights, pairs, firsts, seconds, max(1, table.total), {})


def class_association(table: BigramTable, first: str, second: str) -> float | None:
    """The association (log10) of the classes of the folded words ``first`` and ``second``, or
    ``None`` where both are classes of their own (the word pair itself is the evidence then)."""
    classes = class_pairs(table)
    a, c = left_class(first, classes.lefts), right_class(second, classes.rights)
    if a == first and c == second:
        return None
    score = classes.scores.get((a, c))
    if score is None:
        after = classes.firsts.get(a, 0)
        share = classes.seconds.get(c, 0) / classes.total
        seen = classes.pairs.get((a, c), 0)
        score = math.log10((seen + PAIR_PRIOR * share) / ((after + PAIR_PRIOR) * share)) if after and share else 0.0
        classes.scores[(a, c)] = score
    return score


_BASE_SCORES: dict[tuple[int, int], tuple[BigramTable, Lexicon, dict[tuple[str, str], float]]] = {}


#: The table, lexicon and cache of the model :func:`association` last served (the usual case).
_LAST_BASE: list[tuple[BigramTable, Lexicon, dict[tuple[str, str], float]]] = []


def _base_scores(lm: LanguageModel) -> dict[tuple[str, str], float]:
    """The cache of :func:`association`'s scores from the pair table alone, shared by every model
    over the same table and lexicon (a document's model adds its repeated pairs to them)."""
    key = (id(lm.bigrams), id(lm.lexicon))
    found = _BASE_SCORES.get(key)
    if found is not None and found[0] is lm.bigrams and found[1] is lm.lexicon:
        return found[2]
    if len(_BASE_SCORES) > 8:
        _BASE_SCORES.clear()
    scores: dict[tuple[str, str], float] = {}
    _BASE_SCORES[key] = (lm.bigrams, lm.lexicon, scores)
    return scores


def _right_probability(lm: LanguageModel, right: str, second: str) -> float:
    """The chance of ``right`` (folded: ``second``) as :meth:`LanguageModel.pair` takes it."""
    return max(lm.frequency(right), 1e-7) if second not in ("#", "@") else 0.01


def _base_association(lm: LanguageModel, first: str, right: str, second: str) -> float:
    """:func:`association` from the pair table alone, unbounded (``first``, ``second``: the folded
    words)."""
    table = lm.bigrams
    after = table.firsts.get(first, 0)
    seen = table.pairs.get((first, second), 0) if after else 0
    if not seen:
        backoff = class_association(table, first, second)
        if backoff is not None:
            return CLASS_WEIGHT * backoff
        if not after:
            return 0.0
    p_right = _right_probability(lm, right, second)
    kinds = followers(table).get(first, 1)
    return math.log10((seen + kinds * p_right) / ((after + kinds) * p_right))


def association(lm: LanguageModel, left: str, right: str) -> float:
    """How much more often ``right`` follows ``left`` than chance (log10, as :meth:`LanguageModel.pair`),
    smoothed by how many different words follow ``left`` (Witten-Bell): an unseen pair after a word
    that many different words follow is no evidence against it, one after a word that keeps to a few
    is. A pair the table has not seen is scored by the classes of its words (:class:`ClassPairs`).
    The document's repeated pairs count as in :meth:`LanguageModel.pair`.

    >>> lm = LanguageModel()
    >>> association(lm, "به", "عنوان") > 0.5 > association(lm, "عنوان", "به")
    True
    """
    last = _LAST_BASE[0] if _LAST_BASE else None
    if last is not None and last[0] is lm.bigrams and last[1] is lm.lexicon:
        scores = last[2]
    else:
        scores = _base_scores(lm)
        _LAST_BASE[:] = [(lm.bigrams, lm.lexicon, scores)]
    score = scores.get((left, right))
    if score is None:
        if len(scores) > _CACHE_LIMIT:
            scores.clear()
        score = scores[(left, right)] = _base_association(lm, lm.key(left), right, lm.key(right))
    local = lm.local
    if local.pairs:
        first = lm.key(left)
        local_after = local.firsts.get(first, 0)
        if local_after:
            second = lm.key(right)
            seen = local.pairs.get((first, second), 0)
            if seen:
                p_right = _right_probability(lm, right, second)
                score += math.log10((seen + PAIR_PRIOR * p_right) / ((local_after + PAIR_PRIOR) * p_right))
    return min(PAIR_MAX, max(PAIR_MIN, score))


def pypdf_direction(char: str) -> str:
    """``R``, ``L`` or ``N``: how pypdf's text extraction treats ``char``.

    >>> pypdf_direction("ب"), pypdf_direction("۴"), pypdf_direction("«"), pypdf_direction(" ")
    ('R', 'N', 'L', 'N')
    """
    code = ord(char)
    if code <= 0x2F or 0x3A <= code <= 0x40 or 0x0660 <= code <= 0x066D or 0x06F0 <= code <= 0x06F9:
        return "N"
    if 0x2000 <= code <= 0x206F or 0x20A0 <= code <= 0x21FF:
        return "N"
    if 0x0590 <= code <= 0x08FF or 0xFB1D <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        return "R"
    return "L"


@dataclass(frozen=True, slots=True)
class Token:
    """A piece of a segment: a word (``w``), a space run (``s``), or a portion that is always cut
    off: a left-to-right run such as a guillemet with the punctuation pypdf put with it (``f``), a
    detached mark (``m``), a kashida control (``k``)."""

    kind: str
    text: str


def tokens(segment: str) -> list[Token]:
    """Cut a segment (the text between two numbers or Latin runs) into tokens.

    >>> [(t.kind, t.text) for t in tokens("پارس« نام»پژو")]
    [('w', 'پارس'), ('f', '« '), ('w', 'نام'), ('f', '»'), ('w', 'پژو')]
    """
    out: list[Token] = []
    index = 0
    n = len(segment)
    while index < n:
        char = segment[index]
        stop = index + 1
        if CONTROLS.match(char):
            while stop < n and CONTROLS.match(segment[stop]):
                stop += 1
            kind = "k"
        elif char in _MARKS:
            while stop < n and segment[stop] in _MARKS:
                stop += 1
            kind = "m"
        elif pypdf_direction(char) == "L":
            # a left-to-right run takes the neutrals that follow it (pypdf appends them) ...
            while stop < n and pypdf_direction(segment[stop]) != "R" and not CONTROLS.match(segment[stop]):
                stop += 1
            # ... but of a run of spaces only the first: the others start the next portion
            while stop - 2 >= index and segment[stop - 1] == " " and segment[stop - 2] == " ":
                stop -= 1
            kind = "f"
        elif char.isspace():
            while stop < n and segment[stop].isspace():
                stop += 1
            kind = "s"
        else:
            while (stop < n and not segment[stop].isspace() and segment[stop] not in _MARKS
                   and not CONTROLS.match(segment[stop]) and pypdf_direction(segment[stop]) != "L"):
                stop += 1
            kind = "w"
        out.append(Token(kind, segment[index:stop]))
        index = stop
    return out


def _core(text: str, last: bool) -> str | None:
    """The Arabic-script word at the end (``last``) or start of a token, if the token ends or
    starts with a letter."""
    if not text:
        return None
    edge = text[-1] if last else text[0]
    if not _LETTER.match(edge):
        return None
    found: list[str] = _CORE.findall(text)
    return found[-1] if last else found[0]


def join_features(lm: LanguageModel, left: str | None, right: str | None) -> Features:
    """The features of ``left`` ZWNJ ``right`` made one word by a hidden cut.

    >>> lm = LanguageModel()
    >>> [FEATURES[i] for i, _ in join_features(lm, "می", "شود")]
    ['known_join', 'join_frequency', 'join_gain']
    >>> [FEATURES[i] for i, _ in join_features(lm, "پژو", "شود")]
    ['bad_join']
    """
    if not left or not right:
        return feature("bad_join")
    if not joins_forward(left[-1]):
        if not solid_word(lm, left, right):
            return feature("bad_join")
        if right in PREFIX_ONLY:
            return feature("prefix_join")  # a preverb before ``می``: فرو|می|رود
        # the ZWNJ changes nothing on the page: a word the lexicon writes solid, but two words
        # that make one by chance (خود|روی) are as likely
        return feature("solid_join")
    frequency = lm.frequency(left + ZWNJ + right)
    if frequency > 0:
        halves = lm.frequency(left) * lm.frequency(right)
        gain = 3.0 if halves <= 0 else min(3.0, max(-3.0, math.log10(frequency / halves)))
        return (*feature("known_join"), *feature("join_frequency", max(0.0, math.log10(frequency) + 7)),
                *feature("join_gain", gain))
    return (*_join_class(lm, left, right), *_function_features(lm, left, right))


#: Letters a word needs on each side of a ZWNJ after a letter that does not join forward to be
#: read as the solid word the lexicon knows (``چند`` + ``جانبه``; not ``از`` + ``دست``).
SOLID_HALF: Final = 3


def _may_solid(left: str | None) -> bool:
    """Whether ``left`` is long enough to be the first half of a :func:`solid_word`, or a preverb."""
    return left is not None and (len(left) >= SOLID_HALF or left in _PREVERBS)


def _may_follow_solid(right: str | None) -> bool:
    """Whether ``right`` may be the second half of a :func:`solid_word`."""
    return right is not None and (right in PREFIX_ONLY or (len(right) >= SOLID_HALF and right not in _SUFFIXES))


def solid_word(lm: LanguageModel, left: str, right: str) -> bool:
    """Whether ``left`` (ending in a letter that does not join forward) and ``right`` make one word
    the lexicon knows written solid, both halves :data:`SOLID_HALF` letters or more: a ZWNJ after
    such a letter changes nothing on the page, but LibreOffice still cuts its line there.

    >>> lm = LanguageModel()
    >>> solid_word(lm, "چند", "جانبه"), solid_word(lm, "از", "دست"), solid_word(lm, "خودرو", "های")
    (True, False, False)

    A preverb that ends in such a letter goes before ``می`` (``فرو`` ZWNJ ``می`` ZWNJ ``رود``):

    >>> solid_word(lm, "فرو", "می"), solid_word(lm, "کتاب", "می")
    (True, False)
    """
    if right in PREFIX_ONLY:
        return left in _PREVERBS
    return (len(left) >= SOLID_HALF and len(right) >= SOLID_HALF and right not in _SUFFIXES
            and lm.frequency(left + right) > 0)


@lru_cache(maxsize=4)
def _solid_cache(lexicon: Lexicon) -> dict[tuple[str, str], bool]:
    """The cache of :func:`solid_word` in :meth:`Segment.readings` for the models over ``lexicon``."""
    return {}


@lru_cache(maxsize=4)
def _join_cache(lexicon: Lexicon) -> dict[tuple[str | None, str | None], Features]:
    """The cache of :func:`cached_join_features` for the models over ``lexicon``."""
    return {}


def cached_join_features(lm: LanguageModel, left: str | None, right: str | None) -> Features:
    """:func:`join_features`, cached for every model over the same lexicon (the features depend
    on the lexicon alone, not on word pairs): the lines of a document make the same joins again and
    again, and so do documents.

    >>> lm = LanguageModel()
    >>> cached_join_features(lm, "می", "شود") == join_features(lm, "می", "شود")
    True
    """
    cache = _join_cache(lm.lexicon)
    found = cache.get((left, right))
    if found is None:
        if len(cache) > _CACHE_LIMIT:
            cache.clear()
        found = cache[(left, right)] = join_features(lm, left, right)
    return found


def _join_class(lm: LanguageModel, left: str, right: str) -> Features:
    """The class of an unknown ``left`` ZWNJ ``right`` (see :class:`CutWeights`)."""
    if right in _SUFFIXES and lm.known(left) and left not in ZWNJ_PREFIXES:
        # ``است`` stands on its own five times as often as it follows a ZWNJ
        return feature("copula_join" if right == _COPULA else "suffix_join")
    if left in ZWNJ_PREFIXES or _preverb_prefix(left):
        return feature("prefix_join" if lm.zwnj_right(right) else "prefix_misfit")
    if right in _SUFFIXES and right != _COPULA and len(left) >= UNKNOWN_STEM:
        # a name or a term the lexicon does not know takes the same suffixes (``ترموپلاستیک`` + ``ها``)
        return feature("unknown_suffix_join")
    if lm.frequency(left + right) > 0:
        return feature("solid_join")
    if lm.zwnj_left(left) and lm.zwnj_right(right):
        return feature("halves_join")
    if (lm.known(left) or lm.zwnj_left(left)) and (lm.known(right) or lm.zwnj_right(right)):
        return feature("known_halves_join")
    return feature("unknown_join")


#: Preverbs written before ``می``/``نمی`` in one word with it (``برمی``, ``درنمی``).
_PREVERBS: Final = frozenset(["بر", "در", "باز", "فرو", "فرا", "وا", "ور", "پیش", "پس", "بیرون"])


def _preverb_prefix(word: str) -> bool:
    """Whether ``word`` is a preverb with ``می`` or ``نمی`` (``برمی`` of ``برمی`` ZWNJ ``گشتیم``).

    >>> _preverb_prefix("برمی"), _preverb_prefix("بازنمی"), _preverb_prefix("کمی")
    (True, True, False)
    """
    return any(word.endswith(prefix) and word[:-len(prefix)] in _PREVERBS for prefix in ("نمی", "می"))


def _function_features(lm: LanguageModel, left: str, right: str) -> Features:
    """An unknown join whose left half (not a prefix such as ``می``) or right half (not a suffix
    such as ``های``) is a function word (``به``, ``در``, ``این``): such words stand alone.

    >>> lm = LanguageModel()
    >>> [FEATURES[i] for i, _ in _function_features(lm, "به", "ای")]
    ['function_left']
    """
    out: list[tuple[int, float]] = []
    if left not in ZWNJ_PREFIXES and lm.frequency(left) >= FUNCTION_FREQUENCY:
        out.extend(feature("function_left"))
    if right not in _SUFFIXES and lm.frequency(right) >= FUNCTION_FREQUENCY:
        out.extend(feature("function_right"))
    return tuple(out)


def kashida_features(lm: LanguageModel, left: str | None, right: str | None) -> Features:
    """The features of ``left`` and ``right`` written together as one word across a kashida.

    >>> lm = LanguageModel()
    >>> [FEATURES[i] for i, _ in kashida_features(lm, "کش", "ور")]
    ['kashida_known', 'join_frequency']
    >>> [FEATURES[i] for i, _ in kashida_features(lm, "کش", "ات")]
    ['kashida_unknown']

    A kashida is drawn after a letter that joins the next one, so a piece ending in one that does
    not (``از`` before ``ت``, which would make ``ازت``) is no word's first half:

    >>> [FEATURES[i] for i, _ in kashida_features(lm, "از", "ت")]
    ['bad_join']
    """
    if not left or not right:
        return ()
    if not joins_forward(left[-1]):
        return feature("bad_join")
    frequency = lm.frequency(left + right)
    if frequency > 0:
        return (*feature("kashida_known"), *feature("join_frequency", max(0.0, math.log10(frequency) + 7)))
    return feature("kashida_unknown")


def mark_features(token: Token | None, mark: str) -> Features:
    """How well a detached mark sits at the end of ``token`` (a hamza above on heh, ...)."""
    if token is None or token.kind != "w" or not _LETTER.match(token.text[-1]):
        return feature("mark_misfit")
    bases = _MARK_BASES.get(mark[0])
    if bases is None:
        return ()
    return feature("mark_fit" if token.text[-1] in bases else "mark_misfit")


def start_features(word: str | None, lm: LanguageModel) -> Features:
    """A line that starts with a suffix, or with a verb that mostly follows ``می``."""
    if word is None:
        return ()
    if word in SUFFIX_ONLY:
        return feature("start_suffix")
    if lm.frequency("می" + ZWNJ + word) > lm.frequency(word):
        return feature("start_stem")
    return ()


def end_features(word: str | None) -> Features:
    """A line that ends with ``می`` or ``نمی``."""
    return feature("end_prefix") if word in PREFIX_ONLY else ()


@dataclass(frozen=True, slots=True)
class StartTable:
    """How often words start a sentence: the share of all words that do, and for each word (folded
    key) how often it starts one and how often it occurs (``data/starts.tsv``)."""

    share: float
    counts: Mapping[str, tuple[int, int]]


@lru_cache(maxsize=1)
def default_starts() -> StartTable:
    """The shipped :class:`StartTable` (``data/starts.tsv``, built by ``bench/starts_table.py``)."""
    share, counts = sentence_starts()
    return StartTable(share, counts)


_STARTS: list[StartTable] = []


def starts() -> StartTable:
    """The start table in use: the shipped one, unless :func:`use_starts` set another."""
    return _STARTS[-1] if _STARTS else default_starts()


def use_starts(table: StartTable | None) -> None:
    """Use ``table`` (``None``: the shipped one) for :func:`flow` from now on (``bench/pypdf_fit.py``
    measures with a table counted on the other half of the corpus)."""
    _STARTS.clear()
    if table is not None:
        _STARTS.append(table)
    _flow_cache.clear()


_flow_cache: dict[tuple[str, bool], float] = {}


def flow(lm: LanguageModel, word: str | None, after_end: bool) -> float:
    """How well ``word`` follows a word that ends a sentence (``after_end``) or one that does not
    (log10, by how often it starts a sentence against all words; 0 for a word seldom seen).

    >>> lm = LanguageModel()
    >>> flow(lm, "بود", True) < -1.0 < 0.0 < flow(lm, "بود", False)
    True
    """
    if not word:
        return 0.0
    found = _flow_cache.get((word, after_end))
    if found is not None:
        return found
    table = starts()
    scores = start_scores(*table.counts.get(lm.key(word), (0, 0)), table.share)
    score = scores[0] if after_end else scores[1]
    if len(_flow_cache) > _CACHE_LIMIT:
        _flow_cache.clear()
    _flow_cache[(word, after_end)] = score
    return score


def ends_sentence(text: str) -> bool:
    """Whether ``text`` (a word with its punctuation, or a line) ends with a sentence mark."""
    return text.rstrip()[-1:] in _SENTENCE_PUNCT


#: A boundary between two chunks of a segment: (last token of the chunk on its left, first token
#: of the chunk on its right, whether it is a hidden cut at a space).
Boundary = tuple[int, int, bool]


@dataclass(frozen=True, slots=True)
class SegmentReading:
    """One reading of a segment: the boundaries taken (indices into the segment's boundaries),
    its score, and its logical first and last words."""

    path: tuple[int, ...]
    score: float
    first: str | None
    last: str | None


class Segment:
    """The search space of one segment: its tokens and the boundaries a reading may take.

    ``edges`` tells whether the segment starts / ends the line in logical order (its logical first
    / last word is then the line's, and the edge features apply); ``seams``: the words that end two
    or more lines of the document (``seam_left``).
    """

    __slots__ = ("_joins", "_own", "bounds", "edges", "firsts", "forced", "items", "kashidas", "lasts", "lm",
                 "seams", "weights")

    def __init__(self, items: list[Token], lm: LanguageModel, weights: CutWeights = FITTED,
                 edges: tuple[bool, bool] = (True, True), seams: frozenset[str] = frozenset()) -> None:
        self.items = items
        self.seams = seams
        self.lm = lm
        self.weights = weight_tuple(weights)
        self.edges = edges
        n = len(items)
        # the word each token ends / starts with, looking through spaces (None: not a word)
        self.lasts: list[str | None] = [None] * n
        self.firsts: list[str | None] = [None] * n
        last: str | None = None
        for index, token in enumerate(items):
            if token.kind != "s":
                last = _core(token.text, True) if token.kind == "w" else None
            self.lasts[index] = last
        first: str | None = None
        for index in range(n - 1, -1, -1):
            token = items[index]
            if token.kind != "s":
                first = _core(token.text, False) if token.kind == "w" else None
            self.firsts[index] = first
        bounds: set[Boundary] = set()
        kashidas: set[Boundary] = set()
        for i, token in enumerate(items):
            if token.kind == "s":
                if 0 < i < n - 1 and items[i - 1].kind == "w" and items[i + 1].kind == "w":
                    bounds.add((i - 1, i + 1, True))
            elif token.kind in "fmk":
                left = i - 1
                while left >= 0 and items[left].kind == "s":
                    left -= 1
                right = i + 1
                while right < n and items[right].kind == "s":
                    right += 1
                if token.kind == "k" and left >= 0 and right < n:
                    # a kashida is drawn inside a word: one boundary, whose two sides make that word
                    kashidas.add((left, right, False))
                    bounds.add((left, right, False))
                    continue
                if left >= 0:
                    bounds.add((left, i, False))
                if right < n:
                    bounds.add((i, right, False))
        self.bounds = sorted(bounds)
        self.forced = [k for k, bound in enumerate(self.bounds) if not bound[2]]
        self.kashidas = frozenset(k for k, bound in enumerate(self.bounds) if bound in kashidas)
        self._own: dict[int, float] = {}
        self._joins: dict[tuple[int, int], float] = {}

    def own_features(self, k: int) -> Features:
        """The features of taking boundary ``k`` itself."""
        left, right, hidden = self.bounds[k]
        if not hidden:
            return ()
        out = list(feature("cut"))
        space = self.items[left + 1].text
        if len(space) >= 2:
            out.extend(feature("wide"))
        else:
            a, c = self.lasts[left], self.firsts[right]
            if a and c:
                out.extend(feature("broken", association(self.lm, a, c)))
                prefix = prefix_pair(self.lm, a, c)
                if prefix:
                    out.extend(feature("broken_prefix", prefix))
        if self.lasts[left] in self.seams:
            out.extend(feature("seam_left"))
        edge = self.items[left].text[-1:]
        right_word = self.firsts[right]
        if right_word in _LOOSE_SUFFIXES:
            out.extend(feature("suffix_cut"))
        if right_word:
            # the cut takes the two words apart: what the kept space said of a sentence start goes
            out.extend(feature("flow", -flow(self.lm, right_word, edge in _SENTENCE_PUNCT)))
        if edge in _SENTENCE_PUNCT:
            out.extend(feature("after_sentence"))
        elif edge in _CLAUSE_PUNCT:
            out.extend(feature("after_clause"))
        return tuple(out)

    def join_features(self, prev: int | None, cur: int, nxt: int | None) -> Features:
        """The features of the chunks meeting at boundary ``cur`` when the boundaries taken before
        and after it are ``prev`` and ``nxt``: in logical order the chunk right of ``cur`` ends and
        the chunk left of it begins."""
        left, _, hidden = self.bounds[cur]
        last_index = self.bounds[nxt][0] if nxt is not None else len(self.items) - 1
        if cur in self.kashidas:
            first_index = self.bounds[prev][1] if prev is not None else 0
            return kashida_features(self.lm, self.lasts[last_index], self.firsts[first_index])
        if not hidden:
            if self.items[left].kind != "m":
                return ()
            # a mark is a chunk of its own: it sits on the last letter of the chunk after it
            index = last_index
            while index >= 0 and self.items[index].kind == "s":
                index -= 1
            return mark_features(self.items[index] if index >= 0 else None, self.items[left].text)
        first_index = self.bounds[prev][1] if prev is not None else 0
        return cached_join_features(self.lm, self.lasts[last_index], self.firsts[first_index])

    def path_features(self, path: tuple[int, ...]) -> Features:
        """Every feature of the reading that takes the boundaries ``path`` (edges included)."""
        out: list[tuple[int, float]] = []
        for position, k in enumerate(path):
            out.extend(self.own_features(k))
            prev = path[position - 1] if position else None
            nxt = path[position + 1] if position + 1 < len(path) else None
            out.extend(self.join_features(prev, k, nxt))
        first, last = self.logical_edges(path)
        if self.edges[0]:
            out.extend(start_features(first, self.lm))
        if self.edges[1]:
            out.extend(end_features(last))
        return tuple(out)

    def logical_edges(self, path: tuple[int, ...]) -> tuple[str | None, str | None]:
        """The logical first and last words of the reading ``path``: the first word of the chunk
        right of the last boundary, the last word of the chunk left of the first one."""
        if not self.items:
            return None, None
        first = self.firsts[self.bounds[path[-1]][1]] if path else self.firsts[0]
        last = self.lasts[self.bounds[path[0]][0]] if path else self.lasts[-1]
        return first, last

    def _own_score(self, k: int) -> float:
        score = self._own.get(k)
        if score is None:
            score = self._own[k] = dot(self.weights, self.own_features(k))
        return score

    def _join_score(self, prev: int | None, cur: int, nxt: int | None) -> float:
        left, _, hidden = self.bounds[cur]
        last_index = self.bounds[nxt][0] if nxt is not None else len(self.items) - 1
        # a hidden cut and a kashida join the chunk before ``prev``; a mark only needs ``nxt``
        joined = hidden or cur in self.kashidas
        first_index = (self.bounds[prev][1] if prev is not None else 0) if joined else -1 - left
        key = (last_index, first_index)
        score = self._joins.get(key)
        if score is None:
            score = self._joins[key] = dot(self.weights, self.join_features(prev, cur, nxt))
        return score

    @staticmethod
    def _joinable(text: str) -> bool:
        """Whether a chunk ending in ``text`` may stand before a ZWNJ that a hidden cut restores:
        not when it ends in a letter that does not join forward (other ends are judged by the
        scores).

        >>> Segment._joinable("می"), Segment._joinable("در"), Segment._joinable("فیس(")
        (True, False, True)
        """
        return not text or not _LETTER.match(text[-1]) or joins_forward(text[-1])

    def _solid(self, left: str | None, right: str | None) -> bool:
        """Whether ``left`` (ending in a letter that does not join forward) and ``right`` make a
        word the lexicon knows written solid (:func:`solid_word`)."""
        return bool(left and right) and solid_word(self.lm, cast(str, left), cast(str, right))

    def _edge_score(self, first: str | None, last: str | None) -> float:
        vector: list[tuple[int, float]] = []
        if self.edges[0]:
            vector.extend(start_features(first, self.lm))
        if self.edges[1]:
            vector.extend(end_features(last))
        return dot(self.weights, tuple(vector)) if vector else 0.0

    def readings(self, beam: int = BEAM, offers: int = OFFERS) -> list[SegmentReading]:
        """The best readings, best first, at most one per pair of logical edge words (the
        neighbouring lines only see those)."""
        m = len(self.bounds)
        if sum(1 for token in self.items if token.kind == "w") > MAX_WORDS:
            return []
        forced = self.forced
        results: list[tuple[float, tuple[int, ...]]] = []
        if not forced:
            results.append((0.0, ()))
        if m:
            next_forced = [m] * (m + 1)
            upcoming = m
            for k in range(m - 1, -2, -1):
                next_forced[k + 1] = upcoming
                if k >= 0 and not self.bounds[k][2]:
                    upcoming = k
            # layers[cur][prev + 1]: partial readings whose last two boundaries are prev, cur, each as
            # (score, path before cur, cur): a path is only built for the ones the beam keeps
            layers: list[list[list[tuple[float, tuple[int, ...], int]]]] = [[[] for _ in range(cur + 1)]
                                                                             for cur in range(m)]
            own = [self._own_score(k) for k in range(m)]
            for k in range(min(m, next_forced[0] + 1)):
                layers[k][0].append((own[k], (), k))
            # a hidden cut joins the last word of the chunk after it (in logical order) to what
            # follows with a ZWNJ: a word that does not end in a letter joining forward never
            # does, so such chunk ends are not tried after a hidden cut
            bounds = self.bounds
            joinable = [self._joinable(self.items[left].text) for left, _, _ in bounds]
            end_joinable = self._joinable(self.items[-1].text) if self.items else False
            # the chunk ends a hidden cut may only join as a solid word (:func:`solid_word`), and their words
            solid_ends = [k for k, (left, _, _) in enumerate(bounds)
                          if not joinable[k] and _may_solid(self.lasts[left])]
            solid_lefts = {k: cast(str, self.lasts[bounds[k][0]]) for k in solid_ends}
            solid_cache = _solid_cache(self.lm.lexicon)
            if len(solid_cache) > _CACHE_LIMIT:
                solid_cache.clear()
            # the join scores of _join_score by the token after ``prev`` (for a mark: ``-1 - left``),
            # each a list by ``nxt`` (the score depends on the token before it)
            joins: dict[int, list[float | None]] = {}
            for cur in range(m):
                limit = next_forced[cur + 1]
                left, _, hidden = bounds[cur]
                joined = hidden or cur in self.kashidas
                ends = [(nxt, own[nxt], layers[nxt][cur + 1])
                        for nxt in range(cur + 1, min(m, limit + 1)) if not hidden or joinable[nxt]]
                # ... unless the two halves make a word the lexicon writes solid (the ZWNJ after a
                # letter that does not join changes nothing on the page: چند|جانبه)
                blocked = solid_ends[bisect_right(solid_ends, cur):bisect_right(solid_ends, limit)] if hidden else []
                closing = limit == m and (not hidden or end_joinable)
                for prev, found in enumerate(layers[cur], -1):
                    if not found:
                        continue
                    if len(found) > beam:
                        found.sort(key=_SCORE, reverse=True)
                        del found[beam:]
                    entries = [(score, (*path, last)) for score, path, last in found]
                    before = prev if prev >= 0 else None
                    first_index = (bounds[prev][1] if prev >= 0 else 0) if joined else -1 - left
                    ends_here = ends
                    if blocked:
                        right_word = self.firsts[first_index]
                        if right_word is not None and _may_follow_solid(right_word):
                            extra = []
                            for nxt in blocked:
                                halves = (solid_lefts[nxt], right_word)
                                solid = solid_cache.get(halves)
                                if solid is None:
                                    solid = solid_cache[halves] = solid_word(self.lm, *halves)
                                if solid:
                                    extra.append((nxt, own[nxt], layers[nxt][cur + 1]))
                            if extra:
                                ends_here = ends + extra
                    row = joins.get(first_index)
                    if row is None:
                        row = joins[first_index] = [None] * m
                    if len(entries) == 1:
                        (alone, path), = entries
                        for nxt, own_score, target in ends_here:
                            join = row[nxt]
                            if join is None:
                                join = row[nxt] = self._join_score(before, cur, nxt)
                            target.append((alone + (own_score + join), path, nxt))
                    else:
                        for nxt, own_score, target in ends_here:
                            join = row[nxt]
                            if join is None:
                                join = row[nxt] = self._join_score(before, cur, nxt)
                            gain = own_score + join
                            for score, path in entries:
                                target.append((score + gain, path, nxt))
                    if closing or (hidden and limit == m and _may_solid(self.lasts[-1])
                                   and self._solid(self.lasts[-1], self.firsts[first_index])):
                        gain = self._join_score(before, cur, None)
                        for score, path in entries:
                            results.append((score + gain, path))
        # the edge words depend on the first and the last boundary only; of the readings with the
        # same edge words only the best is offered (the first one of equal scores, as a stable sort
        # of them all would find it)
        edges: dict[tuple[int, int], tuple[float, str | None, str | None]] = {}
        best: dict[tuple[str | None, str | None], tuple[float, int, tuple[int, ...]]] = {}
        for index, (score, path) in enumerate(results):
            key = (path[0], path[-1]) if path else (-1, -1)
            edge = edges.get(key)
            if edge is None:
                first, last = self.logical_edges(path)
                edge = edges[key] = (self._edge_score(first, last), first, last)
            total = score + edge[0]
            known = best.get((edge[1], edge[2]))
            if known is None or total > known[0]:
                best[(edge[1], edge[2])] = (total, index, path)
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[1][1]))[:max(offers, 1)]
        return [SegmentReading(path, total, first, last) for (first, last), (total, _, path) in ranked]

    def cuts(self, path: tuple[int, ...]) -> frozenset[int]:
        """The space tokens that ``path`` reads as hidden cuts."""
        return frozenset(self.bounds[k][0] + 1 for k in path if self.bounds[k][2])

    def text(self, path: tuple[int, ...], runs: tuple[bool, bool] = (False, False)) -> str:
        """The segment in logical order when read with the boundaries ``path`` (``runs``: see
        :func:`assemble`)."""
        return assemble(self.items, self.cuts(path), runs)


def _split_space(space: str, to_left: bool, to_right: bool) -> tuple[str, str]:
    """A space run that holds a hidden cut: what stays with the chunk on its left and on its right.

    One space is the gap pypdf wrote between the portions; another may belong to a portion at the
    segment's edge: the logically last portion (``to_left``: it ends with the space before the next
    number or Latin run) or the logically first one (``to_right``: it starts with the space after
    the previous one).

    >>> _split_space("  ", True, False), _split_space("  ", False, True), _split_space(" ", True, True)
    ((' ', ''), ('', ' '), ('', ''))
    """
    rest = space[1:]
    if not rest:
        return "", ""
    if to_left and not (to_right and len(rest) >= 2):
        return rest, ""
    if to_left:
        return rest[:1], rest[1:]
    return "", rest


def assemble(items: list[Token], cuts: frozenset[int] | set[int], runs: tuple[bool, bool] = (False, False)) -> str:
    """The segment in logical order, cut before the tokens at ``cuts`` (hidden cuts at space
    tokens) and around every ``f``/``m``/``k`` token; ``runs``: a number or Latin run comes before /
    after the segment in the line.

    >>> items = tokens("لیفت پژو  این خودرو فیس")
    >>> assemble(items, {3}, (False, True)) == "این خودرو فیس" + ZWNJ + "لیفت پژو "
    True
    """
    chunks: list[tuple[str, str]] = []  # (text, kind of chunk: r, f, m, k, z)
    current: list[str] = []
    first_cut = min(cuts) if cuts else -1
    last_cut = max(cuts) if cuts else -1

    def close() -> None:
        if current:
            chunks.append(("".join(current), "r"))
            current.clear()

    for index, token in enumerate(items):
        if token.kind in "fmk":
            close()
            chunks.append((token.text, token.kind))
        elif token.kind == "s" and index in cuts:
            left, right = _split_space(token.text, index == first_cut and runs[1], index == last_cut and runs[0])
            current.append(left)
            close()
            chunks.append((ZWNJ, "z"))
            current.append(right)
        else:
            current.append(token.text)
    close()
    out = []
    for text, kind in reversed(chunks):
        if kind == "f":
            out.append(text[::-1])
        elif kind != "k":
            out.append(text)
    return _marks_on_words(_spaces_off_seams("".join(out)))


#: A detached hamza above or tanwin standing alone between spaces after a letter it sits on.
_LOOSE_MARK: Final = re.compile("([\u0647\u06c1\u06d5\u06cc\u0627\u0629\u0621]) +([\u064b\u0654])(?= |$)")


def _marks_on_words(text: str) -> str:
    """``text`` with every detached mark that came out between two spaces put back on the word
    before it: pypdf saw a gap on both sides of the mark drawn apart, and one of those spaces is
    its own, not the text's (``چهارشنبه ٔ آخر`` is ``چهارشنبهٔ آخر``).

    >>> _marks_on_words("شب چهارشنبه \u0654 آخر") == "شب چهارشنبه\u0654 آخر"
    True
    >>> _marks_on_words("توسعه\u0654 کشور")  == "توسعه\u0654 کشور"
    True
    """
    return _LOOSE_MARK.sub(r"\1\2", text) if " \u0654" in text or " \u064b" in text else text


_SEAM_SPACES: Final = re.compile(" *" + ZWNJ + " *")


def _spaces_off_seams(text: str) -> str:
    """``text`` without the spaces that a hidden cut left beside its ZWNJ: pypdf's gap before a
    portion, or the space that ended the line, drawn at its left edge (a ZWNJ never stands next to a
    space).

    >>> _spaces_off_seams("می" + ZWNJ + " گزینیم. را به") == "می" + ZWNJ + "گزینیم. را به"
    True
    >>> _spaces_off_seams("اندیشه " + ZWNJ + "ها") == "اندیشه" + ZWNJ + "ها"
    True
    """
    return _SEAM_SPACES.sub(ZWNJ, text) if ZWNJ + " " in text or " " + ZWNJ in text else text
