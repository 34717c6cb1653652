"""Clinic resources in conversation: offer matching groups, classes and services (at most two),
record each offer, and read the answer (buttons or free text) as interested, not for me,
tell me more, or taken up ("I'll go", "I've joined").

Offers come after problem solving's "get help from others" step, after the PHQ-4 (the
result and any follow-up advice first), at a check-in every few weeks, and whenever the
person asks. `resource_step` (offered | going | none) lets rules send a plain "yes" or "no"
after an offer here, and nowhere else; `resource_offers` holds the ids still awaiting an answer.
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import as_int, button, latest_entity, latest_intent, latest_text
from bot.clinic import contact_line, load_clinic
from bot.coaching import resources as rules
from bot.coaching.barriers import detect_barriers
from bot.services import problem_solving as ps
from bot.services import resources

OFFER_ACTION = "action_offer_resources"
ANSWER_ACTION = "action_resource_answer"
# The action that ran just before an offer in the same turn decides its context.
CHAINED_CONTEXT = {"action_save_phq4": "distress", "action_finish_checkin": "checkin"}
ANSWERS = ("interested", "declined", "more", "taken_up", "later")
FOLLOW_UP_TITLES = {"taken_up": "Yes, I went", "later": "Not yet", "declined": "It's not for me"}
INTRO = {"problem_solving": "ps", "distress": "distress", "checkin": "checkin", "asked": "asked"}


def answer_buttons(
    offer_id: int, answers: tuple[str, ...] = ("interested", "more", "declined"), titles: dict | None = None
) -> list[dict]:
    """Buttons that carry the offer and the answer, so a tap is never ambiguous."""
    titles = {
        "interested": "I'd like to try it",
        "more": "Tell me more",
        "declined": "Not for me",
        "taken_up": "Yes, I'll go",
        "later": "Not sure yet",
        **(titles or {}),
    }
    return [
        button(titles[answer], "resource_answer", resource_offer=offer_id, resource_answer=answer)
        for answer in answers
    ]


def _chained_from(tracker: Tracker) -> str | None:
    """The action that ran earlier in this same turn (no user message in between)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return None
        if event.get("event") == "action" and event.get("name") not in (OFFER_ACTION, "action_listen", None):
            return event.get("name")
    return None


def _last_distress_words(tracker: Tracker) -> str:
    """What they said when they told Pacer they were struggling (this session only)."""
    for event in reversed(tracker.events):
        if event.get("event") == "session_started":
            return ""
        if (
            event.get("event") == "user"
            and (event.get("parse_data") or {}).get("intent", {}).get("name") == "express_distress"
        ):
            return event.get("text") or ""
    return ""


def answers_open_offer(tracker: Tracker) -> bool:
    """The message came straight after an offer (or "will you go?") and reads as an answer to it:
    the fallback hands it over instead of saying "sorry, I'm not sure what you mean"."""
    if tracker.get_slot("resource_step") not in ("offered", "going") or not _pending(tracker):
        return False
    if rules.classify_response(latest_text(tracker)) is None:
        return False
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                return False
            seen_user = True
        elif seen_user and event.get("event") == "action" and event.get("name") != "action_listen":
            return event.get("name") in (OFFER_ACTION, ANSWER_ACTION)
    return False


def _pending(tracker: Tracker) -> list[int]:
    return [i for i in (as_int(v) for v in tracker.get_slot("resource_offers") or []) if i]


def _need(tracker: Tracker) -> tuple[rules.Need, int | None]:
    """What to match, from the action before (same turn), a button's context, or the request."""
    chained = CHAINED_CONTEXT.get(_chained_from(tracker) or "")
    if chained == "distress":
        scores = [
            as_int(tracker.get_slot(f"phq_{item}")) for item in ("interest", "down", "nervous", "worry")
        ]
        phq2 = gad2 = None
        if None not in scores:
            phq2, gad2 = scores[0] + scores[1], scores[2] + scores[3]
        return rules.need_for_distress(_last_distress_words(tracker), phq2, gad2), None
    if chained == "checkin":
        return resources.checkin_need(tracker.sender_id), None
    record_id = as_int(latest_entity(tracker, "ps_record"))
    record = ps.get(tracker.sender_id, record_id) if record_id else None
    if record is not None:
        return rules.need_for_problem(record.problem, detect_barriers(record.problem)), record.id
    context = latest_entity(tracker, "resource_context")
    if context == "distress":
        need = rules.need_for_distress(_last_distress_words(tracker))
        return rules.Need("distress", need.topics, need.kinds), None
    if context == "all":
        return rules.Need("asked"), None
    return rules.need_for_request(latest_text(tracker)), None


