"""Booster check-ins: the check-in conversation and the schedule in chat (thin adapters).

The scheduler (bot.scheduler) triggers EXTERNAL_booster_checkin with the delivery id;
`action_booster_checkin` records it through `bot.services.checkins.receive`, which
answers None for a repeat, so a re-sent check-in never reaches the patient twice.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import as_int, flow_slots, latest_entity, latest_intent, latest_text, reply_button
from actions.digressions import GuardedFormValidation
from actions.followups import ask_due_followup
from actions.listening import listen
from actions.shared_decisions import deliver_notes
from bot.clinic import load_clinic
from bot.coaching.answers import (
    earlier_answer_named,
    read_answer,
    shorten,
    without_chatter,
    without_ruled_out,
)
from bot.coaching.checkin_answers import keeps_current_zone, next_choice
from bot.coaching.checkin_schedule import NOTE_KIND
from bot.coaching.checkin_text import (
    parse_pause_until,
    parse_snooze,
    parse_timezone,
    read_preferences,
    wants_restart,
)
from bot.coaching.confidence import needs_revision, parse_score
from bot.coaching.peg import PegResult, parse_item
from bot.coaching.places import PlaceReading, common_zones, read_place, region_for_zone
from bot.coaching.progress import OUTCOMES, classify_outcome
from bot.scheduler.rasa_api import CHECKIN_INTENT, DELIVERY_ENTITY, DELIVERY_SLOT
from bot.services import checkins, clinician_notes, goal_proposals, goals, regions, resources

PSFS_ACTIVITY_SLOTS = tuple(f"checkin_psfs_activity_{i}" for i in range(3))
PSFS_SCORE_SLOTS = tuple(f"checkin_psfs_{i}" for i in range(3))
PEG_SLOTS = ("peg_pain", "peg_enjoyment", "peg_activity")
#: How a patient names each PEG question when they change their mind about it, and how
#: Pacer names it back ("sorry, the pain was more like a 4").
PEG_WORDS = {"peg_pain": r"pain|hurt\w*|sore", "peg_enjoyment": r"enjoy\w*",
             "peg_activity": r"activit\w*|day to day|general"}
PEG_NAMES = {"peg_pain": "your pain", "peg_enjoyment": "enjoyment of life",
             "peg_activity": "general activity"}
CHECKIN_SLOTS = flow_slots("checkin_form")
MAX_NOTE = 500


def reset_checkin_slots() -> list[EventType]:
    return [SlotSet(slot, None) for slot in CHECKIN_SLOTS]


def opened_before(tracker: Tracker, delivery_id: int) -> bool:
    """Whether this conversation's tracker (committed turns only) already opened the check-in:
    `action_booster_checkin` sets `checkin_delivery_id` to the id on the first receipt."""
    for event in tracker.events:
        if event.get("event") == "slot" and event.get("name") == DELIVERY_SLOT:
            if as_int(event.get("value")) == delivery_id:
                return True
    return False


class ActionBoosterCheckin(Action):
    """Start a check-in the scheduler sent, once per delivery id."""

    def name(self) -> str:
        return "action_booster_checkin"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        delivery_id = as_int(latest_entity(tracker, DELIVERY_ENTITY))
        if delivery_id is None or latest_intent(tracker) != CHECKIN_INTENT:
            return [SlotSet("checkin_route", "repeat")]
        if opened_before(tracker, delivery_id):  # a repeat in this conversation: say nothing
            return [SlotSet("checkin_route", "repeat")]
        # Not in the committed tracker: open it, even if an earlier turn that died before
        # Rasa saved it had recorded the receipt (bot.services.checkins.receive).
        start = checkins.receive(delivery_id, tracker.sender_id, redeliver=True)
        if start is None:  # not this patient's: say nothing
            return [SlotSet("checkin_route", "repeat")]
        delivered = clinician_notes.take_for_checkin(tracker.sender_id, delivery_id,
                                                     redelivered=start.redelivered)
        if start.kind == NOTE_KIND:  # a clinician's note sent at once, not a check-in
            deliver_notes(dispatcher, delivered)
            return [SlotSet("checkin_route", "note")]
        if start.kind == checkins.FLARE_FOLLOWUP_KIND:
            # The morning after a flare: only the flare question, and only if the patient was
            # not asked it in a session already. No check-in form follows (route as a note).
            asked = ask_due_followup(dispatcher, tracker.sender_id, kind="flare")
            deliver_notes(dispatcher, delivered, buttons=False)
            return asked + [SlotSet("checkin_route", "note" if asked else "repeat")]
        if start.name:
            dispatcher.utter_message(response="utter_checkin_hello", patient_name=start.name)
        else:
            dispatcher.utter_message(response="utter_checkin_hello_anon")
        deliver_notes(dispatcher, delivered, buttons=False)
        events = reset_checkin_slots() + [
            SlotSet("checkin_delivery_id", float(delivery_id)),
            SlotSet("checkin_plan_text", start.plan_text),
            SlotSet("pending_plan_id", float(start.plan_id) if start.plan_id else None),
        ]
        pairs = zip(PSFS_ACTIVITY_SLOTS, start.psfs_activities, strict=False)
        events += [SlotSet(slot, activity) for slot, activity in pairs]
        return events + [SlotSet("checkin_route", "start")]


def _changed_score(slot: str, text: str, tracker: Tracker, dispatcher: CollectingDispatcher) -> dict | None:
    """A change of mind about a PEG score already given ("sorry, the pain was more like a 4"):
    that score only is changed and read back; the question on screen comes again."""
    answered = {item: PEG_WORDS[item] for item in PEG_SLOTS
                if item != slot and tracker.get_slot(item) is not None}
    earlier = earlier_answer_named(text, answered)
    score = parse_item(without_ruled_out(text)) if earlier else None
    if earlier is None or score is None:
        return None
    dispatcher.utter_message(response="utter_score_changed", item=PEG_NAMES[earlier], score=str(score))
    return {earlier: score, slot: None}


class ValidateCheckinForm(GuardedFormValidation):
    """Outcome (if there is a plan), PEG-3, PSFS every few weeks, then keep/change/problem."""
    no_is_an_answer = ("checkin_outcome", "checkin_next")

    def name(self) -> str:
        return "validate_checkin_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        if tracker.get_slot("checkin_snoozed"):
            return []
        slots = ["checkin_outcome"] if tracker.get_slot("checkin_plan_text") else []
        slots += list(PEG_SLOTS)
        slots += [score for activity, score in zip(PSFS_ACTIVITY_SLOTS, PSFS_SCORE_SLOTS, strict=True)
                  if tracker.get_slot(activity)]
        slots.append("checkin_next")
        # raw, unvalidated value: decide from the words as the validator will
        if tracker.get_slot("checkin_plan_text") and next_choice(tracker.get_slot("checkin_next")) == "keep":
            slots.append("checkin_confidence")
        return slots

    def validate_checkin_outcome(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") != "checkin_outcome":
            return {"checkin_outcome": None}
        text = latest_text(tracker)
        button = latest_entity(tracker, "outcome")
        outcome = button if button in OUTCOMES else classify_outcome(without_chatter(text))
        if outcome is None:
            snooze = parse_snooze(text)
            if snooze:
                return {"checkin_outcome": None, "checkin_snoozed": snooze}
            dispatcher.utter_message(response="utter_checkin_outcome_unclear")
            return {"checkin_outcome": None}
        if outcome == "done":
            dispatcher.utter_message(response="utter_checkin_celebrate")
        else:
            dispatcher.utter_message(response=f"utter_checkin_normalise_{outcome}")
        listen(dispatcher, tracker, text)  # "nobody to walk with": heard, in one line
        note = None if text.startswith("/") else shorten(without_chatter(text), MAX_NOTE) or None
        return {"checkin_outcome": outcome, "checkin_note": note}

    def _score(self, slot: str, tracker: Tracker, dispatcher: CollectingDispatcher, parser) -> dict:  # noqa: ANN001
        if tracker.get_slot("requested_slot") != slot:
            return {slot: None}
        text = latest_text(tracker)
        changed = _changed_score(slot, text, tracker, dispatcher)
        if changed:
            return changed
        score = parser(read_answer(text).text or text)
        if score is None:
            dispatcher.utter_message(response="utter_peg_unclear")
        return {slot: score}

    def validate_peg_pain(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                          domain: DomainDict) -> dict[str, Any]:
        return self._score("peg_pain", tracker, dispatcher, parse_item)

    def validate_peg_enjoyment(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                               domain: DomainDict) -> dict[str, Any]:
        return self._score("peg_enjoyment", tracker, dispatcher, parse_item)

    def validate_peg_activity(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                              domain: DomainDict) -> dict[str, Any]:
        return self._score("peg_activity", tracker, dispatcher, parse_item)

    def validate_checkin_psfs_0(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                domain: DomainDict) -> dict[str, Any]:
        return self._score("checkin_psfs_0", tracker, dispatcher, parse_score)

    def validate_checkin_psfs_1(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                domain: DomainDict) -> dict[str, Any]:
        return self._score("checkin_psfs_1", tracker, dispatcher, parse_score)

    def validate_checkin_psfs_2(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                domain: DomainDict) -> dict[str, Any]:
        return self._score("checkin_psfs_2", tracker, dispatcher, parse_score)

    def validate_checkin_next(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                              domain: DomainDict) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") != "checkin_next":
            return {"checkin_next": None}
        text = latest_text(tracker)
        changed = _changed_score("checkin_next", text, tracker, dispatcher)
        if changed:
            return changed
        answer = text if text.startswith("/") else (read_answer(text).text or without_chatter(text))
        choice = next_choice(answer)
        heard = listen(dispatcher, tracker, text)
        if choice is None and heard is None:
            dispatcher.utter_message(response="utter_checkin_next_unclear")
        elif choice is None:  # they told us something that matters: offer to work on it together
            dispatcher.utter_message(response="utter_checkin_next_after_heard")
        return {"checkin_next": choice}

    def validate_checkin_confidence(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") != "checkin_confidence":
            return {"checkin_confidence": None}
        text = latest_text(tracker)
        score = parse_score(read_answer(text).text or text)
        if score is None:
            dispatcher.utter_message(response="utter_peg_unclear")
        return {"checkin_confidence": score}


class ActionAskCheckinNext(Action):
    """Without a plan there is nothing to keep: offer to set one instead."""

    def name(self) -> str:
        return "action_ask_checkin_next"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if tracker.get_slot("checkin_plan_text"):
            dispatcher.utter_message(response="utter_ask_checkin_next")
        else:
            dispatcher.utter_message(response="utter_ask_checkin_next_no_plan")
        return []


def _snooze(dispatcher: CollectingDispatcher, tracker: Tracker, choice: str) -> None:
    delivery_id = as_int(tracker.get_slot("checkin_delivery_id"))
    when = checkins.snooze(tracker.sender_id, delivery_id, choice)
    if when:
        dispatcher.utter_message(response="utter_checkin_snoozed", snooze_text=f"on {when}")
    else:
        dispatcher.utter_message(response="utter_nothing_to_snooze")


def _then_proposal(tracker: Tracker) -> list[EventType]:
    """A check-in is a contact: a goal their clinician proposed is presented after it."""
    if goal_proposals.has_open(tracker.sender_id):
        return [FollowupAction("action_present_proposal")]
    return []


class ActionFinishCheckin(Action):
    """Store the answers, give PEG feedback, then renew, change, plan or offer problem solving."""

    def name(self) -> str:
        return "action_finish_checkin"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        reset = reset_checkin_slots()
        snoozed = tracker.get_slot("checkin_snoozed")
        if snoozed:
            _snooze(dispatcher, tracker, snoozed)
            return reset + [SlotSet("checkin_route", "end")]
        peg_values = [as_int(tracker.get_slot(slot)) for slot in PEG_SLOTS]
        peg = PegResult(*peg_values) if None not in peg_values else None
        psfs = [
            (tracker.get_slot(activity), as_int(tracker.get_slot(score)))
            for activity, score in zip(PSFS_ACTIVITY_SLOTS, PSFS_SCORE_SLOTS, strict=True)
            if tracker.get_slot(activity) and as_int(tracker.get_slot(score)) is not None
        ]
        choice = next_choice(tracker.get_slot("checkin_next"))
        confidence = as_int(tracker.get_slot("checkin_confidence"))
        plan_id = as_int(tracker.get_slot("pending_plan_id"))
        has_plan = bool(tracker.get_slot("checkin_plan_text"))
        try:
            saved = checkins.save_checkin(
                tracker.sender_id, as_int(tracker.get_slot("checkin_delivery_id")),
                tracker.get_slot("checkin_outcome"), tracker.get_slot("checkin_note"), peg, psfs,
                plan_id if has_plan else None, confidence if choice == "keep" else None,
            )
        except PermissionError:
            dispatcher.utter_message(response="utter_checkins_not_set_up")
            return reset + [SlotSet("checkin_route", "end")]
        if saved.peg_score is not None:
            score = f"{saved.peg_score:g}"
            if saved.peg_trend in ("better", "worse"):
                dispatcher.utter_message(response=f"utter_peg_change_{saved.peg_trend}", peg_score=score,
                                         peg_previous=f"{saved.peg_previous:g}")
            else:
                dispatcher.utter_message(response="utter_peg_score", peg_score=score)
        if choice == "problem":
            dispatcher.utter_message(response="utter_checkin_offer_problem_solving")
            return reset + [SlotSet("checkin_route", "problem")]
        if choice == "change":
            return reset + [SlotSet("checkin_route", "change" if has_plan else "plan")]
        if choice == "keep" and has_plan:
            if confidence is not None and needs_revision(confidence):
                dispatcher.utter_message(response="utter_checkin_renewed_low")
                return reset + [SlotSet("checkin_route", "change")]
            dispatcher.utter_message(response="utter_checkin_renewed", next_checkin=saved.next_text,
                                     checkin_plan_text=tracker.get_slot("checkin_plan_text"))
            return reset + _ending(tracker)
        dispatcher.utter_message(response="utter_checkin_closed", next_checkin=saved.next_text)
        return reset + _ending(tracker)


def _ending(tracker: Tracker) -> list[EventType]:
    """After a normal end: a goal their clinician proposed comes first; otherwise, now and then,
    the clinic's resources. Never both in one turn."""
    proposal = _then_proposal(tracker)
    if proposal:
        return [SlotSet("checkin_route", "end"), *proposal]
    return [SlotSet("checkin_route", _end_route(tracker))]


