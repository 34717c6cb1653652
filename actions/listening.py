"""Acknowledge, in one line, what a patient tells us about their life inside an answer.

The cue comes from ``bot.coaching.listening``; each kind is acknowledged once per
conversation (a second "that sounds lonely" in the same chat reads as a script).
Nothing heard is stored: only the response name shows up in the tracker.
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.coaching.listening import GENERAL_KEY, Cue, barrier_label, hear

# Named in full so that every response is found in the code (tests/test_rasa_project.py).
RESPONSES = {
    "grief": "utter_heard_grief",
    "low_mood": "utter_heard_low_mood",
    "loneliness": "utter_heard_loneliness",
    "boom_bust": "utter_heard_boom_bust",
    "guilt": "utter_heard_guilt",
    "body_position": "utter_heard_body_position",
    GENERAL_KEY: "utter_heard_barrier",
}


def response_for(cue: Cue) -> str:
    return RESPONSES[cue.key]


def said_before(tracker: Tracker, response: str) -> bool:
    """Whether this response was already sent in this conversation."""
    for event in tracker.events:
        if event.get("event") == "bot" and (event.get("metadata") or {}).get("utter_action") == response:
            return True
    return False


def listen(dispatcher: CollectingDispatcher, tracker: Tracker, text: str, general: bool = True) -> Cue | None:
    """Acknowledge the first thing heard in ``text`` that was not acknowledged yet; return it.

    ``general=False`` skips the general barrier line: where the person was asked for the
    problem itself, naming a barrier is the answer, and the answer is quoted instead."""
    for cue in hear(text):
        response = response_for(cue)
        if cue.key == GENERAL_KEY:
            if not general or said_before(tracker, response):
                continue
            dispatcher.utter_message(response=response, barrier=barrier_label(cue))
            return cue
        if not said_before(tracker, response):
            dispatcher.utter_message(response=response)
            return cue
    return None
