"""Shared text helpers for the coaching parsers (private to this package).

People type on phones, in a hurry and often while in pain, so the parsers
see lowercase, typos, number words and regional slang. These helpers put
that text into one predictable shape before the real parsing starts.
"""

from __future__ import annotations

import math
import re

_UNITS_WORDS = {
    "zero": 0,
    "nought": 0,
    "nil": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS_WORDS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_DIGIT_WORDS = "one|two|three|four|five|six|seven|eight|nine"
_TENS_ALT = "|".join(_TENS_WORDS)
# Longest alternatives first so "fourteen" is not read as "four".
_UNITS_ALT = "|".join(sorted(_UNITS_WORDS, key=len, reverse=True))

#: Every number word the parsers read ("seven" -> 7, "forty" -> 40): the one vocabulary
#: for plans, problem-solving choices and check-in answers.
NUMBER_WORDS: dict[str, int] = {**_UNITS_WORDS, **_TENS_WORDS}
#: Ordinals people use to pick from a list, 1-based ("the second one" -> 2, "last" -> -1).
ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "last": -1,
}
#: Day names, Monday first (Python's weekday numbering).
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

#: A number as people type it: "5", "1.5", "5,000", "twenty-five", "ten".
NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"
    rf"|(?:{_TENS_ALT})(?:[- ]?(?:{_DIGIT_WORDS}))?"
    rf"|(?:{_UNITS_ALT}))"
)
#: A number written with digits only (number words like "one" are often pronouns).
DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?)"

# Typos and slang seen in real messages, fixed before parsing. Kept small and
# word-bounded on purpose: a wrong "fix" is worse than none.
_REPLACEMENTS: tuple[tuple[str, str], ...] = (
    (r"[\u2018\u2019\u02bc`\u00b4]", "'"),
    (r"[\u201c\u201d]", '"'),
    (r"[\u2013\u2014]", "-"),
    (r"\u00bd", ".5"),
    (r"\|", " "),
    (r"&", " and "),
    (r"\b(?:evry|evrey|evey|everey|eveyr|evry1)\b", "every"),
    (r"\beveryday\b", "every day"),
    (r"\beverynight\b", "every night"),
    (r"\beverymorning\b", "every morning"),
    (r"\b(?:brekkie|brekky|brekkies|brekfast|breakfest|breaky)\b", "breakfast"),
    (r"\barvos\b", "afternoons"),
    (r"\barvo\b", "afternoon"),
    (r"\b(?:aftenoon|afternon|afernoon|afteroon)\b", "afternoon"),
    (r"\b(?:mornin|moring|mornig|mourning)\b", "morning"),
    (r"\b(?:evning|evenin|eveing)\b", "evening"),
    (r"\b(?:nite|nyt)\b", "night"),
    (r"\b(?:diner|dinnner)\b", "dinner"),
    (r"\b(?:lunchtime|lunch time)\b", "lunchtime"),
    (r"\bb4\b", "before"),
    (r"\baft\b", "after"),
    (r"\bwks\b", "weeks"),
    (r"\bwk\b", "week"),
    (r"(?<=\w)\s*/\s*week\b", " a week"),
    (r"\bp/?w\b", "a week"),
    (r"\s+", " "),
)
_COMPILED = tuple((re.compile(p), r) for p, r in _REPLACEMENTS)


def normalise(text: str) -> str:
    """Lowercase and repair common typos/slang so one set of patterns fits all."""
    out = (text or "").lower()
    for pattern, repl in _COMPILED:
        out = pattern.sub(repl, out)
    return out.strip()


def to_number(token: str) -> float | None:
    """Read one NUMBER match ("5", "5,000", "twenty-five", "ten") as a float."""
    t = token.strip().lower()
    if not t:
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", t):
        return float(t.replace(",", ""))
    try:
        return float(t)
    except ValueError:
        pass
    if t in _UNITS_WORDS:
        return float(_UNITS_WORDS[t])
    parts = re.split(r"[- ]+", t)
    if parts and parts[0] in _TENS_WORDS:
        value = _TENS_WORDS[parts[0]]
        if len(parts) == 2 and parts[1] in _UNITS_WORDS and _UNITS_WORDS[parts[1]] < 10:
            value += _UNITS_WORDS[parts[1]]
        elif len(parts) > 1:
            return None
        return float(value)
    return None


def fmt_number(value: float) -> str:
    """Show 10.0 as "10" and 1.5 as "1.5" (people don't write trailing zeros)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def nice_floor(value: float) -> int:
    """Round down to a number a person would pick (7, 13, 20, 45, 2500).

    Rounding *down* on purpose: when we shrink a plan, the rounded figure
    should never be bigger than the size we worked out.
    """
    if value < 20:
        return math.floor(value)
    if value < 100:
        return int(math.floor(value / 5) * 5)
    step = 5 * 10 ** (int(math.log10(value)) - 1)
    return int(math.floor(value / step) * step)


def words(text: str) -> list[str]:
    """Split into word tokens, keeping apostrophes inside words."""
    return re.findall(r"[a-z0-9']+", text.lower())
