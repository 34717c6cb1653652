"""How often: days per week from "every other day", "3 mornings a week", "tues and thurs"."""

from __future__ import annotations

import re

from bot.coaching._text import fmt_number, normalise, to_number
from bot.coaching.action_plan.scan import (
    PER_WEEK,
    RANGE,
    Found,
    Scan,
    lower_of,
    single_number,
    valid_days,
)
from bot.coaching.vocabulary import (
    AMBIGUOUS_WEEKDAY_WORDS,
    FREQUENCY_WORDS,
    NUMBER,
    PARTS_OF_DAY,
    REPEATING_PARTS_OF_DAY,
    WEEKDAY,
    WEEKDAY_NAMES,
    weekday_words,
)

_DAY_Q = r"(?:\s*(?:a|per)\s+day\b|\s+daily\b)"
_PARTS = "|".join(REPEATING_PARTS_OF_DAY)
_FREQ_WORD = rf"(?:{'|'.join(FREQUENCY_WORDS)}|{NUMBER}\s*(?:x|times?))"


# "every other day" is 3.5 days a week on average. We count it as 4: a person
# who starts on day one of the week and goes every other day does days 1, 3,
# 5 and 7, so 4 is what they will actually do this week, and a plan should
# describe what will really happen.
EVERY_OTHER_DAY = 4

_RE_ALTERNATE = re.compile(
    rf"\b(?:every|each)\s+(?:other|second|2nd|alternate|couple\s+of|2)\s+(day|{_PARTS})s?\b"
    rf"|\b(?:on\s+)?alternat(?:e|ing)\s+(day|{_PARTS})s\b"
)
_RE_EVERY_PART = re.compile(rf"\b(?:every|each)\s+(?:single\s+)?({_PARTS})\b|\b(night)ly\b")
# "3 mornings a week", "only 4 nights": days per week and the time of day in one phrase.
_RE_N_PARTS = re.compile(
    rf"\b(?:(?:on|for)\s+)?({NUMBER})(?:{RANGE}({NUMBER}))?\s*({_PARTS})s\b(?:{PER_WEEK})?"
)
_RE_PER_DAY = re.compile(rf"\b({_FREQ_WORD}){_DAY_Q}")
_RE_DAILY = re.compile(
    r"\b(?:every\s+(?:single\s+)?day(?:\s+of\s+the\s+week)?|each\s+day|daily|all\s+week"
    r"|(?:7|seven)\s+days\s+(?:a|per|of\s+the)\s+week)\b(?:\s+this\s+week)?"
)
_RE_WEEKDAYS = re.compile(
    r"\b(?:(?:on|every|during)\s+(?:the\s+)?)?(?:week\s?days?|work\s?days|working\s+days)\b"
)
_RE_WEEKENDS = re.compile(r"\b(?:(?:on|at|every|over)\s+)?(?:the\s+)?week\s?ends?\b")
_RE_MOST_DAYS = re.compile(rf"\b(?:on\s+)?most\s+days\b(?:{PER_WEEK})?")
_RE_FEW = re.compile(
    rf"\b(?:on\s+)?(?:a\s+)?(couple|few|several)\s+(?:of\s+)?(?:times|days)\b(?:{PER_WEEK})?"
)
_RE_ONCE_TWICE = re.compile(
    rf"\b(once|twice|thrice)(?:{RANGE}(twice|thrice|{NUMBER})(?:\s*times)?)?{PER_WEEK}"
    r"|\b(twice|thrice)\b"
    r"|\b(once)\b(?=\s*(?:$|[,.;!?|]|and\b|only\b))"
)
_RE_TIMES_WEEK = re.compile(
    rf"\b(?:({NUMBER})(?:{RANGE}({NUMBER}))?\s*(?:x|times?)|x\s*({NUMBER})){PER_WEEK}"
)
_RE_N_DAYS = re.compile(
    rf"\b(?:(?:on|for)\s+)?({NUMBER})(?:{RANGE}({NUMBER}))?\s*days?\b"
    rf"(?:\s*out\s+of\s+(?:7|seven)(?:\s+days)?|{PER_WEEK}|\s+of\s+the\s+week)?"
)
RE_BARE_TIMES = re.compile(rf"\b({NUMBER})(?:{RANGE}({NUMBER}))?\s*(?:x|times)(?![a-z])|\bx\s*(\d+)\b")
_RE_WEEKLY = re.compile(r"\bweekly\b")

