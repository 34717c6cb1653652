"""Looking at plans and closing, reviewing, changing or dropping them."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import (
    as_int,
    button,
    channel_of,
    consented_state,
    flow_slots,
    latest_entity,
    latest_text,
    slots_from_draft,
)
from actions.digressions import ActionOfferResume, ActionResumeForm
from actions.resources import ActionResourceAnswer, answers_open_offer
from bot.coaching.flare_plan import describe as describe_flare_plan
from bot.coaching.progress import OUTCOMES, classify_outcome
from bot.coaching.psfs import PsfsRating, describe_scores
from bot.coaching.safety_replies import wants_to_go_on
from bot.services import flare, goals

#: Flows "cancel" ends, answers and bookkeeping cleared (consent too; the name stays).
#: Check-ins and safety mode end in their own actions; a clinician's proposal or a note
#: reply in progress (CANCELLED_EXCHANGES) is cleared with them.
CANCELLED_FORMS = ("values_form", "psfs_form", "phq4_form", "plan_form", "problem_form",
                   "flare_plan_form", "flare_form")
CANCELLED_EXCHANGES = ("proposal_psfs_form", "proposal_reason_form", "note_reply_form")
FORM_SLOTS = ("consent", *flow_slots(*CANCELLED_FORMS), "breathing_step", "coaching_step")


def _resolve_plan(
    tracker: Tracker,
    dispatcher: CollectingDispatcher,
    state: goals.PatientState,
    intent: str,
    **carry: object,
) -> goals.PlanView | None:
    """The plan meant: a button's plan id, the only active plan, or ask which."""
    plan_id = as_int(latest_entity(tracker, "plan_id")) or as_int(tracker.get_slot("pending_plan_id"))
    if plan_id is not None:
        plan = goals.get_plan(tracker.sender_id, plan_id)
        if plan is not None and plan.status == "active":
            return plan
    if len(state.active_plans) == 1:
        return state.active_plans[0]
    if not state.active_plans:
        dispatcher.utter_message(response="utter_no_plans")
        return None
    mentioned = [p for p in state.active_plans if p.what.lower() in latest_text(tracker).lower()]
    if len(mentioned) == 1:
        return mentioned[0]
    dispatcher.utter_message(
        response="utter_which_plan",
        buttons=[
            button(plan.what, intent, plan_id=plan.id, **carry)
            for plan in state.active_plans
        ],
    )
    return None


class ActionShowPlans(Action):
    def name(self) -> str:
        return "action_show_plans"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        state = consented_state(tracker, dispatcher)
        if state is None:
            return []
        goals.note_contact(tracker.sender_id, channel_of(tracker))
        if state.values:
            dispatcher.utter_message(response="utter_your_values", values_text="; ".join(state.values))
        if state.active_plans:
            lines = [
                f"• {plan.text}"
                + (f" (confidence {plan.confidence}/10)" if plan.confidence is not None else "")
                for plan in state.active_plans
            ]
            dispatcher.utter_message(response="utter_plans_header", plans_text="\n".join(lines))
            buttons = []
            for plan in state.active_plans[:3]:
                short = plan.what if len(plan.what) <= 24 else plan.what[:22] + "…"
                buttons += [
                    button(f"Done: {short}", "report_progress", plan_id=plan.id, outcome="done"),
                    button(f"Change: {short}", "change_plan", plan_id=plan.id),
                    button(f"Drop: {short}", "drop_plan", plan_id=plan.id),
                ]
            dispatcher.utter_message(response="utter_plan_options", buttons=buttons)
        elif (tracker.active_loop or {}).get("name"):  # asked mid-form: no "shall we make one?"
            dispatcher.utter_message(response="utter_no_plans_in_form")
        else:
            dispatcher.utter_message(response="utter_no_plans")
        flare_plan = flare.get_plan(tracker.sender_id)
        if flare_plan is not None and flare_plan.filled:
            dispatcher.utter_message(
                response="utter_flare_plan_title",
                flare_plan_text=describe_flare_plan(flare_plan),
                buttons=[button("Change my flare plan", "make_flare_plan")],
            )
        if state.activities:
            ratings = [
                PsfsRating(activity.activity, score, rated_at)
                for activity in state.activities
                for score, rated_at in activity.ratings
            ]
            dispatcher.utter_message(
                response="utter_psfs_summary",
                psfs_text="\n".join(f"• {line}" for line in describe_scores(ratings)),
            )
        return []


PROGRESS_CHOICES = (("All of it", "done"), ("Some of it", "partial"), ("Not this time", "missed"))


