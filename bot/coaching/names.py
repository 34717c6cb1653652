"""Pull a first name or nickname out of a reply like "I'm Sarah" or "call me mike"."""

from __future__ import annotations

import re

_LEADS = re.compile(
    r"^(?:(?:hi|hey|hello|kia ora)[,!.\s]+)?(?:my name(?:'s| is)|name(?:'s| is)|i am|i'm|im|"
    r"it's|its|it is|call me|you can call me|just call me|people call me|this is|"
    r"everyone calls me|i go by)\s+",
    re.IGNORECASE,
)
_TRAILERS = re.compile(r"[\s,.!]+(?:thanks|thank you|cheers|ta|please|pls)?[\s.!]*$", re.IGNORECASE)
_NOT_NAMES = {
    "yes",
    "no",
    "ok",
    "okay",
    "nope",
    "yep",
    "sure",
    "hi",
    "hello",
    "hey",
    "thanks",
    "why",
    "what",
    "nothing",
    "none",
    "idk",
    "dunno",
    "fine",
    "good",
    "bad",
    "sore",
    "tired",
}
MAX_NAME_WORDS = 3
MAX_NAME_LENGTH = 40


def extract_name(text: str) -> str | None:
    """A plausible name in title case, or None when the reply isn't a name."""
    cleaned = _LEADS.sub("", (text or "").strip())
    cleaned = _TRAILERS.sub("", cleaned).strip(" .,!?\"'")
    if not cleaned or cleaned.startswith("/") or len(cleaned) > MAX_NAME_LENGTH:
        return None
    words = cleaned.split()
    if len(words) > MAX_NAME_WORDS or cleaned.lower() in _NOT_NAMES:
        return None
    if not all(re.fullmatch(r"[^\W\d_]+(?:[-'.][^\W\d_]+)*\.?", word) for word in words):
        return None
    return " ".join(word if any(c.isupper() for c in word) else word.capitalize() for word in words)
