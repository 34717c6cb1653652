"""Shared decisions between a patient and their clinician: how Pacer reads a patient's
answer to a clinician's suggested goal, and what counts as accepting it.

Shared decision-making means the suggestion stays a suggestion: the patient may take it,
change it through the usual goal-setting steps (confidence included: Lorig, CDSMP), or
decline it, and their reason goes back to the clinician (Elwyn et al. 2012, "Shared
decision making: a model for clinical practice"). Pure rules, no Rasa or database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.coaching._text import normalise
from bot.coaching.action_plan import PlanDraft, describe_plan, parse_plan

MAX_NOTE_CHARS = 1000
MAX_REASON_CHARS = 500

# Order matters: "yes but shorter" is a change, "not for me" a decline, "ok" an accept.
_CHANGE = re.compile(
    r"\b(chang\w*|tweak\w*|adjust\w*|modif\w*|different\w*|instead|rather|but\b|shorter|longer|"
    r"less|fewer|more|smaller|easier|half|only\b|maybe (just|only)|swap|edit|alter\w*|tailor)",
)
_DECLINE = re.compile(
    r"\b(no+|nah+|nope|not for me|not (really|now|keen|interested|sure about)|don'?t (want|think|fancy)|"
    r"decline\w*|pass|skip|rather not|can'?t (do|manage) (it|that)|won'?t|never)\b",
)
_ACCEPT = re.compile(
    r"\b(y(es|ea|eah|ep|up|us)|ok(ay)?|k|sure|sounds? (good|great|fine|ok)|good idea|great|"
    r"happy to|i'?ll (try|give it a go|do it|take it)|let'?s (do|go|try)|deal|fine|accept\w*|"
    r"will do|go for it|why not|give it a (go|try|shot)|i can do (that|it))\b",
)


def classify_proposal_answer(text: str, intent: str | None = None) -> str | None:
    """accept | change | decline, or None when the words do not say (then Pacer asks)."""
    words = normalise(text or "")
    if not words:
        return None
    if _CHANGE.search(re.sub(r"\bmore than (happy|glad)", "happy", words)):
        return "change"
    if _DECLINE.search(words) or intent == "deny":
        return "decline"
    if _ACCEPT.search(words) or intent == "affirm":
        return "accept"
    return None


@dataclass(frozen=True)
class Proposal:
    """What a clinician suggested, as Pacer shows it to the patient."""

    kind: str  # action_plan | psfs
    what: str
    how_much: str | None = None
    when: str | None = None
    days_per_week: int | None = None

    @property
    def draft(self) -> PlanDraft:
        return PlanDraft(what=self.what, how_much=self.how_much, when=self.when,
                         days_per_week=self.days_per_week)

    def describe(self) -> str:
        if self.kind == "psfs":
            return self.what
        return describe_plan(self.draft)


def _same(a: str | None, b: str | None) -> bool:
    return normalise(a or "") == normalise(b or "")


def plan_outcome(proposal: Proposal, final: PlanDraft) -> str:
    """`accepted` when the saved plan is the suggestion as it was, otherwise `changed`."""
    same = (
        _same(proposal.what, final.what) and _same(proposal.how_much, final.how_much)
        and _same(proposal.when, final.when) and proposal.days_per_week == final.days_per_week
    )
    return "accepted" if same else "changed"


def activity_outcome(proposal: Proposal, final_activity: str) -> str:
    return "accepted" if _same(proposal.what, final_activity) else "changed"


def clean_reason(text: str) -> str | None:
    """The patient's reason for declining, or None for "skip"/"no reason"."""
    stripped = (text or "").strip()
    if not stripped or stripped.startswith("/"):
        return None
    if re.fullmatch(r"(skip|no( reason)?|nah|nothing|none|n/?a|rather not say|-)\W*", normalise(stripped)):
        return None
    return stripped[:MAX_REASON_CHARS]


def clean_note(text: str) -> str:
    """A clinician's note as it will be sent: trimmed, internal whitespace kept, bounded."""
    body = "\n".join(line.rstrip() for line in (text or "").strip().splitlines())
    if not body:
        raise ValueError("Write a note first.")
    if len(body) > MAX_NOTE_CHARS:
        raise ValueError(f"Keep the note under {MAX_NOTE_CHARS} characters (it may go by SMS).")
    return body


def apply_changes(draft: PlanDraft, text: str) -> tuple[PlanDraft, bool]:
    """The amount, time or days a patient names while changing a suggested plan ("could I do
    5 minutes instead, mornings"), applied to it. The activity itself is changed in the plan
    steps, never guessed from a sentence that is mostly about something else."""
    text = (text or "")[:500]
    if text.startswith("/"):
        return draft, False
    found = parse_plan(text)
    changes = {"how_much": found.how_much, "when": found.when, "days_per_week": found.days_per_week}
    changes = {key: value for key, value in changes.items() if value not in (None, "")}
    if not changes:
        return draft, False
    return replace(draft, **changes), True
