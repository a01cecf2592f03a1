"""Fit the weights of pypdf's cut search (``kaghaz.repair.pypdf_cuts.FITTED``) on a self-supervised set.

The set is clean text from ``../shared/corpora`` (never the held-out sentences of
``bench/repair_corpus.py``, never the benchmark's ground truth) laid out in lines and garbled the way
pypdf garbles LibreOffice and Word PDFs (``bench/pypdf_garble.py``), so every line's answer is known.
The corpus lines are split in two halves; the documents of each half are scored with a word-pair
table counted on the other half only, so the pair scores are as weak as they are on text nobody has
seen.

The model is log-linear over the readings of each segment: the search's best readings under the
current weights plus the right one, a softmax over them, the right one's log probability maximised
(with a small L2 penalty) by gradient ascent; the readings are searched again with the new weights a
few times. Features that join a line to its neighbours (``link``, ``paragraph_end``) are computed
against the right reading of the neighbouring lines.

    PYTHONPATH=src python bench/pypdf_fit.py              # fit on both halves, print the weights
    PYTHONPATH=src python bench/pypdf_fit.py --check      # fit on one half, measure on the other
    PYTHONPATH=src python bench/pypdf_fit.py --measure    # measure the shipped weights only
    PYTHONPATH=src python bench/pypdf_fit.py --oracle     # where the shipped weights go wrong
    PYTHONPATH=src python bench/pypdf_fit.py --lines      # fit the line choice's weights (LineWeights)
    PYTHONPATH=src python bench/pypdf_fit.py --blame      # where the line choice goes wrong, by term
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path
from types import MappingProxyType

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from rapidfuzz.distance import Levenshtein  # noqa: E402

import pypdf_garble as garble  # noqa: E402
from kaghaz.chars import fold_presentation_forms  # noqa: E402
from kaghaz.lexicon import BigramTable  # noqa: E402
from kaghaz.repair import pypdf_cuts, pypdf_order  # noqa: E402
from kaghaz.repair.langmodel import LanguageModel, pair_tokens  # noqa: E402
from kaghaz.repair.pypdf_cuts import FEATURES, FITTED, CutWeights, Segment, dot, feature, weight_tuple  # noqa: E402
from kaghaz.repair.pypdf_order import LINE_FITTED, LineWeights  # noqa: E402
from kaghaz.repair.text import has_arabic, words  # noqa: E402

#: (name, line width in characters, kashida cuts per line at most): LibreOffice's one-column
#: pages, its justified ones and its two-column ones.
STYLES = (("lo", 115, 0), ("lo_justify", 115, 8), ("lo_2col", 47, 0))
CANDIDATES = 24
ROUNDS = 3
STEPS = 1000
L2 = 0.0001


def pair_table(lines: Iterable[str]) -> BigramTable:
    """A word-pair table counted on ``lines``, as ``bench/repair_corpus.py`` counts the shipped one."""
    counts: Counter[tuple[str, str]] = Counter()
    for line in lines:
        counts.update(pairwise(pair_tokens(line)))
    firsts: Counter[str] = Counter()
    for (left, _), count in counts.items():
        firsts[left] += count
    return BigramTable(MappingProxyType(dict(counts)), MappingProxyType(dict(firsts)), sum(counts.values()))


_SENTENCE_END = re.compile(r"[.!?\u061f]\s+")


def start_table(lines: Iterable[str]) -> pypdf_cuts.StartTable:
    """A sentence-start table counted on ``lines``, as ``bench/starts_table.py`` counts the shipped one."""
    starts: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    for line in lines:
        for sentence in _SENTENCE_END.split(line):
            found = pair_tokens(sentence)
            if found:
                starts[found[0]] += 1
                counts.update(found)
    share = sum(starts.values()) / max(1, sum(counts.values()))
    return pypdf_cuts.StartTable(share, MappingProxyType({w: (starts[w], n) for w, n in counts.items() if n >= 2}))


@dataclass(frozen=True, slots=True)
class Example:
    """One segment of a garbled line: its search space, the path of the right reading, and what the
    neighbouring lines' right readings say (their edge words, whether the line ends a paragraph)."""

    segment: Segment
    gold: tuple[int, ...]
    before: str | None
    after: str | None
    closes: bool
    before_ends: bool = True