def present_offers(
    dispatcher: CollectingDispatcher, tracker: Tracker, need: rules.Need, ref_id: int | None = None
) -> list[EventType]:
    """Match, record and show; say kindly when the clinic lists nothing that fits."""
    result = resources.offer(tracker.sender_id, need, ref_id=ref_id)
    if result.status in ("none_listed", "no_match"):
        asked = need.context == "asked" or latest_intent(tracker) == "ask_resources"
        return _nothing(dispatcher, need, result.status, asked)
    dispatcher.utter_message(
        response=f"utter_resources_intro_{INTRO[need.context]}",
        count="one thing" if len(result.offers) == 1 else "two things",
    )
    for view in result.offers:
        buttons = answer_buttons(view.id) if view.id else []
        dispatcher.utter_message(response="utter_resource_offer", buttons=buttons, **_fields(view.resource))
    if result.status == "shown":
        dispatcher.utter_message(response="utter_resources_not_stored")
        return [SlotSet("resource_step", "none"), SlotSet("resource_offers", None)]
    return [
        SlotSet("resource_step", "offered"),
        SlotSet("resource_offers", [float(view.id) for view in result.offers]),
    ]


def _nothing(dispatcher: CollectingDispatcher, need: rules.Need, status: str, asked: bool) -> list[EventType]:
    """Nothing to offer. Problem solving gives the general "help from others" advice; a person who
    asked hears so kindly, with the clinic's contact; unprompted contexts stay quiet."""
    clinic_line = contact_line(load_clinic())
    if need.context == "problem_solving":
        dispatcher.utter_message(response="utter_ps_other_resources")
    elif asked and status == "none_listed":
        dispatcher.utter_message(response="utter_resources_none_listed", clinic_line=clinic_line)
    elif asked:
        dispatcher.utter_message(
            response="utter_resources_no_match",
            clinic_line=clinic_line,
            buttons=[
                button("Show me what there is", "ask_resources", resource_context="all"),
                button("Ask my clinic", "talk_to_person"),
            ],
        )
    return [SlotSet("resource_step", "none"), SlotSet("resource_offers", None)]


def _fields(resource: rules.ResourceInfo) -> dict[str, str]:
    summary = resource.description.strip()
    if len(summary) > 220:
        summary = summary[:217].rsplit(" ", 1)[0] + "..."
    return {
        "resource_name": resource.name,
        "resource_kind": resource.kind_label,
        "resource_summary": summary or f"A {resource.kind_label} listed by your clinic.",
        "resource_details": rules.details_text(resource) or "Ask your clinic for the details.",
        "resource_description": resource.description.strip() or "Your clinic hasn't added a description.",
        "resource_suits": rules.suits_text(resource) or "anyone living with pain",
        "resource_join": resource.how_to_join or resource.contact or "ask your clinic",
    }


class ActionOfferResources(Action):
    """Offer resources (or, when the person is answering an earlier offer, hand over to the answer)."""

    def name(self) -> str:
        return OFFER_ACTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        pending = _pending(tracker)
        chained = _chained_from(tracker)
        if (
            chained is None
            and pending
            and rules.classify_response(latest_text(tracker)) in ("more", "taken_up", "declined")
        ):
            return await ActionResourceAnswer().run(dispatcher, tracker, domain)
        if chained == "action_finish_checkin":
            earlier = resources.follow_up_due(tracker.sender_id)
            if earlier is not None:  # "did you get along to it?" before anything new
                resources.mark_followed_up(tracker.sender_id, earlier.id)
                dispatcher.utter_message(
                    response="utter_resource_follow_up",
                    resource_name=earlier.resource.name,
                    buttons=answer_buttons(earlier.id, ("taken_up", "later", "declined"), FOLLOW_UP_TITLES),
                )
                return [SlotSet("resource_step", "going"), SlotSet("resource_offers", [float(earlier.id)])]
            if not resources.checkin_offer_due(tracker.sender_id):
                return [SlotSet("resource_step", "none")]
        need, ref_id = _need(tracker)
        return present_offers(dispatcher, tracker, need, ref_id)


