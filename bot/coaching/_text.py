"""Shared text helpers for the coaching parsers (private to this package).

People type on phones, in a hurry and often while in pain, so the parsers
see lowercase, typos, number words and regional slang. These helpers put
that text into one predictable shape before the real parsing starts.
"""

from __future__ import annotations

import math
import re

from bot.coaching.vocabulary import TENS_WORDS, UNITS_WORDS

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
    if t in UNITS_WORDS:
        return float(UNITS_WORDS[t])
    parts = re.split(r"[- ]+", t)
    if parts and parts[0] in TENS_WORDS:
        value = TENS_WORDS[parts[0]]
        if len(parts) == 2 and parts[1] in UNITS_WORDS and UNITS_WORDS[parts[1]] < 10:
            value += UNITS_WORDS[parts[1]]
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