def _neighbour_word(clean: Sequence[str], index: int, last: bool) -> str | None:
    if not 0 <= index < len(clean) or not clean[index].strip():
        return None
    found = words(clean[index])
    return (found[-1] if last else found[0]) if found else None


def examples(docs: Iterable[garble.Document], lm: LanguageModel, weights: CutWeights) -> list[Example]:
    """The segments of every garbled line with a known right reading."""
    out: list[Example] = []
    for doc in docs:
        for i, line in enumerate(doc.garbled):
            line = fold_presentation_forms(line)
            if not has_arabic(line):
                continue
            before = _neighbour_word(doc.clean, i - 1, True)
            before_ends = i == 0 or pypdf_cuts.ends_sentence(doc.clean[i - 1]) or not doc.clean[i - 1].strip()
            after = _neighbour_word(doc.clean, i + 1, False)
            closes = i + 1 >= len(doc.clean) or not doc.clean[i + 1].strip()
            seams = doc.seams[i]
            position = 0
            for _, text, segment in pypdf_order.line_segments(line, lm, weights):
                start, position = position, position + len(text)
                if segment is None:
                    continue
                offsets = []
                at = start
                for token in segment.items:
                    offsets.append(at)
                    at += len(token.text)
                wanted = set()
                for seam in seams:
                    if start <= seam < position:
                        wanted.add(max(j for j, o in enumerate(offsets) if o <= seam))
                path = tuple(k for k, (left, _, hidden) in enumerate(segment.bounds)
                             if not hidden or left + 1 in wanted)
                if segment.cuts(path) != frozenset(wanted):
                    continue  # a ZWNJ the search cannot read (next to a mark or a guillemet)
                out.append(Example(segment, path, before if segment.edges[0] else None,
                                   after if segment.edges[1] else None, closes and segment.edges[1],
                                   before_ends))
    return out


def context_features(example: Example, path: tuple[int, ...], lm: LanguageModel) -> list[tuple[int, float]]:
    """The features a reading of the segment gets from its neighbouring lines."""
    out: list[tuple[int, float]] = []
    first, last = example.segment.logical_edges(path)
    if example.before and first:
        out.extend(feature("link", pypdf_cuts.association(lm, example.before, first)))
    if example.segment.edges[0] and first and (example.before or example.before_ends):
        out.extend(feature("flow", pypdf_cuts.flow(lm, first, example.before_ends)))
    if example.after and last:
        out.extend(feature("link", pypdf_cuts.association(lm, last, example.after)))
        ends = pypdf_cuts.ends_sentence(example.segment.text(path))
        out.extend(feature("flow", pypdf_cuts.flow(lm, example.after, ends)))
    if example.closes and example.segment.text(path).rstrip()[-1:] in pypdf_order._SENTENCE_END:
        out.extend(feature("paragraph_end"))
    return out


def vector(pairs: Iterable[tuple[int, float]]) -> np.ndarray:
    out = np.zeros(len(FEATURES))
    for index, value in pairs:
        out[index] += value
    return out


def candidate_matrix(example: Example, weights: CutWeights, lm: LanguageModel) -> tuple[np.ndarray, int]:
    """The features of the search's best readings and of the right one (row 0), one row each."""
    segment = Segment(example.segment.items, lm, weights, example.segment.edges)
    paths = [example.gold]
    seen = {segment.cuts(example.gold)}
    for reading in segment.readings(offers=CANDIDATES):
        cuts = segment.cuts(reading.path)
        if cuts not in seen:
            seen.add(cuts)
            paths.append(reading.path)
    rows = [vector([*segment.path_features(path), *context_features(example, path, lm)]) for path in paths]
    return np.array(rows), 0


def fit(parts: list[tuple[list[Example], LanguageModel, pypdf_cuts.StartTable]], start: CutWeights,
        rounds: int = ROUNDS) -> CutWeights:
    """Maximise the log probability of the right readings (a softmax over each segment's candidates),
    searching the candidates again with the new weights after each round. ``parts``: examples with
    the language model their segments were built with and the start table counted with it."""
    weights = start
    for _ in range(rounds):
        matrices = []
        for train, lm, table in parts:
            pypdf_cuts.use_starts(table)
            matrices.extend(candidate_matrix(example, weights, lm)[0] for example in train)
        weights = _ascend([m for m in matrices if len(m) > 1], weights)
    return weights


