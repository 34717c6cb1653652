"""Rasa 3.6.21 work that Pacer's turns pay for and need not.

`RemoteAction._validate_action_result` checks every action server response with
`jsonschema.validate(response, schema)`, and that function first validates the *schema*
against its meta-schema and builds a new validator, on every call: for Rasa's events schema
that was the largest single cost of a turn (bench/turn_profile.py; docs/decisions/0060-turn-cost.md).
Here the validator is built (and the schema checked) once; each response is validated
against the same schema by the same validator class, and an invalid one raises the same
`ValidationError` with the same message as before.

`Event.resolve_by_type` walks every subclass of `Event` (recursively, with an
`inspect.isabstract` test on each) for every event it deserialises: a tracker load reads
a few hundred events, so that walk was a tenth of a turn. Here a type name found once is
remembered (event classes are never unloaded); an unknown name still goes through
rasa's own lookup, so its default and its error stay rasa's.

`DialogueStateTracker.past_states` replays the whole session to turn it into dialogue
states, and each prediction asks for them several times over (MemoizationPolicy, RulePolicy
two or three times, TEDPolicy) on the same tracker. Here a tracker keeps the states it
computed for the same arguments and the same number of events (its events are only ever
appended to), and each caller gets its own copy (featurizers edit the last state in place).

`RulePolicy._rule_key_to_state` decodes a rule key (JSON) behind `lru_cache(maxsize=1000)`,
and every prediction walks all rule keys in the same order: with Pacer's 1,024 rules an LRU
of 1,000 misses on every key, so each prediction decoded every rule again. Here the cache
holds every key (they come from the trained model, so they are bounded).

Within `_validate_action_result` the events schema is a `oneOf` over 23 event types, so
every event was checked against all 23 (most of a check's cost). Every alternative pins
`event` to one constant and `event` is required, so an event is valid exactly when it passes
the shared part and the one alternative named by its `event`. A response is first checked
that way; only one that fails goes through the full `oneOf` check, which accepts or raises
exactly as before.

`RulePolicy._get_possible_keys` filters every rule key against every past state, newest
first, and keeps re-checking rules already shorter than the history walked. Here each key's
states are decoded once per lookup table; a rule whose last step names a previous action is
only looked at when the conversation's previous action is that one; a rule shorter than the
history walked is kept without further checks (rasa keeps it too: `_is_rule_applicable`
answers True once `turn_index` passes the rule's length) and the walk stops when no rule is
left to check. The set of keys is the same; which of several equally long keys `max` picks
depends, in rasa as here, on the process's string hash seed.

`DialogueStateTracker.__init__` copies every slot with `copy.copy`, which goes through
`__reduce_ex__`: a tracker is built several times per turn (loads, copies, replays), each
copying ~100 slots. Slots are plain objects (no `__slots__`, no copy hooks), so a copy is
a new object with the same `__dict__`, made directly.

`DialogueStateTracker.applied_events` walks the whole session on every call (a prediction,
a session check, every tracker copy): here a conversation's last result is continued when its
events are the very same objects as the start of this tracker's (events are only appended;
a copy of a tracker holds the same objects) and no new loop name appeared; otherwise rasa's
walk runs from the start.

`Domain.states_for_tracker_history` replays the session into prior trackers to turn it into
dialogue states, for each prediction and each policy's arguments. Here the last walk of a
conversation leaves checkpoints (a prior tracker's state just before each action, for its last
60 applied events), and the next walk resumes from the latest checkpoint whose applied events
are the same objects, instead of replaying from the start. A form's happy path folds earlier
turns out of the applied events, so a walk resumes from a checkpoint before the fold.

`TEDPolicy.predict_action_probabilities` runs the TensorFlow model on the featurized last
five dialogue states. The model is fixed once loaded, so its outputs are remembered (a bounded
LRU) by the exact featurized input, every feature's values included: dialogue states that
recur (the same form step, the same intents and slots) skip the model run. Everything after
the model run is rasa's own code.

Each of these is checked against rasa's own result in tests/unit/test_rasa_speedups.py, and
the TED cache gave bit-identical probabilities on 329 predictions over Pacer's stories.

Installed in the rasa process from the tracker store module, which endpoints.yml makes
rasa import at start-up.
"""

