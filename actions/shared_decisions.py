"""Shared decisions with the clinician: notes they write to the patient, and goals they
propose, which the patient accepts, changes (through the usual plan steps, confidence
included) or declines. Rules live in bot.coaching.shared_decisions; storage in
bot.services.clinician_notes and bot.services.goal_proposals."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import (
    as_int,
    button,
    draft_from_slots,
    flow_slots,
    latest_entity,
    latest_intent,
    latest_text,
    prefilled,
    reply_button,
    slots_from_draft,
)
from actions.digressions import GuardedFormValidation
from bot.coaching.confidence import parse_score
from bot.coaching.names import first_name
from bot.coaching.psfs import parse_activities
from bot.coaching.shared_decisions import apply_changes, classify_proposal_answer, clean_reason
from bot.services import clinician_notes as notes
from bot.services import goal_proposals as proposals

PROPOSAL_SLOTS = flow_slots("proposal_psfs_form", "proposal_reason_form")
NOTE_SLOTS = flow_slots("note_reply_form")
SCORE_BUTTONS = [reply_button(str(n)) for n in (0, 2, 4, 6, 8, 10)]


def reset(slots: tuple[str, ...]) -> list[EventType]:
    return [SlotSet(slot, None) for slot in slots]


# --- notes -----------------------------------------------------------------------------------------


def deliver_notes(dispatcher: CollectingDispatcher, delivered: list[notes.NoteView],
                  buttons: bool = True) -> None:
    """Each note in its own message, labelled as the clinician's, with Thanks / Reply. Inside
    a check-in the buttons are left off: the check-in's own questions follow, and any
    answer counts as read."""
    for note in delivered:
        name = first_name(note.author_name)
        choices = [
            button("👍 Thanks", "note_ack", note_id=note.id),
            button(f"Reply to {name}", "note_reply", note_id=note.id),
        ]
        dispatcher.utter_message(response="utter_clinician_note", author_name=note.author_name,
                                 note_body=note.body, buttons=choices if buttons else [])


class ActionNoteAck(Action):
    def name(self) -> str:
        return "action_note_ack"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        note = notes.mark_read(tracker.sender_id, as_int(latest_entity(tracker, "note_id")) or 0)
        if note is None:
            dispatcher.utter_message(response="utter_note_gone")
        else:
            dispatcher.utter_message(response="utter_note_thanks", author_name=first_name(note.author_name))
        return reset(NOTE_SLOTS)


class ActionStartNoteReply(Action):
    def name(self) -> str:
        return "action_start_note_reply"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        note_id = as_int(latest_entity(tracker, "note_id"))
        note = notes.mark_read(tracker.sender_id, note_id or 0, via="button")
        if note is None:
            dispatcher.utter_message(response="utter_note_gone")
            return reset(NOTE_SLOTS) + [SlotSet("note_route", None)]
        return [SlotSet("note_id", float(note.id)), SlotSet("note_author", first_name(note.author_name)),
                SlotSet("note_route", "reply")]


class ValidateNoteReplyForm(GuardedFormValidation):
    no_is_an_answer = ("note_reply_text",)
    def name(self) -> str:
        return "validate_note_reply_form"

    def validate_note_reply_text(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                 domain: DomainDict) -> dict[str, Any]:
        text = latest_text(tracker).strip()
        if not text or text.startswith("/"):
            dispatcher.utter_message(response="utter_note_reply_unclear")
            return {"note_reply_text": None}
        return {"note_reply_text": text}


class ActionSaveNoteReply(Action):
    def name(self) -> str:
        return "action_save_note_reply"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        saved = notes.save_reply(tracker.sender_id, as_int(tracker.get_slot("note_id")) or 0,
                                 tracker.get_slot("note_reply_text") or "")
        if saved is None:
            dispatcher.utter_message(response="utter_note_gone")
        else:
            dispatcher.utter_message(response="utter_note_reply_saved",
                                     author_name=first_name(saved.author_name))
        return reset(NOTE_SLOTS) + [SlotSet("note_route", None)]


# --- proposed goals ------------------------------------------------------------------------------


def _choice_buttons(proposal_id: int) -> list[dict[str, str]]:
    choices = (("Sounds good", "accept"), ("I'd change it", "change"), ("Not for me", "decline"))
    return [button(title, "proposal_answer", proposal_choice=choice, proposal_id=proposal_id)
            for title, choice in choices]


class ActionPresentProposal(Action):
    """Say the clinician's suggestion as theirs, with why, and ask what the patient thinks."""

    def name(self) -> str:
        return "action_present_proposal"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        view = proposals.present_next(tracker.sender_id)
        if view is None:
            return []
        name = first_name(view.author_name)
        why = f' {name} says: "{view.rationale}"' if view.rationale else ""
        response = "utter_proposal_psfs" if view.kind == "psfs" else "utter_proposal_plan"
        dispatcher.utter_message(response=response, author_name=name, proposal_text=view.text,
                                 rationale_line=why, buttons=_choice_buttons(view.id))
        return [SlotSet("proposal_id", float(view.id)), SlotSet("proposal_kind", view.kind),
                SlotSet("proposal_author", name)]