@dataclass(frozen=True, slots=True)
class Figures:
    """How the segmented reading does on a set of documents: lines, lines read exactly, CER."""

    lines: int
    exact: int
    edits: int
    length: int

    def __str__(self) -> str:
        return (f"{self.lines} lines, {100 * self.exact / max(1, self.lines):.1f} % exact, "
                f"CER {100 * self.edits / max(1, self.length):.2f} %")


def _spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def measure(docs: Iterable[garble.Document], lm: LanguageModel, weights: CutWeights,
            line_weights: LineWeights = LINE_FITTED) -> Figures:
    """Read every document as the segmented dialect (with the line-to-line choice) and compare."""
    lines = exact = edits = length = 0
    for doc in docs:
        prepared = [fold_presentation_forms(line) for line in doc.garbled]
        persian = [i for i, line in enumerate(prepared) if has_arabic(line)]
        local = pypdf_order.with_repeated_pairs(lm, [prepared[i] for i in persian])
        seams = pypdf_order.seam_words([prepared[i] for i in persian])
        options = [pypdf_order.segmented_readings(prepared[i], local, weights, seams, line_weights)
                   if i in persian else [] for i in range(len(prepared))]
        chosen = pypdf_order.choose(options, local, pypdf_order.paragraph_breaks(prepared, persian), line_weights)
        for i in persian:
            text = options[i][chosen[i]].text if options[i] and chosen[i] >= 0 else prepared[i]
            got = _spaces(pypdf_order.reverse_persian_numbers(pypdf_order.CONTROLS.sub("", text), slashes=True))
            want = _spaces(doc.clean[i])
            lines += 1
            exact += got == want
            edits += Levenshtein.distance(got, want)
            length += len(want)
    return Figures(lines, exact, edits, length)


@dataclass(frozen=True, slots=True)
class LineDocument:
    """One document's lines as the line choice sees them: the document's model, the readings the
    segment search offers each line (scored by the segments alone), their line features, the
    paragraph breaks, each reading's edits against the clean line and each clean line's length."""

    lm: LanguageModel
    options: list[list[pypdf_order.LineReading]]
    features: list[list[tuple[float, float, float, int]]]
    breaks: list[bool]
    edits: list[list[int]]
    lengths: list[int]


def line_documents(docs: Iterable[garble.Document], lm: LanguageModel) -> list[LineDocument]:
    """The :class:`LineDocument` of every document (readings searched once, for any line weights)."""
    out = []
    for doc in docs:
        prepared = [fold_presentation_forms(line) for line in doc.garbled]
        persian = [i for i, line in enumerate(prepared) if has_arabic(line)]
        local = pypdf_order.with_repeated_pairs(lm, [prepared[i] for i in persian])
        seams = pypdf_order.seam_words([prepared[i] for i in persian])
        options = [pypdf_order.segmented_readings(prepared[i], local, FITTED, seams, pypdf_order.SEGMENTS_ONLY)
                   if i in persian else [] for i in range(len(prepared))]
        features = [[pypdf_order.line_features(o.text, words(o.text), local) for o in found] for found in options]
        edits = [[Levenshtein.distance(_read(o.text), _spaces(doc.clean[i])) for o in found]
                 for i, found in enumerate(options)]
        lengths = [len(_spaces(line)) for line in doc.clean]
        out.append(LineDocument(local, options, features, pypdf_order.paragraph_breaks(prepared, persian), edits,
                                lengths))
    return out


def _read(text: str) -> str:
    """A line's reading as it is compared with the clean line (numbers turned round, spaces as one)."""
    return _spaces(pypdf_order.reverse_persian_numbers(pypdf_order.CONTROLS.sub("", text), slashes=True))


def line_cer(docs: list[LineDocument], weights: LineWeights) -> float:
    """The CER (in %) of the line choice over ``docs`` under ``weights``."""
    edits = length = 0
    for doc in docs:
        scored = [[replace(o, score=o.score + _line_dot(weights, f)) for o, f in zip(found, features, strict=True)]
                  for found, features in zip(doc.options, doc.features, strict=True)]
        for i, pick in enumerate(pypdf_order.choose(scored, doc.lm, doc.breaks, weights)):
            if doc.options[i] and pick >= 0:
                edits += doc.edits[i][pick]
                length += doc.lengths[i]
    return 100 * edits / max(1, length)