from __future__ import annotations

import copy
import functools
import json
from collections import OrderedDict
from functools import cache
from typing import Any

_installed = False
rasa_originals: dict[str, Any] = {}  # what install() replaced, by name: for tests that compare


@cache
def _action_response_validator() -> Any:
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


@cache
def _dispatched_validators() -> tuple[Any, dict[str, Any]]:
    """The response schema without its events' `oneOf`, and one validator per event type."""
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.utils.schemas.events import EVENT_SCHEMA

    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    outer = {**schema, "properties": {**schema["properties"], "events": {"type": "array"}}}
    shared = {key: value for key, value in EVENT_SCHEMA.items() if key != "oneOf"}
    by_type = {alternative["properties"]["event"]["const"]:
               validator_class({**shared, "allOf": [alternative]}) for alternative in EVENT_SCHEMA["oneOf"]}
    return validator_class(outer), by_type


def _passes_dispatched_check(result: Any) -> bool:
    """True only when the full schema accepts `result` too (see the module docstring)."""
    outer, by_type = _dispatched_validators()
    if not outer.is_valid(result):
        return False
    for event in result.get("events") or ():
        name = event.get("event") if isinstance(event, dict) else None
        validator = by_type.get(name) if isinstance(name, str) else None
        if validator is None or not validator.is_valid(event):
            return False
    return True


def validate_action_result(self: Any, result: dict[str, Any]) -> bool:  # noqa: ARG001 - rasa's signature
    """`jsonschema.validate` with a validator built once (same checks, same error)."""
    from jsonschema import ValidationError
    from jsonschema.exceptions import best_match
    from rasa.shared.constants import DOCS_BASE_URL

    if _passes_dispatched_check(result):
        return True
    error = best_match(_action_response_validator().iter_errors(result))
    if error is None:
        return True
    assert isinstance(error, ValidationError)
    error.message += (
        ". Failed to validate Action server response from API, "
        "make sure your response from the Action endpoint is valid. "
        f"For more information about the format visit {DOCS_BASE_URL}/custom-actions"
    )
    raise error


_event_classes: dict[str, Any] = {}


def _remembering_resolve_by_type(original: Any) -> Any:
    def resolve_by_type(type_name: str, default: Any = None) -> Any:
        """rasa's `Event.resolve_by_type`, remembering each event class it finds."""
        found = _event_classes.get(type_name)
        if found is None:
            found = original(type_name, default)
            if found is not None and found is not default:
                _event_classes[type_name] = found
        return found

    return resolve_by_type


STATES_CACHE_ATTRIBUTE = "_pacer_past_states"  # a tracker's own cache of its past states


def _copy_states(states: list[dict[str, dict[str, Any]]]) -> list[dict[str, dict[str, Any]]]:
    """A state is {part: {feature: str | tuple}}: copying two levels copies everything mutable."""
    return [{part: dict(features) for part, features in state.items()} for state in states]


# --- past dialogue states, resumed instead of replayed -------------------------------------

_CHECKPOINT_WINDOW = 60  # checkpoints are kept for the last this many applied events
_MAX_WALKS = 256  # conversations x argument sets remembered (least recently used dropped)


class _Walk:
    """What one `states_for_tracker_history` walk left behind for the next: the applied events it
    walked, the states before its final one, and checkpoints near the end (a prior tracker's
    state just before an `ActionExecuted`, with the loop's variables at that point)."""

    __slots__ = ("events", "states", "checkpoints")

    def __init__(self, events: list, states: list, checkpoints: list) -> None:
        self.events = events
        self.states = states
        self.checkpoints = checkpoints


_walks: OrderedDict[tuple, _Walk] = OrderedDict()


def _snapshot(prior: Any) -> tuple:
    """A prior tracker's state: what replaying events changes (slot values, latest action,
    message and bot utterance, active loop, follow-up action, pause)."""
    attributes = {name: value for name, value in prior.__dict__.items() if name not in ("events", "slots")}
    if attributes.get("active_loop") is not None:
        attributes["active_loop"] = copy.copy(attributes["active_loop"])
    if isinstance(attributes.get("latest_action"), dict):
        attributes["latest_action"] = dict(attributes["latest_action"])
    slot_values = {name: (slot._value, slot._has_been_set) for name, slot in prior.slots.items()}
    return attributes, slot_values


