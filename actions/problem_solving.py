"""Guided problem solving (Lorig, CDSMP) as a form: the problem in the person's words,
their ideas, then suggestions from the barrier library, a choice, a small plan and a
confidence check. Reached by asking, or from a partly done or missed plan."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import (
    as_int,
    channel_of,
    consented_state,
    flow_slots,
    latest_entity,
    latest_intent,
    latest_text,
    reply_button,
)
from actions.digressions import GuardedFormValidation
from actions.education import answer_question_in_form
from actions.listening import listen
from bot.coaching.answers import (
    QUOTE_LIMIT,
    is_unsure,
    pick_number,
    read_answer,
    refuses_all,
    shorten,
    without_chatter,
)
from bot.coaching.barriers import GENERAL_IDEAS, detect_barriers, suggest_ideas
from bot.coaching.confidence import needs_revision, parse_score
from bot.coaching.problem_solving import (
    Idea,
    build_ideas,
    changes_problem,
    choose_idea,
    numbered,
    parse_ideas,
    restated_problem,
    split_problem_and_ideas,
    untried_ideas,
)
from bot.services import goals
from bot.services import problem_solving as ps

MAX_TEXT = 500
# A problem can sound out of scope ("it rained every day"), so only small talk is not an answer.
NOT_A_PROBLEM_INTENTS = {"greet", "goodbye", "thank", "show_plans"}
QUOTABLE_WORDS = 14
PS_SLOTS = flow_slots("problem_form")


def _ideas_for_new_barriers(text: str, ideas: list[Idea]) -> list[Idea]:
    """Library ideas for a barrier named at the choice step that the list does not cover yet."""
    have = [idea.text for idea in ideas]
    fresh = [Idea(idea, "suggested") for idea in suggest_ideas(text, exclude=have, limit=3)
             if idea not in GENERAL_IDEAS]
    return fresh if detect_barriers(text) else []


def quotable(text: str | None) -> bool:
    return bool(text) and len(text.split()) <= QUOTABLE_WORDS


def _ideas(tracker: Tracker) -> list[Idea]:
    return [Idea(i["text"], i.get("source", "own")) for i in tracker.get_slot("ps_ideas") or []]


class ActionStartProblemSolving(Action):
    """Fresh slots; a plan under review or an earlier record to pick another idea from."""

    def name(self) -> str:
        return "action_start_problem_solving"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        state = consented_state(tracker, dispatcher)
        if state is None:
            return [SlotSet("coaching_step", None)]
        goals.note_contact(tracker.sender_id, channel_of(tracker))
        events: list[EventType] = [SlotSet(slot, None) for slot in PS_SLOTS]
        record_id = as_int(latest_entity(tracker, "ps_record"))
        record = ps.get(tracker.sender_id, record_id) if record_id else None
        if record is not None:
            left = untried_ideas([i.as_dict() for i in record.ideas], record.tried)
            ideas = left or build_ideas(record.problem, [])
            dispatcher.utter_message(response="utter_ps_another_idea", problem=record.problem)
            events += [
                SlotSet("ps_problem", record.problem),
                SlotSet("ps_ideas_text", "(earlier ideas)"),
                SlotSet("ps_ideas", [idea.as_dict() for idea in ideas]),
            ]
        else:
            dispatcher.utter_message(response="utter_ps_intro")
            plan_id = as_int(tracker.get_slot("pending_plan_id"))
            if plan_id is not None and goals.get_plan(tracker.sender_id, plan_id) is not None:
                events.append(SlotSet("ps_origin_plan_id", plan_id))
        return events + [SlotSet("coaching_step", "problem_solving")]


class ActionAskPsProblem(Action):
    def name(self) -> str:
        return "action_ask_ps_problem"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        plan_id = as_int(tracker.get_slot("ps_origin_plan_id"))
        plan = goals.get_plan(tracker.sender_id, plan_id) if plan_id else None
        if plan is not None:
            dispatcher.utter_message(response="utter_ask_ps_problem_plan", plan_text=plan.text)
        else:
            dispatcher.utter_message(response="utter_ask_ps_problem")
        return []


class ValidateProblemForm(GuardedFormValidation):
    unsure_goes_to_form = ("ps_ideas_text",)  # "no idea": ideas that help others

    def name(self) -> str:
        return "validate_problem_form"

    def validate_ps_problem(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") != "ps_problem":
            return {}  # set by the start action, not typed now
        if answer_question_in_form(dispatcher, tracker):
            return {"ps_problem": None}
        text = latest_text(tracker).strip()
        if len(text) < 3 or text.startswith("/") or latest_intent(tracker) in NOT_A_PROBLEM_INTENTS:
            dispatcher.utter_message(response="utter_ps_problem_unclear")
            return {"ps_problem": None}
        problem, ideas = split_problem_and_ideas(shorten(without_chatter(text), MAX_TEXT))
        if listen(dispatcher, tracker, text, general=False) is None:
            self._heard(dispatcher, problem)
        slots: dict[str, Any] = {"ps_problem": problem}
        if ideas:  # an idea came with the problem: keep it, and ask only for a choice
            slots["ps_ideas_text"] = "; ".join(ideas)
            slots["ps_ideas"] = [idea.as_dict() for idea in build_ideas(problem, ideas)]
        return slots

    @staticmethod
    def _heard(dispatcher: CollectingDispatcher, problem: str) -> None:
        if quotable(problem):
            dispatcher.utter_message(response="utter_ps_problem_heard", problem=problem)
        else:
            dispatcher.utter_message(response="utter_ps_problem_heard_long")

    def _restate(self, dispatcher: CollectingDispatcher, text: str) -> dict[str, Any]:
        problem = shorten(without_chatter(restated_problem(text)), MAX_TEXT)
        dispatcher.utter_message(response="utter_ps_problem_changed", problem=problem)
        return {"ps_problem": problem, "ps_ideas_text": None, "ps_ideas": None, "ps_choice": None,
                "ps_plan": None, "ps_confidence": None}

    def validate_ps_ideas_text(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") != "ps_ideas_text":
            return {}
        if answer_question_in_form(dispatcher, tracker):
            return {"ps_ideas_text": None}
        text = latest_text(tracker).strip()[:MAX_TEXT]
        if changes_problem(text):
            return self._restate(dispatcher, text)
        listen(dispatcher, tracker, text)
        refused = latest_intent(tracker) == "deny" or refuses_all(text) or is_unsure(text)
        own = [] if refused else parse_ideas(read_answer(text).text or without_chatter(text))
        ideas = build_ideas(tracker.get_slot("ps_problem") or "", own)
        return {"ps_ideas_text": text or "none", "ps_ideas": [idea.as_dict() for idea in ideas]}

    def validate_ps_choice(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") != "ps_choice":
            return {}
        if answer_question_in_form(dispatcher, tracker):
            return {"ps_choice": None}
        text = latest_text(tracker).strip()[:MAX_TEXT]
        if changes_problem(text):
            return self._restate(dispatcher, text)
        ideas = _ideas(tracker)
        listen(dispatcher, tracker, text)
        chosen = None if is_unsure(text) else choose_idea(text, ideas)
        if chosen is None:
            more = _ideas_for_new_barriers(text, ideas)
            if more:  # "what about the money thing?": ideas for what they just named
                dispatcher.utter_message(response="utter_ps_more_ideas")
                return {"ps_choice": None, "ps_ideas": [idea.as_dict() for idea in ideas + more]}
            dispatcher.utter_message(response="utter_ps_choice_unclear")
            return {"ps_choice": None}
        slots: dict[str, Any] = {"ps_choice": chosen.text}
        if chosen not in ideas:
            slots["ps_ideas"] = [idea.as_dict() for idea in ideas + [chosen]]
        answer = read_answer(text)
        # A whole plan given as the choice ("walk at lunch, 10 min, 3 days"): keep it.
        if answer.parts >= 3 and answer.plan.what:
            slots["ps_plan"] = shorten(answer.text, QUOTE_LIMIT)
        return slots

    def validate_ps_plan(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") != "ps_plan":
            return {}
        if answer_question_in_form(dispatcher, tracker):
            return {"ps_plan": None}
        raw = latest_text(tracker).strip()
        listen(dispatcher, tracker, raw)
        answer = read_answer(raw)
        ideas = _ideas(tracker)
        other = choose_idea(raw, ideas) if answer.correction and pick_number(raw, len(ideas)) else None
        if other is not None and other.text != tracker.get_slot("ps_choice"):
            # "no wait, number 1 instead": the choice changes, the plan question comes again
            dispatcher.utter_message(response="utter_ps_choice_changed", choice=other.text)
            return {"ps_choice": other.text, "ps_plan": None}
        text = answer.text
        if latest_intent(tracker) == "affirm" and len(raw.split()) <= 3:
            text = tracker.get_slot("ps_choice") or text  # "yes, that" = the idea as it is
        if len(text) < 3 or answer.unsure or raw.startswith("/"):
            dispatcher.utter_message(response="utter_ps_plan_unclear")
            return {"ps_plan": None}
        return {"ps_plan": shorten(text, QUOTE_LIMIT)}

    def validate_ps_confidence(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") != "ps_confidence":
            return {}
        if answer_question_in_form(dispatcher, tracker):
            return {"ps_confidence": None}
        text = latest_text(tracker)
        listen(dispatcher, tracker, text)
        answer = read_answer(text)
        score = parse_score(answer.text or text)
        if score is None and answer.correction and len(answer.text) >= 3 and not answer.unsure:
            # "sorry, make that ask my neighbour on sunday": the plan changes, then the rating
            plan = shorten(answer.text, QUOTE_LIMIT)
            dispatcher.utter_message(response="utter_ps_plan_changed", plan_text=plan)
            return {"ps_confidence": None, "ps_plan": plan}
        if score is None:
            dispatcher.utter_message(response="utter_ps_confidence_unclear")
            return {"ps_confidence": None}
        if needs_revision(score) and not tracker.get_slot("ps_revised"):
            dispatcher.utter_message(response="utter_ps_low_confidence")
            return {"ps_confidence": None, "ps_plan": None, "ps_revised": True}
        return {"ps_confidence": float(score)}


class ActionAskPsChoice(Action):
    def name(self) -> str:
        return "action_ask_ps_choice"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        ideas = _ideas(tracker) or build_ideas(tracker.get_slot("ps_problem") or "", [])
        dispatcher.utter_message(
            response="utter_ask_ps_choice",
            ideas_text=numbered(ideas),
            buttons=[reply_button(str(i)) for i in range(1, len(ideas) + 1)],
        )
        return [SlotSet("ps_ideas", [idea.as_dict() for idea in ideas])]


class ActionAskPsPlan(Action):
    def name(self) -> str:
        return "action_ask_ps_plan"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if tracker.get_slot("ps_revised") and tracker.get_slot("ps_plan") is None:
            return []  # the low-confidence message already asked for a smaller plan
        dispatcher.utter_message(response="utter_ask_ps_plan", idea=tracker.get_slot("ps_choice") or "it")
        return []


class ActionAskPsConfidence(Action):
    def name(self) -> str:
        return "action_ask_ps_confidence"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        plan = tracker.get_slot("ps_plan") or ""
        shown = plan if quotable(plan) else "it"
        dispatcher.utter_message(response="utter_ask_ps_confidence", plan_text=shown)
        return []


class ActionSaveProblemSolving(Action):
    """Store the session in their words, add the plan, schedule the review; quote it back."""

    def name(self) -> str:
        return "action_save_problem_solving"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        reset = [SlotSet(slot, None) for slot in PS_SLOTS] + [SlotSet("coaching_step", None),
                                                              SlotSet("pending_plan_id", None)]
        problem, choice, plan = (tracker.get_slot(s) for s in ("ps_problem", "ps_choice", "ps_plan"))
        confidence = as_int(tracker.get_slot("ps_confidence"))
        if not (problem and choice and plan):
            return reset
        ideas = _ideas(tracker)
        chosen = next((idea for idea in ideas if idea.text == choice), Idea(choice, "own"))
        origin_plan_id = as_int(tracker.get_slot("ps_origin_plan_id"))
        saved = ps.save(
            tracker.sender_id, problem, ideas, chosen, plan, confidence,
            origin="review" if origin_plan_id else "request", origin_plan_id=origin_plan_id,
        )
        if saved is None:
            dispatcher.utter_message(response="utter_ps_not_stored", plan_text=plan)
        elif quotable(problem) and quotable(plan):
            dispatcher.utter_message(response="utter_ps_saved", problem=problem, plan_text=plan,
                                     confidence=confidence)
        else:
            dispatcher.utter_message(response="utter_ps_saved_long", idea=choice, confidence=confidence)
        return reset
