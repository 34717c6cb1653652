"""Problem-solving, flare-plan and follow-up use cases against a real migrated SQLite file."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from bot.coaching.problem_solving import Idea, build_ideas
from bot.services import flare, followups, goals
from bot.services import problem_solving as ps
from bot.store.db import session_scope
from bot.store.models import ActionPlan, FlareEpisode, Followup, Patient

pytestmark = pytest.mark.usefixtures("database_url")
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=timezone.utc)


def consented(conversation_id: str = "conv") -> str:
    goals.record_consent(conversation_id, "given", name="Hemi")
    return conversation_id


def test_problem_solving_record_keeps_their_words_and_adds_a_plan() -> None:
    conv = consented()
    ideas = build_ideas("never have time after work", ["walk at lunch"])
    saved = ps.save(conv, "never have time after work", ideas, ideas[0],
                    "walk at lunch for 10 minutes on 3 days", 8, now=NOW)
    assert saved is not None
    [record] = ps.records(conv)
    assert record.problem == "never have time after work"
    assert record.ideas[0] == Idea("walk at lunch", "own") and record.ideas[1].source == "suggested"
    assert (record.chosen, record.confidence) == ("walk at lunch", 8)
    with session_scope() as session:
        plan = session.get(ActionPlan, record.action_plan_id)
        assert (plan.how_much, plan.days_per_week, plan.status) == ("10 minutes", 3, "active")
    [due] = [f for f in followups.pending(conv) if f.kind == "problem_solving"]
    assert due.due_at.replace(tzinfo=timezone.utc) == NOW + ps.REVIEW_AFTER


def test_nothing_is_stored_without_consent() -> None:
    idea = Idea("x", "own")
    assert ps.save("stranger", "p", [idea], idea, "plan", 8) is None
    assert flare.save_sections("stranger", {"what_helps": "heat"}) is None
    assert flare.start_episode("stranger", False, "default") is None
    with session_scope() as session:
        assert session.execute(select(Patient)).first() is None


def test_flare_plan_sections_are_saved_one_at_a_time() -> None:
    conv = consented()
    flare.save_sections(conv, {"what_helps": "heat pack", "who_to_tell": "my partner"})
    plan = flare.save_sections(conv, {"who_to_tell": "my sister"})
    assert plan.what_helps == "heat pack" and plan.who_to_tell == "my sister"
    assert flare.get_plan(conv) == plan
    with pytest.raises(ValueError):
        flare.save_sections(conv, {"favourite_food": "pie"})


def test_flare_followup_is_due_next_day_then_asked_once_and_answered() -> None:
    conv = consented()
    episode_id = flare.start_episode(conv, red_flag=False, plan_source="default", now=NOW)
    [row] = followups.pending(conv)
    assert (row.kind, row.ref_id) == ("flare", episode_id)
    due = row.due_at.replace(tzinfo=timezone.utc)
    assert due - NOW >= timedelta(hours=12)
    assert followups.take_due(conv, now=due - timedelta(minutes=1)) is None  # not yet
    asked = followups.take_due(conv, now=due + timedelta(minutes=1))
    assert asked is not None and asked.kind == "flare"
    assert followups.take_due(conv, now=due + timedelta(hours=1)) is None  # delivered once
    assert followups.open_question(conv).id == asked.id
    assert followups.answer(conv, asked.id, "better")
    assert followups.open_question(conv) is None
    with session_scope() as session:
        assert session.get(FlareEpisode, episode_id).outcome == "better"
        assert session.get(Followup, asked.id).answer == "better"


def test_someone_elses_followup_cannot_be_answered() -> None:
    first, second = consented("a"), consented("b")
    flare.start_episode(first, False, "own", now=NOW)
    asked = followups.take_due(first, now=NOW + timedelta(days=2))
    assert not followups.answer(second, asked.id, "worse")


def test_problem_solving_review_is_stored_on_the_record() -> None:
    conv = consented()
    idea = Idea("ask my sister", "own")
    saved = ps.save(conv, "no one to help", [idea], idea, "ask my sister on sunday", 7, now=NOW)
    asked = followups.take_due(conv, now=NOW + timedelta(days=8))
    assert asked.problem == "no one to help" and asked.chosen == "ask my sister"
    followups.answer(conv, asked.id, "not_worked")
    assert ps.get(conv, saved.id).outcome == "not_worked"
    ps.record_review(conv, saved.id, "accepted")
    assert ps.get(conv, saved.id).outcome == "accepted"


def test_export_includes_coaching_records_and_erasure_removes_them() -> None:
    from bot.services import privacy

    conv = consented()
    idea = Idea("walk at lunch", "own")
    ps.save(conv, "no time", [idea], idea, "walk at lunch 10 min", 8, now=NOW)
    flare.save_sections(conv, {"what_helps": "heat"})
    flare.start_episode(conv, False, "own", now=NOW)
    data = privacy.export_conversation(conv)
    assert data["problem_solving"][0]["problem"] == "no time"
    assert data["flare_plan"]["what_helps"] == "heat"
    assert len(data["flare_episodes"]) == 1 and {f["kind"] for f in data["followups"]} == {
        "flare", "problem_solving"}
    with session_scope() as session:  # the database cascades, as erasure relies on
        session.delete(session.execute(select(Patient)).scalar_one())
    with session_scope() as session:
        assert session.execute(select(Followup)).first() is None
        assert session.execute(select(FlareEpisode)).first() is None
