"""Digressions inside any form: the validator guard, pausing and resuming a form.

Every form validator inherits `GuardedFormValidation`: before a slot's own validator
runs, the message that filled the requested slot is judged by
`bot.coaching.digressions.judge_answer` on its text and the whole intent ranking. A
question, a command, a refusal or "I don't know" is never stored; it is answered (or
helped) and the form asks again, rephrased with help from the second time on and with
a way out (later, something else, stop) from the third.
"""

from __future__ import annotations

import inspect
import logging
from abc import abstractmethod
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import latest_intent, response_texts
from actions.education import education_response
from bot.coaching.digressions import (
    FEELINGS_ANSWER_SLOTS,
    PAUSING_INTENTS,
    Verdict,
    is_rude,
    judge_answer,
    own_flow_intents,
)

logger = logging.getLogger(__name__)

#: How each form is named when Pacer puts it on hold or comes back to it.
FORM_TOPICS = {
    "onboarding_form": "getting you set up",
    "values_form": "what matters to you",
    "psfs_form": "your everyday activities",
    "plan_form": "your plan for this week",
    "problem_form": "working through what gets in the way",
    "flare_plan_form": "your flare-up plan",
    "flare_form": "the flare-up steps",
    "checkin_form": "your check-in",
    "checkin_prefs_form": "when I check in with you",
    "phq4_form": "the wellbeing questions",
    "safety_form": "the safety questions",
    "note_reply_form": "your reply to your clinician",
    "proposal_psfs_form": "your clinician's suggestion",
    "proposal_reason_form": "your clinician's suggestion",
}

#: An example answer per question, given when the same question comes a second time.
EXAMPLES = {
    "patient_name": "Just the name you'd like me to use, like \"Sam\", or say \"skip\".",
    "value_text": "For example: \"playing with my grandkids\" or \"getting back to the garden\".",
    "psfs_activities_text": "For example: \"walking the dog, gardening, sitting at my desk\".",
    "plan_what": "For example: \"a short walk\" or \"10 minutes of stretches\".",
    "plan_how_much": "For example: \"10 minutes\" or \"to the end of the street\".",
    "plan_when": "For example: \"after breakfast\" or \"Monday evening\".",
    "plan_how_often": "For example: \"3 days\" or \"Mon, Wed and Fri\".",
    "ps_problem": "For example: \"I'm too tired after work\" or \"I feel guilty taking time for me\".",
    "ps_ideas_text": "For example: \"do it in the morning, ask my partner to help\".",
    "ps_choice": "Tap one of the ideas, or type its number.",
    "ps_plan": "For example: \"ask my sister on Saturday to walk with me\".",
    "fp_warning_signs": "For example: \"stiff in the morning, sleeping badly\".",
    "fp_what_helps": "For example: \"heat pack, a gentle walk, slow breathing\".",
    "fp_drop_postpone": "For example: \"the big shop, mowing the lawn\".",
    "fp_who_to_tell": "For example: \"my husband\" or \"my manager\".",
    "fp_seek_care": "For example: \"if it's no better after a week\".",
    "checkin_prefs_text": "For example: \"Tuesdays at 7pm\" or \"every fortnight, Perth time\".",
    "checkin_outcome": "For example: \"did it most days\" or \"didn't get to it\".",
    "consent": "Just \"yes\" or \"no\" is fine.",
    "safety_answer": "Just \"yes\" or \"no\" is fine.",
    "flare_screen": "Just \"yes\" or \"no, none of those\".",
    "checkin_next": "For example: \"keep it\", \"make it easier\" or \"something new\".",
    "note_reply_text": "A line or two is plenty, for example: \"thanks, I'll try that\".",
    "proposal_reason": "For example: \"it's too much with work this week\".",
}
PHQ_EXAMPLE = ("Tap a button, or say \"not at all\", \"several days\", \"more than half the days\" "
               "or \"nearly every day\".")
SCORE_EXAMPLE = "Just a number from 0 to 10 is fine, for example \"6\"."
NAME_SLOT = "patient_name"


def example_for(slot: str) -> str:
    if slot in EXAMPLES:
        return EXAMPLES[slot]
    if slot.startswith("phq"):
        return PHQ_EXAMPLE
    if any(part in slot for part in ("score", "peg", "confidence", "psfs")):
        return SCORE_EXAMPLE
    return "A few words in your own way is plenty."


