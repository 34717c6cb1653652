"""Pain education inside a flow. Outside a flow a rule answers `ask_education` with the
ResponseSelector's pick. Inside Pacer's coaching forms an answer can sound like an education
topic ("sitting too long and bad sleep" is an answer, not a question about sleep), so the
form's validator decides: a question gets the education (or, for medicines, the pharmacist)
answer and the same question again; a statement is taken as the answer."""

from __future__ import annotations

import re

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import latest_intent, latest_text

FILLER = re.compile(
    r"^\W*((wait|hang on|hold on|ok(ay)?|sorry|um+|hmm+|quick question|oh|so|but|actually)\W+)+", re.I
)
QUESTION_START = re.compile(
    r"^(why|how|what|whats|what's|when|which|who|is|isn'?t|are|am|does|doesn'?t|do|did|should|shouldn'?t|can|"
    r"could|will|would|may|might|any (tips|advice|ideas))\b",
    re.I,
)
ASKING = re.compile(
    r"\b(is it true|i wonder|tell me (about|why|how)|explain|i('| a)?m (curious|wondering))\b", re.I
)


def looks_like_question(text: str) -> bool:
    stripped = FILLER.sub("", (text or "").strip())
    return stripped.endswith("?") or bool(QUESTION_START.match(stripped)) or bool(ASKING.search(stripped))


def education_response(tracker: Tracker) -> str | None:
    """The response the ResponseSelector chose for this message, e.g. utter_ask_education/sleep."""
    selector = ((tracker.latest_message or {}).get("response_selector") or {}).get("ask_education") or {}
    response = selector.get("response") or {}
    key = response.get("intent_response_key")
    return f"utter_{key}" if key else response.get("utter_action")


def answer_question_in_form(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Answer an education or medication question asked inside a form; False for an answer."""
    intent = latest_intent(tracker)
    if intent not in ("ask_education", "ask_medication") or not looks_like_question(latest_text(tracker)):
        return False
    if intent == "ask_medication":
        dispatcher.utter_message(response="utter_medication_clinician")
        return True
    response = education_response(tracker)
    if response is None:
        return False
    dispatcher.utter_message(response=response)
    return True
