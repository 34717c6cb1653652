"""Confidence ratings for an action plan (0-10).

In the Stanford Chronic Disease Self-Management Program (Lorig et al.) the
person rates how sure they are, from 0 (not at all) to 10 (totally), that
they will complete the whole plan this week. Below 7 the plan is revised to
something smaller or easier, or the barriers are problem-solved, before it is
saved: a plan people are unsure of tends to fail, and failing undermines the
self-efficacy the plan is meant to build.
"""

from __future__ import annotations

import math
import re

from bot.coaching._text import normalise, to_number
from bot.coaching.vocabulary import DIGITS, NUMBER

__all__ = ["CONFIDENCE_THRESHOLD", "needs_revision", "parse_score"]

#: Lorig's cut-off: a confidence below 7/10 means revise or problem-solve.
CONFIDENCE_THRESHOLD = 7

# "7/10", "7 out of 10", "7 outta ten": the "/10" is the scale, not a score.
_SCALE = re.compile(r"\s*(?:/|out\s+of|outta|of)\s*(?:10|ten)\b")
# "on a scale of 1 to 10": describes the scale, not the answer.
_SCALE_NAME = re.compile(
    r"(?:\bon\s+a\s+scale\s+(?:of\s+)?)?(?:\bfrom\s+)?\b(?:0|1|zero|one)\s*(?:-|to)\s*(?:10|ten)\b"
)
_RANGE = re.compile(rf"\b({NUMBER})\s*(?:-|to|or|and)\s*({NUMBER})\b")
_DIGIT_RE = re.compile(rf"(?<![\d.])({DIGITS})(?![\d.]*\d)")
_WORD_RE = re.compile(rf"\b({NUMBER})\b")


def _score(value: float | None) -> int | None:
    # "5.5" -> 5: rounding down keeps a hesitant person on the revise side of
    # the threshold (6.5 is not yet a 7).
    if value is None or not 0 <= value <= 10:
        return None
    return math.floor(value)


def parse_score(text: str) -> int | None:
    """A 0..10 confidence score from a free reply, or None if there isn't one.

    When a person gives two numbers ("6 or 7", "8, maybe 7") we take the
    lower. Lorig's rule is about being *sure*; if they are torn between 6
    and 7 they are not yet at 7, and a smaller plan costs little while a
    failed one costs confidence. Percentages ("100%") are not on the 0-10
    scale, so they return None and the bot asks again.
    """
    norm = normalise(text)
    if not norm or "%" in norm or re.search(r"\bper\s*cent\b|\bpercent\b", norm):
        return None
    if re.search(r"(?:^|\s)(?:-|minus\s+)\d", norm):
        return None  # a negative number is off the scale, not a low score
    norm = _SCALE_NAME.sub(" ", norm)
    norm = _SCALE.sub(" ", norm)
    candidates: list[int | None] = []
    for m in _RANGE.finditer(norm):
        candidates += [_score(to_number(m.group(1))), _score(to_number(m.group(2)))]
    # Digits first: number words such as "one" are often pronouns
    # ("this one is hard, 8").
    digits = [_score(to_number(m.group(1))) for m in _DIGIT_RE.finditer(norm)]
    if not candidates:
        candidates = digits or [_score(to_number(m.group(1))) for m in _WORD_RE.finditer(norm)]
    scores = [c for c in candidates if c is not None]
    if not scores:
        return None
    return min(scores)


def needs_revision(confidence: int) -> bool:
    """True below 7/10: Lorig's cue to shrink the plan or problem-solve first."""
    return confidence < CONFIDENCE_THRESHOLD
