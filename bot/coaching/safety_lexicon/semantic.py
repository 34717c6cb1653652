"""Semantic layer of the safety net: crisis recall on wordings no phrase rule has seen.

Why: three sealed tables in a row showed the phrase and concept rules reach 100% on the tables
they were tuned on and 70-97% on the next writer's wordings (docs/safety-evaluation.md). A
sentence embedding generalises by meaning: a clause close to a crisis exemplar of
data/safety/semantic_exemplars.yml is a likely crisis even in words no rule lists.

The rule, per clause of the message (long messages are split, so a crisis clause inside a story
about the day is scored on its own):

    best crisis similarity >= threshold  AND  best crisis - best counter-exemplar >= margin

A second reading of the same vectors is a trained head (five one-hidden-layer networks,
averaged) fitted on a corpus of crisis and harmless messages written for it by independent
writers (data/safety/training/, scripts/train_safety_head.py): a clause it gives a crisis
probability of at least `HEAD_THRESHOLD` is flagged too, if it is near crisis talk at all
(`SUPPORT_THRESHOLD`, `SUPPORT_MARGIN`), or at least `HEAD_ALONE` unless a harmless exemplar is
clearly nearer; and a clause near a crisis exemplar is not flagged when the head all but rules it
out (`KNN_HEAD_FLOOR`).
Nearest exemplars generalise from ~400 sentences; the head learns which directions of the
embedding matter from thousands (decisions 0078-0080).

A hit asks the check question with the crisis lines (level `crisis_check`); neither reading ever
gives the full script or alerts the clinic.

The same scores also weigh the intent classifier's `crisis` guess (a second opinion that, alone,
flagged 13-19% of near-misses on the sealed tables: films where everyone dies, a game character
falling off a cliff). The guess stands only when some clause is at least as close to a crisis
exemplar as to any harmless one and not far from crisis talk (`supports_crisis`); see decision
0077. The deterministic rules run first and keep priority; the caller only asks this layer when
they found nothing, and only for English (the model is English; other languages stay with the
lexicon).

Plain Python and numpy: the encoder is injected (any function from sentences to unit vectors), so
this module has no model, Rasa or database import.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

Encoder = Callable[[list[str]], np.ndarray]

EXEMPLARS_FILE = Path(__file__).resolve().parents[3] / "data" / "safety" / "semantic_exemplars.yml"
HEAD_FILE = EXEMPLARS_FILE.with_name("semantic_head.json")
# Chosen from the threshold curve in docs/safety-evaluation.md (issue 16, semantic layer).
THRESHOLD = 0.50
MARGIN = 0.10
# Cost grows with the words scored (docs/safety-evaluation.md), so a message is scored whole only
# when short, and a run-on clause (no punctuation, common in chat) in half-overlapping windows.
WHOLE_MESSAGE_WORDS = 24
WINDOW_WORDS = 16
MIN_WORDS = 3  # "yes", "maybe 5", "my family" are never scored (most answers in forms are short)
# What it takes to keep the classifier's crisis guess (chosen on the spent tables and tune table 6).
SUPPORT_THRESHOLD = 0.35
SUPPORT_MARGIN = 0.0
# The head's crisis probability that flags a clause (near crisis talk), and the lower one that
# backs the classifier's guess (with the similarity test above; `supports_crisis`). Chosen on the
# tune tables for the linear head (docs/safety-evaluation.md) and kept for the hidden-layer one:
# on the spent tables 0.2 and 0.01 differ by 0.3 points of crisis rows and 0.4 of near-misses.
HEAD_THRESHOLD = 0.85
HEAD_SUPPORT = 0.20
# A clause close to a crisis exemplar is flagged only if the head does not all but rule it out:
# nearest exemplars alone flagged 2-5% of near-misses on the spent tables ("the last episode
# killed me"), which a head with a probability under 0.1 never backed (decision 0079).
KNN_HEAD_FLOOR = 0.10
# A clause the head is all but sure of is flagged even when no crisis exemplar is near, unless
# a harmless exemplar is clearly nearer (by more than HEAD_ALONE_MARGIN). On the spent tables,
# net: 32 more crisis rows, 1 more near-miss; without the margin 53 and 4 (decision 0080). The
# condition "near crisis talk" was there for the coach's own words, which the head has learnt
# from the NLU examples since.
HEAD_ALONE = 0.95
HEAD_ALONE_MARGIN = -0.05

_CLAUSE_BREAK = re.compile(r"(?:[.!?;:\n]+|\.\.+|\s[-–—]+\s|,\s*(?:but|and|so|though|because|cause|cos)\b"
                           r"|\s(?:but|tbh|honestly|anyway|also)\s)", re.IGNORECASE)


@dataclass(frozen=True)
class SemanticMatch:
    """Why the layer flagged a message: the crisis category and the two similarities."""

    category: str
    similarity: float
    counter_similarity: float
    clause: str = ""  # the scored piece; kept in memory for the decision, never logged
    probability: float | None = None  # the trained head's crisis probability; None without a head

    @property
    def margin(self) -> float:
        return self.similarity - self.counter_similarity

    def near_crisis_talk(self, threshold: float = SUPPORT_THRESHOLD, margin: float = SUPPORT_MARGIN) -> bool:
        """At least `threshold` close to a crisis exemplar, and closer to it than to any harmless
        one by `margin` (by default the lower bar: at least as close, not far)."""
        return self.similarity >= threshold and self.margin >= margin

    def passes(self, threshold: float, margin: float, probability: float) -> bool:
        """Near crisis talk at the given bar, unless the trained head all but rules it out; or
        read as crisis by the head where the clause is near crisis talk at the lower bar (the
        first head alone read the coach's own words, "what plans have i got saved", as a suicide
        plan), or when the head is all but sure (`HEAD_ALONE`) and no harmless exemplar is clearly
        nearer."""
        if self.probability is None:
            return self.near_crisis_talk(threshold, margin)
        if self.near_crisis_talk(threshold, margin) and self.probability >= KNN_HEAD_FLOOR:
            return True
        if self.probability >= HEAD_ALONE and self.margin >= HEAD_ALONE_MARGIN:
            return True
        return self.probability >= probability and self.near_crisis_talk()


def clauses(text: str) -> list[str]:
    """The pieces of a message that are scored: the whole message when it is short, its
    sentences and clauses, and overlapping word windows over a clause that runs on."""
    text = " ".join(text.split())
    words = text.split()
    if len(words) < MIN_WORDS:
        return []
    pieces: list[str] = [text] if len(words) <= WHOLE_MESSAGE_WORDS else []
    for part in _CLAUSE_BREAK.split(text):
        part_words = (part or "").strip(" ,").split()
        if len(part_words) < MIN_WORDS:
            continue
        if len(part_words) <= WHOLE_MESSAGE_WORDS:
            pieces.append(" ".join(part_words))
            continue
        step = WINDOW_WORDS // 2
        for start in range(0, len(part_words) - step, step):
            pieces.append(" ".join(part_words[start:start + WINDOW_WORDS]))
    return list(dict.fromkeys(pieces))


@dataclass(frozen=True)
class TrainedHead:
    """A small network over the sentence vectors: one hidden ReLU layer (when `hidden_weights` is
    given) and a logistic output, P(crisis) = sigmoid(relu(v . W1 + b1) . w + b). Without the
    hidden layer it is plain logistic regression (the tests build such heads by hand)."""

    weights: np.ndarray
    bias: float
    hidden_weights: np.ndarray | None = None
    hidden_bias: np.ndarray | None = None

    def probability(self, vectors: np.ndarray) -> np.ndarray:
        features = vectors
        if self.hidden_weights is not None:
            features = np.maximum(vectors @ self.hidden_weights + self.hidden_bias, 0.0)
        return 1.0 / (1.0 + np.exp(-(features @ self.weights + self.bias)))

    @classmethod
    def from_dict(cls, data: dict) -> TrainedHead:
        hidden = data.get("hidden")
        return cls(np.asarray(data["weights"], dtype=np.float32), float(data["bias"]),
                   None if hidden is None else np.asarray(hidden["weights"], dtype=np.float32),
                   None if hidden is None else np.asarray(hidden["bias"], dtype=np.float32))


@dataclass(frozen=True)
class HeadEnsemble:
    """Several heads trained alike from different seeds, their probabilities averaged: one
    network's flags moved on 3.7% of clauses with its seed, five averaged far less (decision
    0079), so adding an exemplar does not reshuffle which sentences are flagged."""

    members: tuple[TrainedHead, ...]

    def probability(self, vectors: np.ndarray) -> np.ndarray:
        return np.mean([member.probability(vectors) for member in self.members], axis=0)

    @classmethod
    def from_file(cls, path: Path = HEAD_FILE) -> HeadEnsemble | None:
        """The heads trained by scripts/train_safety_head.py, or None when there are none."""
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(tuple(TrainedHead.from_dict(member) for member in data["members"]))


Head = TrainedHead | HeadEnsemble


class ExemplarBank:
    """The exemplars, embedded once: crisis ones (with their category) and counter-exemplars,
    and the trained head when there is one."""

    def __init__(self, crisis: dict[str, Sequence[str]], counter: dict[str, Sequence[str]],
                 encode: Encoder, head: Head | None = None) -> None:
        self.encode = encode
        self.head = head
        self.crisis_categories = [name for name, items in crisis.items() for _ in items]
        crisis_texts = [text for items in crisis.values() for text in items]
        counter_texts = [text for items in counter.values() for text in items]
        vectors = encode(crisis_texts + counter_texts)
        self.crisis_vectors = vectors[:len(crisis_texts)]
        self.counter_vectors = vectors[len(crisis_texts):]

    @classmethod
    def from_file(cls, encode: Encoder, path: Path = EXEMPLARS_FILE,
                  head_path: Path = HEAD_FILE) -> ExemplarBank:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return cls(data["crisis"], data["counter"], encode, HeadEnsemble.from_file(head_path))

    def score(self, pieces: list[str]) -> list[SemanticMatch]:
        """Each piece's best crisis exemplar (category, similarity), best counter similarity and
        the head's crisis probability, all pieces in one forward pass."""
        if not pieces:
            return []
        vectors = self.encode(pieces)
        crisis = vectors @ self.crisis_vectors.T
        counter = (vectors @ self.counter_vectors.T).max(axis=1)
        best = crisis.argmax(axis=1)
        probability = self.head.probability(vectors) if self.head else None
        return [SemanticMatch(self.crisis_categories[index], float(crisis[row, index]), float(counter[row]),
                              pieces[row], None if probability is None else float(probability[row]))
                for row, index in enumerate(best)]