def _restore(tracker: Any, snapshot: tuple, applied: list) -> Any:
    attributes, slot_values = snapshot
    prior = tracker.init_copy()
    prior.__dict__.update(attributes)
    if prior.active_loop is not None:
        prior.active_loop = copy.copy(prior.active_loop)
    if isinstance(prior.latest_action, dict):
        prior.latest_action = dict(prior.latest_action)
    for name, (value, has_been_set) in slot_values.items():
        slot = prior.slots.get(name)
        if slot is not None:
            slot._value, slot._has_been_set = value, has_been_set
    prior.events = prior._create_events(applied)
    return prior


def _common_prefix(first: list, second: list) -> int:
    count = min(len(first), len(second))
    for index in range(count):
        if first[index] is not second[index]:
            return index
    return count


def resumed_states(domain: Any, tracker: Any, omit_unset_slots: bool = False,
                   ignore_rule_only_turns: bool = False, rule_only_data: Any = None,
                   walk_key: tuple | None = None) -> list:
    """rasa's `Domain.states_for_tracker_history` (3.6.21, domain.py 1333-1394), resuming the last
    walk of the same conversation from its latest checkpoint whose applied events are the very
    same objects (identity, not equality) as this tracker's, instead of replaying from the start."""
    from rasa.shared.core.constants import PREVIOUS_ACTION
    from rasa.shared.core.events import ActionExecuted

    applied = tracker.applied_events()
    start, prior, states, last_ml_action_sub_state, turn_was_hidden = 0, None, [], None, False
    checkpoints: list = []
    walk = _walks.get(walk_key) if walk_key is not None else None
    if walk is not None:
        same = _common_prefix(walk.events, applied)
        usable = [n for n, checkpoint in enumerate(walk.checkpoints) if checkpoint[0] <= same]
        if usable:
            newest = usable[-1]
            start, snapshot, count, last_ml_action_sub_state, turn_was_hidden = walk.checkpoints[newest]
            prior = _restore(tracker, snapshot, applied[:start])
            states = walk.states[:count]
            checkpoints = walk.checkpoints[:newest]
    if prior is None:
        prior = tracker.init_copy()
    window_start = len(applied) - _CHECKPOINT_WINDOW

    def visit(current: Any, hide_rule_turn: bool) -> None:
        nonlocal last_ml_action_sub_state, turn_was_hidden
        if ignore_rule_only_turns:
            if not turn_was_hidden:
                last_ml_action_sub_state = domain._get_prev_action_sub_state(current)
            if not current.followup_action and not current.latest_action_name == current.active_loop_name:
                turn_was_hidden = hide_rule_turn
            if turn_was_hidden:
                return
        state = domain.get_active_state(current, omit_unset_slots=omit_unset_slots)
        if ignore_rule_only_turns:
            domain._remove_rule_only_features(state, rule_only_data)
            if states:
                domain._substitute_rule_only_user_input(state, states[-1])
            if last_ml_action_sub_state:
                state[PREVIOUS_ACTION] = last_ml_action_sub_state
        states.append(domain._clean_state(state))

    for index in range(start, len(applied)):
        event = applied[index]
        if isinstance(event, ActionExecuted):
            if index >= window_start:
                checkpoints.append((index, _snapshot(prior), len(states), last_ml_action_sub_state,
                                    turn_was_hidden))
            visit(prior, event.hide_rule_turn)
        prior.update(event)
    before_final = list(states)
    visit(prior, False)
    if walk_key is not None:
        _walks[walk_key] = _Walk(applied, before_final, checkpoints)
        _walks.move_to_end(walk_key)
        while len(_walks) > _MAX_WALKS:
            _walks.popitem(last=False)
    return states


# --- applied events, continued instead of recomputed -----------------------------------------

_applied_walks: OrderedDict[Any, tuple[list, set, list]] = OrderedDict()


