"""bot.store.tracker_store: a saved tracker is handed back without the replay only while the
database holds exactly its rows; anything else loads the way rasa loads."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

DOMAIN = Domain.from_yaml("""
intents: [greet, inform]
slots:
  plan_what:
    type: text
    mappings: [{type: custom}]
forms:
  plan_form:
    required_slots: [plan_what]
responses:
  utter_greet: [{text: hi}]
""")


@pytest.fixture
def store_factory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'pacer.db'}")
    from bot.store.tracker_store import PacerTrackerStore

    return lambda: PacerTrackerStore(domain=DOMAIN)


def session(sender: str) -> DialogueStateTracker:
    events = [SessionStarted(timestamp=100.0), ActionExecuted("action_listen", timestamp=101.0),
              UserUttered("hi", {"name": "greet", "confidence": 1.0}, timestamp=102.0),
              ActionExecuted("utter_greet", timestamp=103.0), ActionExecuted("plan_form", timestamp=104.0),
              ActiveLoop("plan_form", timestamp=105.0), SlotSet("plan_what", "walk", timestamp=106.0),
              ActionExecuted("action_listen", timestamp=107.0)]
    return DialogueStateTracker.from_events(sender, events, DOMAIN.slots)


def state(tracker: DialogueStateTracker) -> tuple:
    """Everything a loaded tracker is: its events as stored, slots, loop, latest turn."""
    return ([event.as_dict() for event in tracker.events], tracker.current_slot_values(),
            tracker.active_loop, tracker.latest_action, tracker.latest_message.text, tracker.followup_action)


def test_a_saved_tracker_comes_back_as_rasa_would_load_it_without_the_replay(store_factory) -> None:
    store = store_factory()
    asyncio.run(store.save(session("p1")))  # a new conversation: not loaded from rows, not kept
    assert "p1" not in store._remembered
    turn = asyncio.run(store.retrieve("p1"))  # loaded by rasa from the rows
    turn.update(UserUttered("a walk", {"name": "inform", "confidence": 1.0}, timestamp=108.0))
    asyncio.run(store.save(turn))

    loaded = asyncio.run(store.retrieve("p1"))
    from_rows = asyncio.run(store_factory().retrieve("p1"))  # a fresh store: rasa's own load
    assert state(loaded) == state(from_rows) == state(turn)
    assert loaded is not turn and all(a is b for a, b in zip(loaded.events, turn.events, strict=True))

    loaded.update(SlotSet("plan_what", "swim", timestamp=109.0))  # the next turn, not saved yet
    again = asyncio.run(store.retrieve("p1"))
    assert again.get_slot("plan_what") == "walk" and len(again.events) == len(turn.events)


def test_a_turn_saved_after_another_process_wrote_is_not_remembered(store_factory) -> None:
    """Rasa counts the stored rows to know which events are new; when another process wrote in
    between, those rows are not this tracker's, so nothing is kept."""
    store, other_process = store_factory(), store_factory()
    asyncio.run(store.save(session("p4")))
    mine = asyncio.run(store.retrieve("p4"))
    theirs = asyncio.run(other_process.retrieve("p4"))
    theirs.update(UserUttered("theirs", {"name": "inform", "confidence": 1.0}, timestamp=400.0))
    asyncio.run(other_process.save(theirs))
    mine.update(UserUttered("mine", {"name": "inform", "confidence": 1.0}, timestamp=401.0))
    asyncio.run(store.save(mine))
    assert "p4" not in store._remembered
    assert asyncio.run(store.retrieve("p4")).latest_message.text == "theirs"  # the rows, as rasa stored them


def test_rows_written_elsewhere_or_erased_are_read_from_the_database(store_factory) -> None:
    store, other_process = store_factory(), store_factory()
    asyncio.run(store.save(session("p2")))
    asyncio.run(store.save(asyncio.run(store.retrieve("p2"))))
    assert "p2" in store._remembered
    elsewhere = asyncio.run(other_process.retrieve("p2"))
    elsewhere.update(UserUttered("later", {"name": "inform", "confidence": 1.0}, timestamp=200.0))
    asyncio.run(other_process.save(elsewhere))

    loaded = asyncio.run(store.retrieve("p2"))
    assert loaded.latest_message.text == "later" and len(loaded.events) == len(elsewhere.events)

    with store.session_scope() as db:
        db.query(store.SQLEvent).filter(store.SQLEvent.sender_id == "p2").delete()
        db.commit()
    assert asyncio.run(store.retrieve("p2")) is None


def test_a_turn_that_started_a_session_is_not_remembered(store_factory) -> None:
    store = store_factory()
    asyncio.run(store.save(session("p3")))
    tracker = asyncio.run(store.retrieve("p3"))
    tracker.update(ActionExecuted("action_session_start", timestamp=300.0))
    tracker.update(SessionStarted(timestamp=301.0))
    tracker.update(ActionExecuted("action_listen", timestamp=302.0))
    asyncio.run(store.save(tracker))
    assert "p3" not in store._remembered
    loaded = asyncio.run(store.retrieve("p3"))
    assert [type(event) for event in loaded.events] == [SessionStarted, ActionExecuted]
