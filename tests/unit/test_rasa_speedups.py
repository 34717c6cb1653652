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


def _random_state(rng, *, conversation_start: bool = False) -> dict:
    """A dialogue state of the shapes RulePolicy's keys hold: previous action (name or text),
    user intent or text, slots, active loop, with rasa's 'should not be set' marker."""
    from rasa.shared.core.constants import SHOULD_NOT_BE_SET

    state: dict = {}
    if not conversation_start:
        if rng.random() < 0.85:
            name = rng.choice(["action_listen", "utter_a", "utter_b", "form_x"])
            state["prev_action"] = {"action_name": name}
        else:
            state["prev_action"] = {"action_text": rng.choice(["hi there", "ok"])}
    if rng.random() < 0.7:
        state["user"] = {"intent": rng.choice(["greet", "inform", "stop"])}
    if rng.random() < 0.4:
        state["slots"] = {"plan_what": rng.choice([(1.0,), SHOULD_NOT_BE_SET])}
    if rng.random() < 0.3:
        state["active_loop"] = {"name": rng.choice(["form_x", SHOULD_NOT_BE_SET])}
    return state


def test_possible_rule_keys_are_the_keys_rasa_finds() -> None:
    """The indexed walk against RulePolicy's own, over random rules and conversations."""
    import json
    import random

    from rasa.core.policies.rule_policy import RulePolicy

    import bot.store.tracker_store  # noqa: F401 - installs the speedups

    rng = random.Random(18)
    keys = set()
    while len(keys) < 400:
        length = rng.randint(1, 4)
        states = [_random_state(rng, conversation_start=(n == 0 and rng.random() < 0.2))
                  for n in range(length)]
        keys.add(json.dumps(states, sort_keys=True))
    lookup = {key: "utter_a" for key in keys}
    policy = RulePolicy.__new__(RulePolicy)
    assert RulePolicy._get_possible_keys is rasa_speedups.get_possible_keys
    found_some = 0
    for _ in range(300):
        history = [_random_state(rng, conversation_start=(n == 0)) for n in range(rng.randint(0, 8))]
        # JSON round trip, as rule keys hold them (tuples become lists)
        expected = _rasa_possible_keys(policy, lookup, history)
        assert rasa_speedups.get_possible_keys(policy, lookup, history) == expected
        found_some += bool(expected) and len(expected) < len(lookup)
    assert found_some > 20  # the comparison was not vacuous


def _rasa_possible_keys(policy, lookup, states):
    """RulePolicy._get_possible_keys as Rasa 3.6.21 writes it (rule_policy.py, lines 913-924)."""
    possible_keys = set(lookup.keys())
    for i, state in enumerate(reversed(states)):
        possible_keys = set(filter(lambda _key: policy._is_rule_applicable(_key, i, state), possible_keys))
    return possible_keys


def test_slots_copy_as_copy_copy_did() -> None:
    import copy

    from rasa.shared.core.slots import CategoricalSlot, FloatSlot, TextSlot

    import bot.store.tracker_store  # noqa: F401 - installs the speedups

    for slot, value in ((TextSlot("plan_what", mappings=[{"type": "custom"}], initial_value="x"), "walk"),
                        (FloatSlot("pain", mappings=[{"type": "custom"}], max_value=10.0), 4.0),
                        (CategoricalSlot("mode", mappings=[{"type": "custom"}], values=["a", "b"]), "b")):
        slot.value = value
        duplicate = copy.copy(slot)
        assert duplicate is not slot and type(duplicate) is type(slot)
        assert duplicate.__dict__ == slot.__dict__ and duplicate.value == value
        duplicate.value = None
        assert slot.value == value  # the original keeps its value


def test_a_valid_response_passes_the_dispatched_check_and_an_invalid_one_does_not() -> None:
    events = [{"event": name}
              for name in ("action_execution_rejected", "form_validation", "rewind", "restart")]
    events += [{"event": "slot", "name": "a", "value": None, "timestamp": 1.5},
               {"event": "user", "text": "hi", "parse_data": {"intent": {"name": "greet", "confidence": 1}}},
               {"event": "bot", "text": "hello", "data": {}, "metadata": None}]
    assert rasa_speedups._passes_dispatched_check({"events": events, "responses": []})
    for bad in [*BAD, {"events": [{"event": "no_such"}]}, {"events": [{"event": ["slot"]}]},
                {"events": [{"name": "a", "value": 1}]},
                {"events": [{"event": "slot", "name": 3, "value": 1}]},
                {"events": [{"event": "user", "timestamp": "now"}]}, {"events": ["slot"]}, []]:
        assert not rasa_speedups._passes_dispatched_check(bad)
        with pytest.raises(ValidationError):
            validate(bad, RemoteAction.action_response_format_spec())


