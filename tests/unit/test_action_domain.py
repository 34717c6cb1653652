"""The domain travels to no action (bot.rasa_speedups) and the action server fills in the same
one from Pacer's domain files (bot.action_server)."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa.core.actions.action import RemoteAction
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig
from rasa_sdk import Action
from rasa_sdk.executor import ActionExecutor

from bot import action_server, rasa_speedups, training


def test_the_domain_filled_in_is_the_trained_models_domain() -> None:
    from rasa.engine.storage.local_model_storage import LocalModelStorage

    metadata = LocalModelStorage.metadata_from_archive(training.model_path())
    assert action_server.served_domain() == metadata.domain.as_dict()


def test_rasa_sends_no_domain_when_selective_domain_is_on_and_the_whole_one_when_off() -> None:
    from rasa.shared.core.domain import Domain

    import bot.store.tracker_store  # noqa: F401 - installs the speedups

    domain = Domain.from_dict(action_server.served_domain())
    tracker = DialogueStateTracker("p1", domain.slots)
    selective = RemoteAction("validate_plan_form", EndpointConfig("http://x", enable_selective_domain=True))
    whole = RemoteAction("validate_plan_form", EndpointConfig("http://x"))
    assert RemoteAction._action_call_format is rasa_speedups.action_call_format
    sent = selective._action_call_format(tracker, domain)
    assert "domain" not in sent and sent["next_action"] == "validate_plan_form"
    assert sent["tracker"]["events"] == []
    assert whole._action_call_format(tracker, domain)["domain"] == domain.as_dict()


class RecordDomain(Action):
    seen: list[dict[str, Any]] = []

    def name(self) -> str:
        return "action_test_record_domain"

    async def run(self, dispatcher: Any, tracker: Any, domain: dict[str, Any]) -> list:
        RecordDomain.seen.append(domain)
        return []


def test_the_action_server_fills_in_a_missing_domain_and_keeps_a_sent_one() -> None:
    action_server.fill_in_domain()
    action_server.fill_in_domain()  # idempotent
    executor = ActionExecutor()
    executor.register_action(RecordDomain)
    tracker = {"sender_id": "p1", "slots": {}, "latest_message": {}, "events": [], "paused": False,
               "latest_event_time": None, "followup_action": None, "active_loop": {},
               "latest_action_name": None}
    call = {"next_action": "action_test_record_domain", "sender_id": "p1", "tracker": tracker,
            "version": "3.6.21"}
    asyncio.run(executor.run(dict(call)))
    asyncio.run(executor.run({**call, "domain": {"slots": {}}}))
    assert RecordDomain.seen[0] == action_server.served_domain() and RecordDomain.seen[1] == {"slots": {}}
    assert RecordDomain.seen[0]["forms"]["plan_form"]["required_slots"]
