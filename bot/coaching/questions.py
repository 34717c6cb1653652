"""Is this message a question? Inside a coaching form an answer can sound like an education
topic ("sitting too long and bad sleep" is an answer, not a question about sleep): only a
message that reads as a question gets the education answer instead of being taken as one.
"""

from __future__ import annotations

import re

_FILLER = re.compile(
    r"^\W*((wait|hang on|hold on|ok(ay)?|sorry|um+|hmm+|quick question|oh|so|but|actually)\W+)+", re.I
)
_QUESTION_START = re.compile(
    r"^(why|how|what|whats|what's|when|which|who|is|isn'?t|are|am|does|doesn'?t|do|did|should|shouldn'?t|can|"
    r"could|will|would|may|might|any (tips|advice|ideas))\b",
    re.I,
)
ASKING_PHRASE = re.compile(
    r"\b(?:is it true|i wonder|tell me (?:about|why|how)|explain|i(?:'| a)?m (?:curious|wondering))\b",
    re.IGNORECASE,
)
"""Asking without a question mark or a question word ("I wonder if heat helps"); shared with
the form digression check (bot.coaching.digressions)."""


def looks_like_question(text: str) -> bool:
    """ "why does sitting hurt?", "quick question, is heat ok", "tell me about pacing"."""
    stripped = _FILLER.sub("", (text or "").strip())
    return (stripped.endswith("?") or bool(_QUESTION_START.match(stripped))
            or bool(ASKING_PHRASE.search(stripped)))