def _attempts(tracker: Tracker, slot: str) -> int:
    """How many times this slot has been asked and not answered ("slot:n")."""
    raw = tracker.get_slot("ask_attempts") or ""
    name, _, count = raw.partition(":")
    return int(count) if name == slot and count.isdigit() else 0


def _last_value(events: list[EventType], slot: str | None) -> Any:
    values = [e.get("value") for e in events if e.get("event") == "slot" and e.get("name") == slot]
    return values[-1] if values else None


def _quotes(value: Any, text: str) -> bool:
    """The stored value is (most of) the raw message, not something read out of it."""
    if not isinstance(value, str) or not value.strip():
        return False
    words = set(text.lower().split())
    return len(words & set(value.lower().split())) >= max(2, len(words) // 2)


def _asked_again(events: list[EventType], slot: str, said: list[dict[str, Any]]) -> bool:
    """The validator could not use the answer ("..._unclear") and changed nothing else: the
    same question is coming again. A correction or a next step sets other slots."""
    others = [e for e in events if e.get("event") == "slot" and e.get("name") not in (slot, "requested_slot")
              and e.get("value") is not None]
    return not others and any("unclear" in str(m.get("response") or "") for m in said)


def _ranking(tracker: Tracker) -> list[dict[str, Any]]:
    message = tracker.latest_message or {}
    ranking = list(message.get("intent_ranking") or [])
    if not ranking and message.get("intent"):
        ranking = [message["intent"]]
    return ranking


class GuardedFormValidation(FormValidationAction):
    """A form validator that never stores a digression, a refusal or "I don't know".

    Subclasses name the slots that may be skipped (`skippable`) and the yes/no questions
    (`no_is_an_answer`), and may give their own help to someone unsure (`help_when_unsure`).
    """

    skippable: tuple[str, ...] = ()
    #: yes/no questions and screens: "no", "none of those" is an answer there.
    no_is_an_answer: tuple[str, ...] = ()
    #: Questions whose answer may come in parts ("4 days after brekkie" at "what"): when
    #: a part is kept and the same question comes again, Pacer says it kept it.
    partial_answers: tuple[str, ...] = ()
    #: "I don't know" is handled by the slot's own validator (it offers suggestions).
    unsure_goes_to_form: tuple[str, ...] = ()

    @abstractmethod
    def name(self) -> str:
        """Abstract, so that the action server registers only the real validators."""

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        slot = tracker.get_slot("requested_slot")
        candidates = tracker.slots_to_validate()
        text = ((tracker.latest_message or {}).get("text") or "").strip()
        pending_slot, _, pending = (tracker.get_slot("pending_answer") or "").partition(":")
        if not (slot and pending and pending_slot == slot and text == "/affirm" and slot in candidates):
            pending = ""
        else:  # "That was my answer": validate the words they typed before.
            tracker.latest_message = {**tracker.latest_message, "text": pending,
                                      "intent": {"name": "inform", "confidence": 1.0}}
            tracker.slots[slot] = pending
        verdict = Verdict("answer")
        if slot and isinstance(candidates.get(slot), str) and not text.startswith("/") and not pending:
            verdict = judge_answer(text, _ranking(tracker), skippable=slot in self.skippable,
                                   no_is_an_answer=slot in self.no_is_an_answer,
                                   own_intents=own_flow_intents(self.form_name()),
                                   feelings_answer=slot in FEELINGS_ANSWER_SLOTS.get(self.form_name(), ()))
            if verdict.kind == "skip":
                return [SlotSet(slot, ""), SlotSet("ask_attempts", None), SlotSet("pending_answer", None)]
            if verdict.kind == "unsure" and slot in self.unsure_goes_to_form:
                verdict = Verdict("answer")
            if verdict.kind not in ("answer", "ask_first"):
                return await self._not_an_answer(verdict, slot, text, dispatcher, tracker, domain)
        said_before = len(dispatcher.messages)
        events = await super().get_validation_events(dispatcher, tracker, domain)
        value = _last_value(events, slot)
        if verdict.kind == "ask_first" and _quotes(value, text):
            # The form's own validator would store the question itself ("what about the money
            # thing" as the chosen idea): ask instead. A validator that read something else out
            # of it (a snooze, a number, suggested ideas) has answered it its own way.
            del dispatcher.messages[said_before:]
            return await self._not_an_answer(verdict, slot, text, dispatcher, tracker, domain)
        if slot and slot in candidates:
            if value not in (None, ""):
                events += [SlotSet(name, None) for name in ("ask_attempts", "pending_answer")
                           if tracker.get_slot(name) is not None]
            elif slot in self.partial_answers and not dispatcher.messages[said_before:]:
                # part of the answer kept, the same question comes next: say so, not it twice
                dispatcher.utter_message(response="utter_partial_kept")
            elif _asked_again(events, slot, dispatcher.messages[said_before:]):
                if slot == NAME_SLOT and _attempts(tracker, slot) >= 1:
                    del dispatcher.messages[said_before:]  # no third "I just need a name"
                events += self._count_and_help(slot, tracker, dispatcher)
        return events

    def help_when_unsure(self, slot: str, tracker: Tracker, dispatcher: CollectingDispatcher) -> bool:
        """A form's own help for "I don't know" (ideas to choose from); False for the generic one."""
        return False

    async def _not_an_answer(self, verdict: Verdict, slot: str, text: str,
                             dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> list[EventType]:
        logger.info("form %s: %s instead of an answer to %s", self.form_name(), verdict.kind, slot)
        events: list[EventType] = [SlotSet(slot, None)]
        if slot == NAME_SLOT and _attempts(tracker, slot) >= 1:
            pass  # the second miss goes on without a name: no more about it
        elif verdict.kind == "digression" and verdict.intent:
            await answer_digression(verdict.intent, dispatcher, tracker, domain)
        elif verdict.kind == "ask_first":
            buttons = [{"title": "That was my answer", "payload": "/affirm"}]
            if verdict.intent in PAUSING_INTENTS:
                buttons.append({"title": "Answer my question first", "payload": f"/{verdict.intent}"})
            else:
                buttons.append({"title": "Answer my question first", "payload": "/pause_form"})
            dispatcher.utter_message(response="utter_answer_or_question", buttons=buttons)
            events.append(SlotSet("pending_answer", f"{slot}:{text[:500]}"))
        elif verdict.kind == "unsure":
            if not self.help_when_unsure(slot, tracker, dispatcher):
                dispatcher.utter_message(response="utter_unsure_help", example=example_for(slot))
        elif verdict.intent == "out_of_scope":  # "what can you do"
            dispatcher.utter_message(response="utter_capabilities")
        elif verdict.kind == "refusal":
            rude = is_rude(text)
            dispatcher.utter_message(response="utter_rude_ok" if rude else "utter_not_stored_refusal")
        if verdict.kind == "digression":
            return events  # a question answered: the form asks again, nothing was missed
        return events + self._count_and_help(slot, tracker, dispatcher)

    def _count_and_help(self, slot: str, tracker: Tracker,
                        dispatcher: CollectingDispatcher) -> list[EventType]:
        """Second ask: an example; third: a way out. The name question gives up after one retry."""
        attempt = _attempts(tracker, slot) + 1
        if slot == NAME_SLOT and attempt >= 2:
            return [SlotSet(NAME_SLOT, ""), SlotSet("ask_attempts", None)]  # go on without a name
        if attempt >= 2 and attempt % 2 == 0:
            dispatcher.utter_message(response="utter_ask_again_example", example=example_for(slot))
        elif attempt >= 3:  # the third miss, and every other one after: a way out
            dispatcher.utter_message(response="utter_offer_way_out")
        return [SlotSet("ask_attempts", f"{slot}:{attempt}")]


async def answer_digression(intent: str, dispatcher: CollectingDispatcher, tracker: Tracker,
                            domain: DomainDict) -> None:
    """Answer a question the classifier ranked but did not put first, as its rule would."""
    if intent == "ask_education":
        dispatcher.utter_message(response=education_response(tracker) or "utter_default")
        return
    responses = {
        "bot_challenge": ("utter_iamabot",),
        "non_english": ("utter_english_only",),
        "out_of_scope": ("utter_out_of_scope", "utter_capabilities"),
        "ask_medication": ("utter_medication_clinician",),
        "greet": ("utter_greet_in_form",),
    }
    if intent in responses:
        for response in responses[intent]:
            dispatcher.utter_message(response=response)
        return
    action = registered_action(DIGRESSION_ACTIONS.get(intent, ""))
    if action is not None:
        await action.run(dispatcher, tracker, domain)
    else:
        dispatcher.utter_message(response="utter_default")


#: Digressions answered by another flow's own action, by the action's name. Those flows use
#: this module's form guard themselves, so they are found among the registered actions
#: (rasa-sdk imports every module of `actions`) instead of imported here.
DIGRESSION_ACTIONS = {"show_plans": "action_show_plans", "data_summary": "action_data_summary",
                      "talk_to_person": "action_talk_to_person",
                      "express_distress": "action_distress_support"}  # a feelings question, no barrier


_registered: dict[str, type[Action]] = {}


def registered_action(name: str) -> Action | None:
    """A new instance of the loaded `Action` subclass called `name`, as rasa-sdk's executor
    finds actions. The name -> class map is built once and rebuilt when a name is missing
    (an action module imported later)."""
    if name not in _registered:
        _registered.clear()
        _registered.update(_walk_actions())
    cls = _registered.get(name)
    return cls() if cls is not None else None


def _walk_actions() -> dict[str, type[Action]]:
    found: dict[str, type[Action]] = {}
    pending = list(Action.__subclasses__())
    while pending:
        cls = pending.pop()
        pending += cls.__subclasses__()
        if cls.__module__.startswith("rasa_sdk") or inspect.isabstract(cls):
            continue
        try:
            action = cls()
        except TypeError:  # needs arguments: not a registered action
            continue
        found.setdefault(action.name(), cls)
    return found


class ActionPauseForm(Action):
    """Put the active form on hold with its answers kept (a flare, distress, another flow,
    or "later"), and say so; flare and distress get help first and the offer after."""

    def name(self) -> str:
        return "action_pause_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        form = tracker.active_loop.get("name") if tracker.active_loop else None
        if not form:
            if latest_intent(tracker) == "pause_form":
                dispatcher.utter_message(response="utter_capabilities")
            return []
        topic = FORM_TOPICS.get(form, "this")
        intent = latest_intent(tracker)
        if intent in ("report_flare", "express_distress"):
            dispatcher.utter_message(response="utter_form_paused_for_help", form_topic=topic)
        else:
            dispatcher.utter_message(response="utter_form_paused", form_topic=topic)
            if intent == "pause_form":
                dispatcher.utter_message(response="utter_capabilities")
        return [SlotSet("paused_form", form), ActiveLoop(None), SlotSet("requested_slot", None),
                SlotSet("ask_attempts", None), SlotSet("pending_answer", None)]


class ActionOfferResume(Action):
    """After help (a flare, distress), offer to go back to the form that was put on hold."""

    def name(self) -> str:
        return "action_offer_resume"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        form = tracker.get_slot("paused_form")
        if form:
            dispatcher.utter_message(response="utter_offer_resume", form_topic=FORM_TOPICS.get(form, "that"))
        return []


class ActionResumeForm(Action):
    """"Carry on": reactivate the form on hold; the form asks its next missing question."""

    def name(self) -> str:
        return "action_resume_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        form = tracker.get_slot("paused_form")
        active = (tracker.active_loop or {}).get("name")
        if not form:
            if active:  # "carry on" inside a form: it simply goes on
                dispatcher.utter_message(response="utter_already_on_it")
                return [ActiveLoop(active)]
            dispatcher.utter_message(response="utter_nothing_paused")
            return []
        # Inside the flow that interrupted it (the flare steps), "carry on" goes back.
        dispatcher.utter_message(response="utter_form_resumed", form_topic=FORM_TOPICS.get(form, "that"))
        return [SlotSet("paused_form", None), ActiveLoop(form), SlotSet("requested_slot", None)]


class ActionCloseOnce(Action):
    """One goodbye: "no that's all" after Pacer already said goodbye gets no second one."""

    def name(self) -> str:
        return "action_close_once"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        response = "utter_goodbye" if latest_intent(tracker) == "goodbye" else "utter_ok_later"
        closings = response_texts("utter_goodbye", "utter_ok_later")
        last_bot = next((e.get("text") for e in reversed(tracker.events) if e.get("event") == "bot"), None)
        if last_bot not in closings:
            dispatcher.utter_message(response=response)
        return []
