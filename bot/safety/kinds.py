"""The kinds of safety event Pacer records, and how clinicians see them named.

One owner for the wording: the patient summaries and the clinic overview both read
these labels, so a new kind (such as `red_flag_screen`) is named once.
"""

from __future__ import annotations

# In the order the clinic overview lists them: crisis first, then red flags.
SAFETY_KIND_LABELS: dict[str, str] = {
    "crisis": "Crisis message",
    "crisis_check": "Possible crisis wording (check question asked)",
    "crisis_third_person": "Concern about someone else's safety",
    "red_flag": "Red-flag symptom",
    "red_flag_screen": "Possible red-flag symptom (screening question asked, no alert)",
    "talk_to_person": "Asked to talk to a person",
}


def safety_kind_label(kind: str) -> str:
    """The clinician-facing name of a safety event kind (the kind itself if unknown)."""
    return SAFETY_KIND_LABELS.get(kind, kind.replace("_", " "))
