"""The real sweeper against a real SQLite database and a local HTTP stub of Rasa's API."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.exc import OperationalError

from bench.rasa_stub import RasaStub, open_checkin, record_events
from bot.scheduler import store
from bot.scheduler.rasa_api import RasaApi
from bot.scheduler.sweeper import Sweeper
from bot.services import checkins, identities
from bot.store.db import get_engine, session_scope
from bot.store.models import ChannelIdentity, CheckinDelivery, CheckinSchedule, SafetyEvent, utcnow
from tests.unit.scheduler.conftest import make_patient

pytestmark = pytest.mark.both_dialects


def sweeper(stub: RasaStub, worker: str = "test", **options: object) -> Sweeper:
    return Sweeper(get_engine(), RasaApi(stub.url, stub.token), worker=worker, **options)


def run(coro):  # noqa: ANN001, ANN201 - test helper
    return asyncio.run(coro)


async def sweep_and_close(*sweepers: Sweeper, now=None) -> list:  # noqa: ANN001
    try:
        return await asyncio.gather(*(s.sweep(now) for s in sweepers))
    finally:
        for s in sweepers:
            await s.rasa.close()


def deliveries(patient_id: int) -> list[CheckinDelivery]:
    with session_scope() as session:
        return list(session.execute(
            select(CheckinDelivery)
            .where(CheckinDelivery.patient_id == patient_id)
            .order_by(CheckinDelivery.id)
        ).scalars())


def test_due_checkin_is_sent_once_to_the_last_channel_and_schedule_advances(stub: RasaStub) -> None:
    patient = make_patient("web-1", channel="socketio")
    record_events("web-1", [{"event": "user", "text": "hi", "input_channel": "socketio",
                             "timestamp": (utcnow() - timedelta(days=2)).timestamp(),
                             "parse_data": {"intent": {"name": "greet"}}}])
    run(sweep_and_close(sweeper(stub)))
    [row] = deliveries(patient)
    assert row.status == "sent" and row.channel == "socketio" and row.received_at is not None
    assert stub.stats()["triggers"] == [["web-1", str(row.id), "socketio"]]
    with session_scope() as session:
        schedule = session.execute(select(CheckinSchedule)).scalars().one()
        assert schedule.next_due_at > utcnow() and schedule.next_index >= 2
    run(sweep_and_close(sweeper(stub)))  # nothing more is due
    assert len(stub.stats()["triggers"]) == 1


def test_checkin_goes_to_the_conversation_the_patient_chose_not_the_last_used(stub: RasaStub) -> None:
    patient = make_patient("web-2", channel="socketio")
    code = identities.issue_link_code("web-2").code
    identities.redeem_link_code(code, "tg:4242", "telegram")
    assert identities.choose_checkin_channel("web-2", "telegram").status == "chosen"
    with session_scope() as session:  # the web chat is the one used last
        session.execute(update(ChannelIdentity).where(ChannelIdentity.conversation_id == "tg:4242")
                        .values(last_used_at=utcnow() - timedelta(days=2)))
    run(sweep_and_close(sweeper(stub)))
    [row] = deliveries(patient)
    assert row.status == "sent" and row.channel == "telegram" and row.conversation_id == "tg:4242"
    assert stub.stats()["triggers"] == [["tg:4242", str(row.id), "telegram"]]


def test_two_sweepers_at_once_never_send_twice(stub: RasaStub) -> None:
    patients = [make_patient(f"p-{i}") for i in range(40)]
    run(sweep_and_close(sweeper(stub, "a", batch_size=7), sweeper(stub, "b", batch_size=5)))
    raw = stub.raw()
    assert len(raw) == 40 and set(raw.values()) == {1}
    with session_scope() as session:
        count = session.execute(select(func.count()).select_from(CheckinDelivery)).scalar_one()
    assert count == len(patients)


def test_rest_is_delivered_to_the_collector(stub: RasaStub) -> None:
    patient = make_patient("rest-1", channel="rest")
    run(sweep_and_close(sweeper(stub)))
    [row] = deliveries(patient)
    assert row.status == "sent" and row.channel == "rest:collector"


def test_rasa_down_retries_with_backoff_and_is_visible(stub: RasaStub) -> None:
    patient = make_patient("down-1")
    stub.configure(fail_next=2)
    run(sweep_and_close(sweeper(stub, retry_base_s=60)))
    [row] = deliveries(patient)
    assert row.status == "pending" and row.attempts == 1 and "503" in row.last_error
    wait = row.next_attempt_at - utcnow()
    assert timedelta(seconds=50) < wait <= timedelta(seconds=60)
    assert checkins.status(utcnow()).failing == 1
    run(sweep_and_close(sweeper(stub, retry_base_s=60), now=utcnow() + timedelta(minutes=2)))
    [row] = deliveries(patient)
    assert row.attempts == 2 and row.next_attempt_at - utcnow() > timedelta(minutes=2)
    run(sweep_and_close(sweeper(stub, retry_base_s=60), now=utcnow() + timedelta(minutes=5)))
    [row] = deliveries(patient)
    assert row.status == "sent" and stub.raw()[str(row.id)] == 1


def test_an_unreadable_tracker_store_retries_that_checkin_and_sends_the_rest(
    stub: RasaStub, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken, fine = make_patient("busy-1"), make_patient("fine-1")
    read = Sweeper._tracker_state

    def busy_for_one(self: Sweeper, conversation_id: str):  # noqa: ANN202 - the patched method
        if conversation_id == "busy-1":
            raise OperationalError("SELECT", {}, Exception("database is locked"))
        return read(self, conversation_id)

    monkeypatch.setattr(Sweeper, "_tracker_state", busy_for_one)
    run(sweep_and_close(sweeper(stub, retry_base_s=60)))
    [waiting], [sent] = deliveries(broken), deliveries(fine)
    assert waiting.status == "pending" and waiting.attempts == 1 and "tracker store" in waiting.last_error
    assert sent.status == "sent" and stub.raw() == {str(sent.id): 1}


def test_a_checkin_due_mid_form_is_deferred_not_sent(stub: RasaStub) -> None:
    patient = make_patient("form-1")
    record_events("form-1", [{"event": "active_loop", "name": "plan_form",
                              "timestamp": (utcnow() - timedelta(hours=2)).timestamp()}])
    run(sweep_and_close(sweeper(stub)))
    [row] = deliveries(patient)
    assert row.status == "pending" and row.defer_reason == "form_active" and row.deferrals == 1
    assert stub.raw() == {}
    record_events("form-1", [{"event": "active_loop", "name": None}])
    run(sweep_and_close(sweeper(stub), now=utcnow() + timedelta(minutes=11)))
    assert deliveries(patient)[0].status == "sent"


def test_recent_message_and_recent_crisis_defer(stub: RasaStub) -> None:
    talking = make_patient("talk-1")
    crisis = make_patient("crisis-1")
    now = utcnow()
    record_events("talk-1", [{"event": "user", "text": "hello", "parse_data": {"intent": {"name": "greet"}},
                              "timestamp": (now - timedelta(minutes=5)).timestamp()}])
    with session_scope() as session:
        session.add(SafetyEvent(patient_id=crisis, conversation_id="crisis-1", kind="crisis", rule="t",
                                created_at=now - timedelta(hours=2)))
    run(sweep_and_close(sweeper(stub)))
    assert deliveries(talking)[0].defer_reason == "recent_contact"
    assert deliveries(crisis)[0].defer_reason == "after_crisis"
    assert stub.raw() == {}


def test_a_delivery_the_action_already_recorded_is_not_sent_again(stub: RasaStub) -> None:
    """The crash-after-send case: the send happened, the commit did not."""
    patient = make_patient("crash-1")
    engine = get_engine()
    store.materialize_due(engine, utcnow())
    [claim] = store.claim_batch(engine, utcnow(), "dead", 10, timedelta(seconds=1))
    assert open_checkin("crash-1", claim.id)  # what the check-in action and Rasa committed
    run(sweep_and_close(sweeper(stub), now=utcnow() + timedelta(seconds=5)))  # lease expired
    [row] = deliveries(patient)
    assert row.status == "sent" and stub.raw() == {}
    assert checkins.receive(claim.id, "crash-1") is None  # a repeat is ignored


def test_a_receipt_whose_turn_never_committed_is_sent_again_and_shown_once(stub: RasaStub) -> None:
    """A rasa replica killed after the action recorded the receipt, before it saved the tracker:
    the patient never saw it, so it is sent again (and opened once)."""
    patient = make_patient("died-1")
    engine = get_engine()
    store.materialize_due(engine, utcnow())
    [claim] = store.claim_batch(engine, utcnow(), "dead", 10, timedelta(seconds=1))
    assert checkins.receive(claim.id, "died-1") is not None  # the action ran; no tracker event
    run(sweep_and_close(sweeper(stub), now=utcnow() + timedelta(seconds=5)))
    [row] = deliveries(patient)
    assert row.status == "sent" and stub.raw() == {str(row.id): 1} and stub.shown() == {str(row.id): 1}
    assert not open_checkin("died-1", row.id)  # now committed: a further trigger is a repeat


def test_stopped_and_paused_schedules_send_nothing(stub: RasaStub) -> None:
    stopped = make_patient("stop-1")
    checkins.stop("stop-1")
    paused = make_patient("pause-1")
    # "back on" is a date in the patient's zone: take it from their clock, not UTC's (in the
    # hours when Auckland is already on tomorrow, UTC's date + 14 is only 13 local days away).
    zone = ZoneInfo(checkins.get_schedule("pause-1").timezone)
    view = checkins.pause_until("pause-1", (datetime.now(zone) + timedelta(days=14)).date())
    assert view.next_due_at > utcnow() + timedelta(days=13)
    run(sweep_and_close(sweeper(stub)))
    assert deliveries(stopped) == [] and deliveries(paused) == []
    restarted = checkins.update_preferences("stop-1", restart=True)
    assert restarted.status == "active" and restarted.next_due_at > utcnow()


def test_status_warns_about_overdue_checkins_and_a_missing_heartbeat(stub: RasaStub) -> None:
    make_patient("late-1", due=utcnow() - timedelta(hours=1))
    report = checkins.status()
    assert report.overdue == 1
    warnings = " ".join(report.warnings())
    assert "never run" in warnings and "not sent" in warnings
    run(sweep_and_close(sweeper(stub)))
    report = checkins.status()
    assert report.overdue == 0 and report.heartbeat_at is not None and report.warnings() == []