def _line_dot(weights: LineWeights, features: tuple[float, float, float, int]) -> float:
    return (weights.words * features[0] + weights.pairs * features[1] + weights.associations * features[2]
            + weights.short_sentences * features[3])


#: First steps of the coordinate search over :class:`LineWeights` (halved each round).
LINE_STEPS = MappingProxyType({"words": 0.5, "pairs": 0.5, "associations": 0.5, "short_sentences": 1.0,
                               "link": 1.0, "flow": 1.0, "paragraph_end": 1.0})


def fit_lines(sets: list[list[LineDocument]], tables: list[pypdf_cuts.StartTable],
              start: LineWeights) -> LineWeights:
    """A coordinate search for the line weights that make the fewest edits (the sum of the CERs of
    ``sets``, each read with its start table), moving each weight by its step while that gains."""

    def cost(weights: LineWeights) -> float:
        total = 0.0
        for docs, table in zip(sets, tables, strict=True):
            pypdf_cuts.use_starts(table)
            total += line_cer(docs, weights)
        return total

    weights, best = start, cost(start)
    steps = dict(LINE_STEPS)
    for _ in range(ROUNDS):
        for name, step in steps.items():
            for move in (-step, step):
                while True:
                    trial = replace(weights, **{name: getattr(weights, name) + move})
                    found = cost(trial)
                    if found >= best - 0.02:
                        break
                    weights, best = trial, found
        steps = {name: step / 2 for name, step in steps.items()}
    return weights


@dataclass(frozen=True, slots=True)
class LineBlame:
    """Where the line choice goes wrong: how many lines it reads worse than the best reading it was
    offered, how many of those are rotations (the same words: the right cuts, the wrong space taken
    for the line's edge), the edits they cost, and by term of the choice the sum over those lines of
    the best reading's score minus the chosen one's (with the neighbours as chosen): the terms that
    judge a rotation wrongly are the ones below zero."""

    wrong: int
    rotations: int
    edits: int
    blame: tuple[tuple[str, float], ...]

    def __str__(self) -> str:
        terms = ", ".join(f"{name} {value / max(1, self.wrong):+.2f}" for name, value in self.blame)
        return (f"{self.wrong} lines read worse than offered ({self.rotations} rotations, {self.edits} edits); "
                f"per line, best minus chosen: {terms}")


def _terms(doc: LineDocument, chosen: list[int], index: int, pick: int, weights: LineWeights) -> dict[str, float]:
    """The terms of the line choice's score of reading ``pick`` of line ``index`` (the other lines
    as ``chosen``)."""
    reading = doc.options[index][pick]
    word_total, pair_total, association_total, short = doc.features[index][pick]
    out = {"segments": reading.score, "words": weights.words * word_total, "pairs": weights.pairs * pair_total,
           "associations": weights.associations * association_total,
           "short_sentences": weights.short_sentences * short, "link": 0.0, "flow": 0.0, "paragraph_end": 0.0}
    before = doc.options[index - 1][chosen[index - 1]] if index and doc.options[index - 1] else None
    if before is not None and not doc.breaks[index]:
        if before.last and reading.first:
            out["link"] += weights.link * pypdf_cuts.association(doc.lm, before.last, reading.first)
        out["flow"] += weights.flow * pypdf_cuts.flow(doc.lm, reading.first, pypdf_cuts.ends_sentence(before.text))
    elif before is None or doc.breaks[index]:
        out["flow"] += weights.flow * pypdf_cuts.flow(doc.lm, reading.first, True)
    closes = index + 1 >= len(doc.breaks) or doc.breaks[index + 1]
    after = doc.options[index + 1][chosen[index + 1]] if not closes and doc.options[index + 1] else None
    if after is not None:
        if reading.last and after.first:
            out["link"] += weights.link * pypdf_cuts.association(doc.lm, reading.last, after.first)
        out["flow"] += weights.flow * pypdf_cuts.flow(doc.lm, after.first, pypdf_cuts.ends_sentence(reading.text))
    if closes and reading.text.rstrip()[-1:] in ".!?:\u061f\u00bb)":
        out["paragraph_end"] = weights.paragraph_end
    return out