def applied_events(self: Any) -> list:
    """rasa's `DialogueStateTracker.applied_events` (3.6.21, trackers.py 478-517), continuing the
    last result for the same conversation when its events are the very same objects as the start
    of this tracker's and no new loop name appeared (the loop names decide how earlier form
    executions fold, so a new one means starting over). Each call returns a new list."""
    from rasa.shared.core.events import (
        ActionExecuted,
        ActionReverted,
        ActiveLoop,
        Restarted,
        SessionStarted,
        UserUtteranceReverted,
        UserUttered,
    )

    events = list(self.events)
    key = (self.sender_id, self.is_rule_tracker)
    known = _applied_walks.get(key)
    start, applied, loop_names = 0, [], None
    if known is not None and len(known[0]) <= len(events) and \
            _common_prefix(known[0], events) == len(known[0]):
        new_names = {event.name for event in events[len(known[0]):]
                     if isinstance(event, ActiveLoop) and event.name}
        if new_names <= known[1]:
            start, loop_names, applied = len(known[0]), known[1], list(known[2])
    if loop_names is None:
        loop_names = {event.name for event in events if isinstance(event, ActiveLoop) and event.name}
    for event in events[start:]:
        if isinstance(event, (Restarted, SessionStarted)):
            applied = []
        elif isinstance(event, ActionReverted):
            self._undo_till_previous(ActionExecuted, applied)
        elif isinstance(event, UserUtteranceReverted):
            self._undo_till_previous(UserUttered, applied)
            self._undo_till_previous(ActionExecuted, applied)
        elif isinstance(event, ActionExecuted) and event.action_name in loop_names \
                and not self._first_loop_execution_or_unhappy_path(event.action_name, applied):
            self._undo_till_previous_loop_execution(event.action_name, applied)
        else:
            applied.append(event)
    _applied_walks[key] = (events, loop_names, list(applied))
    _applied_walks.move_to_end(key)
    while len(_applied_walks) > _MAX_WALKS:
        _applied_walks.popitem(last=False)
    return applied


def _remembering_past_states(original: Any) -> Any:
    def past_states(self: Any, domain: Any, omit_unset_slots: bool = False,
                    ignore_rule_only_turns: bool = False, rule_only_data: Any = None) -> list:
        """rasa's `DialogueStateTracker.past_states`, computed once per tracker state and arguments."""
        try:
            rules_key = json.dumps(rule_only_data, sort_keys=True, default=str)
        except (TypeError, ValueError):  # not JSON-like: do not cache
            return original(self, domain, omit_unset_slots, ignore_rule_only_turns, rule_only_data)
        key = (len(self.events), id(domain), omit_unset_slots, ignore_rule_only_turns, rules_key)
        cache = self.__dict__.setdefault(STATES_CACHE_ATTRIBUTE, {})
        if key not in cache:
            if cache and next(iter(cache))[0] != key[0]:
                cache.clear()  # the tracker moved on: older states are never asked for again
            walk_key = (self.sender_id, self.is_rule_tracker, *key[1:])
            cache[key] = resumed_states(domain, self, omit_unset_slots, ignore_rule_only_turns,
                                        rule_only_data, walk_key=walk_key)
        return _copy_states(cache[key])

    return past_states


_RuleIndex = tuple[dict[str, list[tuple[str, tuple[dict, ...]]]], list[tuple[str, tuple[dict, ...]]]]
_rule_indexes: dict[int, tuple[dict, _RuleIndex]] = {}


def _rule_index(lookup: dict[str, str]) -> _RuleIndex:
    """Each rule key with its states newest first, grouped by the previous action its last step
    needs (None: it needs no particular one). Built once per lookup table."""
    from rasa.shared.core.constants import PREVIOUS_ACTION, SHOULD_NOT_BE_SET
    from rasa.shared.nlu.constants import ACTION_NAME

    known = _rule_indexes.get(id(lookup))
    if known is not None and known[0] is lookup:  # rule tables are fixed once the model is loaded
        return known[1]
    by_previous_action: dict[str, list[tuple[str, tuple[dict, ...]]]] = {}
    any_previous_action: list[tuple[str, tuple[dict, ...]]] = []
    for key in lookup:
        newest_first = tuple(reversed(json.loads(key)))
        entry = (key, newest_first)
        wanted = (newest_first[0].get(PREVIOUS_ACTION) or {}).get(ACTION_NAME) if newest_first else None
        if isinstance(wanted, str) and wanted and wanted != SHOULD_NOT_BE_SET:
            by_previous_action.setdefault(wanted, []).append(entry)
        else:
            any_previous_action.append(entry)
    index = (by_previous_action, any_previous_action)
    _rule_indexes[id(lookup)] = (lookup, index)
    return index


