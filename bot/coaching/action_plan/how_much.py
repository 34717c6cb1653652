"""How much: "10 mins", "half an hour", "2 sets of 10 reps", "5k steps", read as one canonical amount."""

from __future__ import annotations

import re

from bot.coaching._text import fmt_number, normalise, to_number
from bot.coaching.action_plan.scan import (
    RANGE,
    Found,
    Scan,
    lower_of,
    number_or_none,
    single_number,
)
from bot.coaching.vocabulary import DIGITS, NUMBER

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

_RE_AND_A_HALF = re.compile(
    rf"{_PREFIX}\b({NUMBER}|an?)\s*({_UNIT})\s+and\s+a\s+half\b"
    rf"|{_PREFIX}\b({NUMBER}|an?)\s+and\s+a\s+half\s+({_UNIT})\b"
)
_RE_HALF = re.compile(rf"{_PREFIX}\b(?:a\s+)?half[\s-]+(?:an?\s+)?({_UNIT})\b")
_RE_QUARTER = re.compile(rf"{_PREFIX}\b(?:(three)\s+quarters|a\s+quarter|quarter)\s+(?:of\s+)?an?\s+hour\b")
_RE_H_AND_M = re.compile(
    rf"{_PREFIX}\b({NUMBER}|an?)\s*(?:hours?|hrs?|h)\s*(?:and\s+)?({NUMBER})\s*"
    r"(?:minutes?|mins?|m)\b"
    r"|\b(\d+)h(\d{1,2})\b"
)
_RE_SETS = re.compile(rf"\b({NUMBER})\s*sets?\s*(?:of\s*)?({NUMBER})(?:\s*(?:reps?|repetitions))?\b")
_RE_K_STEPS = re.compile(rf"{_PREFIX}\b({DIGITS})\s*k\s*steps\b")
_RE_AMOUNT = re.compile(rf"{_PREFIX}\b({_COUNT})(?:{RANGE}({NUMBER}))?\s*({_UNIT})\b{_SUFFIX}")
RE_FOR_N = re.compile(
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


def scan_amount(scan: Scan, found: Found) -> None:
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
        minutes = number_or_none(m.group(2) or m.group(4))
        if hours is None or minutes is None or minutes >= 60:
            return False
        return keep(format_quantity(hours * 60 + minutes, "minute"), m)

    scan.take(_RE_H_AND_M, h_and_m)

    def sets(m: re.Match[str]) -> bool:
        n_sets, reps = number_or_none(m.group(1)), number_or_none(m.group(2))
        if not n_sets or not reps:
            return False
        label = "set" if n_sets == 1 else "sets"
        rep_label = "rep" if reps == 1 else "reps"
        return keep(f"{fmt_number(n_sets)} {label} of {fmt_number(reps)} {rep_label}", m)

    scan.take(_RE_SETS, sets)
    scan.take(
        _RE_K_STEPS,
        lambda m: keep(format_quantity((number_or_none(m.group(1)) or 0) * 1000, "step"), m),
    )

    def general(m: re.Match[str]) -> bool:
        count, unit_word = m.group(1).strip(), m.group(3)
        if count in ("a", "an") and _UNIT_LOOKUP.get(unit_word) not in _A_UNITS:
            return False
        value = _count_value(count)
        if m.group(2):
            value = lower_of(str(value) if value is not None else None, m.group(2))
        if unit_word in ("k",) and re.match(r"\s*steps", scan.text[m.end() :]):
            return False
        return keep(_amount_from_match(value, unit_word), m)

    scan.take(_RE_AMOUNT, general)
    results.sort()
    if results and found.how_much is None:
        found.how_much = results[0][1]



def parse_amount(text: str) -> str | None:
    """Normalised amount from a bare answer to "how much?".

    A bare number means minutes ("10" -> "10 minutes"): the bot asks about
    time first, and minutes are what pacing can compare week to week.
    """
    found = Found()
    scan = Scan(normalise(text))
    scan_amount(scan, found)
    if found.how_much:
        return found.how_much
    if re.search(r"\b(?:days?|times?|x|week|weekly|daily)\b|\dx\b", scan.text):
        return None
    value = single_number(text)
    if value is not None and 0 < value <= 240:
        return format_quantity(value, "minute")
    return None


_RE_QUANTITY = re.compile(r"^(\d+(?:\.\d+)?) ([a-z ]+)$")
RE_SETS_CANON = re.compile(r"^(\d+) sets? of (\d+) reps?$")


def amount_quantity(how_much: str | None) -> tuple[float, str] | None:
    """(value, unit) of an amount, e.g. "10 minutes" -> (10.0, "minute").

    Sets of reps count as total reps so two plans can still be compared.
    Used by pacing to compare doses; None when the amount has no number.
    """
    if not how_much:
        return None
    canon = parse_amount(how_much) or how_much.strip().lower()
    m = RE_SETS_CANON.match(canon)
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
