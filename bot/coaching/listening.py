"""Listening: what a patient says about their life inside an answer.

People answer "how much?" with "last time I did an hour and was in bed for two days",
and "how did it go?" with "nobody to walk with". A coach hears that: one line that
shows it was heard, and, where the barrier library (``barriers.py``) or the clinic's
resources have something for it, an offer at the step where it helps (problem solving,
a smaller plan). Only the *kind* of thing heard is kept (a cue key), never the raw
words, so nothing the person did not mean as an answer is stored or quoted back.
Plain Python: no Rasa or database imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.coaching.barriers import BY_KEY, detect_barriers


@dataclass(frozen=True)
class Cue:
    """Something heard: ``key`` names the one-line acknowledgement (``utter_heard_<key>``),
    ``barrier`` the barrier-library entry whose ideas fit it (None when there is none)."""

    key: str
    barrier: str | None


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


# Cues with their own acknowledgement, most specific first. Each names the barrier whose
# ideas help with it, so problem solving can start from it.
_CUES: tuple[tuple[str, re.Pattern[str], str | None], ...] = (
    ("grief", _p(r"\b(died|passed away|passed on|(wife|husband|partner|son|daughter|mum|mom|dad|mother|father"
                 r"|brother|sister|friend) passed\b(?! (the|a|my|it|that|me|him|her|them))"
                 r"|since \w+ (passed|died)|lost my (wife|husband|partner|son|daughter|"
                 r"mum|mom|dad|mother|father|brother|sister)|widow\w*|grie(f|ving)|funeral)\b"), "distress"),
    ("low_mood", _p(r"\b(feel(ing)? (pretty |so |really |quite )?(low|down|flat|hopeless|miserable)|low mood|"
                    r"depress\w*|(no|didn'?t see the|what'?s the) point|don'?t do much( any ?more)?)\b"),
     "distress"),
    ("loneliness", _p(r"\b(lonely|loneliness|isolated|nobody to|no one to|no company|by myself|on my own)\b"),
     "loneliness"),
    ("boom_bust", BY_KEY["boom_bust"].pattern, "boom_bust"),
    ("guilt", _p(r"\b(guilt\w*|indulgent|selfish|don'?t deserve"
                 r"|feel bad (about|for) (taking|resting|doing))\b"),
     "pleasure_indulgent"),
    ("body_position", _p(r"\b(kneel\w*|bend\w*|crouch\w*|squat\w*|getting (back )?(up|down)"
                         r"|stairs|steps|climb\w*"
                         r"|get (up|down) (off|from))\b"
                         r"[^.!?]{0,40}\b(hard|tough|worst|difficult|problem|kills?|killer|agony|can'?t)\b"
                         r"|\b(hard|tough|worst|difficult) (bit|part|thing) is\b[^.!?]{0,20}"
                         r"\b(kneel\w*|bend\w*|crouch\w*|squat\w*)"), "pain"),
)
_CUE_KEYS = {key for key, _, _ in _CUES}
# Barriers without their own line get the general one, naming the barrier's label.
GENERAL_KEY = "barrier"


def hear(text: str) -> list[Cue]:
    """What the person told us about their life, in the order it matters for the reply:
    the specific cues first, then any other barrier from the library."""
    text = text or ""
    cues = [Cue(key, barrier) for key, pattern, barrier in _CUES if pattern.search(text)]
    covered = {cue.barrier for cue in cues}
    for barrier in detect_barriers(text):
        if barrier not in covered and barrier not in ("pain", "distress"):
            # pain and worry are in most answers about pain; they get a line only when specific
            cues.append(Cue(GENERAL_KEY, barrier))
            covered.add(barrier)
    return cues


def first_cue(text: str) -> Cue | None:
    """The one thing to acknowledge (one line, not a list of everything heard)."""
    cues = hear(text)
    return cues[0] if cues else None


def barrier_label(cue: Cue) -> str:
    """Plain words for the barrier behind a cue ("loneliness"), for the general line."""
    return BY_KEY[cue.barrier].label if cue.barrier in BY_KEY else "that"


def barriers_heard(text: str) -> list[str]:
    """Barrier-library keys behind everything heard, for ideas at the problem-solving step."""
    keys: list[str] = []
    for cue in hear(text):
        if cue.barrier and cue.barrier not in keys:
            keys.append(cue.barrier)
    return keys


def cue_keys() -> set[str]:
    """Every acknowledgement key (one ``utter_heard_<key>`` response each)."""
    return _CUE_KEYS | {GENERAL_KEY}