def get_possible_keys(self: Any, lookup: dict[str, str], states: list[dict]) -> set[str]:
    """rasa's `RulePolicy._get_possible_keys`: the same keys, without re-checking (module docstring)."""
    from rasa.shared.core.constants import PREVIOUS_ACTION
    from rasa.shared.nlu.constants import ACTION_NAME

    if not states:
        return set(lookup)
    by_previous_action, any_previous_action = _rule_index(lookup)
    current_action = (states[-1].get(PREVIOUS_ACTION) or {}).get(ACTION_NAME)
    pending = any_previous_action + by_previous_action.get(current_action, []) \
        if isinstance(current_action, str) else list(any_previous_action)
    kept: set[str] = set()
    for turn_index, conversation_state in enumerate(reversed(states)):
        if not pending:
            break
        still_pending = []
        for key, newest_first in pending:
            if turn_index >= len(newest_first):
                kept.add(key)
                continue
            rule_state = newest_first[turn_index]
            rule_previous_action = rule_state.get(PREVIOUS_ACTION)
            conversation_previous_action = conversation_state.get(PREVIOUS_ACTION)
            if not rule_previous_action and not conversation_previous_action:
                still_pending.append((key, newest_first))
            elif rule_previous_action and conversation_previous_action and \
                    self._does_rule_match_state(rule_state, conversation_state):
                still_pending.append((key, newest_first))
        pending = still_pending
    kept.update(key for key, _ in pending)
    return kept


# --- TED: the same model input gives the same output -----------------------------------------

_MAX_TED_OUTPUTS = 1024
_ted_outputs: OrderedDict[tuple, dict] = OrderedDict()


def _features_key(tracker_state_features: list) -> tuple:
    """A hashable copy of everything TED's model reads from featurized states: per example, per
    turn, per attribute, each feature's type, origin, shape and values (sparse or dense)."""
    import numpy as np
    import scipy.sparse

    def one(feature: Any) -> tuple:
        values = feature.features
        if scipy.sparse.issparse(values):
            values = values.tocoo()
            content: tuple = (values.shape, values.row.tobytes(), values.col.tobytes(),
                              np.asarray(values.data).tobytes(), str(values.dtype))
        else:
            array = np.asarray(values)
            content = (array.shape, array.tobytes(), str(array.dtype))
        return feature.type, feature.attribute, str(feature.origin), content

    return tuple(
        tuple(tuple((attribute, tuple(one(feature) for feature in features))
                    for attribute, features in sorted(turn.items()))
              for turn in example)
        for example in tracker_state_features)


def ted_predict_action_probabilities(self: Any, tracker: Any, domain: Any, rule_only_data: Any = None,
                                     precomputations: Any = None, **kwargs: Any) -> Any:
    """rasa's `TEDPolicy.predict_action_probabilities` (3.6.21, ted_policy.py 821-874), with the
    model's outputs remembered by its exact input: the featurized states (module docstring)."""
    import numpy as np
    from rasa.core.policies import ted_policy
    from rasa.utils import train_utils

    if self.model is None:
        return self._prediction(self._default_predictions(domain))
    tracker_state_features = self._featurize_tracker(tracker, domain, precomputations,
                                                     rule_only_data=rule_only_data)
    key = (id(self.model), id(domain), _features_key(tracker_state_features))
    outputs = _ted_outputs.get(key)
    if outputs is None:
        model_data = self._create_model_data(tracker_state_features)
        outputs = self.model.run_inference(model_data)
        _ted_outputs[key] = outputs
        while len(_ted_outputs) > _MAX_TED_OUTPUTS:
            _ted_outputs.popitem(last=False)
    else:
        _ted_outputs.move_to_end(key)
    if not isinstance(outputs["similarities"], np.ndarray):
        raise TypeError("model output for `similarities` should be a numpy array")
    similarities = outputs["similarities"][:, -1, :]
    if not isinstance(outputs["scores"], np.ndarray):
        raise TypeError("model output for `scores` should be a numpy array")
    confidences = outputs["scores"][:, -1, :]
    confidence, is_e2e_prediction = self._pick_confidence(confidences, similarities, domain)
    ranking_length = self.config[ted_policy.RANKING_LENGTH]
    if 0 < ranking_length < len(confidence):
        renormalize = (self.config[ted_policy.RENORMALIZE_CONFIDENCES]
                       and self.config[ted_policy.MODEL_CONFIDENCE] == ted_policy.SOFTMAX)
        _, confidence = train_utils.rank_and_mask(confidence, ranking_length=ranking_length,
                                                  renormalize=renormalize)
    optional_events = self._create_optional_event_for_entities(outputs, is_e2e_prediction, precomputations,
                                                               tracker)
    return self._prediction(confidence.tolist(), is_end_to_end_prediction=is_e2e_prediction,
                            optional_events=optional_events,
                            diagnostic_data=outputs.get(ted_policy.DIAGNOSTIC_DATA))


