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


def test_event_classes_resolve_as_rasa_resolves_them() -> None:
    from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered, deserialise_events

    import bot.store.tracker_store  # noqa: F401 - installs the speedups

    assert Event.resolve_by_type("slot") is SlotSet
    assert Event.resolve_by_type("slot") is SlotSet  # remembered
    assert Event.resolve_by_type("user") is UserUttered
    assert Event.resolve_by_type("no_such_event", default=ActionExecuted) is ActionExecuted
    assert Event.resolve_by_type("topic") is None
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no_such_event")
    events = deserialise_events([{"event": "slot", "name": "plan_what", "value": "walk"},
                                 {"event": "action", "name": "action_listen"}])
    assert [type(e) for e in events] == [SlotSet, ActionExecuted]


def test_past_states_are_remembered_per_tracker_state_and_handed_out_as_copies() -> None:
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    import bot.store.tracker_store  # noqa: F401 - installs the speedups

    domain = Domain.from_yaml("""
intents: [greet, inform]
slots:
  plan_what:
    type: text
    mappings: [{type: custom}]
responses:
  utter_greet: [{text: hi}]
""")
    events = [ActionExecuted("action_listen"), UserUttered("hi", {"name": "greet"}),
              ActionExecuted("utter_greet"), SlotSet("plan_what", "walk"), ActionExecuted("action_listen")]
    tracker = DialogueStateTracker.from_events("c1", events, domain.slots)
    fresh = domain.states_for_tracker_history(tracker)  # rasa's own computation
    first = tracker.past_states(domain)
    assert first == fresh
    first[-1].clear()  # featurizers edit what they get
    first[-2]["user"]["intent"] = "changed"
    assert tracker.past_states(domain) == fresh
    assert tracker.past_states(domain, omit_unset_slots=True) == domain.states_for_tracker_history(
        tracker, omit_unset_slots=True)
    tracker.update(UserUttered("walk", {"name": "inform"}), domain)
    assert tracker.past_states(domain) == domain.states_for_tracker_history(tracker) != fresh
    rules = {"slots": ["plan_what"], "loops": []}
    assert tracker.past_states(domain, ignore_rule_only_turns=True, rule_only_data=rules) == \
        domain.states_for_tracker_history(tracker, ignore_rule_only_turns=True, rule_only_data=rules)


def test_rule_keys_are_decoded_once_however_many_rules_there_are() -> None:
    """rasa's lru_cache(1000) missed on every key of 1,024 rules walked in order."""
    import json

    from rasa.core.policies.rule_policy import RulePolicy

    import bot.store.tracker_store  # noqa: F401 - installs the speedups

    keys = [json.dumps([{"prev_action": {"action_name": f"action_{n}"}}]) for n in range(1500)]
    decoded = [RulePolicy._rule_key_to_state(key) for key in keys]
    assert decoded == [json.loads(key) for key in keys]
    RulePolicy._rule_key_to_state.cache_clear()
    for key in keys * 2:
        RulePolicy._rule_key_to_state(key)
    info = RulePolicy._rule_key_to_state.cache_info()
    assert (info.misses, info.hits) == (1500, 1500)
