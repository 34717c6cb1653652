"""Weekly action plans: parse, describe and shrink them.

The shape follows the action plan of the Stanford Chronic Disease
Self-Management Program (Lorig et al.): something the person *wants* to do,
specific about the action, achievable this week, and stating what, how much,
when and how often. Confidence is asked separately (see ``confidence.py``);
below 7/10 the plan is made smaller or easier (``make_easier``) before it is
saved.

The parsers are forgiving on purpose: people in pain type short, lowercase,
misspelled messages, and a coach that says "sorry, I didn't get that" to
"walk 10 mins evry arvo" loses them. Everything here is pure and
deterministic so the Rasa actions can call it without models.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, fields, replace

from bot.coaching._text import (
    DIGITS,
    NUMBER,
    WEEKDAY_NAMES,
    fmt_number,
    nice_floor,
    normalise,
    to_number,
)

__all__ = [
    "FIELDS",
    "PlanDraft",
    "amount_quantity",
    "day_phrase",
    "describe_plan",
    "format_quantity",
    "make_easier",
    "minutes_per_session",
    "named_days",
    "parse_amount",
    "parse_days_per_week",
    "parse_plan",
    "parse_when",
]

#: The four parts of a Lorig action plan, in the order the bot asks for them.
FIELDS = ("what", "how_much", "when", "how_often")

_FIELD_ATTR = {
    "what": "what",
    "how_much": "how_much",
    "when": "when",
    "how_often": "days_per_week",
}

#: Shortest session we will suggest when shrinking a plan: below ~2 minutes
#: an activity stops being a session anyone can hold on to.
MIN_MINUTES = 2


@dataclass(frozen=True)
class PlanDraft:
    """A (possibly partial) action plan, filled in over several turns."""

    what: str | None = None
    how_much: str | None = None
    when: str | None = None
    days_per_week: int | None = None

    def __post_init__(self) -> None:
        # Rasa float slots hand us 4.0; accept whole floats, refuse nonsense so
        # a bad value fails loudly here rather than in a saved plan.
        days = self.days_per_week
        if days is None:
            return
        if isinstance(days, bool) or not isinstance(days, (int, float)):
            raise TypeError(f"days_per_week must be an int, not {type(days).__name__}")
        if float(days) != int(days) or not 1 <= int(days) <= 7:
            raise ValueError(f"days_per_week must be a whole number 1..7, not {days!r}")
        object.__setattr__(self, "days_per_week", int(days))

    def missing(self) -> list[str]:
        """Names from FIELDS still empty, in asking order, so the bot knows what to ask next."""
        out = []
        for name in FIELDS:
            value = getattr(self, _FIELD_ATTR[name])
            if value is None or (isinstance(value, str) and not value.strip()):
                out.append(name)
        return out

    def merge(self, update: PlanDraft) -> PlanDraft:
        """Combine turns: anything the newer message set wins, the rest is kept."""
        changes = {}
        for f in fields(self):
            value = getattr(update, f.name)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            changes[f.name] = value
        return replace(self, **changes)

    def is_complete(self) -> bool:
        """True when all four parts of the action plan are filled in."""
        return not self.missing()


# --------------------------------------------------------------------------
# Scanning helpers
# --------------------------------------------------------------------------

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


# --------------------------------------------------------------------------
# How often (days per week)
# --------------------------------------------------------------------------

_RANGE = r"(?:\s*(?:-|to|or)\s*)"
_WEEK_Q = (
    r"(?:\s*\b(?:a|per|each|every|this|next|in\s+the|in\s+a|over\s+the|for\s+the|"
    r"during\s+the|the|of\s+the)?\s*week\b|\s*\bweekly\b)"
)
_DAY_Q = r"(?:\s*(?:a|per)\s+day\b|\s+daily\b)"
_PARTS = r"morning|afternoon|evening|night|lunchtime|bedtime"
_FREQ_WORD = rf"(?:once|twice|thrice|{NUMBER}\s*(?:x|times?))"

_PART_PHRASE = {
    "morning": "in the morning",
    "afternoon": "in the afternoon",
    "evening": "in the evening",
    "night": "at night",
    "lunchtime": "at lunchtime",
    "bedtime": "at bedtime",
    "midday": "at midday",
    "noon": "at midday",
}

# "every other day" is 3.5 days a week on average. We count it as 4: a person
# who starts on day one of the week and goes every other day does days 1, 3,
# 5 and 7, so 4 is what they will actually do this week, and a plan should
# describe what will really happen.
EVERY_OTHER_DAY = 4

_RE_ALTERNATE = _c(
    rf"\b(?:every|each)\s+(?:other|second|2nd|alternate|couple\s+of|2)\s+(day|{_PARTS})s?\b"
    rf"|\b(?:on\s+)?alternat(?:e|ing)\s+(day|{_PARTS})s\b"
)
_RE_EVERY_PART = _c(rf"\b(?:every|each)\s+(?:single\s+)?({_PARTS})\b|\b(night)ly\b")
# "3 mornings a week", "only 4 nights": days per week and the time of day in one phrase.
_RE_N_PARTS = _c(rf"\b(?:(?:on|for)\s+)?({NUMBER})(?:{_RANGE}({NUMBER}))?\s*({_PARTS})s\b(?:{_WEEK_Q})?")
_RE_PER_DAY = _c(rf"\b({_FREQ_WORD}){_DAY_Q}")
_RE_DAILY = _c(
    r"\b(?:every\s+(?:single\s+)?day(?:\s+of\s+the\s+week)?|each\s+day|daily|all\s+week"
    r"|(?:7|seven)\s+days\s+(?:a|per|of\s+the)\s+week)\b(?:\s+this\s+week)?"
)
_RE_WEEKDAYS = _c(
    r"\b(?:(?:on|every|during)\s+(?:the\s+)?)?(?:week\s?days?|work\s?days|working\s+days)\b"
)
_RE_WEEKENDS = _c(r"\b(?:(?:on|at|every|over)\s+)?(?:the\s+)?week\s?ends?\b")
_RE_MOST_DAYS = _c(rf"\b(?:on\s+)?most\s+days\b(?:{_WEEK_Q})?")
_RE_FEW = _c(
    rf"\b(?:on\s+)?(?:a\s+)?(couple|few|several)\s+(?:of\s+)?(?:times|days)\b(?:{_WEEK_Q})?"
)
_RE_ONCE_TWICE = _c(
    rf"\b(once|twice|thrice)(?:{_RANGE}(twice|thrice|{NUMBER})(?:\s*times)?)?{_WEEK_Q}"
    r"|\b(twice|thrice)\b"
    r"|\b(once)\b(?=\s*(?:$|[,.;!?|]|and\b|only\b))"
)
_RE_TIMES_WEEK = _c(
    rf"\b(?:({NUMBER})(?:{_RANGE}({NUMBER}))?\s*(?:x|times?)|x\s*({NUMBER})){_WEEK_Q}"
)
_RE_N_DAYS = _c(
    rf"\b(?:(?:on|for)\s+)?({NUMBER})(?:{_RANGE}({NUMBER}))?\s*days?\b"
    rf"(?:\s*out\s+of\s+(?:7|seven)(?:\s+days)?|{_WEEK_Q}|\s+of\s+the\s+week)?"
)
_RE_BARE_TIMES = _c(rf"\b({NUMBER})(?:{_RANGE}({NUMBER}))?\s*(?:x|times)(?![a-z])|\bx\s*(\d+)\b")
_RE_WEEKLY = _c(r"\bweekly\b")

_DAY_NAMES = WEEKDAY_NAMES
_DAY = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:s|nesday)?|wensday|wendsday|wednsday"
    r"|thu(?:r(?:s(?:day)?)?)?|thurday|fri(?:day)?|sat(?:urday)?|sun(?:day)?)s?"
)
_DAY_SEP = r"(?:\s*(?:,|\band\b|/|\+|-|\bto\b|\bn\b)\s*|\s+)"
_RE_DAY_LIST = _c(rf"\b(?:(?:on|every|each)\s+)?(?:the\s+)?{_DAY}\b(?:{_DAY_SEP}{_DAY}\b)*")
_RE_DAY_TOKEN = _c(rf"\b{_DAY}\b")
# Short forms that are also everyday words ("sat down", "in the sun").
_AMBIGUOUS_DAYS = {"sat", "sats", "sun", "suns", "wed", "mon", "mons"}


def _day_index(token: str) -> int:
    for i, prefix in enumerate(("mon", "tu", "we", "th", "fr", "sa", "su")):
        if token.startswith(prefix):
            return i
    raise ValueError(token)  # pragma: no cover - the regex only yields day names


def _days_from_list(match: re.Match[str]) -> list[int] | None:
    text = match.group(0)
    tokens = list(_RE_DAY_TOKEN.finditer(text))
    prefixed = re.match(r"\s*(?:on|every|each)\b", text) is not None
    if len(tokens) == 1 and not prefixed and tokens[0].group(0) in _AMBIGUOUS_DAYS:
        return None
    indices = [_day_index(t.group(0)) for t in tokens]
    if len(tokens) == 2:
        between = text[tokens[0].end() : tokens[1].start()]
        if re.fullmatch(r"\s*(?:-|to)\s*", between):
            start, end = indices
            span = (end - start) % 7
            return [(start + i) % 7 for i in range(span + 1)]
    seen: list[int] = []
    for i in indices:
        if i not in seen:
            seen.append(i)
    return seen


def _day_phrase(days: list[int]) -> str | None:
    ordered = sorted(set(days))
    if len(ordered) == 7:
        return None
    if ordered == [0, 1, 2, 3, 4]:
        return "on weekdays"
    if ordered == [5, 6]:
        return "at the weekend"
    names = [_DAY_NAMES[i] for i in ordered]
    if len(names) == 1:
        return f"on {names[0]}"
    return "on " + ", ".join(names[:-1]) + " and " + names[-1]


def named_days(text: str) -> list[int]:
    """Weekdays (0 = Monday) named in a text, in the order named ("tues and thurs" -> [1, 3])."""
    days: list[int] = []
    for m in _RE_DAY_LIST.finditer(normalise(text)):
        for day in _days_from_list(m) or []:
            if day not in days:
                days.append(day)
    return days


def day_phrase(days: list[int]) -> str | None:
    """"on Monday and Friday", "on weekdays", "at the weekend"; None for all seven days."""
    return _day_phrase(days) if days else None


def _freq_value(token: str) -> float | None:
    token = token.strip()
    words = {"once": 1.0, "twice": 2.0, "thrice": 3.0}
    if token in words:
        return words[token]
    m = re.match(NUMBER, token)
    return to_number(m.group(0)) if m else None


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


def _scan_days(scan: _Scan, found: _Found) -> None:
    """Cut every "how often" phrase out of the text, first one found wins."""
    for m in scan.take(_RE_ALTERNATE):
        part = m.group(1) or m.group(2)
        found.set_days(EVERY_OTHER_DAY)
        if part in _PART_PHRASE:
            found.add_part(m.start(), _PART_PHRASE[part])
    for m in scan.take(_RE_EVERY_PART):
        found.set_days(7)
        found.add_part(m.start(), _PART_PHRASE[m.group(1) or m.group(2)])
    for m in scan.take(_RE_N_PARTS, lambda m: _valid_days(_lower_of(m.group(1), m.group(2))) is not None):
        found.set_days(_valid_days(_lower_of(m.group(1), m.group(2))))
        found.add_part(m.start(), _PART_PHRASE[m.group(3).lower()])
    for m in scan.take(_RE_PER_DAY, lambda m: (_freq_value(m.group(1)) or 0) >= 1):
        # "twice a day" still means every day of the week; the "twice" is kept
        # for the when-phrase so it is not silently lost.
        found.set_days(7)
        count = _freq_value(m.group(1)) or 1
        if count > 1 and found.per_day is None:
            found.per_day = "twice a day" if count == 2 else f"{fmt_number(count)} times a day"
    if scan.take(_RE_DAILY):
        found.set_days(7)
    if scan.take(_RE_WEEKDAYS):
        found.set_days(5)
        found.day_phrase = found.day_phrase or "on weekdays"
    for m in scan.take(_RE_DAY_LIST, lambda m: _days_from_list(m) is not None):
        days = _days_from_list(m) or []
        found.set_days(len(days))
        found.day_phrase = found.day_phrase or _day_phrase(days)
    if scan.take(_RE_WEEKENDS):
        found.set_days(2)
        found.day_phrase = found.day_phrase or "at the weekend"
    if scan.take(_RE_MOST_DAYS):
        found.set_days(5)  # "most days" = more than half of 7
    for m in scan.take(_RE_FEW):
        found.set_days(2 if m.group(1) == "couple" else 3)
    for m in scan.take(_RE_ONCE_TWICE):
        if m.group(1):
            first = _freq_value(m.group(1))
            second = _freq_value(m.group(2)) if m.group(2) else None
            low = min(v for v in (first, second) if v is not None) if first else None
            found.set_days(_valid_days(low))
        else:
            found.set_days(_valid_days(_freq_value(m.group(3) or m.group(4))))

    def times_ok(m: re.Match[str]) -> bool:
        return _valid_days(_lower_of(m.group(1) or m.group(3), m.group(2))) is not None

    for m in scan.take(_RE_TIMES_WEEK, times_ok):
        found.set_days(_valid_days(_lower_of(m.group(1) or m.group(3), m.group(2))))

    def days_ok(m: re.Match[str]) -> bool:
        return _valid_days(_lower_of(m.group(1), m.group(2))) is not None

    for m in scan.take(_RE_N_DAYS, days_ok):
        found.set_days(_valid_days(_lower_of(m.group(1), m.group(2))))
    if scan.take(_RE_WEEKLY):
        found.set_days(1)


# --------------------------------------------------------------------------
# How much
# --------------------------------------------------------------------------

_UNIT_WORDS: dict[str, tuple[str, ...]] = {
    "minute": (
        "minutes",
        "minute",
        "mins",
        "min",
        "minuts",
        "minits",
        "mintues",
        "minites",
        "minuets",
        "mnts",
        "mns",
    ),
    "hour": ("hours", "hour", "hrs", "hr", "h"),
    "second": ("seconds", "second", "secs", "sec"),
    "km": ("kilometres", "kilometre", "kilometers", "kilometer", "kms", "klms", "km", "k"),
    "mile": ("miles", "mile", "mi"),
    "metre": ("metres", "metre", "meters", "meter", "mtrs", "mtr", "m"),
    "lap": ("laps", "lap"),
    "length": ("lengths", "length"),
    "step": ("steps", "step"),
    "rep": ("repetitions", "repetition", "reps", "rep"),
    "set": ("sets", "set"),
    "page": ("pages", "page"),
    "round": ("rounds", "round"),
    "flight of stairs": ("flights of stairs", "flight of stairs", "flights", "flight"),
    "hole": ("holes", "hole"),
    "block": ("blocks", "block"),
    "load": ("loads", "load"),
}
_UNIT_LOOKUP = {w: unit for unit, ws in _UNIT_WORDS.items() for w in ws}
_UNIT = "(?:" + "|".join(sorted(_UNIT_LOOKUP, key=len, reverse=True)) + ")"
# Units where "a"/"an" can stand for one ("an hour", "a km"); "a second walk"
# or "a set routine" are not amounts.
_A_UNITS = {"minute", "hour", "km", "mile", "lap", "length"}
_PLURAL = {
    "minute": "minutes",
    "second": "seconds",
    "km": "km",
    "mile": "miles",
    "metre": "metres",
    "flight of stairs": "flights of stairs",
}
_HEDGE = (
    r"(?:(?:about|around|roughly|approx(?:imately)?\.?|~|at\s+least|up\s+to|max(?:imum)?"
    r"|only|just|like|maybe|say|probably)\s*)"
)
_PREFIX = rf"(?:\b(?:for|of|do)\s+)?{_HEDGE}?"
_COUNT = rf"(?:{NUMBER}|an?|(?:a\s+)?couple\s+(?:of\s+)?|a\s+few)"
_SUFFIX = r"(?:\s*(?:-?ish|or\s+so|or\s+more|max)\b)?"

_RE_AND_A_HALF = _c(
    rf"{_PREFIX}\b({NUMBER}|an?)\s*({_UNIT})\s+and\s+a\s+half\b"
    rf"|{_PREFIX}\b({NUMBER}|an?)\s+and\s+a\s+half\s+({_UNIT})\b"
)
_RE_HALF = _c(rf"{_PREFIX}\b(?:a\s+)?half[\s-]+(?:an?\s+)?({_UNIT})\b")
_RE_QUARTER = _c(rf"{_PREFIX}\b(?:(three)\s+quarters|a\s+quarter|quarter)\s+(?:of\s+)?an?\s+hour\b")
_RE_H_AND_M = _c(
    rf"{_PREFIX}\b({NUMBER}|an?)\s*(?:hours?|hrs?|h)\s*(?:and\s+)?({NUMBER})\s*"
    r"(?:minutes?|mins?|m)\b"
    r"|\b(\d+)h(\d{1,2})\b"
)
_RE_SETS = _c(rf"\b({NUMBER})\s*sets?\s*(?:of\s*)?({NUMBER})(?:\s*(?:reps?|repetitions))?\b")
_RE_K_STEPS = _c(rf"{_PREFIX}\b({DIGITS})\s*k\s*steps\b")
_RE_AMOUNT = _c(rf"{_PREFIX}\b({_COUNT})(?:{_RANGE}({NUMBER}))?\s*({_UNIT})\b{_SUFFIX}")
_RE_FOR_N = _c(
    rf"\bfor\s+{_HEDGE}?({NUMBER})\b"
    r"(?!\s*(?:days?|times?|x\b|weeks?|years?|months?|of\b|people|or\b|-))"
)


def _count_value(token: str) -> float | None:
    token = token.strip()
    if token in ("a", "an"):
        return 1.0
    if "couple" in token:
        return 2.0
    if "few" in token:
        return 3.0
    return to_number(token)


def format_quantity(value: float, unit: str) -> str | None:
    """Canonical text for an amount, e.g. (1.5, "hour") -> "90 minutes".

    Time is always shown in minutes so plans can be compared week to week;
    ``unit`` is a key of the unit table ("minute", "km", "lap", ...).
    """
    if value <= 0:
        return None
    if unit == "hour":
        value, unit = value * 60, "minute"
    if unit == "minute":
        minutes = round(value, 1)
        return f"{fmt_number(minutes)} minute" + ("" if minutes == 1 else "s")
    word = unit if value == 1 else _PLURAL.get(unit, unit + "s")
    return f"{fmt_number(value)} {word}"


def _amount_from_match(value: float | None, unit_word: str) -> str | None:
    if value is None:
        return None
    unit = _UNIT_LOOKUP.get(unit_word.strip())
    if unit is None:
        return None
    if unit_word.strip() == "m" and value < 100:
        # A bare "m" after a small number is nearly always minutes in chat
        # ("20m walk"); 100 and above reads as metres ("500m").
        unit = "minute"
    return format_quantity(value, unit)


def _scan_amount(scan: _Scan, found: _Found) -> None:
    """Cut amount phrases out of the text; the first one found is the plan's."""
    results: list[tuple[int, str]] = []

    def keep(result: str | None, m: re.Match[str]) -> bool:
        if result is None:
            return False
        results.append((m.start(), result))
        return True

    def and_a_half(m: re.Match[str]) -> bool:
        count = m.group(1) or m.group(3)
        unit = m.group(2) or m.group(4)
        value = _count_value(count)
        return keep(_amount_from_match(None if value is None else value + 0.5, unit), m)

    scan.take(_RE_AND_A_HALF, and_a_half)
    scan.take(_RE_HALF, lambda m: keep(_amount_from_match(0.5, m.group(1)), m))
    scan.take(
        _RE_QUARTER,
        lambda m: keep(format_quantity(45 if m.group(1) else 15, "minute"), m),
    )

    def h_and_m(m: re.Match[str]) -> bool:
        hours = _count_value(m.group(1) or m.group(3))
        minutes = _num(m.group(2) or m.group(4))
        if hours is None or minutes is None or minutes >= 60:
            return False
        return keep(format_quantity(hours * 60 + minutes, "minute"), m)

    scan.take(_RE_H_AND_M, h_and_m)

    def sets(m: re.Match[str]) -> bool:
        n_sets, reps = _num(m.group(1)), _num(m.group(2))
        if not n_sets or not reps:
            return False
        label = "set" if n_sets == 1 else "sets"
        rep_label = "rep" if reps == 1 else "reps"
        return keep(f"{fmt_number(n_sets)} {label} of {fmt_number(reps)} {rep_label}", m)

    scan.take(_RE_SETS, sets)
    scan.take(
        _RE_K_STEPS,
        lambda m: keep(format_quantity((_num(m.group(1)) or 0) * 1000, "step"), m),
    )

    def general(m: re.Match[str]) -> bool:
        count, unit_word = m.group(1).strip(), m.group(3)
        if count in ("a", "an") and _UNIT_LOOKUP.get(unit_word) not in _A_UNITS:
            return False
        value = _count_value(count)
        if m.group(2):
            value = _lower_of(str(value) if value is not None else None, m.group(2))
        if unit_word in ("k",) and re.match(r"\s*steps", scan.text[m.end() :]):
            return False
        return keep(_amount_from_match(value, unit_word), m)

    scan.take(_RE_AMOUNT, general)
    results.sort()
    if results and found.how_much is None:
        found.how_much = results[0][1]


