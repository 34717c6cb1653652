"""The scanning machinery the plan parsers share: each recognised phrase is cut out of the
text, so what is left over is the activity; ranges are read at their lower end."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.coaching._text import normalise, to_number
from bot.coaching.vocabulary import NUMBER

_SEP = " | "


class Scan:
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


def number_or_none(token: str | None) -> float | None:
    """An optional regex group read as a number (see ``to_number``)."""
    if token is None:
        return None
    return to_number(token)


def lower_of(a: str | None, b: str | None) -> float | None:
    """Lower end of "2 or 3" / "10-15": when people give a range, the smaller
    number is the one they are sure they can do (Lorig: plans must be
    achievable), so it is the safer one to plan with."""
    first, second = number_or_none(a), number_or_none(b)
    if first is None:
        return second
    if second is None:
        return first
    return min(first, second)


#: Between the two ends of a range: "2-3", "2 to 3", "2 or 3".
RANGE = r"(?:\s*(?:-|to|or)\s*)"
#: "a week", "this week", "weekly" after a count.
PER_WEEK = (
    r"(?:\s*\b(?:a|per|each|every|this|next|in\s+the|in\s+a|over\s+the|for\s+the|"
    r"during\s+the|the|of\s+the)?\s*week\b|\s*\bweekly\b)"
)


def valid_days(value: float | None) -> int | None:
    """A whole number of days in one week (1..7), else None."""
    if value is None or not float(value).is_integer() or not 1 <= value <= 7:
        return None
    return int(value)


@dataclass
class Found:
    """Plan parts found so far; the first value found for a part wins."""

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


_RE_ONE_NUMBER = re.compile(rf"\b({NUMBER})(?:{RANGE}({NUMBER}))?(?![\d.,]*\d)")


def single_number(text: str) -> float | None:
    """The one number in a short answer ("I'll try for three" -> 3), else None.

    Two numbers or a long message are too ambiguous to guess from.
    """
    norm = normalise(text)
    if len(norm.split()) > 8:
        return None
    matches = list(_RE_ONE_NUMBER.finditer(norm))
    if len(matches) != 1:
        return None
    return lower_of(matches[0].group(1), matches[0].group(2))
