"""Which way a patient wants their check-ins: by text, on Telegram, on the web chat, or "here".

"Can you message me on telegram instead of texting" names two channels; the one after
"instead of", "rather than", "not" or "don't" is the one they are leaving, so it does not
count. A message that still names two channels (or none) is no answer: the caller asks
with buttons. Plain Python: no Rasa, no database.
"""

from __future__ import annotations

import re

SMS, TELEGRAM, WEB, HERE = "sms", "telegram", "web", "here"
#: How Pacer names each channel back to the patient.
CHANNEL_NAMES = {SMS: "text message", TELEGRAM: "Telegram", WEB: "the web chat"}

_MENTIONS = {
    SMS: re.compile(
        r"\b(?:sms|te?xt(?:s|ed|ing)?|txt(?:s|ing)?|tetx|(?:phone|mobile|cell)\s*(?:number|no\.?))\b"),
    TELEGRAM: re.compile(r"\b(?:t[ae]l[aei]?g[ra]{1,3}m+\w*|tg)\b"),
    WEB: re.compile(
        r"\b(?:web\s*(?:chat|site|page)?|website|browser|online|internet|chat\s*page"
        r"|(?:my\s+)?(?:computer|laptop|pc))\b"),
    HERE: re.compile(
        r"\b(?:here|this\s+(?:chat|app|way|conversation|thread|one|channel)|same\s+place)\b"),
}
# A negation shortly before a mention: that channel is the one being left.
_LEAVING = re.compile(
    r"(?:\binstead\s+of|\brather\s+than|\bnot|\bnever|\bno\s+more|\bstop|\bquit"
    r"|\b(?:do|does|did|wo|ca|is|are|should|would|could)n'?t)"
    r"(?:\s+\w+){0,3}\s*$"
)


def _named(text: str, channel: str) -> bool:
    """The message names this channel as the one wanted (not the one being left)."""
    return any(not _LEAVING.search(text[: m.start()]) for m in _MENTIONS[channel].finditer(text))


def named_channel(text: str) -> str | None:
    """`sms`, `telegram`, `web` or `here` when the message names exactly one way to be
    reached, else None. A named channel beats "here" ("text me, not on here")."""
    lowered = " ".join(text.lower().replace("’", "'").split())
    named = [channel for channel in (SMS, TELEGRAM, WEB) if _named(lowered, channel)]
    if len(named) == 1:
        return named[0]
    if not named and _named(lowered, HERE):
        return HERE
    return None