def line_blame(docs: list[LineDocument], weights: LineWeights) -> LineBlame:
    """The :class:`LineBlame` of the line choice over ``docs`` under ``weights``."""
    wrong = rotations = edits = 0
    blame = Counter[str]()
    for doc in docs:
        scored = [[replace(o, score=o.score + _line_dot(weights, f)) for o, f in zip(found, features, strict=True)]
                  for found, features in zip(doc.options, doc.features, strict=True)]
        chosen = pypdf_order.choose(scored, doc.lm, doc.breaks, weights)
        for index, pick in enumerate(chosen):
            if not doc.options[index] or pick < 0:
                continue
            found = doc.edits[index]
            best = found.index(min(found))
            if found[pick] <= found[best]:
                continue
            wrong += 1
            edits += found[pick] - found[best]
            texts = (doc.options[index][pick].text, doc.options[index][best].text)
            rotations += sorted(words(texts[0])) == sorted(words(texts[1]))
            blame.update(_terms(doc, chosen, index, best, weights))
            blame.subtract(_terms(doc, chosen, index, pick, weights))
    return LineBlame(wrong, rotations, edits, tuple(sorted(blame.items(), key=lambda item: item[1])))


@dataclass(frozen=True, slots=True)
class Oracle:
    """Where the search goes wrong on a set of segments with hidden cuts: how many it reads right,
    how many it misses although the right reading scores higher than the one found (the beam
    pruned it), how many it misses because another reading scores higher (with the right one among
    the readings offered to the line's choice or not), and by feature the sum over the missed
    segments of the right reading's score minus the found one's."""

    segments: int
    right: int
    pruned: int
    offered: int
    outscored: int
    blame: tuple[tuple[str, float], ...]

    def __str__(self) -> str:
        worst = ", ".join(f"{name} {value:+.0f}" for name, value in self.blame[:6])
        return (f"{self.segments} segments, {self.right} right, {self.pruned} pruned, {self.offered} outscored "
                f"but offered, {self.outscored} outscored and not offered; against the right reading: {worst}")


def oracle(examples_found: Iterable[Example], weights: CutWeights) -> Oracle:
    """Classify the search's errors on ``examples_found`` (see :class:`Oracle`)."""
    w = weight_tuple(weights)
    counts = Counter[str]()
    blame = Counter[str]()
    for example in examples_found:
        segment = example.segment
        if not any(hidden for _, _, hidden in segment.bounds):
            continue
        counts["segments"] += 1
        readings = segment.readings()
        gold = segment.cuts(example.gold)
        if segment.cuts(readings[0].path) == gold:
            counts["right"] += 1
            continue
        gold_features = segment.path_features(example.gold)
        if dot(w, gold_features) > readings[0].score + 1e-9:
            counts["pruned"] += 1
        elif any(segment.cuts(reading.path) == gold for reading in readings):
            counts["offered"] += 1
        else:
            counts["outscored"] += 1
        for index, value in gold_features:
            blame[FEATURES[index]] += w[index] * value
        for index, value in segment.path_features(readings[0].path):
            blame[FEATURES[index]] -= w[index] * value
    ranked = tuple(sorted(((name, value) for name, value in blame.items() if value), key=lambda item: item[1]))
    return Oracle(counts["segments"], counts["right"], counts["pruned"], counts["offered"], counts["outscored"],
                  ranked)


def documents(lines: list[str], seed: int) -> dict[str, list[garble.Document]]:
    """The synthetic documents of every style made of ``lines``."""
    return {name: list(garble.documents(lines, width, garble.Style(kashida), seed=seed))
            for name, width, kashida in STYLES}