class ActionReportProgress(Action):
    """How a plan went. Done closes it with praise; partly or missed is normalised and reviewed.

    The outcome comes from a button's `outcome` entity or from their own words
    (bot.coaching.progress); when neither says, Pacer asks rather than guesses.
    """

    def name(self) -> str:
        return "action_report_progress"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        state = consented_state(tracker, dispatcher)
        if state is None:
            return [SlotSet("progress_outcome", None)]
        button_outcome = latest_entity(tracker, "outcome")
        outcome = button_outcome if button_outcome in OUTCOMES else classify_outcome(latest_text(tracker))
        plan = _resolve_plan(tracker, dispatcher, state, "report_progress", outcome=outcome)
        if plan is None:
            return [SlotSet("progress_outcome", None)]
        if outcome is None:
            dispatcher.utter_message(
                response="utter_ask_progress_outcome",
                plan_what=plan.what,
                buttons=[
                    button(title, "report_progress", plan_id=plan.id, outcome=value)
                    for title, value in PROGRESS_CHOICES
                ],
            )
            return [SlotSet("progress_outcome", None), SlotSet("pending_plan_id", plan.id)]
        goals.note_contact(tracker.sender_id, channel_of(tracker))
        if outcome == "done":
            goals.close_plan(tracker.sender_id, plan.id, "done", note="completed")
            dispatcher.utter_message(response="utter_plan_done", plan_text=plan.text, plan_what=plan.what)
            dispatcher.utter_message(response="utter_offer_next_plan")
            return [SlotSet("pending_plan_id", None), SlotSet("progress_outcome", "done")]
        goals.review_plan(tracker.sender_id, plan.id, outcome)
        dispatcher.utter_message(response=f"utter_progress_{outcome}", plan_what=plan.what)
        dispatcher.utter_message(response="utter_offer_adjust")
        return [SlotSet("pending_plan_id", plan.id), SlotSet("progress_outcome", outcome)]


class ActionStartChangePlan(Action):
    """Load the plan into the plan form and ask what to change."""

    def name(self) -> str:
        return "action_start_change_plan"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        state = consented_state(tracker, dispatcher)
        if state is None:
            return [SlotSet("next_step", None)]
        plan = _resolve_plan(tracker, dispatcher, state, "change_plan")
        if plan is None:
            return [SlotSet("next_step", None)]
        prefill = slots_from_draft(plan.draft, only_set=False)
        events: list[EventType] = [SlotSet(slot, value) for slot, value in prefill.items()]
        events += [
            SlotSet("replacing_plan_id", plan.id),
            SlotSet("plan_confirmed", False),
            SlotSet("plan_confidence", None),
            SlotSet("pending_plan_id", None),
            SlotSet("next_step", "plan"),
        ]
        return events


class ActionAskDropPlan(Action):
    def name(self) -> str:
        return "action_ask_drop_plan"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        state = consented_state(tracker, dispatcher)
        if state is None:
            return []
        plan = _resolve_plan(tracker, dispatcher, state, "drop_plan")
        if plan is None:
            return [SlotSet("pending_plan_id", None)]
        dispatcher.utter_message(response="utter_confirm_drop", plan_what=plan.what)
        return [SlotSet("pending_plan_id", plan.id)]


class ActionDropPlan(Action):
    def name(self) -> str:
        return "action_drop_plan"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        plan_id = as_int(tracker.get_slot("pending_plan_id"))
        dropped = goals.close_plan(tracker.sender_id, plan_id, "dropped") if plan_id else None
        if dropped is None:
            dispatcher.utter_message(response="utter_nothing_to_drop")
        else:
            dispatcher.utter_message(response="utter_plan_dropped")
        return [SlotSet("pending_plan_id", None)]


class ActionCancelFlow(Action):
    """Leave any form: clear its own slots, keep everything else (never a restart)."""

    def name(self) -> str:
        return "action_cancel_flow"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_flow_cancelled")
        events: list[EventType] = [ActiveLoop(None), SlotSet("requested_slot", None)]
        events += [SlotSet(slot, None) for slot in FORM_SLOTS]
        events += [SlotSet("next_step", None), SlotSet("pending_plan_id", None)]
        events += [SlotSet(slot, None) for slot in (*flow_slots(*CANCELLED_EXCHANGES), "note_route")]
        return events


class ActionPacerFallback(Action):
    """Didn't understand: say so, and offer what Pacer can do."""

    def name(self) -> str:
        return "action_pacer_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if answers_open_offer(tracker):  # "yes i'll ring them tomorrow" after a resource offer
            return await ActionResourceAnswer().run(dispatcher, tracker, domain)
        ranking = [i.get("name") for i in (tracker.latest_message.get("intent_ranking") or [])[:3]]
        carry_on = "resume_form" in ranking or wants_to_go_on(latest_text(tracker))
        if tracker.get_slot("paused_form") and carry_on:
            # "can we carry on with my plan": unsure between carrying on and a new plan, but
            # something is on hold, so carrying on is what they mean.
            return await ActionResumeForm().run(dispatcher, tracker, domain)
        dispatcher.utter_message(response="utter_default")
        state = goals.get_state(tracker.sender_id)
        if not state.consented:
            dispatcher.utter_message(response="utter_intro_short")
        if tracker.get_slot("paused_form"):  # something on hold: offer it before the menu
            return await ActionOfferResume().run(dispatcher, tracker, domain)
        dispatcher.utter_message(response="utter_capabilities")
        return []
