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
# Words that do not occur in a name: a reply containing one is a sentence, not a name.
_NON_NAME_WORDS = {
    "not", "sure", "what", "who", "why", "how", "where", "when", "for", "are", "you", "your",
    "my", "me", "is", "am", "in", "the", "a", "an", "i", "it", "pain", "hurts", "hurt", "sore",
    "back", "do", "does", "dont", "don't", "want", "need", "tell", "say", "no", "yes", "thanks",
    "to", "of", "and", "but", "this", "that", "with", "rather", "bot", "real", "person", "nah",
}
MAX_NAME_WORDS = 3
MAX_NAME_LENGTH = 40


_CALL_ME = re.compile(
    r"\b(?:call me|calls me|called|go by|known as|prefer|rather)\s+([^\W\d_][\w'-]*)", re.IGNORECASE
)


def extract_name(text: str) -> str | None:
    """A plausible name in title case, or None when the reply isn't a name."""
    text = (text or "").replace("\u2019", "'").replace("\u2018", "'")  # phone keyboards' curly quotes
    preferred = [m.group(1) for m in _CALL_ME.finditer(text)]
    for candidate in reversed(preferred):  # "it's Margaret but everyone calls me Peggy"
        if candidate.lower() not in _NON_NAME_WORDS and candidate.lower() not in _NOT_NAMES:
            return _title(candidate) if not any(c.isupper() for c in candidate) else candidate
    cleaned = _LEADS.sub("", text.strip())
    cleaned = _TRAILERS.sub("", cleaned).strip(" .,!?\"'")
    if not cleaned or cleaned.startswith("/") or len(cleaned) > MAX_NAME_LENGTH:
        return None
    words = cleaned.split()
    if len(words) > MAX_NAME_WORDS or cleaned.lower() in _NOT_NAMES:
        return None
    if any(word.lower() in _NON_NAME_WORDS for word in words):
        return None
    if not all(re.fullmatch(r"[^\W\d_]+(?:[-'.][^\W\d_]+)*\.?", word) for word in words):
        return None
    return " ".join(word if any(c.isupper() for c in word) else _title(word) for word in words)


def _title(word: str) -> str:
    """mary-jane -> Mary-Jane, o'brien -> O'Brien."""
    return re.sub(r"(^|[-'])(\w)", lambda m: m.group(1) + m.group(2).upper(), word)


_TITLES = {"dr", "prof", "mr", "mrs", "ms", "mx"}


def first_name(author: str) -> str:
    """"Dr Anna Smith" stays whole (titles read oddly alone); "Anna Smith" becomes "Anna"."""
    parts = author.split()
    if not parts or parts[0].rstrip(".").lower() in _TITLES:
        return author
    return parts[0]
