"""Clinic resources end to end: a resource added through the service is offered over HTTP (real
rasa + action server) at problem solving's "get help from others" step, the patient accepts
in their own words, and the offer and answer are stored and shown on the dashboard (a real
`pacer web` on the same database)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, update

from bot.services import dashboard, goals, resources, summaries
from bot.services import problem_solving as ps
from bot.services.resources import ResourceForm
from bot.store.db import session_scope
from bot.store.models import ChannelIdentity, ClinicResource, ResourceOffer
from bot.web import auth
from tests.e2e.stack import PacerStack, texts
from tests.e2e.test_coaching_flows import make_due
from tests.web.server import WebServer

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def web(stack: PacerStack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebServer]:
    server = WebServer(stack.settings.database_url, tmp_path_factory.mktemp("resources-web"))
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def archived_afterwards() -> Iterator[None]:
    """Archive what each test adds, so later e2e modules (PHQ-4, check-ins) see the list they had."""
    with session_scope() as session:
        before = set(session.execute(select(ClinicResource.id)).scalars())
    yield
    with session_scope() as session:
        session.execute(update(ClinicResource).where(ClinicResource.id.not_in(before)).values(active=False))


def add_resource(name: str, kind: str, tags: tuple[str, ...], **fields: str) -> int:
    base = {"description": "", "when_text": "", "where_text": "", "how_to_join": "", "contact": ""}
    with session_scope() as session:
        return resources.create_resource(session, ResourceForm(name=name, kind=kind, tags=tags,
                                                               **{**base, **fields})).id


def offers_of(sender: str) -> list[ResourceOffer]:
    with session_scope() as session:
        patient_id = session.execute(select(ChannelIdentity.patient_id)
                                     .where(ChannelIdentity.conversation_id == sender)).scalar_one()
        rows = session.execute(select(ResourceOffer).where(ResourceOffer.patient_id == patient_id)
                               .order_by(ResourceOffer.id)).scalars().all()
        session.expunge_all()
        return list(rows)


def payload(replies: list[dict], title: str) -> str:
    for reply in replies:
        for button in reply.get("buttons") or []:
            if button["title"].lower() == title.lower():
                return button["payload"]
    raise AssertionError(f"no button {title!r} in {json.dumps(replies)[:800]}")


def test_offered_in_problem_solving_accepted_stored_and_on_the_dashboard(
    stack: PacerStack, web: WebServer, tmp_path: Path
) -> None:
    suffix = uuid.uuid4().hex[:6]
    name = f"Benefits and costs advice {suffix}"
    resource_id = add_resource(
        name, "service", ("money",), description="Free help with the cost of treatment and getting to it.",
        when_text="Weekdays 9am-3pm", where_text="Citizens Advice, 4 Kent St",
        how_to_join="Ring 0800 555 012 and say the pain clinic sent you", contact="Sina, 0800 555 012")
    add_resource(f"Tuesday walking group {suffix}", "peer_support", ("movement", "isolation"),
                 how_to_join="Just turn up at the park gates")  # does not fit a money problem
    sender = f"rest:e2e-res-{suffix}"
    goals.record_consent(sender, "given", name="Lani")
    goals.save_value(sender, "swimming with my sister")

    # problem solving: a money barrier, in the person's words
    stack.say(sender, "can we problem solve, something keeps getting in the way")
    reply = texts(stack.say(sender, "the pool is too expensive and i cant afford it every week"))
    assert "idea" in reply
    stack.say(sender, "no idea")
    stack.say(sender, "1")
    stack.say(sender, "ask at the library about free swim times this week")
    reply = texts(stack.say(sender, "8"))
    assert "next check-in" in reply
    [record] = ps.records(sender)

    # a week later the idea did not work: "get help from others" offers the clinic's resource
    make_due(sender, "problem_solving")
    reply = texts(stack.say(sender, "/session_start"))
    assert "pool is too expensive" in reply
    replies = stack.say(sender, '/followup_answer{"followup_outcome":"not_worked"}')
    assert "get help from others" in texts(replies)
    replies = stack.say(sender, payload(replies, "Get help from others"))
    reply = texts(replies)
    assert name.lower() in reply and "weekdays 9am-3pm" in reply and "citizens advice, 4 kent st" in reply
    assert "ring 0800 555 012" in reply and "walking group" not in reply
    assert "i'd like to try it" in reply and "not for me" in reply and "tell me more" in reply
    [offer] = offers_of(sender)
    assert (offer.resource_id, offer.context, offer.ref_id, offer.response) == (
        resource_id, "problem_solving", record.id, "no_answer")

    # free text: yes to the offer, then yes they'll go
    reply = texts(stack.say(sender, "yeah id like to try that"))
    assert "ring 0800 555 012" in reply and ("go" in reply or "get along" in reply)
    assert offers_of(sender)[0].response == "interested"
    reply = texts(stack.say(sender, "yes i'll ring them tomorrow"))
    assert "tell me how" in reply or "real step" in reply or "hope" in reply
    [offer] = offers_of(sender)
    assert offer.response == "interested" and offer.taken_up_at is not None
    assert stack.tracker(sender)["slots"]["resource_step"] == "none"

    # the clinician sees it on the patient page
    email = f"lead-{suffix}@clinic.test"
    clinician_id = auth.create_clinician(email, "Dr Leota", PASSWORD)
    with session_scope() as session:
        patient_id = session.execute(select(ChannelIdentity.patient_id)
                                     .where(ChannelIdentity.conversation_id == sender)).scalar_one()
        dashboard.assign(session, clinician_id, patient_id)
    client = web.client()
    assert client.sign_in(email, PASSWORD).status_code == 303
    page = client.get(f"/dashboard/patients/{patient_id}").text
    section = page[page.index('id="resources-offered"'):]
    section = section[:section.index("</section>")]
    assert name in section and "problem solving" in section and "interested" in section
    assert 'class="ack">yes</span>' in section
    with session_scope() as session:  # summary lines from the rows, linked to the turns that wrote them
        lines = [line.text for line in summaries.summarise_patient(session, patient_id).lines]
    assert f"Resource offered (problem solving): {name}" in lines
    assert f"Said they will go to / have joined: {name}" in lines
    listing = client.get("/dashboard/resources").text
    assert name in listing and "1 offered · 1 interested · 1 taken up" in listing


def test_asking_for_a_group_and_declining_it(stack: PacerStack) -> None:
    suffix = uuid.uuid4().hex[:6]
    name = f"Chronic pain peer group {suffix}"
    add_resource(name, "peer_support", ("isolation", "pain_skills", "family"),
                 description="People living with pain meet for a cuppa and a chat.",
                 when_text="First Monday of the month, 7pm", how_to_join="Email hello@painpeers.test")
    sender = f"rest:e2e-res-{suffix}"
    goals.record_consent(sender, "given", name="Ari")
    replies = stack.say(sender, "are there any support groups for people with pain near me")
    reply = texts(replies)
    assert name.lower() in reply and "first monday of the month" in reply
    mine = [o for o in offers_of(sender) if o.resource_id == _id(name)]
    assert mine and mine[0].context == "asked"
    [offer_reply] = [r for r in replies if name in (r.get("text") or "")]
    reply = texts(stack.say(sender, payload([offer_reply], "Tell me more")))
    assert "cuppa and a chat" in reply
    reply = texts(stack.say(sender, "nah its not for me"))
    assert "won't suggest" in reply or "leave that" in reply or "what suits you" in reply
    assert [o.response for o in offers_of(sender) if o.resource_id == _id(name)] == ["declined"]


def _id(name: str) -> int:
    with session_scope() as session:
        return session.execute(select(ClinicResource.id).where(ClinicResource.name == name)).scalar_one()


def test_nothing_listed_the_bot_says_so_and_suggests_the_clinic(stack: PacerStack) -> None:
    with session_scope() as session:
        stmt = select(ClinicResource.id).where(ClinicResource.active.is_(True))
        active = list(session.execute(stmt).scalars())
        session.execute(update(ClinicResource).values(active=False))
    try:
        reply = texts(stack.say(f"rest:e2e-res-{uuid.uuid4().hex[:6]}", "any classes i could go to"))
        assert "hasn't given me a list" in reply or "don't have any groups" in reply or \
            "don't have your clinic's list" in reply
        assert "09 555 0100" in reply  # the clinic's phone (tests/e2e/conftest.py)
    finally:
        with session_scope() as session:
            session.execute(update(ClinicResource).where(ClinicResource.id.in_(active)).values(active=True))


def test_after_the_mood_questions_the_result_comes_first_then_the_offer(stack: PacerStack) -> None:
    suffix = uuid.uuid4().hex[:6]
    name = f"Mood and pain course {suffix}"
    add_resource(name, "class", ("mood", "worry"), when_text="Six Wednesday evenings",
                 how_to_join="Ask your physio to refer you")
    sender = f"rest:e2e-res-{suffix}"
    goals.record_consent(sender, "given", name="Hine")
    reply = texts(stack.say(sender, "honestly i feel so down and flat lately, the pain is wearing me out"))
    assert "groups or services that help" in reply  # an option, not yet an offer
    assert offers_of(sender) == []
    stack.say(sender, "/start_phq4")
    for answer in ("3", "nearly every day", "1"):
        stack.say(sender, answer)
    reply = texts(stack.say(sender, "several days"))
    assert "clinician" in reply and name.lower() in reply
    assert reply.index("clinician") < reply.index(name.lower())  # the result and advice first
    [offer] = offers_of(sender)
    assert (offer.context, offer.response) == ("distress", "no_answer")
    reply = texts(stack.say(sender, "no thanks"))
    assert offers_of(sender)[0].response == "declined"