def test_applied_events_and_past_states_are_rasas_for_every_step_of_pacers_stories_and_rules() -> None:
    """The continued `applied_events` and the resumed `past_states` against Rasa's own replay,
    at every action of every tracker rasa generates from Pacer's stories, rules and test
    stories (forms folding their happy paths, unhappy paths, rule-only turns, restarts)."""
    import glob
    from contextlib import contextmanager

    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted
    from rasa.shared.core.generator import TrainingDataGenerator
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.shared.core.training_data.loading import load_data_from_files
    from rasa.shared.core.training_data.structures import StoryGraph

    import bot.store.tracker_store  # noqa: F401 - installs the speedups

    domain = Domain.load("domain")
    files = sorted(glob.glob("data/stories/*.yml") + glob.glob("data/rules/*.yml")
                   + glob.glob("tests/stories/*.yml"))
    trackers = TrainingDataGenerator(StoryGraph(load_data_from_files(files, domain)), domain,
                                     augmentation_factor=0).generate()
    rule_only = {"rule_only_slots": ["safety_stage"], "rule_only_loops": ["safety_form", "checkin_form"]}

    @contextmanager
    def rasa_own():
        patched = DialogueStateTracker.applied_events
        DialogueStateTracker.applied_events = rasa_speedups.rasa_originals["applied_events"]
        try:
            yield
        finally:
            DialogueStateTracker.applied_events = patched

    checks = 0
    for generated in trackers:
        # a plain tracker (generated ones cache their own states), one sender id for all of them:
        # one conversation after another, so resumes must not mix them up
        tracker = DialogueStateTracker("same-for-all", domain.slots,
                                       is_rule_tracker=generated.is_rule_tracker)
        for event in generated.events:
            tracker.update(event)
            if not isinstance(event, ActionExecuted):
                continue
            for arguments in ((False, False, None), (False, True, rule_only), (True, True, rule_only)):
                ours, our_events = tracker.past_states(domain, *arguments), tracker.applied_events()
                with rasa_own():
                    theirs, their_events = domain.states_for_tracker_history(tracker, *arguments), \
                        tracker.applied_events()
                assert ours == theirs
                assert len(our_events) == len(their_events)
                assert all(a is b for a, b in zip(our_events, their_events, strict=True))
                checks += 1
    assert len(trackers) > 300 and checks > 3000


def test_ted_outputs_are_keyed_by_every_feature_value() -> None:
    """Two featurized inputs share a remembered model output only when every feature is equal."""
    import numpy as np
    import scipy.sparse
    from rasa.shared.nlu.training_data.features import Features

    def featurized(intent_column: int, slot_value: float) -> list:
        intent = Features(scipy.sparse.coo_matrix(([1.0], ([0], [intent_column])), shape=(1, 8)),
                          "sentence", "intent", "SingleStateFeaturizer")
        slot = Features(np.array([[slot_value, 0.0]]), "sentence", "slots", "SingleStateFeaturizer")
        return [[{"intent": [intent], "slots": [slot]}, {}]]

    key = rasa_speedups._features_key
    assert key(featurized(3, 1.0)) == key(featurized(3, 1.0))
    hash(key(featurized(3, 1.0)))
    assert key(featurized(3, 1.0)) != key(featurized(4, 1.0))
    assert key(featurized(3, 1.0)) != key(featurized(3, 0.5))
    assert key(featurized(3, 1.0)) != key(featurized(3, 1.0) + featurized(3, 1.0))  # a second example


def test_ted_prediction_is_replaced_in_rasa() -> None:
    from rasa.core.policies.ted_policy import TEDPolicy

    import bot.store.tracker_store  # noqa: F401 - installs the speedups

    assert TEDPolicy.predict_action_probabilities is rasa_speedups.ted_predict_action_probabilities
    assert rasa_speedups.rasa_originals["ted_predict_action_probabilities"] is not \
        rasa_speedups.ted_predict_action_probabilities


def test_endpoint_requests_carry_the_same_json_serialised_by_orjson() -> None:
    """What the action server receives parses to what rasa meant to send; a body orjson
    refuses (a non-string key) goes through aiohttp's json.dumps as before."""
    import json

    from aiohttp import web
    from rasa.utils.endpoints import EndpointConfig

    import bot.store.tracker_store  # noqa: F401 - installs the speedups

    received: list[tuple[str, bytes]] = []

    async def echo(request: web.Request) -> web.Response:
        received.append((request.headers.get("Content-Type", ""), await request.read()))
        return web.json_response({"ok": True})

    async def scenario() -> list:
        app = web.Application()
        app.router.add_post("/webhook", echo)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        endpoint = EndpointConfig(f"http://127.0.0.1:{port}")
        answers = [await endpoint.request(json=body, method="post", subpath="webhook")
                   for body in ({"tracker": {"events": [{"event": "slot", "value": 0.5}], "text": "é ✓"}},
                                {1: "a"})]
        await runner.cleanup()
        return answers

    assert asyncio_run(scenario()) == [{"ok": True}, {"ok": True}]
    assert [content_type for content_type, _ in received] == ["application/json"] * 2
    assert json.loads(received[0][1]) == {"tracker": {"events": [{"event": "slot", "value": 0.5}],
                                                      "text": "é ✓"}}
    assert json.loads(received[1][1]) == {"1": "a"}


def asyncio_run(coroutine):  # noqa: ANN001, ANN201 - a test helper
    import asyncio

    return asyncio.run(coroutine)


def test_the_action_server_parses_with_orjson_and_falls_back_to_sanics_parser() -> None:
    from types import SimpleNamespace

    from sanic.request import Request as SanicRequest

    from bot import action_server

    action_server.parse_json_with_orjson()
    action_server.parse_json_with_orjson()  # idempotent
    request = SimpleNamespace(body=b'{"next_action": "action_x", "tracker": {"events": []}}',
                              parsed_json=None)
    assert SanicRequest.load_json(request) == {"next_action": "action_x", "tracker": {"events": []}}
    nan = SimpleNamespace(body=b'{"confidence": NaN}', parsed_json=None)  # not JSON; ujson takes it
    parsed = SanicRequest.load_json(nan)
    assert parsed["confidence"] != parsed["confidence"]
