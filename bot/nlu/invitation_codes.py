"""The shape of a clinic's invitation code in chat, one rule for the NLU guard and the action.

Codes are two groups of 4 letters and digits, each with a digit (bot.services.dashboard);
people add a space or a dash between the groups when they copy them. A message that is
nothing but a code ("69CL3T6L") means "here is my clinic code": no classifier is needed.
"""

from __future__ import annotations

import re

CODE_INTENT = "enter_clinic_code"
CODE_PATTERN = re.compile(r"(?=\b([A-Za-z0-9]{4})[\s-]?([A-Za-z0-9]{4})\b)")
BARE_CODE = re.compile(r"^\W*([A-Za-z0-9]{4})[\s-]?([A-Za-z0-9]{4})\W*$")


def _halves_ok(halves: tuple[str, str]) -> bool:
    return all(any(ch.isdigit() for ch in half) for half in halves)


def find_code(text: str | None) -> str | None:
    """The first code-shaped run (so ordinary words are never taken for a code)."""
    for match in CODE_PATTERN.finditer(text or ""):
        halves = match.group(1), match.group(2)
        if _halves_ok(halves):
            return "".join(halves).upper()
    return None


def is_bare_code(text: str | None) -> bool:
    """The whole message is one code (with a letter, so a number such as a date is not)."""
    match = BARE_CODE.match((text or "").strip())
    if match is None:
        return False
    halves = match.group(1), match.group(2)
    return _halves_ok(halves) and any(ch.isalpha() for ch in "".join(halves))
