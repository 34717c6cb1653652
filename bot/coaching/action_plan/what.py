"""What: the activity is what is left once every other plan part is cut out, fillers trimmed."""

from __future__ import annotations

import re

from bot.coaching.vocabulary import NUMBER

_FILLER_START = [
    re.compile(r"(?:so|well|ok|okay|um+|uh+|erm?|hmm+|yeah|yes|right|alright|and|then|also|plus|but)\b,?"),
    re.compile(r"this\s+week\b"),
    re.compile(r"i(?:'d|\s+would|d)\s+(?:really\s+)?(?:like|love)\s+to\b"),
    re.compile(
        r"i\s+(?:really\s+)?(?:want|plan|aim|intend|hope|need|mean|have|am\s+going|decided)"
        r"\s+to\b"
    ),
    re.compile(r"i\s+(?:wanna|gotta)\b"),
    re.compile(r"i(?:'m|\s+am|m)\s+(?:going\s+to|gonna|planning\s+to|aiming\s+to|hoping\s+to|trying\s+to)"),
    re.compile(r"i(?:'ll|\s+will|\s+shall|\s+should|\s+could|\s+can|\s+might|\s+may|\s+must)\b"),
    re.compile(r"ill\b(?=\s+(?:try|do|go|walk|aim|have|be|just|start))"),
    re.compile(r"i\s+(?:think|guess|reckon|suppose)\b"),
    re.compile(r"(?:my|the)\s+(?:plan|goal|aim)\s+(?:is|will\s+be)(?:\s+to)?\b"),
    re.compile(r"(?:going\s+to|gonna|wanna|want\s+to|plan\s+to|aim\s+to|hope\s+to|need\s+to)\b"),
    re.compile(r"(?:maybe|perhaps|probably|possibly|hopefully|definitely|just|actually|basically)\b"),
    re.compile(r"(?:try|attempt)\s+(?:to|and)\b"),
    re.compile(r"try\b(?=\s+[a-z]+ing\b)"),
    re.compile(r"manage(?:\s+to)?\b"),
    re.compile(r"(?:let's|lets)\s+say\b"),
    re.compile(r"to\b"),
]
_FILLER_END = re.compile(
    r"\s*\b(?:maybe|perhaps|probably|i\s+think|i\s+guess|or\s+so|ish|if\s+i\s+can"
    r"|if\s+possible|hopefully|this\s+week|at\s+least|or\s+something|etc|if\s+that's\s+ok"
    r"|for\s+a\s+start|to\s+start\s+with|each\s+time|every\s+time|at\s+a\s+time"
    r"|(?:each|per|a)\s+session|if(?:\s+[a-z']+){1,6})\s*$"
)
# "my back's been bad so I'll try walking": the plan starts at the intention.
_RE_PREAMBLE = re.compile(
    r"^.*?\b(?:so|but|and|then|because|cos|now)\s+"
    r"(?=(?:i'll|i\s+will|i'd\s+like|i\s+would\s+like|i\s+want|i'm\s+going|im\s+going"
    r"|i\s+am\s+going|i'm\s+gonna|i\s+plan|i\s+think\s+i'll|i\s+could|i\s+might"
    r"|i\s+can|try\s+to|my\s+plan)\b)"
)
_TRAILING_CONNECTORS = {
    "for",
    "and",
    "on",
    "at",
    "in",
    "of",
    "to",
    "about",
    "roughly",
    "approx",
    "approximately",
    "then",
    "or",
    "each",
    "every",
    "a",
    "an",
    "the",
    "with",
    "per",
    "x",
    "like",
    "so",
    "i",
    "will",
    "just",
    "say",
    "um",
    "ish",
    "but",
    "also",
}
_LEADING_CONNECTORS = {"and", "then", "also", "plus", "but", "or", "so", "for", "of", "um", "like"}
# Leftovers that are not an activity on their own ("I'll do | every day").
_EMPTY_WHATS = {"do", "go", "it", "do it", "that", "this", "some", "something", "try", "doing"}
NON_ANSWERS = {
    "yes",
    "yeah",
    "yep",
    "no",
    "nope",
    "ok",
    "okay",
    "sure",
    "not sure",
    "unsure",
    "dunno",
    "idk",
    "i don't know",
    "don't know",
    "dont know",
    "i dont know",
    "nothing",
    "none",
    "n/a",
    "na",
    "thanks",
    "thank you",
    "hi",
    "hello",
    "same",
    "same again",
    "as before",
}
_NUMBERISH = re.compile(rf"^(?:{NUMBER}|a|an|the|few|couple|of|or|to|and|-|ish|x)$")


def _strip_words(segment: str, leading: bool) -> str:
    tokens = segment.split()
    while tokens and tokens[-1] in _TRAILING_CONNECTORS:
        tokens.pop()
    if leading:
        while tokens and tokens[0] in _LEADING_CONNECTORS:
            tokens.pop(0)
    return " ".join(tokens)


def _strip_filler(text: str) -> str:
    changed = True
    while changed and text:
        changed = False
        for pattern in _FILLER_START:
            m = pattern.match(text)
            if m and m.end() > 0:
                text = text[m.end() :].lstrip(" ,")
                changed = True
        new = _FILLER_END.sub("", text).strip(" ,")
        if new != text:
            text, changed = new, True
        new = _strip_words(text, leading=False)
        if new != text:
            text, changed = new, True
    return text


def clean_what(text: str) -> str | None:
    segments = [s.strip() for s in re.split(r"[|,;.!?\n:()]+|\s-\s", text)]
    kept: list[str] = []
    for segment in segments:
        segment = re.sub(r"[\"*]+", " ", segment)
        segment = re.sub(r"\s+", " ", segment).strip(" -'")
        segment = _strip_words(segment, leading=True)
        if not kept:
            segment = _strip_filler(_RE_PREAMBLE.sub("", segment))
        if segment and segment not in NON_ANSWERS:
            kept.append(segment)
    what = _strip_filler(" ".join(kept))
    what = re.sub(r"\s+", " ", what).strip(" -'")
    if not what or what in NON_ANSWERS or what in _EMPTY_WHATS:
        return None
    if all(_NUMBERISH.match(tok) for tok in what.split()):
        return None
    return re.sub(r"\bi\b", "I", what)
