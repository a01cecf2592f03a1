"""Fixes inside words and between neighbouring words, decided with the language model.

These fixes would damage clean text if run blindly (``ال`` is a real letter pair, ``«`` and ``»``
are both real, many authors leave out ZWNJ), so the engine runs each one only on documents whose
diagnosis shows the damage it undoes (see :class:`kaghaz.repair.diagnosis.Profile`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import pairwise, product
from typing import Final

from kaghaz.chars import MIRROR_PAIRS, ZWNJ, joins_forward
from kaghaz.lexicon import lookup_key
from kaghaz.repair.langmodel import LanguageModel, zwnj_firsts
from kaghaz.repair.text import LATIN_LETTER_CLASS, LATIN_LETTER_RE, WORD_RE, letter_count

#: A ZWNJ form is preferred over the joined spelling when it is at least this common relative to it.
ZWNJ_RATIO: Final = 0.3
#: Suffixes written after a ZWNJ (longest first), and prefixes written before one.
ZWNJ_SUFFIXES: Final = ("هایشان", "هایتان", "هایمان", "هایی", "هایم", "هایت", "هایش", "های", "ها",
                        "ترین", "تری", "تر", "اند", "ایم", "اید", "ای", "ام", "ات", "اش", "است")
ZWNJ_PREFIXES: Final = ("نمی", "می", "بی")
_PLURAL_SUFFIXES: Final = frozenset(("ها", "های", "هایی", "ترین"))
#: Lam-alef as some extractors write it (alef first) and as it is written.
LAM_ALEF_BACKWARDS: Final = "\N{ARABIC LETTER ALEF}\N{ARABIC LETTER LAM}"
LAM_ALEF: Final = "\N{ARABIC LETTER LAM}\N{ARABIC LETTER ALEF}"
_BRACKETS: Final = re.compile("[()\\[\\]{}\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}"
                              "\N{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK}]")


def lam_alef_candidates(word: str) -> list[str]:
    """Every spelling of ``word`` with some of its ``ال`` turned into ``لا`` (the word itself first).

    >>> lam_alef_candidates("محصوالت")
    ['محصوالت', 'محصولات']
    """
    parts = word.split(LAM_ALEF_BACKWARDS)
    if len(parts) == 1 or len(parts) > 5:
        return [word]
    out = []
    for choice in product((LAM_ALEF_BACKWARDS, LAM_ALEF), repeat=len(parts) - 1):
        out.append(parts[0] + "".join(glue + part for glue, part in zip(choice, parts[1:], strict=True)))
    return out


#: The lam-alef ligatures with a hamza or madda on the alef, written backwards (``باألخره``).
_MARKED_LAM_ALEF_BACKWARDS: Final = re.compile("([\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}"
                                               "\N{ARABIC LETTER ALEF WITH HAMZA BELOW}"
                                               "\N{ARABIC LETTER ALEF WITH MADDA ABOVE}])\N{ARABIC LETTER LAM}")


def _marked_lam_alef_turned(word: str) -> str:
    """``word`` with its backwards lam-alefs that bear a hamza or madda turned round.

    >>> _marked_lam_alef_turned("باألخره") == "بال\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}خره"
    True
    """
    return _MARKED_LAM_ALEF_BACKWARDS.sub(lambda m: "\N{ARABIC LETTER LAM}" + m.group(1), word)


def best_lam_alef(word: str, lm: LanguageModel) -> str:
    """``word`` with backwards lam-alef ligatures (``ال`` for ``لا``, ``أل`` for ``لأ``) turned
    round, if that is a word.

    Only a spelling the lexicon knows, and knows as more common, replaces the original.

    >>> lm = LanguageModel()
    >>> best_lam_alef("اعالم", lm), best_lam_alef("البته", lm), best_lam_alef("سال", lm)
    ('اعلام', 'البته', 'سال')
    >>> best_lam_alef("آلمان", lm)
    'آلمان'
    """
    marked = _MARKED_LAM_ALEF_BACKWARDS.search(word) is not None
    if LAM_ALEF_BACKWARDS not in word and not marked:
        return word
    if ZWNJ in word:
        return ZWNJ.join(best_lam_alef(part, lm) for part in word.split(ZWNJ))
    best, best_freq = word, lm.frequency(word)
    candidates = lam_alef_candidates(word)[1:]
    if marked:
        candidates += lam_alef_candidates(_marked_lam_alef_turned(word))
    for candidate in candidates:
        freq = lm.frequency(candidate)
        if freq > best_freq * 3 and freq > 0:
            best, best_freq = candidate, freq
    return best


def fix_lam_alef(line: str, lm: LanguageModel) -> str:
    """Turn backwards lam-alef ligatures round in every word of ``line`` where that makes a word.

    LibreOffice with the Nazli font and Typst map the lam-alef ligature glyph to ``ال`` instead of
    ``لا``, so every extractor writes ``محصوالت`` for ``محصولات``.

    >>> fix_lam_alef("از محصوالت ایران", LanguageModel())
    'از محصولات ایران'
    """
    if LAM_ALEF_BACKWARDS not in line and _MARKED_LAM_ALEF_BACKWARDS.search(line) is None:
        return line
    return WORD_RE.sub(lambda m: best_lam_alef(m.group(), lm), line)


_OPEN_SPACED: Final = re.compile("(?<=[^\\s(\\[])([(\\[]) (?=\\S)")
_CLOSE_SPACED: Final = re.compile("(?<=\\S) ([)\\]])(?=[^\\s)\\],.:;!?\N{ARABIC COMMA}\N{ARABIC SEMICOLON}])")


def space_brackets(line: str) -> str:
    """Put the space on the outer side of brackets that an extractor spaced on the inner side.

    >>> space_brackets("در کوپا دل ری( جام حذفی )و")
    'در کوپا دل ری (جام حذفی) و'
    """
    line = _OPEN_SPACED.sub(lambda m: " " + m.group(1), line)
    return _CLOSE_SPACED.sub(lambda m: m.group(1) + " ", line)


def swap_brackets(line: str) -> str:
    """Swap every bracket and guillemet of a Persian line for its mirror image.

    A line without Persian letters (code, a Latin quotation) is left alone: extractors mirror
    brackets only in right-to-left text.

    >>> swap_brackets(")تغییر چهره یافته( »پ«"), swap_brackets("f(x)")
    ('(تغییر چهره یافته) «پ»', 'f(x)')
    """
    if not _PERSIAN_LETTER_RE.search(line) or not _BRACKETS.search(line):
        return line
    kept = _latin_brackets(line)
    return _BRACKETS.sub(
        lambda m: m.group() if m.start() in kept else MIRROR_PAIRS.get(m.group(), m.group()), line)


_LETTER_RE: Final = re.compile(f"[{LATIN_LETTER_CLASS}\u0621-\u063a\u0641-\u064a\u067e-\u06cc]")
_OPENERS: Final = {"(": ")", "[": "]", "{": "}"}


def _latin_brackets(line: str) -> set[int]:
    """Positions of the brackets of ``line`` that stand in left-to-right text, which no extractor
    mirrors: a bracket whose nearest letters on both sides are Latin and that touches what it
    encloses (``read_excel(file_path)``, ``df.head()`` before more code), and both brackets of a
    pair written in order around Latin text and no Persian, or empty right after a Latin letter
    (``(spearman)``, ``head()``: a mirrored pair would read ``)spearman(``).

    >>> line = "ستون df.head() و f(x) ویژگی )تکامل( (Python) و"
    >>> "".join(line[at] for at in sorted(_latin_brackets(line)))
    '()()()'
    >>> _latin_brackets(")فلا( )ب( )Python( )Benzema()هداز( Senses(،]÷[ یم")
    set()
    >>> sorted(_latin_brackets("x = [a, b]"))
    [4, 9]
    """
    kept: set[int] = set()
    found = list(_LETTER_RE.finditer(line))
    places = [m.start() for m in found]
    latin = [bool(LATIN_LETTER_RE.match(m.group())) for m in found]
    stack: list[int] = []
    for match in _BRACKETS.finditer(line):
        at, char = match.start(), match.group()
        nearest = bisect_left(places, at)  # the first letter after the bracket
        before = nearest > 0 and latin[nearest - 1]
        after = nearest < len(latin) and latin[nearest]
        inner = line[at + 1:at + 2] if char in _OPENERS else line[at - 1:at]
        if before and after and inner.strip():
            kept.add(at)
        if char in _OPENERS:
            stack.append(at)
        elif stack and _OPENERS.get(line[stack[-1]]) == char:
            opened = stack.pop()
            inside = line[opened + 1:at]
            # an empty pair glued to Latin on its left and no Persian on its right: a call
            # (``head()``); ``Benzema()زاده`` is two pairs turned round
            called = (not inside and opened > 0 and bool(LATIN_LETTER_RE.match(line[opened - 1]))
                      and not _PERSIAN_LETTER_RE.match(line[at + 1:at + 2]))
            if called or (LATIN_LETTER_RE.search(inside) and not _PERSIAN_LETTER_RE.search(inside)):
                kept.update((opened, at))
        else:
            stack.clear()
    return kept


_PERSIAN_LETTER: Final = "[\u0621-\u063a\u0641-\u064a\u067e-\u06cc]"
_OPEN_Q: Final = "\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}"
_CLOSE_Q: Final = "\N{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK}"
_INSIDE: Final = "[^()\\[\\]" + _OPEN_Q + _CLOSE_Q + "]"
#: The text between two brackets, with a Persian letter in it (looked ahead for, then the text taken
#: whole: no backtracking over long lines).
_PERSIAN_INSIDE: Final = "(?=" + _INSIDE + "*" + _PERSIAN_LETTER + ")" + _INSIDE + "*+"
_PROPER: Final = re.compile(
    "\\(" + _PERSIAN_INSIDE + "\\)|\\[" + _PERSIAN_INSIDE + "\\]|" + _OPEN_Q + _PERSIAN_INSIDE + _CLOSE_Q)
_MIRRORED: Final = re.compile(
    "\\)" + _PERSIAN_INSIDE + "\\(|\\]" + _PERSIAN_INSIDE + "\\[|" + _CLOSE_Q + _PERSIAN_INSIDE + _OPEN_Q)


_PERSIAN_LETTER_RE: Final = re.compile(_PERSIAN_LETTER)
_BRACKET_CHARS: Final = frozenset("()[]" + _OPEN_Q + _CLOSE_Q)


def bracket_pairs(line: str) -> tuple[int, int]:
    """Pairs of brackets around Persian in ``line``: ``(in order, mirrored)``.

    Brackets around code or Latin text do not count (a program's parentheses span lines).

    >>> bracket_pairs(")تغییر چهره یافته( و »پ«"), bracket_pairs("(تغییر چهره یافته) f(x)")
    ((0, 2), (1, 0))
    """
    if not set(line) & _BRACKET_CHARS:
        return 0, 0
    return len(_PROPER.findall(line)), len(_MIRRORED.findall(line))


def split_zwnj(word: str, lm: LanguageModel) -> str:
    """``word`` with the ZWNJs it lost put back, where the lexicon and Persian morphology agree.

    Every way of putting a ZWNJ after a letter that joins forward is looked up; the spelling the
    lexicon finds most common wins if it is at least :data:`ZWNJ_RATIO` times as common as the
    joined one (so ``بیشتر`` and ``همچنین`` stay joined, as Persian writes them). A word the
    lexicon does not know at all is split before a plural or comparative suffix, or after the
    prefixes ``می``/``نمی``/``بی``, when the rest is a word; else after ``می`` before a verb's
    ending (:func:`_split_verb`), else into two common words (:func:`_split_compound`).

    >>> lm = LanguageModel()
    >>> split_zwnj("میشود", lm) == "می\N{ZERO WIDTH NON-JOINER}شود"
    True
    >>> split_zwnj("حرفهای", lm) == "حرفه\N{ZERO WIDTH NON-JOINER}ای"
    True
    >>> split_zwnj("فیسلیفتهای", lm) == "فیسلیفت\N{ZERO WIDTH NON-JOINER}های"
    True
    >>> split_zwnj("همچنین", lm), split_zwnj("میلادی", lm), split_zwnj("بیشتر", lm)
    ('همچنین', 'میلادی', 'بیشتر')
    """
    if len(word) < 4 or ZWNJ in word:
        return word
    memo = lm.memo("split_zwnj")
    cached = memo.get(word)
    if cached is None:
        cached = memo[word] = _split_zwnj(word, lm)
    return cached


def _split_zwnj(word: str, lm: LanguageModel) -> str:
    joined_freq = lm.frequency(word)
    best, best_freq = most_common_spelling(word, lm)
    if best_freq > 0:
        return best if best_freq >= ZWNJ_RATIO * joined_freq else word
    if joined_freq > 0 or lm.known(word):
        return word
    for prefix in ZWNJ_PREFIXES:
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) >= 2 and lm.known(rest):
            return prefix + ZWNJ + rest
    for suffix in ZWNJ_SUFFIXES:
        stem = word[:-len(suffix)]
        if word.endswith(suffix) and len(stem) >= 2 and joins_forward(stem[-1]):
            inner = split_zwnj(stem, lm)
            if lm.known(inner) or (suffix in _PLURAL_SUFFIXES and len(stem) >= 3):
                return inner + ZWNJ + suffix
    return _split_verb(word, lm) or _split_compound(word, lm) or word


#: The verbal prefix ``می`` alone or after a preverb, and the personal endings of a verb that a
#: word the lexicon does not know may be split by (``می|پراکند``, ``برمی|انگیختیم``).
_VERB_PREFIXES: Final = ("برمی", "درمی", "فرومی", "بازمی", "وامی", "نمی", "می")
_VERB_ENDINGS: Final = ("م", "د", "یم", "ید", "ند")
#: A word the lexicon does not know is split into two that it knows when each is at least this
#: common and this long (shorter or rarer parts match by chance: ``سرک|وبی``).
COMPOUND_FREQUENCY: Final = 1e-5
COMPOUND_FIRST: Final = 3
COMPOUND_SECOND: Final = 4
#: ... and the word is at most this long.
COMPOUND_LONGEST: Final = 14


def _split_verb(word: str, lm: LanguageModel) -> str | None:
    """An unknown ``word`` as the prefix ``می`` (after a preverb or not), ZWNJ and a verb with a
    personal ending, unless it starts with a longer word the lexicon knows (``میرزا``).

    >>> lm = LanguageModel()
    >>> _split_verb("میپراکند", lm) == "می\N{ZERO WIDTH NON-JOINER}پراکند"
    True
    >>> _split_verb("میرزاجواد", lm), _split_verb("میلیاردرهای", lm)
    (None, None)
    """
    for prefix in _VERB_PREFIXES:
        rest = word[len(prefix):]
        if not word.startswith(prefix):
            continue
        if len(rest) < 3 or not rest.endswith(_VERB_ENDINGS):
            return None
        if any(lm.known(word[:k]) for k in range(max(4, len(prefix) + 1), len(word) - 1)):
            return None
        return prefix + ZWNJ + rest
    return None


def _split_compound(word: str, lm: LanguageModel) -> str | None:
    """An unknown ``word`` as two common words joined by ZWNJ (the pair of the highest product of
    frequencies), where the first ends in a letter that joins forward.

    >>> _split_compound("زیاندیده", LanguageModel()) == "زیان\N{ZERO WIDTH NON-JOINER}دیده"
    True
    >>> _split_compound("سرکوبی", LanguageModel()) is None
    True
    """
    if len(word) > COMPOUND_LONGEST:
        return None  # words run together (a text without gaps), not one compound
    best, top = None, 0.0
    for i in range(COMPOUND_FIRST, len(word) - COMPOUND_SECOND + 1):
        if not joins_forward(word[i - 1]):
            continue
        first = lm.frequency(word[:i])
        if first <= COMPOUND_FREQUENCY:
            continue
        second = lm.frequency(word[i:])
        if second > COMPOUND_FREQUENCY and first * second > top:
            best, top = i, first * second
    return None if best is None else word[:best] + ZWNJ + word[best:]


def most_common_spelling(word: str, lm: LanguageModel) -> tuple[str, float]:
    """The spelling of :func:`_zwnj_spellings` that the lexicon finds most common (the first one on a
    tie) and its frequency; ``(word, 0.0)`` if the lexicon knows none.

    The same choice as looking every spelling up, made faster: a spelling's key is the word's key
    with ZWNJs put in (:func:`~kaghaz.lexicon.lookup_key` folds letter by letter), and only the
    spellings whose first part begins a word of the lexicon with a ZWNJ are looked up.

    >>> most_common_spelling("میشود", LanguageModel()) == ("می\N{ZERO WIDTH NON-JOINER}شود",
    ...     LanguageModel().frequency("می\N{ZERO WIDTH NON-JOINER}شود"))
    True
    >>> most_common_spelling("کتاب", LanguageModel())
    ('کتاب', 0.0)
    """
    firsts = zwnj_firsts(lm.lexicon)
    frequency = lm.lexicon.key_frequency
    # each letter folds to one letter or to none: ``at[i]`` is where letter ``i`` falls in the key
    at = [0]
    for char in word:
        at.append(at[-1] + len(lookup_key(char)))
    key = lookup_key(word)
    size = len(word)
    best, best_freq = word, 0.0
    for i in range(2, size - 1):
        if joins_forward(word[i - 1]) and key[:at[i]] in firsts:
            freq = frequency(key[:at[i]] + ZWNJ + key[at[i]:])
            if freq > best_freq:
                best, best_freq = word[:i] + ZWNJ + word[i:], freq
    for i in range(2, size - 3):
        if not joins_forward(word[i - 1]) or key[:at[i]] not in firsts:
            continue
        head = key[:at[i]] + ZWNJ
        for j in range(i + 2, size - 1):
            if joins_forward(word[j - 1]):
                freq = frequency(head + key[at[i]:at[j]] + ZWNJ + key[at[j]:])
                if freq > best_freq:
                    best, best_freq = word[:i] + ZWNJ + word[i:j] + ZWNJ + word[j:], freq
    return best, best_freq


def _zwnj_spellings(word: str) -> list[str]:
    """``word`` with one ZWNJ, or two, after letters that join forward (parts of two letters or more)."""
    singles = [word[:i] + ZWNJ + word[i:] for i in range(2, len(word) - 1) if joins_forward(word[i - 1])]
    doubles = []
    for i in range(2, len(word) - 3):
        if not joins_forward(word[i - 1]):
            continue
        for j in range(i + 2, len(word) - 1):
            if joins_forward(word[j - 1]):
                doubles.append(word[:i] + ZWNJ + word[i:j] + ZWNJ + word[j:])
    return singles + doubles


def restore_joined_zwnj(line: str, lm: LanguageModel) -> str:
    """Put back ZWNJs lost inside words (``میشود``, ``دولتهای``) everywhere in ``line``.

    >>> restore_joined_zwnj("منتشر میشود", LanguageModel()) == "منتشر می\N{ZERO WIDTH NON-JOINER}شود"
    True
    """
    return WORD_RE.sub(lambda m: split_zwnj(m.group(), lm), line)


_SPACED_PREFIX: Final = re.compile("(?<![^\\s(«\\[])(ن?می) (?=[\u0621-\u06cc])")
_SPACED_SUFFIX: Final = re.compile(
    f"(?<=[\u0621-\u06cc]) ({'|'.join(s for s in ZWNJ_SUFFIXES if s.startswith('ه') or s.startswith('تر'))})"
    "(?![\u0621-\u06cc\u200c])"
)


#: A verb ending or pronoun after a word that ends in a silent heh: ``رانده اند``, ``منطقه ای``.
_SPACED_HEH_SUFFIX: Final = re.compile(
    "(?<=[\u0621-\u06cc]\u0647) (?=(?:اند|ای|ام|اش|ایم|اید)(?![\u0621-\u06cc\u200c]))")
_SPACED_PAIR: Final = re.compile(f"({WORD_RE.pattern}) ({WORD_RE.pattern})")


def restore_spaced_zwnj(line: str, lm: LanguageModel) -> str:
    """Turn spaces that stand for a lost ZWNJ back into ZWNJ (``می شود``, ``دولت های``).

    Only the unambiguous cases: the verbal prefix ``می``/``نمی`` before a word that the lexicon
    knows with the prefix, the plural and comparative suffixes after a word that joins forward,
    and a verb ending or pronoun (``اند``, ``ای``, ``ام``, ``اش``, ``ایم``, ``اید``) after a word that ends
    in a silent heh (``رانده اند``, ``منطقه ای``).

    >>> restore_spaced_zwnj("منتشر می شود و سال ها", LanguageModel()).count("\N{ZERO WIDTH NON-JOINER}")
    2
    >>> restore_spaced_zwnj("آن را رانده اند", LanguageModel()).count("\N{ZERO WIDTH NON-JOINER}")
    1
    """
    if " " not in line:
        return line

    def prefix(match: re.Match[str]) -> str:
        start = match.end()
        word_match = WORD_RE.match(line, start)
        if not word_match:
            return match.group()
        candidate = match.group(1) + ZWNJ + word_match.group()
        if lm.known(candidate) or lm.known(match.group(1) + word_match.group()):
            return match.group(1) + ZWNJ
        return match.group()

    def suffix(match: re.Match[str]) -> str:
        before = line[match.start() - 1]
        if joins_forward(before):
            return ZWNJ + match.group(1)
        return match.group()

    line = _SPACED_SUFFIX.sub(suffix, _SPACED_PREFIX.sub(prefix, line))
    return _SPACED_HEH_SUFFIX.sub(ZWNJ, line)




def shift_gap(left: str, right: str, lm: LanguageModel) -> str | None:
    """``left right`` with the gap between them moved by one letter, if that makes known words.

    Some extractors put the space that stands for a ZWNJ one letter too early or too late
    (``راند هاند`` for ``رانده|اند``, ``م یاندازد`` for ``می|اندازد``). The result joins the two
    new parts with ZWNJ when they form a known word or a stem and a suffix, else with a space.

    >>> lm = LanguageModel()
    >>> shift_gap("م", "یاندازد", lm) == "می\N{ZERO WIDTH NON-JOINER}اندازد"
    True
    >>> shift_gap("در", "ایران", lm) is None
    True
    """
    if lm.known(left) and lm.known(right):
        return None
    options = []
    if len(right) > 1:
        options.append((left + right[0], right[1:]))
    if len(left) > 1:
        options.append((left[:-1], left[-1] + right))
    for new_left, new_right in options:
        if ZWNJ in new_left + new_right or not joins_forward(new_left[-1]):
            continue
        joined = new_left + ZWNJ + new_right
        bound = new_right in ZWNJ_SUFFIXES or new_left in ZWNJ_PREFIXES
        if lm.frequency(joined) > 0 or (bound and lm.known(new_right if new_left in ZWNJ_PREFIXES else new_left)):
            return joined
    return None


def fix_shifted_gaps(line: str, lm: LanguageModel) -> str:
    """Move spaces that stand one letter off a lost ZWNJ back to where the ZWNJ was.

    >>> fix_shifted_gaps("که سالها راند هاند", LanguageModel()) == "که سالها رانده\N{ZERO WIDTH NON-JOINER}اند"
    True
    """
    if " " not in line:
        return line
    out = []
    position = 0
    while True:
        match = _SPACED_PAIR.search(line, position)
        if match is None:
            break
        fixed = shift_gap(match.group(1), match.group(2), lm)
        if fixed is None:
            out.append(line[position:match.start(2)])
            position = match.start(2)
            continue
        out.append(line[position:match.start()] + fixed)
        position = match.end()
    out.append(line[position:])
    return "".join(out)


def count_shifted_gaps(line: str, lm: LanguageModel) -> int:
    """How many gaps in ``line`` :func:`fix_shifted_gaps` would move.

    The same pairs as :func:`fix_shifted_gaps` finds with :data:`_SPACED_PAIR` (two words with one
    space between them, a pair whose gap moves not counting again), taken from the line's words.

    >>> count_shifted_gaps("که سالها راند هاند و م یاندازد", LanguageModel())
    2
    """
    if " " not in line:
        return 0
    found = [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(line)]
    known = [lm.known(word) for _, _, word in found]  # each word asked once (a hot path)
    count = 0
    index = 0
    while index + 1 < len(found):
        _, end, left = found[index]
        start, _, right = found[index + 1]
        if start == end + 1 and line[end] == " " and not (known[index] and known[index + 1]) \
                and shift_gap(left, right, lm) is not None:
            count += 1
            index += 2
        else:
            index += 1
    return count


#: Most ZWNJs in one word whose places :func:`place_zwnj` tries together (four tries each).
JOINT_ZWNJS: Final = 3


def place_zwnj(word: str, lm: LanguageModel, guess: bool = True) -> str:
    """``word`` with its ZWNJs moved by a letter, or dropped, where that makes a known word.

    Typst writes a ZWNJ in the same glyph cluster as the letter after it, so extractors put it one
    letter too late (``میش|ود`` for ``می|شود``), and after some letters it writes one where there is
    none (``ش|ده`` for ``شده``). Where one glyph stands for both, every later use of it carries the
    ZWNJ too: a word-initial ``ه`` comes out as ``ه|`` (``ه|زینهه|ا`` for ``هزینه|ها``), so the
    places of all the ZWNJs of a word are tried together. Only a word the lexicon does not know is
    changed. When no try makes a known word, ``guess`` drops a ZWNJ after the word's first letter
    and one between two parts that are no words (``خودگ|ردانی``: Typst adds some).

    >>> lm = LanguageModel()
    >>> place_zwnj("میش\N{ZERO WIDTH NON-JOINER}ود", lm) == "می\N{ZERO WIDTH NON-JOINER}شود"
    True
    >>> place_zwnj("ش\N{ZERO WIDTH NON-JOINER}ده", lm), place_zwnj("کتاب", lm)
    ('شده', 'کتاب')
    >>> zwnj = "\N{ZERO WIDTH NON-JOINER}"
    >>> place_zwnj("ه" + zwnj + "زینهه" + zwnj + "ا", lm) == "هزینه" + zwnj + "ها"
    True
    """
    if ZWNJ not in word or lm.frequency(word) > 0:
        return word
    bare = word.replace(ZWNJ, "")
    # each ZWNJ as the index in ``bare`` of the letter it stands before
    places = [i - n for n, i in enumerate(i for i, char in enumerate(word) if char == ZWNJ)]
    if len(places) > JOINT_ZWNJS or len(set(places)) < len(places):
        return word
    choices = [[None, place, *(t for t in (place - 1, place + 1) if _zwnj_fits(bare, t))] for place in places]
    best, best_freq = word, 0.0
    moved_suffix: str | None = None
    for choice in product(*choices):
        if list(choice) == places:
            continue
        targets = sorted({t for t in choice if t is not None})
        option = _with_zwnjs(bare, targets)
        # a ZWNJ spelling wins over the joined one unless far rarer (see ZWNJ_RATIO)
        freq = lm.frequency(option) / ZWNJ_RATIO ** len(targets)
        if freq > best_freq:
            best, best_freq = option, freq
        moved = [(t, place) for t, place in zip(choice, places, strict=True) if t != place]
        if moved_suffix is None and len(moved) == 1 and moved[0][0] == moved[0][1] - 1:
            at = moved[0][0]
            head = bare[max((t for t in targets if t < at), default=0):at]
            tail = bare[at:min((t for t in targets if t > at), default=len(bare))]
            if tail in ZWNJ_SUFFIXES or (lm.known(head) and lm.known(tail) and len(tail) > 1):
                moved_suffix = option
    if best_freq > 0:
        return best
    # an unknown stem before a suffix, or two words: the ZWNJ one letter late goes between them
    if moved_suffix is not None:
        return moved_suffix
    if not guess:
        return word
    # right after the first letter it came one letter late from the word's start, where none goes;
    # between two parts that are no words (nor a prefix or suffix) it is one Typst added
    return _with_zwnjs(bare, [place for place in places if place != 1 and not _stray_zwnj(bare, places, place, lm)])


def _stray_zwnj(bare: str, places: list[int], place: int, lm: LanguageModel) -> bool:
    """True if the ZWNJ before ``bare[place]`` stands between two parts that are no known parts:
    the part before it is not a word or a prefix, and the part after it is a single letter or not
    a word or a suffix (a ZWNJ at either end of the word stays).

    >>> lm = LanguageModel()
    >>> _stray_zwnj("خودگردانی", [4], 4, lm), _stray_zwnj("کتابها", [4], 4, lm)
    (True, False)
    """
    head = bare[max((p for p in places if p < place), default=0):place]
    tail = bare[place:min((p for p in places if p > place), default=len(bare))]
    return (bool(head) and bool(tail) and head not in ZWNJ_PREFIXES and tail not in ZWNJ_SUFFIXES and not lm.known(head)
            and (len(tail) == 1 or not lm.known(tail)))


def _zwnj_fits(bare: str, target: int) -> bool:
    """True if a ZWNJ may stand before ``bare[target]``: inside the word, after a joining letter."""
    return 0 < target < len(bare) and joins_forward(bare[target - 1])


def _with_zwnjs(bare: str, targets: list[int]) -> str:
    """``bare`` with a ZWNJ before each letter at ``targets`` (sorted)."""
    parts, last = [], 0
    for target in targets:
        parts.append(bare[last:target])
        last = target
    parts.append(bare[last:])
    return ZWNJ.join(parts)


def fix_zwnj_placement(line: str, lm: LanguageModel) -> str:
    """Move or drop the ZWNJs of unknown words where that gives a known word (see :func:`place_zwnj`).

    >>> zwnj = "\\N{ZERO WIDTH NON-JOINER}"
    >>> fix_zwnj_placement("منتشر میش" + zwnj + "ود", LanguageModel()) == "منتشر می" + zwnj + "شود"
    True
    """
    if ZWNJ not in line:
        return line
    return WORD_RE.sub(lambda m: place_zwnj(m.group(), lm), line)


def count_misplaced_zwnj(line: str, lm: LanguageModel) -> int:
    """How many words of ``line`` :func:`fix_zwnj_placement` would change."""
    if ZWNJ not in line:
        return 0
    return sum(1 for m in WORD_RE.finditer(line)
               if ZWNJ in m.group() and place_zwnj(m.group(), lm, guess=False) != m.group())


#: A Persian word token standing alone between single spaces.
_TOKEN_RUN: Final = re.compile(f"{WORD_RE.pattern}(?: {WORD_RE.pattern})+")
#: The most words :func:`join_detached_letters` glues into one.
JOIN_SPAN: Final = 4
#: Tokens this rare (probability) may be glued when the joined word gains :data:`RARE_GAIN`.
RARE_PART: Final = 2e-5
RARE_GAIN: Final = 3.0
#: Words that are words on their own are glued when the whole word gains this much over them.
SPLIT_GAIN: Final = 4.0


def is_fragment(token: str, lm: LanguageModel) -> bool:
    """True for a token that is not a word on its own: one letter (other than ``و``), or unknown.

    >>> lm = LanguageModel()
    >>> is_fragment("ت", lm), is_fragment("و", lm), is_fragment("است", lm)
    (True, False, False)
    """
    if letter_count(token) == 1:
        return token != "\N{ARABIC LETTER WAW}"
    # a piece of one letter after a ZWNJ (``می\u200cت`` of ``می\u200cت وان``) is no word either
    if ZWNJ in token and any(letter_count(part) == 1 for part in token.split(ZWNJ)[1:]):
        return True
    return not lm.known(token)


def join_detached_letters(line: str, lm: LanguageModel, keep_backwards: bool = False) -> str:
    """Glue back the pieces of words that justification or an extractor cut apart with spaces.

    LibreOffice's justified text stretches words with kashida, which extractors turn into spaces
    (``ب ه بع د از جن گ`` for ``به بعد از جنگ``); a final ``ی`` also comes detached (``حس ی``). A
    word segmentation by dynamic programming joins up to :data:`JOIN_SPAN` neighbouring tokens
    when the joined word is known and scores above the tokens apart, and only where one of the
    tokens is a fragment (so ``در آن`` never becomes ``درآن``). ``keep_backwards``: a token that
    is a word written backwards is no fragment (used before the order of words is settled).

    >>> join_detached_letters("پیدایش ورزش تنیس در ایران ب ه بع د از جن گ جه انی دوم", LanguageModel())
    'پیدایش ورزش تنیس در ایران به بعد از جنگ جهانی دوم'
    >>> join_detached_letters("\N{ARABIC HAMZA ABOVE} زندگی او", LanguageModel()) == "\N{ARABIC HAMZA ABOVE} زندگی او"
    True
    """
    if " " not in line:
        return line
    return _TOKEN_RUN.sub(lambda m: _segment(m.group().split(" "), lm, keep_backwards), line)


def _whole_word(joined: str, lm: LanguageModel) -> str | None:
    """``joined`` as a word the lexicon knows, if it is one: as it stands, through its parts
    between ZWNJs (``پلاستیک\u200cها``), or with its backwards lam-alef turned round (the
    spelling is fixed later by :func:`fix_lam_alef`)."""
    for candidate in lam_alef_candidates(joined):
        if lm.known(candidate):
            return candidate
        parts = candidate.split(ZWNJ)
        if len(parts) > 1 and all(letter_count(part) > 1 and lm.known(part) for part in parts):
            return candidate
    return None


def _segment(tokens: list[str], lm: LanguageModel, keep_backwards: bool = False) -> str:
    """The best segmentation of ``tokens``; with ``keep_backwards``, a token that is a word written
    backwards counts as no fragment (it may be a whole word an extractor turned round)."""
    def fragment(token: str) -> bool:
        # marks standing alone are no piece of a word here: they find their letter later
        # (:func:`~kaghaz.repair.marks.reattach_lone_marks`)
        return (letter_count(token) > 0 and is_fragment(token, lm)
                and not (keep_backwards and letter_count(token) > 1 and lm.known(token[::-1])))

    if not any(fragment(t) for t in tokens):
        return " ".join(tokens)
    best: list[tuple[float, int]] = [(0.0, 0)]
    for end in range(1, len(tokens) + 1):
        options = []
        for start in range(max(0, end - JOIN_SPAN), end):
            span = tokens[start:end]
            if len(span) == 1:
                score = lm.word(span[0])
            elif any(letter_count(t) == 0 for t in span):
                continue
            else:
                joined = _whole_word("".join(span), lm)
                if joined is None:
                    continue
                score = lm.word(joined)
                apart = sum(lm.word(t) for t in span)
                rare = all(lm.frequency(t) < RARE_PART for t in span) and score > apart + RARE_GAIN
                # pieces that are words on their own (``کش ور``) are glued where one is a rare word
                # and the whole word is far more probable than the pieces and their pair (so
                # ``و حالا``, ``در حالی که`` stay apart whatever the lexicon holds)
                strong = (any(lm.frequency(t) < RARE_PART for t in span)
                          and score > apart + sum(lm.pair(a, b) for a, b in pairwise(span)) + SPLIT_GAIN)
                if not (rare or strong or any(fragment(t) for t in span)):
                    continue
            options.append((best[start][0] + score, start))
        best.append(max(options))
    out = []
    end = len(tokens)
    while end > 0:
        start = best[end][1]
        out.append("".join(tokens[start:end]))
        end = start
    return " ".join(reversed(out))


def count_detached_letters(line: str) -> int:
    """Single-letter tokens other than ``و`` in ``line`` (clean Persian has almost none)."""
    return len(_LONE_LETTER.findall(line))


_LONE_LETTER: Final = re.compile("(?<!\\S)[\u0621-\u0647\u0649-\u06cc](?!\\S)")


_DOUBLED_LETTER: Final = re.compile("([\u0621-\u064a\u067e-\u06cc])\\1")


def undouble(word: str, lm: LanguageModel) -> str:
    """``word`` with a letter written twice written once, if only that spelling is a word.

    PyMuPDF on Typst PDFs writes some letters twice (``ششده`` for ``شده``, ``پپوست``). A word
    the lexicon does not know that starts with a doubled letter loses one even where the result is
    no known word either: the words that start so (``ممکن``, ``ششم``) are known.

    A word that is a word with its backwards lam-alef turned round (``باالی`` for ``بالای``)
    is left for :func:`fix_lam_alef`: its two alefs are no letter written twice.

    >>> lm = LanguageModel()
    >>> undouble("ششده", lm), undouble("ششم", lm), undouble("پپیکری", lm), undouble("ممکن", lm)
    ('شده', 'ششم', 'پیکری', 'ممکن')
    >>> undouble("باالی", lm)
    'باالی'
    """
    if lm.known(word) or not _DOUBLED_LETTER.search(word):
        return word
    if LAM_ALEF_BACKWARDS in word and any(lm.known(c) for c in lam_alef_candidates(word)[1:]):
        return word
    for match in _DOUBLED_LETTER.finditer(word):
        candidate = word[:match.start()] + word[match.start() + 1:]
        if lm.known(candidate):
            return undouble(candidate, lm) if _DOUBLED_LETTER.search(candidate) else candidate
    # a word the lexicon does not know that starts with a doubled letter: the words that do
    # (``ممکن``, ``ششم``) are known, so the letter was written twice (``پپیکری``)
    if _DOUBLED_LETTER.match(word):
        return word[1:]
    return word


def fix_doubled_letters(line: str, lm: LanguageModel) -> str:
    """Write once the letters an extractor wrote twice (see :func:`undouble`).

    >>> fix_doubled_letters("در ششهر منتشر ششد", LanguageModel())
    'در شهر منتشر شد'
    """
    return WORD_RE.sub(lambda m: undouble(m.group(), lm), line)


def doubled_words(line: str, lm: LanguageModel) -> list[str]:
    """The words of ``line`` that :func:`fix_doubled_letters` would change, in order.

    >>> doubled_words("در ششهر منتشر ششد و سروو", LanguageModel())
    ['ششهر', 'ششد', 'سروو']
    """
    if _DOUBLED_LETTER.search(line) is None:
        return []  # a word with a doubled letter makes the line hold one
    return [m.group() for m in WORD_RE.finditer(line)
            if _DOUBLED_LETTER.search(m.group()) and undouble(m.group(), lm) != m.group()]
