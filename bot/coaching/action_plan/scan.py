"""The scanning machinery the plan parsers share: each recognised phrase is cut out of the
text, so what is left over is the activity; ranges are read at their lower end."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.coaching._text import normalise, to_number
from bot.coaching.vocabulary import NUMBER

_SEP = " | "


class _Scan:
    """Text being taken apart: each recognised phrase is cut out and replaced
    by a separator, so whatever is left over is the activity (``what``)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def take(
        self, pattern: re.Pattern[str], keep: Callable[[re.Match[str]], bool] | None = None
    ) -> list[re.Match[str]]:
        found: list[re.Match[str]] = []

        def repl(m: re.Match[str]) -> str:
            if keep is not None and not keep(m):
                return m.group(0)
            found.append(m)
            return _SEP

        self.text = pattern.sub(repl, self.text)
        return found


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _num(token: str | None) -> float | None:
    if token is None:
        return None
    return to_number(token)


def _lower_of(a: str | None, b: str | None) -> float | None:
    """Lower end of "2 or 3" / "10-15": when people give a range, the smaller
    number is the one they are sure they can do (Lorig: plans must be
    achievable), so it is the safer one to plan with."""
    first, second = _num(a), _num(b)
    if first is None:
        return second
    if second is None:
        return first
    return min(first, second)


_RANGE = r"(?:\s*(?:-|to|or)\s*)"
_WEEK_Q = (
    r"(?:\s*\b(?:a|per|each|every|this|next|in\s+the|in\s+a|over\s+the|for\s+the|"
    r"during\s+the|the|of\s+the)?\s*week\b|\s*\bweekly\b)"
)


def _valid_days(value: float | None) -> int | None:
    if value is None or not float(value).is_integer() or not 1 <= value <= 7:
        return None
    return int(value)


@dataclass
class _Found:
    days: int | None = None
    day_phrase: str | None = None
    per_day: str | None = None
    parts: list[tuple[int, str]] | None = None
    anchors: list[tuple[int, str]] | None = None
    how_much: str | None = None

    def set_days(self, value: int | None) -> None:
        if self.days is None and value is not None:
            self.days = value

    def add_part(self, pos: int, phrase: str) -> None:
        self.parts = (self.parts or []) + [(pos, phrase)]

    def add_anchor(self, pos: int, phrase: str) -> None:
        self.anchors = (self.anchors or []) + [(pos, phrase)]


_RE_ONE_NUMBER = _c(rf"\b({NUMBER})(?:{_RANGE}({NUMBER}))?(?![\d.,]*\d)")


def _single_number(text: str) -> float | None:
    """The one number in a short answer ("I'll try for three" -> 3), else None.

    Two numbers or a long message are too ambiguous to guess from.
    """
    norm = normalise(text)
    if len(norm.split()) > 8:
        return None
    matches = list(_RE_ONE_NUMBER.finditer(norm))
    if len(matches) != 1:
        return None
    return _lower_of(matches[0].group(1), matches[0].group(2))
