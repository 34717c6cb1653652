"""How a safety rule is written: the levels and the `Rule` record the tables use.

A rule is a named regular expression over *normalised* text (lower case, typos and
leetspeak undone, see `engine.normalise`), with a level (what Pacer does) and a
category (what the clinician sees). Optional parts: ``requires`` (another pattern
that must also occur), ``veto_before``/``veto_after`` (a fixed different sense, such
as "cut myself shaving"), ``idiom_after`` (an idiom: downgrade to the check question).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

CRISIS = "crisis"
CHECK = "crisis_check"
THIRD = "crisis_third_person"
RED_FLAG = "red_flag"
NONE = "none"


@dataclass(frozen=True)
class Rule:
    """One named pattern. ``veto_*`` mark a different fixed sense (not a downgrade)."""

    id: str
    level: str
    category: str
    pattern: re.Pattern[str]
    requires: re.Pattern[str] | None = None  # must also occur in the message
    veto_before: re.Pattern[str] | None = None  # searched in the ~40 chars before
    veto_after: re.Pattern[str] | None = None  # matched at the start of the text after
    idiom_after: re.Pattern[str] | None = None  # idiomatic sense -> downgrade to check
    subject_check: bool = True  # may the grammatical subject be someone else?
    historical_exempt: bool = False  # red flags: history is the point (cancer)


def _c(pattern: str | Iterable[str]) -> re.Pattern[str]:
    if not isinstance(pattern, str):
        pattern = "|".join(f"(?:{p})" for p in pattern)
    return re.compile(pattern)


def rule(rule_id: str, level: str, category: str, pattern: str | Iterable[str], *,
         requires: str | None = None, veto_before: str | None = None,
         veto_after: str | None = None, idiom_after: str | None = None,
         subject_check: bool = True, historical_exempt: bool = False) -> Rule:
    """A rule from its patterns (a list is joined as alternatives)."""
    return Rule(
        id=rule_id, level=level, category=category, pattern=_c(pattern),
        requires=_c(requires) if requires else None,
        veto_before=_c(veto_before) if veto_before else None,
        veto_after=_c(veto_after) if veto_after else None,
        idiom_after=_c(idiom_after) if idiom_after else None,
        subject_check=subject_check, historical_exempt=historical_exempt,
    )