@dataclass(frozen=True)
class SemanticReading:
    """Every scored clause of one message: `crisis` is the layer's own finding, `supports_crisis`
    whether it backs a classifier's crisis guess, `scored` whether the message had any clause
    long enough to score (a two-word message has none, so there is no evidence either way)."""

    matches: tuple[SemanticMatch, ...]

    @property
    def scored(self) -> bool:
        return bool(self.matches)

    def crisis(self, threshold: float = THRESHOLD, margin: float = MARGIN,
               probability: float = HEAD_THRESHOLD) -> SemanticMatch | None:
        """The strongest clause that either reading flags (`SemanticMatch.passes`), or None."""
        passing = [match for match in self.matches if match.passes(threshold, margin, probability)]
        return max(passing, key=lambda match: (match.probability or 0.0, match.similarity), default=None)

    def supports_crisis(self, threshold: float = SUPPORT_THRESHOLD, margin: float = SUPPORT_MARGIN,
                        probability: float = HEAD_SUPPORT) -> bool:
        """Whether the message backs a crisis guess: some clause is near crisis talk and, when
        there is a head, a second reader agrees: the head gives some clause at least its lower
        probability, or some clause is as close to a crisis exemplar as the layer's own bar asks
        ("feels like im fading out": the head reads 0.0, the exemplars and the classifier read a
        crisis, and two readers of three ask the check question)."""
        near = any(match.near_crisis_talk(threshold, margin) for match in self.matches)
        head_read = [match.probability for match in self.matches if match.probability is not None]
        if not near or not head_read:
            return near
        return max(head_read) >= probability or any(match.near_crisis_talk(THRESHOLD, MARGIN)
                                                     for match in self.matches)

    def without(self, is_harmless: Callable[[str], bool]) -> SemanticReading:
        """The reading without the clauses `is_harmless` recognises (a figure of speech such as
        "dying to see the grandkids"): the message's other clauses still count."""
        return SemanticReading(tuple(match for match in self.matches if not is_harmless(match.clause)))


NOT_READ = SemanticReading(())


def semantic_reading(text: str, bank: ExemplarBank) -> SemanticReading:
    """Score every clause of a message against the exemplars (one forward pass)."""
    return SemanticReading(tuple(bank.score(clauses(text))))


def semantic_crisis(text: str, bank: ExemplarBank, threshold: float = THRESHOLD,
                    margin: float = MARGIN) -> SemanticMatch | None:
    """The layer's own finding for a message: its strongest passing clause, or None."""
    return semantic_reading(text, bank).crisis(threshold, margin)
