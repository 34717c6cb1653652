"""PHQ-4 (Kroenke et al. 2009): PHQ-2 (interest, low mood) + GAD-2 (nervous, worry).

Each item 0-3 over the last two weeks; a subscale total of 3 or more warrants
follow-up with a clinician. Pfizer released the PHQ/GAD without copyright restriction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ITEMS = ("interest", "down", "nervous", "worry")
FLAG_THRESHOLD = 3
ANSWERS = {
    0: ("not at all", "never", "none", "no"),
    1: ("several days", "some days", "a few days", "sometimes", "a bit", "a little"),
    2: ("more than half", "most days", "often", "a lot", "half the days"),
    3: ("nearly every day", "every day", "all the time", "always", "constantly", "daily"),
}


def parse_item(text: str) -> int | None:
    """0-3 from a button payload, a digit or the answer's words."""
    cleaned = (text or "").strip().lower()
    if re.fullmatch(r"[0-3]", cleaned):
        return int(cleaned)
    for score in (3, 2, 1, 0):  # longest, most specific phrases first
        if any(phrase in cleaned for phrase in ANSWERS[score]):
            return score
    return None


@dataclass(frozen=True)
class Phq4:
    interest: int
    down: int
    nervous: int
    worry: int

    def __post_init__(self) -> None:
        for item in ITEMS:
            if not 0 <= getattr(self, item) <= 3:
                raise ValueError(f"PHQ-4 item {item} must be 0-3")

    @property
    def phq2(self) -> int:
        return self.interest + self.down

    @property
    def gad2(self) -> int:
        return self.nervous + self.worry

    @property
    def needs_follow_up(self) -> bool:
        return self.phq2 >= FLAG_THRESHOLD or self.gad2 >= FLAG_THRESHOLD
