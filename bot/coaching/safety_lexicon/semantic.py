"""Semantic layer of the safety net: crisis recall on wordings no phrase rule has seen.

Why: three sealed tables in a row showed the phrase and concept rules reach 100% on the tables
they were tuned on and 70-97% on the next writer's wordings (docs/safety-evaluation.md). A
sentence embedding generalises by meaning: a clause close to a crisis exemplar of
data/safety/semantic_exemplars.yml is a likely crisis even in words no rule lists.

The rule, per clause of the message (long messages are split, so a crisis clause inside a story
about the day is scored on its own):

    best crisis similarity >= threshold  AND  best crisis - best counter-exemplar >= margin

A hit asks the check question with the crisis lines (level `crisis_check`); similarity alone
never gives the full script and never alerts the clinic.

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

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

Encoder = Callable[[list[str]], np.ndarray]

EXEMPLARS_FILE = Path(__file__).resolve().parents[3] / "data" / "safety" / "semantic_exemplars.yml"
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

_CLAUSE_BREAK = re.compile(r"(?:[.!?;:\n]+|\.\.+|\s[-–—]+\s|,\s*(?:but|and|so|though|because|cause|cos)\b"
                           r"|\s(?:but|tbh|honestly|anyway|also)\s)", re.IGNORECASE)


@dataclass(frozen=True)
class SemanticMatch:
    """Why the layer flagged a message: the crisis category and the two similarities."""

    category: str
    similarity: float
    counter_similarity: float
    clause: str = ""  # the scored piece; kept in memory for the decision, never logged

    @property
    def margin(self) -> float:
        return self.similarity - self.counter_similarity


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


class ExemplarBank:
    """The exemplars, embedded once: crisis ones (with their category) and counter-exemplars."""

    def __init__(self, crisis: dict[str, Sequence[str]], counter: dict[str, Sequence[str]],
                 encode: Encoder) -> None:
        self.encode = encode
        self.crisis_categories = [name for name, items in crisis.items() for _ in items]
        crisis_texts = [text for items in crisis.values() for text in items]
        counter_texts = [text for items in counter.values() for text in items]
        vectors = encode(crisis_texts + counter_texts)
        self.crisis_vectors = vectors[:len(crisis_texts)]
        self.counter_vectors = vectors[len(crisis_texts):]

    @classmethod
    def from_file(cls, encode: Encoder, path: Path = EXEMPLARS_FILE) -> ExemplarBank:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return cls(data["crisis"], data["counter"], encode)

    def score(self, pieces: list[str]) -> list[SemanticMatch]:
        """Each piece's best crisis exemplar (category, similarity) and best counter similarity,
        all pieces in one forward pass."""
        if not pieces:
            return []
        vectors = self.encode(pieces)
        crisis = vectors @ self.crisis_vectors.T
        counter = (vectors @ self.counter_vectors.T).max(axis=1)
        best = crisis.argmax(axis=1)
        return [SemanticMatch(self.crisis_categories[index], float(crisis[row, index]), float(counter[row]),
                              pieces[row])
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

    def crisis(self, threshold: float = THRESHOLD, margin: float = MARGIN) -> SemanticMatch | None:
        """The strongest clause that passes the threshold and beats the counter-exemplars by the
        margin, or None."""
        passing = [match for match in self.matches
                   if match.similarity >= threshold and match.margin >= margin]
        return max(passing, key=lambda match: match.similarity, default=None)

    def supports_crisis(self, threshold: float = SUPPORT_THRESHOLD, margin: float = SUPPORT_MARGIN) -> bool:
        return any(match.similarity >= threshold and match.margin >= margin for match in self.matches)

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