# --------------------------------------------------------------------------
# When
# --------------------------------------------------------------------------

_RE_CLOCK = _c(
    r"\b(?:(?:at|around|about|by|from)\s+)?(\d{1,2})(?:[:.](\d{2}))?\s*"
    r"(am|pm|a\.m\.?|p\.m\.?|o'?clock)(?![a-z])"
    r"|\bat\s+(\d{1,2})[:.](\d{2})\b"
)
_KNOWN_EVENTS = (
    r"(?:(?:my|the|our)\s+)?(?:morning\s+tea|afternoon\s+tea|school\s+run|lunch\s*break"
    r"|breakfast|brunch|lunch|dinner|tea|supper|coffee|work|school|shower|bath|nap|rest"
    r"|physio|bed|bedtime|church|gym|class|meds|medication|appointment|the\s+news"
    r"|going\s+to\s+bed|i\s+go\s+to\s+bed|getting\s+up|i\s+get\s+up|i\s+wake\s+up"
    r"|waking\s+up|i\s+get\s+home|getting\s+home|i\s+get\s+back|i\s+get\s+in)\b"
    r"(?:\s+from\s+(?:the\s+|my\s+)?[a-z]+)?"
)
_ANCHOR_STOP = (
    r"(?:for|on|every|each|then|and|or|but|x|times?|days?|this|twice|once|about|around"
    r"|approx|in|at|with|to|round|near|maybe|probably|i'll|if|so|because|cos|as)"
)
_ANCHOR_TOKEN = rf"(?:(?:at|in)\s+(?:school|work|home|bed)|(?!{_ANCHOR_STOP}\b)[a-z][a-z']*)"
_RE_ANCHOR = _c(
    r"(?<!look )(?<!looks )(?<!looking )(?<!looked )(?<!take )"
    rf"\b((?:straight|right|just|soon)\s+)?(before|after|when|whenever|during"
    rf"|once(?=\s+(?:i|i'm|i've|the|my|we)\b))\s+"
    rf"({_KNOWN_EVENTS}|{_ANCHOR_TOKEN}(?:\s+{_ANCHOR_TOKEN}){{0,4}})"
)
_RE_LUNCH = _c(
    r"\b(?:at|over|during)\s+(?:my\s+)?lunch\b(?!\s*break)"
    r"|\b(?:in|on|at|during)\s+(my|the)\s+lunch\s*break\b"
)
_RE_FIRST_THING = _c(r"\bfirst\s+thing(?:\s+in\s+the\s+morning)?\b")
_RE_PART = _c(
    r"\b(?:(?:in|during|on)\s+the\s+|of\s+an?\s+|this\s+|in\s+|at\s+)?"
    r"(early\s+|late\s+|mid[\s-]?)?(morning|afternoon|evening|night|lunchtime|bedtime"
    r"|midday|noon)s?\b"
    r"|\b(tonight|tomorrow)\b"
)


