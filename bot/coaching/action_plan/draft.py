"""A weekly action plan being filled in over several turns (Lorig's what, how much, when, how often)."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

#: The four parts of a Lorig action plan, in the order the bot asks for them.
FIELDS = ("what", "how_much", "when", "how_often")

_FIELD_ATTR = {
    "what": "what",
    "how_much": "how_much",
    "when": "when",
    "how_often": "days_per_week",
}
@dataclass(frozen=True)
class PlanDraft:
    """A (possibly partial) action plan, filled in over several turns."""

    what: str | None = None
    how_much: str | None = None
    when: str | None = None
    days_per_week: int | None = None

    def __post_init__(self) -> None:
        # Rasa float slots hand us 4.0; accept whole floats, refuse nonsense so
        # a bad value fails loudly here rather than in a saved plan.
        days = self.days_per_week
        if days is None:
            return
        if isinstance(days, bool) or not isinstance(days, (int, float)):
            raise TypeError(f"days_per_week must be an int, not {type(days).__name__}")
        if float(days) != int(days) or not 1 <= int(days) <= 7:
            raise ValueError(f"days_per_week must be a whole number 1..7, not {days!r}")
        object.__setattr__(self, "days_per_week", int(days))

    def missing(self) -> list[str]:
        """Names from FIELDS still empty, in asking order, so the bot knows what to ask next."""
        out = []
        for name in FIELDS:
            value = getattr(self, _FIELD_ATTR[name])
            if value is None or (isinstance(value, str) and not value.strip()):
                out.append(name)
        return out

    def merge(self, update: PlanDraft) -> PlanDraft:
        """Combine turns: anything the newer message set wins, the rest is kept."""
        changes = {}
        for f in fields(self):
            value = getattr(update, f.name)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            changes[f.name] = value
        return replace(self, **changes)

    def is_complete(self) -> bool:
        """True when all four parts of the action plan are filled in."""
        return not self.missing()
