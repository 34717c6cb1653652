"""Did they do all of their plan, some of it, or none? Decided from their own words.

NLU only recognises that someone is reporting on their plan (`report_progress`).
The three outcomes differ mostly by negation and quantity ("did it" / "didn't do
it" / "did it twice"), which a bag-of-words classifier handles badly and a few
ordered rules handle well and testably. Buttons carry the outcome explicitly, so
this only runs on free text; `None` means "ask them", never a guess.
"""

from __future__ import annotations

import re
from typing import Literal

from bot.coaching.vocabulary import NUMBER_WORDS, WEEKDAY_NAMES, number_words

Outcome = Literal["done", "partial", "missed"]
OUTCOMES: tuple[Outcome, ...] = ("done", "partial", "missed")

_TYPOS = {
    "evry": "every",
    "everyday": "every day",
    "excpet": "except",
    "exept": "except",
    "nothin": "nothing",
    "coudnt": "couldnt",
    "cudnt": "couldnt",
    "didn": "didnt",
    "dident": "didnt",
    "managd": "managed",
    "finsihed": "finished",
    "compleated": "completed",
    "sorta": "sort of",
    "kinda": "kind of",
}
_NUMBER_WORDS = {**NUMBER_WORDS, "none": 0}
_DAY_NAMES = "|".join(name.lower() for name in WEEKDAY_NAMES)

# Phrases whose negation is not about the plan ("didn't even flare", "no worries").
_NEUTRAL = re.compile(
    r"\b(didnt|did not|wasnt|was not) (even )?(flare|hurt|ache|mind|feel)\w*"
    r"|\bno (worries|problems?|issues|bother|dramas)\b"
    r"|\bnot (too|that) (bad|hard|sore)\b"
    r"|\bwasnt sure i could\b"
)
_PARTIAL_IDIOM = re.compile(r"\bbetter than nothing\b|\bthe rest\b|\bnot (all|every|everything)\b")
# Double negatives that mean they did it.
_DONE_DOUBLE_NEGATIVE = re.compile(
    r"\b(didnt|did not|never|not) miss(ed)?\b|\bwithout (fail|missing)\b|\bnot a single (day|one) missed\b"
)
_COUNT = rf"(\d+|{'|'.join(number_words(0, 10))})"
_FRACTION = re.compile(rf"\b{_COUNT}\s*(?:/|out of|of)\s*(?:the\s+)?{_COUNT}\b")
_MISSED_STRONG = re.compile(
    r"\b(none|nothing|zero|nada|zilch|zip)\b"
    r"|^\s*0\s*[.!]*$"
    r"|\bnot (once|at all|a single|one bit|one day|even once)\b"
    r"|\b(any|at all|a single (one|day|time|walk|session))\b"
    r"|\bwrite ?off\b|\bfell off the wagon\b|\bcomplete(ly)? fail|\btotal(ly)? fail"
    r"|\bmissed (it )?(all|every|the lot|it completely|everything|the whole)"
    r"|\bskipped (it )?(all|every|the lot|everything|the whole)"
    r"|\b(couldnt|could not|didnt|did not|cant|never) (even )?(start|try|begin|get started)"
)
_PARTIAL = re.compile(
    r"\b(some|most|mostly|half|partly|partially|part of|partway|sort of|kind of|a few|a couple|couple of"
    r"|bits and pieces|on and off|hit and miss|here and there|not all|not every|except|apart from"
    r"|but not|instead of|shorter|less than|fewer|only|once|twice|three times|the good days"
    r"|not the bad|halfway|better than nothing)\b"
    rf"|\bmissed (a|the|one|two|some|{_DAY_NAMES}|the weekend)\b"
    r"|\b(did|managed|got)\b.*\bthen\b"
    r"|\b(about|around|roughly|maybe) \d+ (days?|times?|sessions?|walks?)\b"
)
_MISSED = re.compile(
    r"\b(didnt|did not|couldnt|could not|cant|cannot|havent|have not|hasnt|wasnt able|werent able"
    r"|never|missed|skipped|failed|fail|forgot|forgotten|no|nope|nah|not really|not this week"
    r"|didnt happen|too sore|too tired|too busy|gave up|give up)\b"
)
_DONE = re.compile(
    r"\b(all|every|everything|whole|done|did it|did them|finished|completed|complete|nailed|smashed"
    r"|crushed|aced|managed|kept it up|ticked|full marks|the lot|yes|yep|yeah|yup|ya|sure did|100)\b"
    r"|100 ?%|💪|🙌|✅"
)


def normalise(text: str) -> str:
    lowered = text.lower().replace("’", "'").replace("'", "")
    words = [_TYPOS.get(word, word) for word in re.split(r"(\W+)", lowered)]
    return "".join(words)


def _fraction_outcome(text: str) -> Outcome | None:
    match = _FRACTION.search(text)
    if not match:
        return None
    done, total = (int(x) if x.isdigit() else _NUMBER_WORDS[x] for x in match.groups())
    if total == 0 or done > total:
        return None
    if done == 0:
        return "missed"
    return "done" if done == total else "partial"


def classify_outcome(text: str) -> Outcome | None:
    """The outcome their words describe, or None when they do not say."""
    clean = _NEUTRAL.sub(" ", normalise(text))
    if not clean.strip():
        return None
    if _DONE_DOUBLE_NEGATIVE.search(clean):
        return "done"
    fraction = _fraction_outcome(clean)
    if fraction:
        return fraction
    if _PARTIAL_IDIOM.search(clean):
        return "partial"
    if _MISSED_STRONG.search(clean):
        return "missed"
    if _PARTIAL.search(clean):
        return "partial"
    if _MISSED.search(clean):
        return "missed"
    if _DONE.search(clean):
        return "done"
    return None
