"""Reading a plan back to the person, in their words turned to "you"."""

from __future__ import annotations

import re

from bot.coaching.action_plan.draft import PlanDraft
from bot.coaching.action_plan.how_much import amount_quantity
from bot.coaching.vocabulary import WEEKDAY_NAMES

_DAY_NAMES = "|".join(name.lower() for name in WEEKDAY_NAMES)

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
        rf"\b(?:{_DAY_NAMES}|weekdays?|weekends?)\b",
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