class ActionProposalAnswer(Action):
    """Accept or change: into the plan steps (or the PSFS rating); decline: ask why."""

    def name(self) -> str:
        return "action_proposal_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        proposal_id = as_int(latest_entity(tracker, "proposal_id")) or as_int(tracker.get_slot("proposal_id"))
        view = proposals.get_open(tracker.sender_id, proposal_id) if proposal_id else None
        if view is None:
            dispatcher.utter_message(response="utter_proposal_gone")
            return reset(PROPOSAL_SLOTS)
        name = first_name(view.author_name)
        choice = latest_entity(tracker, "proposal_choice")
        if choice not in ("accept", "change", "decline"):
            choice = classify_proposal_answer(latest_text(tracker), latest_intent(tracker))
        base = [SlotSet("proposal_id", float(view.id)), SlotSet("proposal_kind", view.kind),
                SlotSet("proposal_author", name), SlotSet("proposal_choice", choice)]
        if choice is None:
            dispatcher.utter_message(response="utter_proposal_unclear", author_name=name,
                                     buttons=_choice_buttons(view.id))
            return base + [SlotSet("proposal_route", None)]
        if choice == "decline":
            proposals.decline(tracker.sender_id, view.id)
            dispatcher.utter_message(response="utter_proposal_declined", author_name=name)
            return base + [SlotSet("proposal_route", "reason")]
        if view.kind == "psfs":
            activity = view.proposal.what if choice == "accept" else None
            return base + [SlotSet("proposal_activity", activity), SlotSet("proposal_psfs_score", None),
                           SlotSet("proposal_route", "psfs")]
        draft, confirmed = view.proposal.draft, choice == "accept"
        if choice == "change":  # "could I do 5 minutes instead": take the change, then read back
            draft, changed = apply_changes(draft, latest_text(tracker))
            confirmed = None if changed else False
        prefill = slots_from_draft(draft, only_set=False)
        response = "utter_proposal_accept_plan" if choice == "accept" else "utter_proposal_change_plan"
        dispatcher.utter_message(response=response, author_name=name)
        return base + [SlotSet(slot, value) for slot, value in prefill.items()] + [
            SlotSet("plan_confirmed", confirmed),
            SlotSet("plan_confidence", None),
            SlotSet("replacing_plan_id", None),
            SlotSet("pending_plan_id", None),
            SlotSet("proposal_route", "plan"),
        ]


def resolve_plan_proposal(dispatcher: CollectingDispatcher, tracker: Tracker,
                          plan_id: int) -> list[EventType]:
    """Called by action_save_plan: link a plan that came from a proposal and tell the patient
    their clinician will see it."""
    proposal_id = as_int(tracker.get_slot("proposal_id"))
    if not proposal_id or tracker.get_slot("proposal_route") != "plan":
        return []
    outcome = proposals.resolve_with_plan(tracker.sender_id, proposal_id, plan_id, draft_from_slots(tracker))
    if outcome:
        dispatcher.utter_message(response=f"utter_proposal_plan_{outcome}",
                                 author_name=tracker.get_slot("proposal_author") or "your clinician")
    return reset(PROPOSAL_SLOTS)


class ValidateProposalPsfsForm(GuardedFormValidation):
    def name(self) -> str:
        return "validate_proposal_psfs_form"

    def validate_proposal_activity(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                   domain: DomainDict) -> dict[str, Any]:
        if prefilled(tracker, "proposal_activity"):
            return {"proposal_activity": value}
        text = latest_text(tracker).strip()
        activities = parse_activities(text) if text and not text.startswith("/") else []
        if not activities:
            dispatcher.utter_message(response="utter_proposal_activity_unclear")
            return {"proposal_activity": None}
        return {"proposal_activity": activities[0]}

    def validate_proposal_psfs_score(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                     domain: DomainDict) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") != "proposal_psfs_score":
            # Cleared by the opening action in the turn of the button: the button's payload
            # ('..."proposal_id":"1"}') is not a rating.
            return {"proposal_psfs_score": value}
        score = parse_score(latest_text(tracker))
        if score is None:
            dispatcher.utter_message(response="utter_psfs_score_unclear", buttons=SCORE_BUTTONS)
        return {"proposal_psfs_score": score}


class ActionAskProposalPsfsScore(Action):
    def name(self) -> str:
        return "action_ask_proposal_psfs_score"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(response="utter_ask_proposal_psfs_score",
                                 activity=tracker.get_slot("proposal_activity") or "it",
                                 buttons=SCORE_BUTTONS)
        return []


class ActionSaveProposalPsfs(Action):
    def name(self) -> str:
        return "action_save_proposal_psfs"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        activity = tracker.get_slot("proposal_activity")
        score = as_int(tracker.get_slot("proposal_psfs_score"))
        proposal_id = as_int(tracker.get_slot("proposal_id"))
        outcome = None
        if activity and score is not None and proposal_id:
            outcome = proposals.resolve_with_activity(tracker.sender_id, proposal_id, activity, score)
        if outcome is None:
            dispatcher.utter_message(response="utter_proposal_gone")
        else:
            dispatcher.utter_message(response=f"utter_proposal_psfs_{outcome}", activity=activity,
                                     score=str(score), author_name=tracker.get_slot("proposal_author"))
        return reset(PROPOSAL_SLOTS)


class ValidateProposalReasonForm(GuardedFormValidation):
    def name(self) -> str:
        return "validate_proposal_reason_form"

    def validate_proposal_reason(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                 domain: DomainDict) -> dict[str, Any]:
        if latest_entity(tracker, "proposal_choice") == "skip":
            return {"proposal_reason": "-"}
        return {"proposal_reason": clean_reason(latest_text(tracker)) or "-"}


class ActionSaveProposalReason(Action):
    def name(self) -> str:
        return "action_save_proposal_reason"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        reason = tracker.get_slot("proposal_reason")
        name = tracker.get_slot("proposal_author") or "your clinician"
        saved = reason not in (None, "-") and proposals.save_reason(
            tracker.sender_id, as_int(tracker.get_slot("proposal_id")) or 0, reason)
        response = "utter_proposal_reason_saved" if saved else "utter_proposal_reason_skipped"
        dispatcher.utter_message(response=response, author_name=name)
        return reset(PROPOSAL_SLOTS)