_DAY_SEP = r"(?:\s*(?:,|\band\b|/|\+|-|\bto\b|\bn\b)\s*|\s+)"
_RE_DAY_LIST = re.compile(rf"\b(?:(?:on|every|each)\s+)?(?:the\s+)?{WEEKDAY}\b(?:{_DAY_SEP}{WEEKDAY}\b)*")
_RE_DAY_TOKEN = re.compile(rf"\b{WEEKDAY}\b")
_DAY_NUMBERS = weekday_words(misspellings=True)


def _day_index(token: str) -> int:
    """0 = Monday, from a day as WEEKDAY matched it ("tues", "thursdays", "wensday")."""
    return _DAY_NUMBERS[token] if token in _DAY_NUMBERS else _DAY_NUMBERS[token[:-1]]


def _days_from_list(match: re.Match[str]) -> list[int] | None:
    text = match.group(0)
    tokens = list(_RE_DAY_TOKEN.finditer(text))
    prefixed = re.match(r"\s*(?:on|every|each)\b", text) is not None
    if len(tokens) == 1 and not prefixed and tokens[0].group(0) in AMBIGUOUS_WEEKDAY_WORDS:
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
    names = [WEEKDAY_NAMES[i] for i in ordered]
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
    if token in FREQUENCY_WORDS:
        return float(FREQUENCY_WORDS[token])
    m = re.match(NUMBER, token)
    return to_number(m.group(0)) if m else None


def scan_days(scan: Scan, found: Found) -> None:
    """Cut every "how often" phrase out of the text, first one found wins."""
    for m in scan.take(_RE_ALTERNATE):
        part = m.group(1) or m.group(2)
        found.set_days(EVERY_OTHER_DAY)
        if part in PARTS_OF_DAY:
            found.add_part(m.start(), PARTS_OF_DAY[part])
    for m in scan.take(_RE_EVERY_PART):
        found.set_days(7)
        found.add_part(m.start(), PARTS_OF_DAY[m.group(1) or m.group(2)])
    for m in scan.take(_RE_N_PARTS, lambda m: valid_days(lower_of(m.group(1), m.group(2))) is not None):
        found.set_days(valid_days(lower_of(m.group(1), m.group(2))))
        found.add_part(m.start(), PARTS_OF_DAY[m.group(3).lower()])
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
            found.set_days(valid_days(low))
        else:
            found.set_days(valid_days(_freq_value(m.group(3) or m.group(4))))

    def times_ok(m: re.Match[str]) -> bool:
        return valid_days(lower_of(m.group(1) or m.group(3), m.group(2))) is not None

    for m in scan.take(_RE_TIMES_WEEK, times_ok):
        found.set_days(valid_days(lower_of(m.group(1) or m.group(3), m.group(2))))

    def days_ok(m: re.Match[str]) -> bool:
        return valid_days(lower_of(m.group(1), m.group(2))) is not None

    for m in scan.take(_RE_N_DAYS, days_ok):
        found.set_days(valid_days(lower_of(m.group(1), m.group(2))))
    if scan.take(_RE_WEEKLY):
        found.set_days(1)



_RE_NOT_DAYS = re.compile(r"\b(?:weeks?|months?|years?|hours?|minutes?|mins?|km|laps?|steps?|per\s+day)\b")


def parse_days_per_week(text: str) -> int | None:
    """Days per week from a bare answer to "how many days this week?".

    Returns None rather than guessing when the answer isn't 1..7 days, so the
    bot re-asks instead of saving an impossible plan.
    """
    found = Found()
    scan = Scan(normalise(text))
    scan_days(scan, found)
    if found.days is not None:
        return found.days
    if _RE_NOT_DAYS.search(normalise(text)):
        return None
    return valid_days(single_number(text))
