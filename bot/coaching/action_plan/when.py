"""When: a clock time, an anchor ("after lunch") or a part of the day, read back plainly."""

from __future__ import annotations

import re

from bot.coaching._text import normalise
from bot.coaching.action_plan.how_often import scan_days
from bot.coaching.action_plan.scan import Found, Scan
from bot.coaching.action_plan.what import NON_ANSWERS
from bot.coaching.vocabulary import PARTS_OF_DAY

_RE_CLOCK = re.compile(
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
_RE_ANCHOR = re.compile(
    r"(?<!look )(?<!looks )(?<!looking )(?<!looked )(?<!take )"
    rf"\b((?:straight|right|just|soon)\s+)?(before|after|when|whenever|during"
    rf"|once(?=\s+(?:i|i'm|i've|the|my|we)\b))\s+"
    rf"({_KNOWN_EVENTS}|{_ANCHOR_TOKEN}(?:\s+{_ANCHOR_TOKEN}){{0,4}})"
)
_RE_LUNCH = re.compile(
    r"\b(?:at|over|during)\s+(?:my\s+)?lunch\b(?!\s*break)"
    r"|\b(?:in|on|at|during)\s+(my|the)\s+lunch\s*break\b"
)
_RE_FIRST_THING = re.compile(r"\bfirst\s+thing(?:\s+in\s+the\s+morning)?\b")
_RE_PART = re.compile(
    r"\b(?:(?:in|during|on)\s+the\s+|of\s+an?\s+|this\s+|in\s+|at\s+)?"
    rf"(early\s+|late\s+|mid[\s-]?)?({'|'.join(PARTS_OF_DAY)})s?\b"
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
    base = PARTS_OF_DAY[part]
    if modifier in ("early", "late"):
        if part == "night":
            return f"{modifier} at night"
        if part in ("morning", "afternoon", "evening"):
            return f"in the {modifier} {part}"
    if modifier == "mid" and part in ("morning", "afternoon"):
        return f"mid-{part}"
    return base


def scan_when(scan: Scan, found: Found) -> None:
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


def scan_clock(scan: Scan, found: Found) -> None:
    for m in scan.take(_RE_CLOCK, lambda m: _clock_phrase(m) is not None):
        found.add_anchor(m.start(), _clock_phrase(m) or "")


def _dedupe(items: list[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item and item not in out:
            out.append(item)
    return out


def when_phrase(found: Found) -> str | None:
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



_WHEN_FILLER = re.compile(
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
    found = Found()
    scan = Scan(normalise(text))
    scan_days(scan, found)
    scan_clock(scan, found)
    scan_when(scan, found)
    phrase = when_phrase(found)
    if phrase:
        return phrase
    cleaned = _WHEN_FILLER.sub("", normalise(text)).strip(" .,!?;:")
    if not cleaned or cleaned in NON_ANSWERS or len(cleaned.split()) > 8:
        return None
    return re.sub(r"\bi\b", "I", cleaned)
