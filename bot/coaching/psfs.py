"""Patient-Specific Functional Scale (PSFS) helpers.

The PSFS (Stratford et al., Physiotherapy Canada 1995) asks a person to name
up to three activities they find hard because of their problem, and to rate
each from 0 (unable to perform) to 10 (able to perform at the same level as
before the problem). Re-rating the same activities over time shows change in
the person's own terms, which is why we keep the activities in their words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

__all__ = ["MAX_ACTIVITIES", "PsfsRating", "change", "describe_scores", "parse_activities"]

#: The PSFS asks for up to three activities (Stratford 1995).
MAX_ACTIVITIES = 3

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class PsfsRating:
    """One PSFS rating of one activity at one time.

    ``rated_at`` may be None when only the order of ratings is known (e.g. a
    stored first/latest pair); lines then leave the date out.
    """

    activity: str
    score: int
    rated_at: datetime | None

    def __post_init__(self) -> None:
        # Refuse impossible scores here so they never reach a progress report.
        if isinstance(self.score, bool) or not isinstance(self.score, int):
            raise TypeError("PSFS score must be an int 0..10")
        if not 0 <= self.score <= 10:
            raise ValueError(f"PSFS score must be 0..10, not {self.score}")


def change(first: int, latest: int) -> int:
    """Points gained (positive) or lost (negative) since the first rating."""
    for value in (first, latest):
        if not 0 <= value <= 10:
            raise ValueError(f"PSFS score must be 0..10, not {value}")
    return latest - first


def _date(when: datetime | None, with_year: bool) -> str | None:
    if when is None:
        return None
    text = f"{when.day} {_MONTHS[when.month - 1]}"
    return f"{text} {when.year}" if with_year else text


def _key(activity: str) -> str:
    return re.sub(r"\s+", " ", activity).strip().casefold()


def describe_scores(ratings: list[PsfsRating]) -> list[str]:
    """One plain line per activity: latest score and change since the first.

    Showing change against the person's own first rating (not a norm) is the
    point of a patient-specific scale. Activities are grouped ignoring case
    and spacing, listed (and spelled) as they first appear in ``ratings``;
    ratings may come in any time order.
    """
    groups: dict[str, list[PsfsRating]] = {}
    for rating in ratings:
        groups.setdefault(_key(rating.activity), []).append(rating)
    lines = []
    for group in groups.values():
        dates = [r.rated_at for r in group]
        ordered = group
        date = None
        if all(d is not None for d in dates):
            ordered = sorted(group, key=lambda r: r.rated_at or datetime.min)
            first_at, latest_at = ordered[0].rated_at, ordered[-1].rated_at
            if first_at is not None and latest_at is not None:
                date = _date(first_at, first_at.year != latest_at.year)
        # Without dates, the list order is taken as the time order.
        first, latest = ordered[0], ordered[-1]
        name = re.sub(r"\s+", " ", group[0].activity).strip()
        since = date or "first rating"
        if len(ordered) == 1:
            detail = f"first rating, {date}" if date else "first rating"
        else:
            diff = change(first.score, latest.score)
            if diff > 0:
                detail = f"up {diff} since {since}"
            elif diff < 0:
                detail = f"down {-diff} since {since}"
            else:
                detail = f"no change since {since}"
        lines.append(f"{name}: {latest.score}/10 ({detail})")
    return lines


_FILLER = re.compile(
    r"^(?:"
    r"(?:and|also|plus|oh|um+|well|so|ok|okay|yeah|mainly|mostly|probably|maybe|just|like|then)\b"
    r"|i(?:'d|\s+would|d)\s+(?:really\s+)?(?:like|love)\s+to(?:\s+be\s+able\s+to)?\b"
    r"|i\s+(?:really\s+)?(?:want|need|wish)\s+(?:to\s+)?(?:be\s+able\s+to|i\s+could)\b"
    r"|i\s+(?:really\s+)?(?:want|need)\s+to\b"
    r"|i\s+wish\s+i\s+could\b"
    r"|i\s+(?:can't|cant|cannot|can\s+not|can\s+no\s+longer|can't\s+really|couldn't)(?:\s+do)?\b"
    r"|i\s+(?:really\s+)?miss(?:\s+being\s+able\s+to)?\b"
    r"|i\s+used\s+to\s+(?:love\s+|enjoy\s+|like\s+)?\b"
    r"|i\s+(?:struggle|have\s+trouble|have\s+difficulty|find\s+it\s+hard|have\s+a\s+hard\s+time)"
    r"(?:\s+(?:with|to))?\b"
    r"|(?:can't|cant|cannot|miss|struggle\s+with|difficulty|trouble)\b"
    r"|(?:to\s+)?be\s+able\s+to\b|being\s+able\s+to\b"
    r"|(?:get(?:ting)?|go(?:ing)?)\s+back\s+to\b"
    r"|to\b"
    r")\s*",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"\s*\b(?:again|anymore|any\s+more|like\s+i\s+used\s+to|as\s+much|etc|and\s+stuff"
    r"|and\s+so\s+on|or\s+whatever|properly|without\s+pain|without\s+it\s+hurting"
    r"|these\s+days|at\s+the\s+moment|any\s+longer|though)\s*$",
    re.IGNORECASE,
)
# "and" joins two activities ("gardening and walking the dog") except when it
# joins two halves of one ("getting in and out of the car", "up and down
# stairs", "to the letterbox and back").
_PARTICLES = {"in", "out", "up", "down", "back", "off", "on", "forth", "over", "around", "about"}
_BULLET = re.compile(r"^\s*(?:[-*\u2022]|\d+[.)])\s*")


def _split_and(piece: str) -> list[str]:
    parts = re.split(r"\s+and\s+", piece, flags=re.IGNORECASE)
    out: list[str] = [parts[0]]
    for part in parts[1:]:
        left_last = out[-1].split()[-1].lower() if out[-1].split() else ""
        right_first = part.split()[0].lower() if part.split() else ""
        # "with Dave and Tom": a lone capitalised word is a name, not an activity.
        proper_noun = len(part.split()) == 1 and part[:1].isupper() and part[1:2].islower()
        if left_last in _PARTICLES or right_first in _PARTICLES or proper_noun:
            out[-1] = f"{out[-1]} and {part}"
        else:
            out.append(part)
    return out


def _clean(piece: str) -> str:
    text = re.sub(r"\s+", " ", piece).strip(" .,;:!?'\"-")
    previous = None
    while text and text != previous:
        previous = text
        text = _FILLER.sub("", text, count=1).strip(" .,;:!?'\"-")
        text = _TRAILING.sub("", text).strip(" .,;:!?'\"-")
    return text


def parse_activities(text: str) -> list[str]:
    """Up to three PSFS activities from one message, in the person's words.

    People list them in one breath ("I miss gardening, walking the dog and
    playing with my grandkids"); we split them and drop the lead-in so each
    can be rated on its own (Stratford 1995 allows at most three).
    """
    if not text:
        return []
    norm = text.replace("\u2019", "'").replace("&", " and ")
    lines = [_BULLET.sub("", line) for line in re.split(r"[\r\n]+", norm)]
    pieces: list[str] = []
    for line in lines:
        for chunk in re.split(r"[,;/]+|\s+\+\s+|\s+(?:plus|also)\s+", line, flags=re.IGNORECASE):
            pieces.extend(_split_and(chunk.strip()))
    out: list[str] = []
    seen: set[str] = set()
    for piece in pieces:
        cleaned = _clean(piece)
        if not cleaned or not re.search(r"[a-zA-Z]", cleaned):
            continue
        if len(cleaned) > 1 and cleaned[0].isupper() and cleaned[1:2].islower():
            # Sentence capitals from phones ("Gardening"), not proper nouns.
            cleaned = cleaned[0].lower() + cleaned[1:]
        key = cleaned.casefold()
        if key in seen:
            continue
        seen.add(key)
        out.append(cleaned)
        if len(out) == MAX_ACTIVITIES:
            break
    return out
