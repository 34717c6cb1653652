"""What a patient's words mean at a booster check-in, where buttons do not carry it.

After the measures, a check-in asks what to do with the plan next (Devan et al.: review,
renew, problem-solve, or change it); the schedule form may ask which time zone they are
in, and "keep it" / "dunno" there means the zone they have. Plain Python, no Rasa.
"""

from __future__ import annotations

import re
from typing import Any, Literal

NextChoice = Literal["keep", "change", "problem", "none"]
NEXT_CHOICES: tuple[NextChoice, ...] = ("keep", "change", "problem", "none")

_KEEP = re.compile(r"\b(keep|same|renew|again|carry on|continue|stick|as is|yes|yep|yeah|sure)\b", re.I)
_CHANGE = re.compile(
    r"\b(change|adjust|tweak|easier|harder|different|new|smaller|bigger|set (one|a plan))\b", re.I
)
_PROBLEM = re.compile(
    r"\b(got in the way|in the way|problem|barrier|struggl\w*|hard|stopped me|talk)\b", re.I
)
_NONE = re.compile(r"\b(no thanks|not this week|no|nah|nope|none)\b", re.I)
_KEEP_ZONE = re.compile(
    r"\b(keep|skip|same|leave it|never ?mind|don'?t know|dont know|dunno|not sure|no idea|whatever)\b", re.I
)


def next_choice(value: Any) -> NextChoice | None:
    """keep | change | problem | none from a button or the patient's words.

    A problem outranks a change and a change outranks keeping ("keep it but it was hard"
    is worth talking through), so the order of the checks is the rule."""
    text = str(value or "").strip().lower()
    if text in NEXT_CHOICES:
        return text  # type: ignore[return-value]
    if _PROBLEM.search(text):
        return "problem"
    if _CHANGE.search(text):
        return "change"
    if _KEEP.search(text):
        return "keep"
    if _NONE.search(text):
        return "none"
    return None


def keeps_current_zone(text: str) -> bool:
    """ "keep it", "dunno", "whatever" when asked for a time zone: keep the one they have."""
    return bool(_KEEP_ZONE.search(text))
