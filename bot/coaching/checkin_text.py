"""Check-in preferences from what patients type: "Auckland", "9am my time", "Tuesdays",
"every fortnight", "not after 8pm", "I'm on holiday for two weeks", "later", "tomorrow".

Plain Python: the actions call these, the unit tests pin them down. Every parser
returns None when it finds nothing, so the caller can ask again.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any

from bot.coaching.checkin_schedule import QuietHours, add_months
from bot.coaching.places import find_place
from bot.coaching.vocabulary import NUMBER_WORDS, WEEKDAY_NAMES, number_words, weekday_words

# Counts of days, weeks or months ("two weeks", "a couple of days"): up to twelve.
_COUNT_WORDS = number_words(1, 12)
_NUMBER_WORDS = {
    **{word: NUMBER_WORDS[word] for word in _COUNT_WORDS},
    "a": 1, "an": 1, "couple of": 2, "a couple of": 2, "few": 3, "a few": 3,
}
WEEKDAYS = weekday_words()
_DAY_STEMS = "|".join(name[:3].lower() for name in WEEKDAY_NAMES)  # "every tue(sday)"
_TIME = re.compile(
    r"\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)?(?![\d])", re.I
)
# Times of day as people say them, most specific first ("first thing in the morning" is 8,
# "evenings after dinner" is 7pm). In NZ, AU and the UK "tea" is often the evening meal.
# Nothing before 8am or after 8:30pm: the default quiet hours are 9pm to 8am.
_NAMED_TIMES: tuple[tuple[str, time], ...] = (
    (r"first thing|early (?:in the )?morning|when i wake up|wake up", time(8, 0)),
    (r"after (?:breakfast|brekkie|brekky)", time(9, 0)),
    (r"mid ?-?morning|morning tea", time(10, 30)),
    (r"before lunch", time(11, 30)),
    (r"after lunch|early afternoon", time(13, 30)),
    (r"noon|midday", time(12, 0)),
    (r"lunch ?time|lunch", time(12, 30)),
    (r"after school|school pick ?up|late afternoon", time(15, 30)),
    (r"after work|when i get home|after i finish work", time(18, 0)),
    (r"before (?:dinner|tea|supper)", time(17, 0)),
    (r"after (?:dinner|tea|supper)|after we(?:'ve)? eaten|after i(?:'ve)? eaten", time(19, 0)),
    (r"dinner ?time|tea ?time|supper ?time", time(18, 0)),
    (r"before bed|bed ?time|last thing|late evening", time(20, 30)),
    (r"mornings?|brekkie|breakfast", time(9, 0)),
    (r"afternoons?|arvo", time(14, 0)),
    (r"tonight|evenings?", time(18, 30)),
    (r"nights?", time(20, 0)),
)


def parse_timezone(text: str, prefer_region: str = "NZ") -> str | None:
    """An IANA zone from a city, region, abbreviation or IANA name in `text`
    (bot.coaching.places; a town in several countries is read as the clinic's region's)."""
    place = find_place(text, prefer_region)
    return place.zone if place else None


def parse_time(text: str) -> time | None:
    """A clock time: "9am", "9.30 pm", "21:00", "half past 9" ... or a named time of day."""
    lowered = text.lower()
    half = re.search(r"half past (\d{1,2})", lowered)
    if half:
        hour = int(half.group(1))
        return time(hour + (12 if _pm_context(lowered) and hour < 12 else 0), 30) if hour < 24 else None
    for match in _TIME.finditer(lowered):
        hour, minute, ampm = int(match.group("h")), int(match.group("m") or 0), match.group("ampm")
        if ampm is None and match.group("m") is None and not re.search(
            r"\b(at|by|around|about|after|before|from|until|til|till)\s*$", lowered[: match.start()]
        ):
            continue  # a bare number is not a time ("two weeks", "3 times")
        if ampm:
            if hour > 12:
                continue
            hour = hour % 12 + (12 if ampm.startswith("p") else 0)
        elif hour < 7 and _pm_context(lowered):
            hour += 12
        return time(hour, minute)
    for pattern, value in _NAMED_TIMES:
        if re.search(rf"\b(?:{pattern})\b", lowered):
            return value
    return None


def _pm_context(lowered: str) -> bool:
    return any(word in lowered for word in ("evening", "afternoon", "tonight", "arvo", "pm"))


def parse_weekday(text: str) -> int | None:
    for word in re.findall(r"[a-z]+", text.lower()):
        stem = word[:-1] if word.endswith("s") and word[:-1] in WEEKDAYS else word
        if stem in WEEKDAYS:
            return WEEKDAYS[stem]
    return None


def parse_frequency(text: str) -> str | None:
    lowered = text.lower()
    if re.search(r"fortnight|every (two|2|other) weeks?|bi-?weekly", lowered):
        return "fortnightly"
    if re.search(r"month", lowered):
        return "monthly"
    if re.search(rf"week|every ({_DAY_STEMS})", lowered):
        return "weekly"
    if re.search(r"taper|default|less often over time|as you suggest", lowered):
        return "taper"
    return None


def parse_quiet_hours(text: str) -> QuietHours | None:
    """ "not after 8pm", "not before 9", "nothing between 10pm and 7am"."""
    lowered = text.lower()
    between = re.search(r"between (.+?) and (.+)", lowered)
    if between:
        start, end = parse_time("at " + between.group(1)), parse_time("at " + between.group(2))
        if start and end:
            return QuietHours(start, end)
    # the "no" must be about the time: "not after 8pm", "dont send them before 9"; not the
    # "no," of a correction ("no, tuesday evenings after dinner")
    if not re.search(r"\b(?:not|never|no|nothing|don'?t|dont|avoid)(?:\s+[\w']+){0,5}?\s+(?:after|before)\b"
                     r"|\btoo (?:late|early)\b", lowered):
        return None
    after = re.search(r"\bafter (.+?)(?:$|,| or | and | but | please)", lowered)
    before = re.search(r"\bbefore (.+?)(?:$|,| or | and | but | please)", lowered)
    start = parse_time("at " + after.group(1)) if after else None
    end = parse_time("at " + before.group(1)) if before else None
    if start is None and end is None:
        return None
    if start is not None and start < time(12) and after and "am" not in after.group(1):
        start = time(start.hour + 12, start.minute)
    return QuietHours(start or time(21, 0), end or time(8, 0))


def parse_duration(text: str) -> timedelta | None:
    """ "two weeks", "a fortnight", "10 days", "a month" (as 30 days)."""
    lowered = text.lower()
    if "fortnight" in lowered:
        return timedelta(days=14)
    match = re.search(
        rf"(\d+|an?|{'|'.join(_COUNT_WORDS)}|(?:a )?couple of|(?:a )?few)\s+(day|week|month)s?",
        lowered,
    )
    if not match:
        return None
    count_text, unit = match.group(1), match.group(2)
    count = int(count_text) if count_text.isdigit() else _NUMBER_WORDS.get(count_text.strip(), 1)
    return timedelta(days={"day": 1, "week": 7, "month": 30}[unit] * count)


def parse_pause_until(text: str, today: date) -> date | None:
    """The first day check-ins should come back, from "for two weeks", "until Monday",
    "till next month" (relative to the patient's local `today`)."""
    lowered = text.lower()
    duration = parse_duration(lowered)
    if duration is not None:
        return today + duration
    until = re.search(r"(?:until|till|til|back on|back)\s+(?:next\s+)?(\w+)", lowered)
    if until:
        word = until.group(1)
        weekday = parse_weekday(word)
        if weekday is not None:
            return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
        if word == "month":
            return add_months(today, 1).replace(day=1)
        if word == "week":
            return today + timedelta(days=7 - today.weekday())
    return None


def parse_snooze(text: str) -> str | None:
    lowered = text.lower()
    if "tomorrow" in lowered or "tmrw" in lowered or "tmr" in lowered:
        return "tomorrow"
    if re.search(r"later|not now|another time|busy|in a bit|not right now|after", lowered):
        return "later"
    return None


def read_preferences(text: str, region: str) -> dict[str, Any]:
    """Everything the message says about check-ins, in one pass: "tuesday evenings after
    dinner, I'm in Perth" gives the weekday, about 7pm and Australia/Perth together. Keys
    are `update_preferences` arguments; only what was said is present. `region` is the
    clinic's, for a town in several countries."""
    quiet = parse_quiet_hours(text)
    values = {"timezone": parse_timezone(text, region), "at": None if quiet else parse_time(text),
              "weekday": parse_weekday(text), "frequency": parse_frequency(text),
              "quiet": (quiet.start, quiet.end) if quiet else None}
    return {key: value for key, value in values.items() if value is not None}


def wants_restart(text: str) -> bool:
    return bool(re.search(r"\b(restart|start again|resume|turn (them|it) back on|back on)\b", text.lower()))


def describe_local(moment: datetime, zone_name: str) -> str:
    """ "Tuesday 10:00am" in the patient's zone, for read-backs."""
    from zoneinfo import ZoneInfo

    local = moment.astimezone(ZoneInfo(zone_name))
    hour = local.strftime("%I:%M%p").lstrip("0").lower()
    return f"{local.strftime('%A')} {local.day} {local.strftime('%b')}, {hour}"
