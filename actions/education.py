"""Pain education inside a flow. Outside a flow a rule answers `ask_education` with the
ResponseSelector's pick. Inside Pacer's coaching forms an answer can sound like an education
topic ("sitting too long and bad sleep" is an answer, not a question about sleep), so the
form's validator decides: a question gets the education (or, for medicines, the pharmacist)
answer and the same question again; a statement is taken as the answer."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import latest_intent, latest_text
from bot.coaching.questions import looks_like_question


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