def report(label: str, docs: dict[str, list[garble.Document]], lm: LanguageModel, weights: CutWeights,
           table: pypdf_cuts.StartTable) -> None:
    pypdf_cuts.use_starts(table)
    for name, found in docs.items():
        print(f"{label} {name}: {measure(found, lm, weights)}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="fit on one half, measure on the other")
    parser.add_argument("--measure", action="store_true", help="measure the shipped weights only")
    parser.add_argument("--oracle", action="store_true", help="classify the shipped weights' errors")
    parser.add_argument("--lines", action="store_true",
                        help="fit the line choice's weights (LineWeights) on half A, measure on half B")
    parser.add_argument("--blame", action="store_true", help="where the line choice goes wrong, by term")
    parser.add_argument("--docs", type=int, default=0, help="documents per style and half (0: all)")
    args = parser.parse_args()
    started = time.time()
    half_a, half_b = garble.split_training()
    lm_a, lm_b = LanguageModel(bigrams=pair_table(half_a)), LanguageModel(bigrams=pair_table(half_b))
    docs_a, docs_b = documents(half_a, 1), documents(half_b, 2)
    if args.docs:
        docs_a = {name: found[:args.docs] for name, found in docs_a.items()}
        docs_b = {name: found[:args.docs] for name, found in docs_b.items()}
    # documents of one half are read with the pair table of the other
    starts_a, starts_b = start_table(half_a), start_table(half_b)
    pypdf_cuts.use_starts(starts_a)
    if args.measure:
        report("shipped, half B", docs_b, lm_a, FITTED, starts_a)
        return 0
    if args.blame:
        for name, found in docs_b.items():
            print(f"shipped, half B {name}: {line_blame(line_documents(found, lm_a), LINE_FITTED)}", flush=True)
        return 0
    if args.lines:
        # each half read with the other's pair table and start table (the search's flow uses it)
        pypdf_cuts.use_starts(starts_b)
        sets_a = [line_documents(found, lm_b) for found in docs_a.values()]
        pypdf_cuts.use_starts(starts_a)
        sets_b = {name: line_documents(found, lm_a) for name, found in docs_b.items()}
        line_weights = fit_lines(sets_a, [starts_b] * len(sets_a), pypdf_order.SEGMENTS_ONLY)
        pypdf_cuts.use_starts(starts_a)
        for name, docs in sets_b.items():
            print(f"half B {name}: CER {line_cer(docs, pypdf_order.SEGMENTS_ONLY):.2f} % -> "
                  f"{line_cer(docs, line_weights):.2f} %", flush=True)
        print(line_weights)
        print(f"{time.time() - started:.0f} s")
        return 0
    if args.oracle:
        for name, found in docs_b.items():
            print(f"shipped, half B {name}: {oracle(examples(found, lm_a, FITTED), FITTED)}", flush=True)
        return 0
    train_b = [x for found in docs_b.values() for x in examples(found, lm_a, FITTED)]
    if args.check:
        report("before, half A", docs_a, lm_b, FITTED, starts_b)
        weights = fit([(train_b, lm_a, starts_a)], FITTED)
        report("after, half A", docs_a, lm_b, weights, starts_b)
    else:
        train_a = [x for found in docs_a.values() for x in examples(found, lm_b, FITTED)]
        weights = fit([(train_a, lm_b, starts_b), (train_b, lm_a, starts_a)], FITTED)
    print("CutWeights(" + ", ".join(f"{name}={getattr(weights, name)}" for name in FEATURES) + ")")
    print(f"{time.time() - started:.0f} s")
    return 0


def _ascend(matrices: list[np.ndarray], start: CutWeights) -> CutWeights:
    w = np.array([getattr(start, name) for name in FEATURES], dtype=float)
    sizes = np.array([len(m) for m in matrices])
    stacked = np.vstack(matrices)
    owner = np.repeat(np.arange(len(matrices)), sizes)
    gold_rows = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    m1 = np.zeros_like(w)
    m2 = np.zeros_like(w)
    probs = np.ones(len(stacked))
    for step in range(1, STEPS + 1):
        scores = stacked @ w
        maxima = np.full(len(matrices), -np.inf)
        np.maximum.at(maxima, owner, scores)
        exp = np.exp(scores - maxima[owner])
        totals = np.zeros(len(matrices))
        np.add.at(totals, owner, exp)
        probs = exp / totals[owner]
        expected = np.zeros((len(matrices), len(w)))
        np.add.at(expected, owner, probs[:, None] * stacked)
        gradient = (stacked[gold_rows] - expected).mean(axis=0) - L2 * w
        m1 = 0.9 * m1 + 0.1 * gradient
        m2 = 0.999 * m2 + 0.001 * gradient ** 2
        w += 0.05 * (m1 / (1 - 0.9 ** step)) / (np.sqrt(m2 / (1 - 0.999 ** step)) + 1e-8)
    print(f"{len(matrices)} segments, mean log likelihood {float(np.mean(np.log(probs[gold_rows]))):.3f}", flush=True)
    return CutWeights(*(round(float(value), 3) for value in w))


if __name__ == "__main__":
    raise SystemExit(main())