def _clock_phrase(m: re.Match[str]) -> str | None:
    hour = m.group(1) or m.group(4)
    minute = m.group(2) or m.group(5)
    suffix = (m.group(3) or "").replace(".", "")
    h = int(hour)
    if suffix in ("am", "pm") and not 1 <= h <= 12:
        return None
    if h > 23 or (minute is not None and int(minute) > 59):
        return None
    time = f"{h}:{minute}" if minute else str(h)
    if suffix in ("am", "pm"):
        return f"at {time}{suffix}"
    if suffix:
        return f"at {h} o'clock" if not minute else f"at {time}"
    return f"at {time}"


def _part_phrase(m: re.Match[str]) -> str:
    if m.group(3):
        return m.group(3)
    modifier = (m.group(1) or "").strip().rstrip("-")
    part = m.group(2)
    base = _PART_PHRASE[part]
    if modifier in ("early", "late"):
        if part == "night":
            return f"{modifier} at night"
        if part in ("morning", "afternoon", "evening"):
            return f"in the {modifier} {part}"
    if modifier == "mid" and part in ("morning", "afternoon"):
        return f"mid-{part}"
    return base


def _scan_when(scan: _Scan, found: _Found) -> None:
    """Cut time-of-day phrases out; the anchor ("after lunch") is the most useful."""
    for m in scan.take(_RE_ANCHOR):
        event = re.sub(r"\s+", " ", m.group(3)).strip()
        lead = (m.group(1) or "").strip()
        phrase = " ".join(p for p in (lead, m.group(2), event) if p)
        found.add_anchor(m.start(), phrase)
    for m in scan.take(_RE_LUNCH):
        if m.group(1):
            found.add_anchor(m.start(), f"in {m.group(1)} lunch break")
        else:
            found.add_anchor(m.start(), "at lunchtime")
    for m in scan.take(_RE_FIRST_THING):
        found.add_anchor(m.start(), "first thing in the morning")
    for m in scan.take(_RE_PART):
        found.add_part(m.start(), _part_phrase(m))


