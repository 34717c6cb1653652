"""Replies inside the plan form that are not plan parts: a new activity in a change of
mind, a bare activity, and which of the smaller plans offered below confidence 7 (Lorig)
the person picked, or that they keep theirs. Plain Python, no Rasa.
"""

from __future__ import annotations

import re

from bot.coaching.answers import not_an_activity
from bot.coaching.vocabulary import ORDINALS

# Words a change of mind starts with ("actually, can we do swimming instead"): they
# are stripped from the front of the new activity.
_LEADING_FILLER = re.compile(
    r"^(?:actually|no|nah|ok|okay|so|well|hmm|i'?d|i would|i'?ll|rather|let'?s|lets|can we|could we|"
    r"can i|could i|change (?:it|that)(?: to)?|make (?:it|that)|do|go for|how about|maybe|"
    r"on second thoughts?|scratch that|to|it|that|instead|please|pls)\b[\s,]*",
    re.I,
)
#: Most words an activity may have before it is a story, not an activity.
MAX_BARE_ACTIVITY_WORDS = 20
#: Words that pick one of the (at most three) smaller plans, as its 0-based index. "last"
#: is the third: the list offers three whenever the plan has both an amount and days.
_SMALLER_PLAN_WORDS = {
    **{word: str(place - 1) for word, place in ORDINALS.items() if 1 <= place <= 3},
    "option 1": "0", "option 2": "1", "option 3": "2", "last": "2",
}
_KEEP_PHRASES = ("keep it", "leave it", "as it is", "as is", "no change")


def changed_activity(what: str) -> str:
    """The new activity in a change of mind, or "" when only filler words are left."""
    text = " ".join(what.replace(",", " ").split())
    previous = None
    while text and text != previous:
        previous = text
        text = _LEADING_FILLER.sub("", text).strip()
    return text.strip(" .!?")


def bare_activity(text: str) -> str | None:
    """A bare answer to "what will you do?" ("the garden"), or None when it is no activity."""
    words = text.strip(" .!?,").split()
    if not words or len(words) > MAX_BARE_ACTIVITY_WORDS or not_an_activity(text):
        return None
    return " ".join(words)


def smaller_plan_pick(text: str) -> str | None:
    """ "the first one", "option 2": which of the offered smaller plans, as a 0-based index."""
    lowered = text.lower()
    for word, index in _SMALLER_PLAN_WORDS.items():
        if re.search(rf"\b{re.escape(word)}\b", lowered):
            return index
    return None


def keeps_plan_as_is(text: str) -> bool:
    """ "keep it", "leave it as it is": no smaller plan, thanks."""
    lowered = text.lower()
    return any(phrase in lowered for phrase in _KEEP_PHRASES)