def action_call_format(self: Any, tracker: Any, domain: Any) -> dict[str, Any]:
    """rasa's `RemoteAction._action_call_format` (3.6.21): with `enable_selective_domain` set,
    the domain is sent to no action, `validate_*` ones included; Pacer's action server fills in
    the same domain from its files (bot.action_server.served_domain)."""
    if not self._is_selective_domain_enabled():
        return rasa_originals["action_call_format"](self, tracker, domain)
    import rasa
    from rasa.shared.core.trackers import EventVerbosity

    return {"next_action": self._name, "sender_id": tracker.sender_id,
            "tracker": tracker.current_state(EventVerbosity.ALL), "version": rasa.__version__}


def _orjson_request(original: Any) -> Any:
    async def request(self: Any, method: str = "post", subpath: str | None = None,
                      content_type: str | None = "application/json", compress: bool = False,
                      **kwargs: Any) -> Any:
        """rasa's `EndpointConfig.request`, with a JSON body serialised by orjson (about ten times
        faster than `json.dumps` on a 160 KB tracker) instead of aiohttp's `json.dumps`; anything
        orjson refuses goes as before."""
        import orjson

        body = kwargs.get("json")
        if body is not None and not compress and content_type == "application/json":
            try:
                kwargs["data"] = orjson.dumps(body)
            except TypeError:
                pass
            else:
                del kwargs["json"]
        return await original(self, method, subpath, content_type, compress, **kwargs)

    return request


def _copy_slot(self: Any) -> Any:
    """`copy.copy` of a slot, without the `__reduce_ex__` round trip."""
    duplicate = object.__new__(type(self))
    duplicate.__dict__.update(self.__dict__)
    return duplicate


def install() -> None:
    """Swap in the replacements above (idempotent)."""
    global _installed
    if _installed:
        return
    from rasa.core.actions.action import RemoteAction
    from rasa.core.policies.rule_policy import RulePolicy
    from rasa.core.policies.ted_policy import TEDPolicy
    from rasa.shared.core.events import Event
    from rasa.shared.core.slots import Slot
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.endpoints import EndpointConfig

    rasa_originals.update(applied_events=DialogueStateTracker.applied_events,
                          get_possible_keys=RulePolicy._get_possible_keys,
                          past_states=DialogueStateTracker.past_states,
                          ted_predict_action_probabilities=TEDPolicy.predict_action_probabilities,
                          action_call_format=RemoteAction._action_call_format)
    RemoteAction._action_call_format = action_call_format
    EndpointConfig.request = _orjson_request(EndpointConfig.request)
    RemoteAction._validate_action_result = validate_action_result
    DialogueStateTracker.past_states = _remembering_past_states(DialogueStateTracker.past_states)
    Event.resolve_by_type = staticmethod(_remembering_resolve_by_type(Event.resolve_by_type))
    DialogueStateTracker.applied_events = applied_events
    RulePolicy._get_possible_keys = get_possible_keys
    TEDPolicy.predict_action_probabilities = ted_predict_action_probabilities
    Slot.__copy__ = _copy_slot
    RulePolicy._rule_key_to_state = staticmethod(functools.cache(RulePolicy._rule_key_to_state.__wrapped__))
    _installed = True