def _scan_clock(scan: _Scan, found: _Found) -> None:
    for m in scan.take(_RE_CLOCK, lambda m: _clock_phrase(m) is not None):
        found.add_anchor(m.start(), _clock_phrase(m) or "")


def _dedupe(items: list[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item and item not in out:
            out.append(item)
    return out


def _when_phrase(found: _Found) -> str | None:
    # An anchor ("after lunch") or a clock time tells the person exactly when;
    # a part of the day ("in the morning") only matters if there is no anchor.
    # A "when ..." clause says nothing about the time of day, so keep the part
    # of day with it ("in the morning when it's cooler").
    anchors = [p for _, p in sorted(found.anchors or [])]
    parts = [p for _, p in sorted(found.parts or [])]
    vague = anchors and all(re.match(r"(?:when|whenever|once|during)\b", a) for a in anchors)
    chosen = parts + anchors if vague else (anchors or parts)
    time = (" " if vague else " and ").join(_dedupe(chosen)) or None
    pieces = _dedupe([p for p in (time, found.per_day, found.day_phrase) if p])
    return re.sub(r"\bi\b", "I", " ".join(pieces)) or None


# --------------------------------------------------------------------------
# What (the leftover)
# --------------------------------------------------------------------------

_FILLER_START = [
    _c(r"(?:so|well|ok|okay|um+|uh+|erm?|hmm+|yeah|yes|right|alright|and|then|also|plus|but)\b,?"),
    _c(r"this\s+week\b"),
    _c(r"i(?:'d|\s+would|d)\s+(?:really\s+)?(?:like|love)\s+to\b"),
    _c(
        r"i\s+(?:really\s+)?(?:want|plan|aim|intend|hope|need|mean|have|am\s+going|decided)"
        r"\s+to\b"
    ),
    _c(r"i\s+(?:wanna|gotta)\b"),
    _c(r"i(?:'m|\s+am|m)\s+(?:going\s+to|gonna|planning\s+to|aiming\s+to|hoping\s+to|trying\s+to)"),
    _c(r"i(?:'ll|\s+will|\s+shall|\s+should|\s+could|\s+can|\s+might|\s+may|\s+must)\b"),
    _c(r"ill\b(?=\s+(?:try|do|go|walk|aim|have|be|just|start))"),
    _c(r"i\s+(?:think|guess|reckon|suppose)\b"),
    _c(r"(?:my|the)\s+(?:plan|goal|aim)\s+(?:is|will\s+be)(?:\s+to)?\b"),
    _c(r"(?:going\s+to|gonna|wanna|want\s+to|plan\s+to|aim\s+to|hope\s+to|need\s+to)\b"),
    _c(r"(?:maybe|perhaps|probably|possibly|hopefully|definitely|just|actually|basically)\b"),
    _c(r"(?:try|attempt)\s+(?:to|and)\b"),
    _c(r"try\b(?=\s+[a-z]+ing\b)"),
    _c(r"manage(?:\s+to)?\b"),
    _c(r"(?:let's|lets)\s+say\b"),
    _c(r"to\b"),
]
_FILLER_END = _c(
    r"\s*\b(?:maybe|perhaps|probably|i\s+think|i\s+guess|or\s+so|ish|if\s+i\s+can"
    r"|if\s+possible|hopefully|this\s+week|at\s+least|or\s+something|etc|if\s+that's\s+ok"
    r"|for\s+a\s+start|to\s+start\s+with|each\s+time|every\s+time|at\s+a\s+time"
    r"|(?:each|per|a)\s+session|if(?:\s+[a-z']+){1,6})\s*$"
)
# "my back's been bad so I'll try walking": the plan starts at the intention.
_RE_PREAMBLE = _c(
    r"^.*?\b(?:so|but|and|then|because|cos|now)\s+"
    r"(?=(?:i'll|i\s+will|i'd\s+like|i\s+would\s+like|i\s+want|i'm\s+going|im\s+going"
    r"|i\s+am\s+going|i'm\s+gonna|i\s+plan|i\s+think\s+i'll|i\s+could|i\s+might"
    r"|i\s+can|try\s+to|my\s+plan)\b)"
)
_TRAILING_CONNECTORS = {
    "for",
    "and",
    "on",
    "at",
    "in",
    "of",
    "to",
    "about",
    "roughly",
    "approx",
    "approximately",
    "then",
    "or",
    "each",
    "every",
    "a",
    "an",
    "the",
    "with",
    "per",
    "x",
    "like",
    "so",
    "i",
    "will",
    "just",
    "say",
    "um",
    "ish",
    "but",
    "also",
}
_LEADING_CONNECTORS = {"and", "then", "also", "plus", "but", "or", "so", "for", "of", "um", "like"}
# Leftovers that are not an activity on their own ("I'll do | every day").
_EMPTY_WHATS = {"do", "go", "it", "do it", "that", "this", "some", "something", "try", "doing"}
_NON_ANSWERS = {
    "yes",
    "yeah",
    "yep",
    "no",
    "nope",
    "ok",
    "okay",
    "sure",
    "not sure",
    "unsure",
    "dunno",
    "idk",
    "i don't know",
    "don't know",
    "dont know",
    "i dont know",
    "nothing",
    "none",
    "n/a",
    "na",
    "thanks",
    "thank you",
    "hi",
    "hello",
    "same",
    "same again",
    "as before",
}
_NUMBERISH = re.compile(rf"^(?:{NUMBER}|a|an|the|few|couple|of|or|to|and|-|ish|x)$")


def _strip_words(segment: str, leading: bool) -> str:
    tokens = segment.split()
    while tokens and tokens[-1] in _TRAILING_CONNECTORS:
        tokens.pop()
    if leading:
        while tokens and tokens[0] in _LEADING_CONNECTORS:
            tokens.pop(0)
    return " ".join(tokens)


def _strip_filler(text: str) -> str:
    changed = True
    while changed and text:
        changed = False
        for pattern in _FILLER_START:
            m = pattern.match(text)
            if m and m.end() > 0:
                text = text[m.end() :].lstrip(" ,")
                changed = True
        new = _FILLER_END.sub("", text).strip(" ,")
        if new != text:
            text, changed = new, True
        new = _strip_words(text, leading=False)
        if new != text:
            text, changed = new, True
    return text


def _clean_what(text: str) -> str | None:
    segments = [s.strip() for s in re.split(r"[|,;.!?\n:()]+|\s-\s", text)]
    kept: list[str] = []
    for segment in segments:
        segment = re.sub(r"[\"*]+", " ", segment)
        segment = re.sub(r"\s+", " ", segment).strip(" -'")
        segment = _strip_words(segment, leading=True)
        if not kept:
            segment = _strip_filler(_RE_PREAMBLE.sub("", segment))
        if segment and segment not in _NON_ANSWERS:
            kept.append(segment)
    what = _strip_filler(" ".join(kept))
    what = re.sub(r"\s+", " ", what).strip(" -'")
    if not what or what in _NON_ANSWERS or what in _EMPTY_WHATS:
        return None
    if all(_NUMBERISH.match(tok) for tok in what.split()):
        return None
    return re.sub(r"\bi\b", "I", what)


# --------------------------------------------------------------------------
# Public parsers
# --------------------------------------------------------------------------


def _scan_all(text: str) -> tuple[_Found, _Scan]:
    found = _Found()
    scan = _Scan(normalise(text))
    _scan_days(scan, found)
    _scan_clock(scan, found)
    _scan_amount(scan, found)
    for m in scan.take(_RE_BARE_TIMES):
        value = _lower_of(m.group(1) or m.group(3), m.group(2))
        days = _valid_days(value)
        if days is not None:
            found.set_days(days)
        elif value is not None and found.how_much is None:
            found.how_much = f"{fmt_number(value)} times"
    if found.how_much is None:
        for m in scan.take(_RE_FOR_N, lambda m: 1 <= (_num(m.group(1)) or 0) <= 180):
            # "walk for 10 after lunch": a bare number after "for" is minutes.
            found.how_much = found.how_much or format_quantity(_num(m.group(1)) or 0, "minute")
    _scan_when(scan, found)
    return found, scan


def parse_plan(text: str) -> PlanDraft:
    """Pull whatever plan parts a free-text message holds, in any order.

    People answer "what's your plan?" with anything from a full sentence to a
    single fragment; taking every part we can see means the bot only asks
    about what is really missing.
    """
    found, scan = _scan_all(text)
    return PlanDraft(
        what=_clean_what(scan.text),
        how_much=found.how_much,
        when=_when_phrase(found),
        days_per_week=found.days,
    )


_RE_ONE_NUMBER = _c(rf"\b({NUMBER})(?:{_RANGE}({NUMBER}))?(?![\d.,]*\d)")
_RE_NOT_DAYS = _c(r"\b(?:weeks?|months?|years?|hours?|minutes?|mins?|km|laps?|steps?|per\s+day)\b")


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


def parse_days_per_week(text: str) -> int | None:
    """Days per week from a bare answer to "how many days this week?".

    Returns None rather than guessing when the answer isn't 1..7 days, so the
    bot re-asks instead of saving an impossible plan.
    """
    found = _Found()
    scan = _Scan(normalise(text))
    _scan_days(scan, found)
    if found.days is not None:
        return found.days
    if _RE_NOT_DAYS.search(normalise(text)):
        return None
    return _valid_days(_single_number(text))


def parse_amount(text: str) -> str | None:
    """Normalised amount from a bare answer to "how much?".

    A bare number means minutes ("10" -> "10 minutes"): the bot asks about
    time first, and minutes are what pacing can compare week to week.
    """
    found = _Found()
    scan = _Scan(normalise(text))
    _scan_amount(scan, found)
    if found.how_much:
        return found.how_much
    if re.search(r"\b(?:days?|times?|x|week|weekly|daily)\b|\dx\b", scan.text):
        return None
    value = _single_number(text)
    if value is not None and 0 < value <= 240:
        return format_quantity(value, "minute")
    return None


_WHEN_FILLER = _c(
    r"^(?:(?:i\s+think|i'd\s+say|probably|maybe|perhaps|usually|um+|well|ok|okay|so"
    r"|i(?:'ll|\s+will)\s+do\s+it|i(?:'ll|\s+will)|i\s+can\s+do\s+it|i\s+could\s+do\s+it"
    r"|it'll\s+be|it\s+will\s+be|do\s+it)\b[\s,]*)+"
)


def parse_when(text: str) -> str | None:
    """A tidy "when" phrase from a bare answer to "when will you do it?".

    Recognised times are rewritten plainly ("arvo" -> "in the afternoon");
    anything else short is kept in the person's own words, because "when the
    kids are at school" is a perfectly good plan even if we can't parse it.
    """
    found = _Found()
    scan = _Scan(normalise(text))
    _scan_days(scan, found)
    _scan_clock(scan, found)
    _scan_when(scan, found)
    phrase = _when_phrase(found)
    if phrase:
        return phrase
    cleaned = _WHEN_FILLER.sub("", normalise(text)).strip(" .,!?;:")
    if not cleaned or cleaned in _NON_ANSWERS or len(cleaned.split()) > 8:
        return None
    return re.sub(r"\bi\b", "I", cleaned)


# --------------------------------------------------------------------------
# Using a plan
# --------------------------------------------------------------------------

_RE_QUANTITY = _c(r"^(\d+(?:\.\d+)?) ([a-z ]+)$")
_RE_SETS_CANON = _c(r"^(\d+) sets? of (\d+) reps?$")


def amount_quantity(how_much: str | None) -> tuple[float, str] | None:
    """(value, unit) of an amount, e.g. "10 minutes" -> (10.0, "minute").

    Sets of reps count as total reps so two plans can still be compared.
    Used by pacing to compare doses; None when the amount has no number.
    """
    if not how_much:
        return None
    canon = parse_amount(how_much) or how_much.strip().lower()
    m = _RE_SETS_CANON.match(canon)
    if m:
        return float(int(m.group(1)) * int(m.group(2))), "rep"
    m = _RE_QUANTITY.match(canon)
    if not m:
        return None
    word = m.group(2).strip()
    unit = _UNIT_LOOKUP.get(word)
    if unit is None and word in ("time", "times"):
        unit = "time"
    if unit is None:
        return None
    return float(m.group(1)), unit


def minutes_per_session(plan: PlanDraft) -> int | None:
    """Minutes per session when the amount is a time, else None (e.g. "2 km")."""
    q = amount_quantity(plan.how_much)
    if q is None or q[1] != "minute" or q[0] < 1:
        return None
    return round(q[0])


_PRONOUNS = (
    (r"\bi'm\b", "you're"),
    (r"\bi am\b", "you are"),
    (r"\bi've\b", "you've"),
    (r"\bi'll\b", "you'll"),
    (r"\bi'd\b", "you'd"),
    (r"\bmyself\b", "yourself"),
    (r"\bmy\b", "your"),
    (r"\bmine\b", "yours"),
    (r"\bme\b", "you"),
    (r"\bi\b", "you"),
)


def _second_person(text: str) -> str:
    out = text
    for pattern, repl in _PRONOUNS:
        out = re.sub(pattern, repl, out, flags=re.IGNORECASE)
    return out


def _is_time_amount(how_much: str) -> bool:
    q = amount_quantity(how_much)
    return q is not None and q[1] in ("minute", "second")


# Base-form verbs that can follow "you'll"; anything else gets "do"/"go" in front, so
# "gardening" reads back as "you'll do some gardening", not "you'll gardening".
_VERBS = {
    "walk", "swim", "stretch", "do", "go", "play", "garden", "cycle", "ride", "practise",
    "practice", "try", "spend", "take", "read", "meditate", "dance", "hang", "vacuum", "cook",
    "bake", "visit", "call", "ring", "meet", "get", "have", "sit", "stand", "lie", "drive",
    "work", "hike", "jog", "run", "use", "lift", "carry", "clean", "tidy", "wash", "mow", "weed",
    "plant", "water", "knit", "paint", "sew", "fish", "shop", "join", "attend", "book", "make",
    "listen", "write", "rest", "pace", "breathe", "relax", "potter", "help", "pick",
    "push", "bend", "climb", "step", "march", "swing", "throw", "catch", "kick", "row", "paddle",
    "sing", "plank", "bike", "roll", "squat", "balance", "stroll", "wander", "head", "pop", "keep", "aim",
}
_GO_ACTIVITIES = {"swimming", "walking", "cycling", "running", "hiking", "fishing", "dancing",
                  "shopping", "jogging", "tramping", "bowling", "biking", "sailing", "kayaking"}
_LEADING_HEDGES = re.compile(
    r"^(?:(?:i )?dunno|i don'?t know|idk|not sure|maybe|perhaps|probably|prob|i guess|i think"
    r"|um+|uh+|hmm+|well|ok(?:ay)?|so|just)\b[\s,.]*",
    re.IGNORECASE,
)


def as_verb_phrase(what: str) -> str:
    """'gardening' -> 'do some gardening'-style phrases that read well after "you'll"."""
    text = what.strip()
    previous = None
    while text and text != previous:
        previous = text
        text = _LEADING_HEDGES.sub("", text).strip()
    if not text:
        return what.strip()
    first = text.split()[0].lower()
    if first in _VERBS:
        return text
    if first in _GO_ACTIVITIES:
        return f"go {text}"
    return f"do {text}"


def describe_plan(plan: PlanDraft) -> str:
    """The plan in plain second-person words, for reading back to the person.

    Reading the plan back lets the person check it is what they meant before
    rating their confidence in it (Lorig's action-plan steps).
    """
    what = as_verb_phrase(_second_person(plan.what.strip())) if plan.what else "do your activity"
    pieces = [what]
    if plan.how_much:
        amount = plan.how_much.strip()
        pieces.append(f"for {amount}" if _is_time_amount(amount) else amount)
    when = _second_person(plan.when.strip()) if plan.when else None
    if when:
        pieces.append(when)
    text = " ".join(pieces)
    days = plan.days_per_week
    names_days = when is not None and re.search(
        r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekdays?|weekends?)\b",
        when,
        re.IGNORECASE,
    )
    if days is not None and not names_days:
        if days == 7:
            text += ", every day this week"
        elif days == 1:
            text += ", once this week"
        else:
            text += f", on {days} days this week"
    return text


def _smaller_amount(how_much: str | None) -> str | None:
    """About half the amount, rounded down to a number people use."""
    if not how_much:
        return None
    canon = parse_amount(how_much) or how_much.strip().lower()
    m = _RE_SETS_CANON.match(canon)
    if m:
        n_sets, reps = int(m.group(1)), int(m.group(2))
        if n_sets > 1:
            n_sets = max(1, nice_floor(n_sets / 2))
        elif reps > 1:
            reps = max(1, nice_floor(reps / 2))
        else:
            return None
        set_word = "set" if n_sets == 1 else "sets"
        return f"{n_sets} {set_word} of {reps} {'rep' if reps == 1 else 'reps'}"
    q = amount_quantity(canon)
    if q is None:
        return None
    value, unit = q
    if unit in ("km", "mile"):
        # Distances keep halves (1 km -> 0.5 km), or tenths below that.
        half = value / 2
        new = math.floor(half * 2) / 2 if half >= 1 else math.floor(half * 10) / 10
        floor = 0.1
    elif unit == "minute":
        new, floor = nice_floor(value / 2), MIN_MINUTES
    else:
        new, floor = nice_floor(value / 2), 1
    new = max(new, floor)
    if new >= value:
        return None
    if unit == "time":
        return f"{fmt_number(new)} times"
    return format_quantity(new, unit)


def _fewer_days(days: int | None) -> int | None:
    """Drop about a third of the days (7 -> 5, 4 -> 3, 2 -> 1), never below 1."""
    if days is None or days <= 1:
        return None
    return max(1, days - max(1, days // 3))


def make_easier(plan: PlanDraft) -> list[PlanDraft]:
    """Up to three smaller versions of a plan, for when confidence is below 7.

    Lorig's program asks people who rate confidence under 7 to make the plan
    smaller or easier rather than set themselves up to fail. We offer: about
    half the amount per session, fewer days, and both. Returns an empty list
    when the plan is already as small as it sensibly gets (1 day, 2 minutes);
    then the caller should problem-solve barriers instead.
    """
    smaller = _smaller_amount(plan.how_much)
    fewer = _fewer_days(plan.days_per_week)
    options: list[PlanDraft] = []
    if smaller is not None:
        options.append(replace(plan, how_much=smaller))
    if fewer is not None:
        options.append(replace(plan, days_per_week=fewer))
    if smaller is not None and fewer is not None:
        options.append(replace(plan, how_much=smaller, days_per_week=fewer))
    return options
