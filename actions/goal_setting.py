"""Values, PSFS activities and the SMART action plan form (Lorig, CDSMP)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import (
    NOT_AN_ANSWER_INTENTS,
    PLAN_FIELD_SLOTS,
    PLAN_FLOW_SLOTS,
    as_int,
    button,
    draft_from_slots,
    draft_from_values,
    flow_slots,
    latest_entity,
    latest_intent,
    latest_text,
    prefilled,
    reply_button,
    slots_from_draft,
)
from actions.digressions import GuardedFormValidation
from actions.listening import listen
from actions.shared_decisions import resolve_plan_proposal
from bot.coaching.action_plan import (
    PlanDraft,
    describe_plan,
    make_easier,
    parse_amount,
    parse_days_per_week,
    parse_when,
)
from bot.coaching.answers import (
    QUOTE_LIMIT,
    days_named,
    is_new_activity,
    merge_when,
    read_answer,
    split_when,
    swap_days,
)
from bot.coaching.confidence import needs_revision, parse_score
from bot.coaching.pacing import pacing_advice
from bot.coaching.plan_answers import bare_activity, changed_activity, keeps_plan_as_is, smaller_plan_pick
from bot.coaching.psfs import MAX_ACTIVITIES, parse_activities
from bot.services import goals

MAX_FREE_TEXT = 500
MAX_ACTIVITY_WORDS = 12  # a longer "activity" is a story around it: ask for the short version
QUOTABLE_WORDS = 8  # longer answers are acknowledged, not quoted back
PSFS_SCORE_SLOTS = tuple(f"psfs_score_{i}" for i in range(MAX_ACTIVITIES))
PSFS_ACTIVITY_SLOTS = tuple(f"psfs_activity_{i}" for i in range(MAX_ACTIVITIES))
CONFIDENCE_BUTTONS = [reply_button(str(n)) for n in (10, 8, 7, 5, 3)]


class ValidateValuesForm(GuardedFormValidation):
    def name(self) -> str:
        return "validate_values_form"

    def validate_value_text(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = latest_text(tracker).strip()
        if len(text) < 2 or text.startswith("/") or latest_intent(tracker) in NOT_AN_ANSWER_INTENTS:
            dispatcher.utter_message(response="utter_value_unclear")
            return {"value_text": None}
        return {"value_text": text[:MAX_FREE_TEXT]}


class ActionSaveValues(Action):
    def name(self) -> str:
        return "action_save_values"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        value = tracker.get_slot("value_text")
        if value:
            goals.save_value(tracker.sender_id, value)
            if len(value.split()) <= QUOTABLE_WORDS:
                dispatcher.utter_message(response="utter_value_saved", value_text=value)
            else:
                dispatcher.utter_message(response="utter_value_saved_long")
        state = goals.get_state(tracker.sender_id)
        step = "psfs" if not state.activities else "plan"
        return [SlotSet("value_text", None), SlotSet("next_step", step)]


class ValidatePsfsForm(GuardedFormValidation):
    """One question for up to three activities, then a 0-10 score for each (Stratford 1995)."""

    def name(self) -> str:
        return "validate_psfs_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        count = as_int(tracker.get_slot("psfs_count")) or 0
        return ["psfs_activities_text", *PSFS_SCORE_SLOTS[:count]]

    def validate_psfs_activities_text(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = latest_text(tracker)
        activities = [] if text.startswith("/") else parse_activities(text[:MAX_FREE_TEXT])
        if not activities:
            dispatcher.utter_message(response="utter_psfs_activities_unclear")
            return {"psfs_activities_text": None}
        slots: dict[str, Any] = {"psfs_activities_text": text[:MAX_FREE_TEXT], "psfs_count": len(activities)}
        for slot, activity in zip(PSFS_ACTIVITY_SLOTS, activities, strict=False):
            slots[slot] = activity
        return slots

    def _validate_score(self, slot: str, tracker: Tracker, dispatcher: CollectingDispatcher) -> dict:
        score = parse_score(latest_text(tracker))
        if score is None:
            dispatcher.utter_message(response="utter_psfs_score_unclear")
        return {slot: score}

    def validate_psfs_score_0(self, value: Any, dispatcher: CollectingDispatcher,
                              tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return self._validate_score("psfs_score_0", tracker, dispatcher)

    def validate_psfs_score_1(self, value: Any, dispatcher: CollectingDispatcher,
                              tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return self._validate_score("psfs_score_1", tracker, dispatcher)

    def validate_psfs_score_2(self, value: Any, dispatcher: CollectingDispatcher,
                              tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return self._validate_score("psfs_score_2", tracker, dispatcher)


class ActionSavePsfs(Action):
    def name(self) -> str:
        return "action_save_psfs"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        count = as_int(tracker.get_slot("psfs_count")) or 0
        rated = []
        pairs = list(zip(PSFS_ACTIVITY_SLOTS, PSFS_SCORE_SLOTS, strict=True))[:count]
        for activity_slot, score_slot in pairs:
            activity, score = tracker.get_slot(activity_slot), as_int(tracker.get_slot(score_slot))
            if activity and score is not None:
                rated.append((activity, score))
        if rated:
            goals.save_activities(tracker.sender_id, rated)
            dispatcher.utter_message(response="utter_psfs_saved")
        return [SlotSet(slot, None) for slot in flow_slots("psfs_form")] + [SlotSet("next_step", "plan")]


def _updates_from_text(text: str, asked: str, current_when: str | None = None) -> dict[str, Any]:
    """Every plan part a free-text message holds, whatever was asked (``bot.coaching.answers``).

    Chatter, past stories and ruled-out parts ("not an hour") are never values. The
    activity is only taken from the answer to "what", or when the person changes their
    mind ("no, the weeding"); otherwise leftover words would overwrite it.
    """
    if not text or text.startswith("/"):
        return {}
    answer = read_answer(text)
    updates = slots_from_draft(answer.plan)
    what = updates.pop("plan_what", None)
    if what and answer.correction and asked != "plan_what":
        what = changed_activity(what)
        what = what if is_new_activity(what) else None
    elif asked != "plan_what":
        what = None
    if what:
        updates["plan_what"] = what
    swapped = swap_days(current_when, answer)
    if swapped is not None:  # "tuesday not wednesday": swap that day, keep the others
        updates["plan_when"], days = swapped
        updates["plan_how_often"] = str(days)
    elif updates.get("plan_when") and current_when:  # new days keep the time of day, and back
        updates["plan_when"] = merge_when(current_when, updates["plan_when"])
    elif updates.get("plan_how_often") and days_named(current_when) not in (
            None, as_int(updates["plan_how_often"])):
        # "4 days" after "on Monday and Friday": the named days no longer hold, the time of day does
        updates["plan_when"] = split_when(current_when)[0] or None
    return updates


def _kept_text(updates: dict[str, Any], asked: str) -> str | None:
    """Plain words for the parts taken from an answer to another question ("10 minutes")."""
    others = {slot: value for slot, value in updates.items() if slot != asked and value is not None}
    if not others:
        return None
    draft = draft_from_values(others)
    pieces = [draft.how_much, draft.when]
    if draft.days_per_week is not None and not (draft.when and any(
            day in draft.when for day in ("day", "weekend"))):
        pieces.append("every day" if draft.days_per_week == 7 else f"{draft.days_per_week} days a week")
    words = ", ".join(piece for piece in pieces if piece)
    if draft.what:
        words = f"{draft.what}, {words}" if words else draft.what
    return words or None


class ValidatePlanForm(GuardedFormValidation):
    """Fills what/how much/when/how often from free text in any order, reads the plan
    back for confirmation, and never saves a plan rated below 7 without offering a
    smaller one (Lorig, CDSMP)."""
    no_is_an_answer = ("plan_confirmed", "plan_change", "plan_revision")
    partial_answers = tuple(PLAN_FIELD_SLOTS.values())

    def name(self) -> str:
        return "validate_plan_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        slots = list(PLAN_FIELD_SLOTS.values())
        if tracker.get_slot("plan_confirmed") is False:
            slots.append("plan_change")
        slots += ["plan_confirmed", "plan_confidence"]
        confidence = tracker.get_slot("plan_confidence")
        confidence = as_int(confidence)  # may still be raw text before validation
        if confidence is not None and needs_revision(confidence):
            slots.append("plan_revision")
        return slots

    # --- the four parts -------------------------------------------------
    def _field(self, slot: str, bare_parser, tracker: Tracker, dispatcher) -> dict[str, Any]:  # noqa: ANN001
        if prefilled(tracker, slot):
            return {slot: tracker.get_slot(slot)}
        text = latest_text(tracker).strip()
        if not text or text.startswith("/"):
            dispatcher.utter_message(response="utter_plan_part_unclear")
            return {slot: None}
        answer = read_answer(text)
        updates = _updates_from_text(text, slot, tracker.get_slot("plan_when"))
        if not updates and not answer.unsure and latest_intent(tracker) not in NOT_AN_ANSWER_INTENTS:
            # a bare answer to this question ("15", "after tea", "the garden"), chatter taken off
            parsed = bare_parser(answer.text) if answer.text else None
            if parsed is not None:
                updates[slot] = str(parsed) if slot == "plan_how_often" else parsed
        if slot == "plan_when" and answer.text and not (set(updates) - {"plan_when"}):
            # (a message that gave another part, "every day" or "make that 20 minutes", is not a when)
            whole = parse_when(answer.text)
            if whole and len(whole) > len(updates.get(slot) or ""):
                updates[slot] = whole  # keep "in the morning before it gets hot" whole
        heard = listen(dispatcher, tracker, text)
        if slot == "plan_what" and len((updates.get(slot) or "").split()) > MAX_ACTIVITY_WORDS:
            del updates[slot]  # a story, not an activity: keep the parts found, ask for the short version
        if slot not in updates and len(text) > QUOTE_LIMIT and not answer.unsure:
            dispatcher.utter_message(response="utter_plan_ask_short")
            updates.setdefault(slot, None)
            return updates
        if slot not in updates:
            kept = _kept_text(updates, slot)
            if kept:  # "10 minutes each time" at "what will you do?": keep it, ask only for the rest
                dispatcher.utter_message(response="utter_plan_part_kept", kept_text=kept)
            elif answer.unsure:
                return {**self._unsure(slot, tracker, dispatcher), **updates}
            elif heard is None:
                dispatcher.utter_message(response="utter_plan_part_unclear")
        updates.setdefault(slot, None)
        return updates

    def help_when_unsure(self, slot: str, tracker: Tracker, dispatcher: CollectingDispatcher) -> bool:
        if slot not in PLAN_FIELD_SLOTS.values():
            return False
        self._unsure(slot, tracker, dispatcher)
        return True

    def _unsure(self, slot: str, tracker: Tracker, dispatcher: CollectingDispatcher) -> dict:
        if slot == "plan_what":
            state = goals.get_state(tracker.sender_id)
            ideas = [a.activity for a in state.activities] or ["a short walk", "gentle stretches"]
            dispatcher.utter_message(
                response="utter_plan_ideas",
                buttons=[reply_button(idea) for idea in ideas[:3]],
            )
        else:
            dispatcher.utter_message(response="utter_start_small")
        return {slot: None}

    def validate_plan_what(self, value: Any, dispatcher: CollectingDispatcher,
                           tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return self._field("plan_what", bare_activity, tracker, dispatcher)

    def validate_plan_how_much(self, value: Any, dispatcher: CollectingDispatcher,
                               tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return self._field("plan_how_much", parse_amount, tracker, dispatcher)

    def validate_plan_when(self, value: Any, dispatcher: CollectingDispatcher,
                           tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return self._field("plan_when", parse_when, tracker, dispatcher)

    def validate_plan_how_often(self, value: Any, dispatcher: CollectingDispatcher,
                                tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return self._field("plan_how_often", parse_days_per_week, tracker, dispatcher)

    # --- read-back, corrections ----------------------------------------
    def validate_plan_confirmed(self, value: Any, dispatcher: CollectingDispatcher,
                                tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        if prefilled(tracker, "plan_confirmed"):
            return {"plan_confirmed": value}
        if latest_entity(tracker, "plan_option") == "pacing":
            suggestion = suggested_pacing(tracker)
            updates = slots_from_draft(suggestion.suggested) if suggestion else {}
            return {**updates, "plan_confirmed": None, "pacing_offered": True}
        text = latest_text(tracker)
        listen(dispatcher, tracker, text)
        updates = _updates_from_text(text, "plan_confirmed", tracker.get_slot("plan_when"))
        if updates:
            return {**updates, "plan_confirmed": None}
        intent = latest_intent(tracker)
        if intent == "affirm":
            return {"plan_confirmed": True}
        if intent in ("deny", "change_plan"):
            return {"plan_confirmed": False}
        dispatcher.utter_message(response="utter_yes_or_change")
        return {"plan_confirmed": None}

    def validate_plan_change(self, value: Any, dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        field = latest_entity(tracker, "plan_field")
        if field in PLAN_FIELD_SLOTS:
            return {PLAN_FIELD_SLOTS[field]: None, "plan_change": None, "plan_confirmed": None}
        listen(dispatcher, tracker, latest_text(tracker))
        updates = _updates_from_text(latest_text(tracker), "plan_change", tracker.get_slot("plan_when"))
        if updates:
            return {**updates, "plan_change": None, "plan_confirmed": None}
        if latest_intent(tracker) == "affirm":
            return {"plan_change": None, "plan_confirmed": True}
        dispatcher.utter_message(response="utter_plan_change_unclear")
        return {"plan_change": None}

    # --- confidence -----------------------------------------------------
    def validate_plan_confidence(self, value: Any, dispatcher: CollectingDispatcher,
                                 tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        text = latest_text(tracker)
        listen(dispatcher, tracker, text)
        answer = read_answer(text)
        score = parse_score(answer.text or text)
        updates = _updates_from_text(text, "plan_confidence", tracker.get_slot("plan_when"))
        if updates and (score is None or answer.correction):
            # they changed the plan instead of rating it ("actually make it 10 minutes" is not
            # a 10): the changed plan is read back for a yes first
            return {**updates, "plan_confidence": None, "plan_confirmed": None}
        if score is None:
            dispatcher.utter_message(response="utter_confidence_unclear")
            return {"plan_confidence": None}
        return {"plan_confidence": score, "plan_revision": None}

    def validate_plan_revision(self, value: Any, dispatcher: CollectingDispatcher,
                               tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        option = latest_entity(tracker, "plan_option")
        text = latest_text(tracker)
        listen(dispatcher, tracker, text)
        keeps = latest_intent(tracker) == "deny" or keeps_plan_as_is(text)
        if option == "keep" or (option is None and keeps):
            return {"plan_revision": "kept"}
        options = make_easier(draft_from_slots(tracker))
        option = option if option is not None else smaller_plan_pick(text)
        if option is not None and option.isdigit() and int(option) < len(options):
            chosen = slots_from_draft(options[int(option)])
            return {**chosen, "plan_revision": None, "plan_confidence": None}
        updates = _updates_from_text(text, "plan_revision", tracker.get_slot("plan_when"))
        if updates:
            return {**updates, "plan_revision": None, "plan_confidence": None}
        score = parse_score(text)
        if score is not None:
            return {"plan_confidence": score, "plan_revision": None if needs_revision(score) else "rescored"}
        dispatcher.utter_message(response="utter_revision_unclear")
        return {"plan_revision": None}


def suggested_pacing(tracker: Tracker):  # noqa: ANN201 - returns PacingAdvice | None
    draft = draft_from_slots(tracker)
    if not draft.what:
        return None
    previous = goals.previous_plan(tracker.sender_id, draft.what)
    ability = goals.ability_for(tracker.sender_id, draft.what)
    return pacing_advice(draft, previous=previous, ability=ability)


def _readback(dispatcher: CollectingDispatcher, draft: PlanDraft) -> None:
    dispatcher.utter_message(response="utter_plan_readback", plan_text=describe_plan(draft))


class ActionAskPlanConfirmed(Action):
    def name(self) -> str:
        return "action_ask_plan_confirmed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        draft = draft_from_slots(tracker)
        buttons = [
            button("Yes, that's right", "affirm"),
            button("Change something", "deny"),
        ]
        events: list[EventType] = []
        advice = None if tracker.get_slot("pacing_offered") else suggested_pacing(tracker)
        _readback(dispatcher, draft)
        if advice is not None:
            dispatcher.utter_message(
                response="utter_pacing_advice", suggested_plan=describe_plan(advice.suggested)
            )
            buttons.insert(
                1, button("Use the gentler start", "inform", plan_option="pacing")
            )
            events.append(SlotSet("pacing_offered", True))
        dispatcher.utter_message(response="utter_is_that_right", buttons=buttons)
        return events


class ActionAskPlanChange(Action):
    def name(self) -> str:
        return "action_ask_plan_change"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        _readback(dispatcher, draft_from_slots(tracker))
        titles = {"what": "What I'll do", "how_much": "How much", "when": "When",
                  "how_often": "How often"}
        buttons = [
            button(title, "inform", plan_field=field) for field, title in titles.items()
        ]
        dispatcher.utter_message(response="utter_ask_plan_change", buttons=buttons)
        return []


class ActionAskPlanConfidence(Action):
    def name(self) -> str:
        return "action_ask_plan_confidence"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(
            response="utter_ask_plan_confidence",
            plan_text=describe_plan(draft_from_slots(tracker)),
            buttons=CONFIDENCE_BUTTONS,
        )
        return []


class ActionAskPlanRevision(Action):
    def name(self) -> str:
        return "action_ask_plan_revision"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        options = make_easier(draft_from_slots(tracker))
        buttons = [
            button(describe_plan(option), "inform", plan_option=index) for index, option in enumerate(options)
        ]
        buttons.append(button("Keep it as it is", "inform", plan_option="keep"))
        dispatcher.utter_message(response="utter_low_confidence", buttons=buttons)
        return []


class ActionSavePlan(Action):
    def name(self) -> str:
        return "action_save_plan"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        draft = draft_from_slots(tracker)
        confidence = as_int(tracker.get_slot("plan_confidence"))
        reset = [SlotSet(slot, None) for slot in PLAN_FLOW_SLOTS] + [SlotSet("next_step", None)]
        if not draft.what:
            dispatcher.utter_message(response="utter_flow_cancelled")
            return reset
        plan = goals.save_plan(
            tracker.sender_id,
            draft,
            confidence,
            replaces_id=as_int(tracker.get_slot("replacing_plan_id")),
        )
        dispatcher.utter_message(response="utter_plan_saved", plan_text=plan.text)
        if confidence is not None and needs_revision(confidence):
            dispatcher.utter_message(response="utter_plan_saved_low_confidence")
        return reset + resolve_plan_proposal(dispatcher, tracker, plan.id)