class ActionResourceAnswer(Action):
    """interested -> how to join and "will you go?"; taken up; not for me; tell me more."""

    def name(self) -> str:
        return ANSWER_ACTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        step = tracker.get_slot("resource_step")
        button_offer = as_int(latest_entity(tracker, "resource_offer"))
        pending = [button_offer] if button_offer else _pending(tracker)
        answer = self._answer(tracker, step)
        views = [view for view in (resources.get_offer(tracker.sender_id, i) for i in pending) if view]
        if not views:  # "I joined the walking group" some days later: an earlier offer they named
            views = self._named_earlier_offer(tracker)
        if not views:
            dispatcher.utter_message(response="utter_resource_nothing_pending")
            return [SlotSet("resource_step", "none"), SlotSet("resource_offers", None)]
        chosen = rules.choose_offers(latest_text(tracker), [v.resource.name for v in views])
        if chosen is None:
            buttons = [
                answer_buttons(v.id, (answer or "interested",))[0] | {"title": v.resource.name} for v in views
            ]
            dispatcher.utter_message(response="utter_resource_which", buttons=buttons)
            return [SlotSet("resource_step", "offered")]
        picked = [views[i] for i in chosen]
        if answer is None:
            answer = "interested"  # "the walking group": they picked one
        if answer == "more":
            return self._more(dispatcher, picked[0])
        for view in picked:
            if answer in ("interested", "declined", "taken_up"):
                resources.record_response(tracker.sender_id, view.id, answer)
        left = [v.id for v in views if v not in picked]
        if answer == "declined":
            dispatcher.utter_message(response="utter_resource_declined")
            return self._rest(left)
        if answer == "later":
            dispatcher.utter_message(response="utter_resource_later")
            return self._rest(left)
        if answer == "taken_up":
            dispatcher.utter_message(
                response="utter_resource_taken_up",
                resource_name=picked[0].resource.name,
                clinic_line=contact_line(load_clinic()),
            )
            return self._rest(left)
        view = picked[0]
        fields = _fields(view.resource)
        dispatcher.utter_message(
            response="utter_resource_interested",
            buttons=answer_buttons(view.id, ("taken_up", "later")),
            **fields,
        )
        return [SlotSet("resource_step", "going"), SlotSet("resource_offers", [float(view.id)])]

    @staticmethod
    def _named_earlier_offer(tracker: Tracker) -> list[resources.OfferView]:
        earlier = resources.recent_offers(tracker.sender_id)
        index = rules.named(latest_text(tracker), [view.resource.name for view in earlier])
        return [earlier[index]] if index is not None else []

    @staticmethod
    def _answer(tracker: Tracker, step: str | None) -> str | None:
        button = latest_entity(tracker, "resource_answer")
        if button in ANSWERS:
            return button
        said = rules.classify_response(latest_text(tracker))
        intent = latest_intent(tracker)
        if step == "going":
            if said in ("taken_up", "interested") or (said is None and intent == "affirm"):
                return "taken_up"  # "yes" to "do you think you'll go?"
            if said == "declined" or intent == "deny":
                return "later"
            return said
        if said is None and intent == "affirm":
            return "interested"
        if said is None and intent == "deny":
            return "declined"
        return said

    @staticmethod
    def _more(dispatcher: CollectingDispatcher, view: resources.OfferView) -> list[EventType]:
        dispatcher.utter_message(
            response="utter_resource_more",
            buttons=answer_buttons(view.id, ("interested", "declined")),
            **_fields(view.resource),
        )
        return [SlotSet("resource_step", "offered"), SlotSet("resource_offers", [float(view.id)])]

    @staticmethod
    def _rest(left: list[int]) -> list[EventType]:
        if left:
            return [SlotSet("resource_step", "offered"), SlotSet("resource_offers", [float(i) for i in left])]
        return [SlotSet("resource_step", "none"), SlotSet("resource_offers", None)]