def _end_route(tracker: Tracker) -> str:
    """A check-in that ends well asks about a resource they were interested in (a week or more
    ago), or brings up the clinic's resources about once every four weeks
    (bot.coaching.resources.checkin_offer_due), when one fits their values and plans."""
    if resources.follow_up_due(tracker.sender_id) is not None:
        return "resources"
    if resources.checkin_offer_due(tracker.sender_id) and resources.preview(
            tracker.sender_id, resources.checkin_need(tracker.sender_id)):
        return "resources"
    return "end"


class ActionSnoozeCheckin(Action):
    """ "Not now" inside a check-in: ask again later (or tomorrow, if they said so)."""

    def name(self) -> str:
        return "action_snooze_checkin"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        _snooze(dispatcher, tracker, parse_snooze(latest_text(tracker)) or "later")
        return [ActiveLoop(None), SlotSet("requested_slot", None), *reset_checkin_slots()]


def _zone_question(text: str) -> PlaceReading | None:
    """A place Pacer cannot turn into one zone ("I live in Timbuktu", "I'm in Australia"):
    the reading to ask about, else None."""
    reading = read_place(text, load_clinic().region)
    if reading.place is None and (reading.unknown or reading.region):
        return reading
    return None


class ActionChangeCheckins(Action):
    """Apply what the message already says ("Tuesdays 9am", "I'm in Perth"), or ask."""

    def name(self) -> str:
        return "action_change_checkins"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if not goals.get_state(tracker.sender_id).consented:
            dispatcher.utter_message(response="utter_checkins_not_set_up")
            return [SlotSet("checkin_route", "end")]
        text = latest_text(tracker)
        if _zone_question(text):  # keep the whole message; the form asks only for the zone
            return [SlotSet("checkin_prefs_text", text[:MAX_NOTE]), SlotSet("checkin_route", "prefs")]
        changes = read_preferences(text, load_clinic().region)
        restart = wants_restart(text)
        if not changes and not restart:
            return [SlotSet("checkin_route", "prefs")]
        view = checkins.update_preferences(tracker.sender_id, restart=restart, **changes)
        if restart and not changes:
            dispatcher.utter_message(response="utter_checkins_restarted", next_checkin=view.next_text)
        else:
            dispatcher.utter_message(response="utter_checkin_prefs_saved", schedule_text=view.summary,
                                     next_checkin=view.next_text)
        return [SlotSet("checkin_route", "end")]


