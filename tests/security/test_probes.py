"""Issue 15's probes on a real `pacer run`-like stack (rasa, action server, web app,
scheduler on a throwaway SQLite file): each is refused, and the database is unchanged.

An SMS patient with consent, a value and a plan is seeded first, so that a probe that
got through would show (or erase) her data.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import inspect, text

from bot.coaching.action_plan import PlanDraft
from bot.services import goals, identities
from bot.store import db
from bot.store.db import get_engine
from tests.e2e.stack import PacerStack
from tests.security import probes

pytestmark = pytest.mark.e2e

SECRET_VALUE = "tending the kumara beds with Nana"
# Tables whose rows change by design while probes run: the limiter's own records and the
# scheduler's heartbeat and lease. REST conversations (rest:*) are the prober's own.
CHANGING = {"code_attempts", "scheduler_leases", "scheduler_heartbeats", "alembic_version",
            "inbound_messages"}


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PacerStack]:
    running = PacerStack(tmp_path_factory.mktemp("pacer-security"))
    # As `make run`: only the web app's own origin may open the chat socket.
    running.settings = dataclasses.replace(running.settings, cors_origins=running.settings.web_url)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("DATABASE_URL", running.settings.database_url)
        env.setenv("PACER_TRUSTED_PROXIES", "127.0.0.1")  # so the probe can play many addresses
        env.setenv("PACER_RATE_LIMIT", "8")
        db.reset_engines()
        running.start()
        seed_sms_patient()
        try:
            yield running
        finally:
            running.stop()
    db.reset_engines()


def target_of(stack: PacerStack) -> probes.Target:
    settings = stack.settings
    return probes.Target(rasa_url=settings.rasa_url, action_url=settings.action_url,
                         web_url=settings.web_url.replace("localhost", "127.0.0.1"),
                         rasa_token=settings.rasa_token, rest_token=settings.rest_token)


def fingerprint() -> dict[str, str]:
    """A hash of every table's rows, but the prober's own REST conversations."""
    engine = get_engine()
    prints = {}
    with engine.connect() as connection:
        for table in sorted(set(inspect(connection).get_table_names()) - CHANGING):
            where = " WHERE sender_id NOT LIKE 'rest:%'" if table == "events" else ""
            rows = connection.execute(text(f"SELECT * FROM {table}{where}")).fetchall()
            prints[table] = hashlib.sha256(repr(sorted(map(repr, rows))).encode()).hexdigest()
    return prints


def seed_sms_patient() -> None:
    phone = probes.PATIENT_PHONE
    goals.record_consent(phone, "given", name="Mere")
    goals.save_value(phone, SECRET_VALUE)
    goals.save_plan(phone, PlanDraft("walk to the letterbox", "10 minutes", "after lunch", 4), 8)


def test_every_probe_is_refused_and_the_database_is_unchanged(stack: PacerStack) -> None:
    target = target_of(stack)
    before = fingerprint()
    lines: list[str] = []
    results = []
    for probe in probes.PROBES:
        started = time.monotonic()
        if probe is probes.rest_as_a_phone_number:
            result = probe(target, SECRET_VALUE)
        else:
            result = probe(target)
        result.seconds = result.seconds or time.monotonic() - started
        lines.append(f"{result.name}: {result.detail}")
        print(f"{'refused' if result.refused else 'OPEN'} {result.seconds:.2f} s {lines[-1]}")
        results.append(result)
        assert fingerprint() == before, f"the database changed after: {result.name}"
    open_ = [line for line, result in zip(lines, results, strict=True) if not result.refused]
    assert not open_, "\n".join(open_)
    assert len(results) == len(probes.PROBES) >= 14


def test_long_messages_are_not_parsed_stored_or_logged(stack: PacerStack) -> None:
    target = target_of(stack)
    assert probes.rest_long_message(target).refused
    assert probes.socket_long_message(target).refused
    logs = stack.logs()
    assert "a" * 200 not in logs and "b" * 200 not in logs
    for secret in (stack.settings.rest_token, stack.settings.action_token, stack.settings.rasa_token):
        assert secret not in logs


def test_a_valid_link_code_still_works_after_many_bad_ones(stack: PacerStack) -> None:
    assert probes.link_codes_cannot_be_blocked_for_everyone(target_of(stack)).refused
    issued = identities.issue_link_code(probes.PATIENT_PHONE)
    response = httpx.post(f"{target_of(stack).web_url}/chat/link", headers={"X-Forwarded-For": "203.0.113.9"},
                          json={"session_id": "c" * 32, "code": issued.code}, timeout=10)
    assert response.status_code == 200 and response.json()["status"] == "linked"


def test_the_action_server_answers_rasa_with_the_secret(stack: PacerStack) -> None:
    """The door is shut for others, not for rasa: a custom action runs through it."""
    headers = {"X-Pacer-Action-Token": stack.settings.action_token}
    listed = httpx.get(f"{target_of(stack).action_base}/actions", headers=headers, timeout=10)
    assert listed.status_code == 200 and any(a["name"] == "action_give_link_code" for a in listed.json())
    assert stack.say("rest:probe-friend", "show my plans")  # rasa calls actions with the header


def test_the_probe_script_prints_how_many_were_refused(stack: PacerStack) -> None:
    """`make probe` on a running stack: settings from the environment, as from `.env`."""
    import os
    import subprocess
    import sys

    settings = stack.settings
    env = {**os.environ, "RASA_URL": settings.rasa_url, "ACTION_ENDPOINT": settings.action_url,
           "PACER_WEB_URL": settings.web_url, "RASA_TOKEN": settings.rasa_token,
           "PACER_REST_TOKEN": settings.rest_token}
    run = subprocess.run([sys.executable, "-m", "tests.security.probes"], env=env, capture_output=True,
                         text=True, timeout=600)
    total = len(probes.PROBES)
    assert f"{total} probes tried, {total} refused" in run.stdout, run.stdout + run.stderr
    assert run.returncode == 0
    print(run.stdout)
