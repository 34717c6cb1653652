"""Replies inside safety mode that are not about safety: asking to go on with the chat.

"Let's go on" ends safety mode; "I can't go on" must not (it is the opposite), so only a
request to continue counts. Detection of crisis and red flags lives in the safety
lexicon; this only reads the way out. Plain Python, no Rasa.
"""

from __future__ import annotations

import re

_GO_ON = re.compile(
    r"^\W*(?:ok\W*|okay\W*)?(?:go on|carry on|continue|move on|keep going)\b"
    r"|\b(?:let'?s|lets|can we|could we|want to|wanna|i'?d like to|please) (?:go on|carry on|continue"
    r"|move on|keep going|get back)\b",
    re.I,
)


def wants_to_go_on(text: str) -> bool:
    """ "ok carry on", "can we get back to my plan": leave safety mode."""
    return bool(_GO_ON.search(text))
