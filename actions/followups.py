"""Follow-up questions Pacer owes the person: how a flare is the next day, and how the
idea chosen in problem solving went. Asked when a new session starts after they are
due, or (flare) when the scheduler pushes it, once; answered with buttons or free text."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import as_int, button, latest_entity, latest_text
from actions.resources import present_offers
from bot.clinic import contact_line, load_clinic
from bot.coaching.flare_plan import classify_followup
from bot.coaching.problem_solving import classify_review, untried_ideas
from bot.coaching.resources import need_for_problem
from bot.services import followups
from bot.services import problem_solving as ps


def _buttons(intent: str, options: list[tuple[str, str]], **entities: object) -> list[dict[str, str]]:
    return [button(title, intent, followup_outcome=value, **entities) for title, value in options]


FLARE_BUTTONS = _buttons("followup_answer", [("Better", "better"), ("About the same", "same"),
                                             ("Worse", "worse")])
REVIEW_BUTTONS = _buttons("followup_answer", [("It worked", "worked"), ("Partly", "partly"),
                                              ("It didn't work", "not_worked")])


def ask_due_followup(dispatcher: CollectingDispatcher, conversation_id: str,
                     kind: str | None = None) -> list[EventType]:
    """Ask the oldest due follow-up (of `kind`), if any: at the start of a session, or when
    the scheduler pushes the flare question. Nothing when it was already asked."""
    due = followups.take_due(conversation_id, kind=kind)
    if due is None:
        return []
    if due.kind == "problem_solving" and due.problem:
        dispatcher.utter_message(response="utter_followup_problem", problem=due.problem,
                                 idea=due.chosen or due.plan_text or "your idea", buttons=REVIEW_BUTTONS)
    else:
        dispatcher.utter_message(response="utter_followup_flare", buttons=FLARE_BUTTONS)
    return [SlotSet("followup_id", due.id)]


class ActionFollowupAnswer(Action):
    def name(self) -> str:
        return "action_followup_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        outcome = latest_entity(tracker, "followup_outcome")
        done: list[EventType] = [SlotSet("followup_id", None), SlotSet("followup_outcome", None)]
        record_id = as_int(latest_entity(tracker, "ps_record"))
        if outcome in ("other_resources", "accepted") and record_id:
            # The buttons offered after a review: the review itself is already stored.
            if outcome == "accepted":
                ps.record_review(tracker.sender_id, record_id, "accepted")
                dispatcher.utter_message(response="utter_ps_accept")
                return done
            # Buttons sent before "Get help from others" became /ask_resources: same offer.
            record = ps.get(tracker.sender_id, record_id)
            need = need_for_problem(record.problem if record else "")
            return done + present_offers(dispatcher, tracker, need, record.id if record else None)
        question = followups.open_question(tracker.sender_id)
        if question is None:
            dispatcher.utter_message(response="utter_followup_none")
            return done
        if question.kind == "problem_solving":
            return self._review(dispatcher, tracker, question, outcome) + done
        outcome = outcome if outcome in followups.FLARE_OUTCOMES else classify_followup(latest_text(tracker))
        if outcome is None:
            dispatcher.utter_message(response="utter_followup_unclear", buttons=FLARE_BUTTONS)
            return []
        followups.answer(tracker.sender_id, question.id, outcome)
        clinic_line = contact_line(load_clinic())
        dispatcher.utter_message(response=f"utter_followup_{outcome}", clinic_line=clinic_line)
        return done

    @staticmethod
    def _review(dispatcher: CollectingDispatcher, tracker: Tracker, question: followups.FollowupView,
                outcome: str | None) -> list[EventType]:
        """CDSMP after trying an idea: keep it, another idea, other resources, or accept."""
        if outcome not in followups.REVIEW_OUTCOMES:
            outcome = classify_review(latest_text(tracker))
        if outcome is None:
            dispatcher.utter_message(response="utter_ps_review_unclear", buttons=REVIEW_BUTTONS)
            return []
        idea = question.chosen or "your idea"
        followups.answer(tracker.sender_id, question.id, outcome)
        if outcome == "worked":
            dispatcher.utter_message(response="utter_ps_worked", idea=idea)
            return []
        dispatcher.utter_message(response="utter_ps_review_options", idea=idea)
        record = ps.get(tracker.sender_id, question.ref_id) if question.ref_id else None
        left = untried_ideas([i.as_dict() for i in record.ideas], record.tried) if record else []
        buttons = []
        if record is not None:
            title = "Try another idea" if left else "Find new ideas"
            buttons.append(button(title, "problem_solve", ps_record=record.id))
        if record is not None:  # "use other resources" (CDSMP): the clinic's list, matched to the problem
            buttons.append(button("Get help from others", "ask_resources", ps_record=record.id))
            buttons += _buttons("followup_answer", [("Leave it for now", "accepted")], ps_record=record.id)
        else:
            buttons += _buttons("followup_answer", [("Get help from others", "other_resources"),
                                                    ("Leave it for now", "accepted")])
        dispatcher.utter_message(response="utter_ps_next_options", buttons=buttons)
        return []
