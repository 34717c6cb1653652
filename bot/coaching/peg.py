"""PEG-3 (Krebs et al. 2009, J Gen Intern Med 24:733-738): three 0-10 items on average
pain (P), interference with enjoyment of life (E) and with general activity (G) over the
past week. The score is the mean of the three; a change of about one point is taken as
meaningful (Krebs 2009 report responsiveness comparable to the BPI; DESIGN.md uses ~1).

Plain Python: no Rasa, no database.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.coaching.confidence import parse_score

__all__ = ["MEANINGFUL_CHANGE", "PegResult", "compare", "parse_item"]

MEANINGFUL_CHANGE = 1.0
ITEMS = ("pain", "enjoyment", "activity")


@dataclass(frozen=True)
class PegResult:
    pain: int
    enjoyment: int
    activity: int

    def __post_init__(self) -> None:
        for item in ITEMS:
            value = getattr(self, item)
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
                raise ValueError(f"PEG {item} must be an int 0..10, not {value!r}")

    @property
    def score(self) -> float:
        """The PEG score: the mean of the three items, to one decimal."""
        return round((self.pain + self.enjoyment + self.activity) / 3, 1)


def parse_item(text: str) -> int | None:
    """A 0-10 answer to one PEG item ("6", "about a seven", "6/10"), or None to ask again.

    Two numbers ("6 or 7") give the lower, as for confidence ratings; percentages and
    numbers off the scale are refused."""
    return parse_score(text)


def compare(previous: PegResult | None, current: PegResult) -> str:
    """'better', 'worse' or 'same' (within a point) compared with the previous result;
    'first' when there is none. Lower PEG is better."""
    if previous is None:
        return "first"
    delta = current.score - previous.score
    if delta <= -MEANINGFUL_CHANGE:
        return "better"
    if delta >= MEANINGFUL_CHANGE:
        return "worse"
    return "same"