class ValidateCheckinPrefsForm(GuardedFormValidation):
    """When and where: one message may say all of it; a place Pacer does not know (or a
    country with several zones) is asked about once more, with buttons."""

    def name(self) -> str:
        return "validate_checkin_prefs_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        text = tracker.get_slot("checkin_prefs_text")
        if text and _zone_question(text):
            return ["checkin_prefs_text", "checkin_prefs_zone"]
        return ["checkin_prefs_text"]

    def validate_checkin_prefs_text(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> dict[str, Any]:
        text = latest_text(tracker)
        said = read_preferences(text, load_clinic().region)
        if not said and not wants_restart(text) and not _zone_question(text):
            dispatcher.utter_message(response="utter_checkin_prefs_unclear")
            return {"checkin_prefs_text": None}
        return {"checkin_prefs_text": text[:MAX_NOTE]}

    def validate_checkin_prefs_zone(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> dict[str, Any]:
        text = latest_text(tracker)
        asked = tracker.get_slot("checkin_prefs_zone_asks") or 0
        zone = parse_timezone(text, _said_region(tracker) or load_clinic().region)
        if zone:
            return {"checkin_prefs_zone": zone, "checkin_prefs_zone_asks": None}
        if keeps_current_zone(text) or asked >= 1:  # no dead end: keep the zone they have
            dispatcher.utter_message(response="utter_checkin_zone_kept")
            return {"checkin_prefs_zone": KEEP_CURRENT_ZONE, "checkin_prefs_zone_asks": None}
        return {"checkin_prefs_zone": None, "checkin_prefs_zone_asks": asked + 1}


KEEP_CURRENT_ZONE = "keep"


def _said_region(tracker: Tracker) -> str | None:
    reading = _zone_question(tracker.get_slot("checkin_prefs_text") or "")
    return reading.region if reading else None


class ActionAskCheckinPrefsZone(Action):
    """Which zone, with buttons for the zones most of the clinic's patients use (or the
    zones of the country they named); the second ask says it differently."""

    def name(self) -> str:
        return "action_ask_checkin_prefs_zone"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        reading = _zone_question(tracker.get_slot("checkin_prefs_text") or "")
        region = (reading.region if reading else None) or load_clinic().region
        view = checkins.get_schedule(tracker.sender_id)
        current = view.timezone if view else checkins.default_timezone()
        # "Perth time" reads as a place (bot/nlu/place_guard.py), this form's own answer; a bare
        # zone id would be classified as out of scope, a digression.
        buttons = [reply_button(label, f"{zone.rsplit('/', 1)[-1].replace('_', ' ')} time")
                   for label, zone in common_zones(region)]
        buttons.append(reply_button(f"Keep {current}", "keep the same time zone"))
        if tracker.get_slot("checkin_prefs_zone_asks"):
            dispatcher.utter_message(response="utter_ask_checkin_prefs_zone_again", buttons=buttons)
        elif reading and reading.unknown:
            dispatcher.utter_message(response="utter_ask_checkin_prefs_zone_place", buttons=buttons,
                                     place=reading.unknown[:40])
        else:
            dispatcher.utter_message(response="utter_ask_checkin_prefs_zone", buttons=buttons)
        return []


class ActionSaveCheckinPrefs(Action):
    def name(self) -> str:
        return "action_save_checkin_prefs"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        text = tracker.get_slot("checkin_prefs_text") or ""
        answer = tracker.get_slot("checkin_prefs_zone")
        zone = parse_timezone(answer) if answer and answer != KEEP_CURRENT_ZONE else None
        changes = read_preferences(text, load_clinic().region)
        if zone:
            changes["timezone"] = zone
        reading = _zone_question(text)
        if reading and reading.region and (zone is None or region_for_zone(zone) != reading.region):
            regions.note_region_said(tracker.sender_id, reading.region)  # "I'm in Australia"
        view = checkins.update_preferences(tracker.sender_id, restart=wants_restart(text), **changes)
        if view is not None:
            dispatcher.utter_message(response="utter_checkin_prefs_saved", schedule_text=view.summary,
                                     next_checkin=view.next_text)
        return [SlotSet("checkin_prefs_text", None), SlotSet("checkin_prefs_zone", None),
                SlotSet("checkin_prefs_zone_asks", None)]


class ActionStopCheckins(Action):
    """ "I'm on holiday for two weeks" pauses; anything else stops (restart any time)."""

    def name(self) -> str:
        return "action_stop_checkins"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if not goals.get_state(tracker.sender_id).consented:
            dispatcher.utter_message(response="utter_checkins_not_set_up")
            return []
        view = checkins.get_schedule(tracker.sender_id) or checkins.ensure_schedule(tracker.sender_id)
        today = datetime.now(view.prefs.zone).date()
        back_on = parse_pause_until(latest_text(tracker), today)
        if back_on is not None:
            paused = checkins.pause_until(tracker.sender_id, back_on)
            dispatcher.utter_message(response="utter_checkins_paused", next_checkin=paused.next_text)
        else:
            checkins.stop(tracker.sender_id)
            dispatcher.utter_message(response="utter_checkins_stopped")
        return []


class ActionOfferCheckins(Action):
    """At the end of goal-setting: set up the default taper once and say when it starts."""

    def name(self) -> str:
        return "action_offer_checkins"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if checkins.get_schedule(tracker.sender_id) is not None:
            return []
        view = checkins.ensure_schedule(tracker.sender_id)
        if view is not None:
            dispatcher.utter_message(response="utter_offer_checkins", next_checkin=view.next_text,
                                     zone=view.timezone)
        return []
