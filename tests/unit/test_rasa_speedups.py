"""bot.rasa_speedups: rasa's check of action server responses, with the validator built once."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError, validate
from rasa.core.actions.action import RemoteAction

from bot import rasa_speedups

GOOD = {"events": [{"event": "slot", "name": "plan_what", "value": "walk"}],
        "responses": [{"response": "utter_greet"}]}
BAD = [{"events": [{"event": "slot", "value": "walk"}]}, {"responses": "hello"}, {"events": "x"}]


def test_the_cached_check_accepts_and_refuses_what_jsonschema_validate_does() -> None:
    action = RemoteAction("action_x", None)
    schema = RemoteAction.action_response_format_spec()
    assert rasa_speedups.validate_action_result(action, GOOD) is True
    validate(GOOD, schema)
    for bad in BAD:
        with pytest.raises(ValidationError) as expected:
            validate(bad, schema)
        with pytest.raises(ValidationError) as cached:
            rasa_speedups.validate_action_result(action, bad)
        assert cached.value.message.startswith(expected.value.message)
        assert "Failed to validate Action server response" in cached.value.message


def test_the_tracker_store_module_installs_it_in_rasa() -> None:
    import bot.store.tracker_store  # noqa: F401 - rasa imports it at start-up

    assert RemoteAction._validate_action_result is rasa_speedups.validate_action_result
