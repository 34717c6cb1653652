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

Installed in the rasa process from the tracker store module, which endpoints.yml makes
rasa import at start-up.
"""

from __future__ import annotations

import functools
import json
from functools import cache
from typing import Any

_installed = False


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


_STATES_CACHE = "_pacer_past_states"


def _copy_states(states: list[dict[str, dict[str, Any]]]) -> list[dict[str, dict[str, Any]]]:
    """A state is {part: {feature: str | tuple}}: copying two levels copies everything mutable."""
    return [{part: dict(features) for part, features in state.items()} for state in states]


def _remembering_past_states(original: Any) -> Any:
    def past_states(self: Any, domain: Any, omit_unset_slots: bool = False,
                    ignore_rule_only_turns: bool = False, rule_only_data: Any = None) -> list:
        """rasa's `DialogueStateTracker.past_states`, computed once per tracker state and arguments."""
        try:
            rules_key = json.dumps(rule_only_data, sort_keys=True, default=str)
        except (TypeError, ValueError):  # not JSON-like: do not cache
            return original(self, domain, omit_unset_slots, ignore_rule_only_turns, rule_only_data)
        key = (len(self.events), id(domain), omit_unset_slots, ignore_rule_only_turns, rules_key)
        cache = self.__dict__.setdefault(_STATES_CACHE, {})
        if key not in cache:
            if cache and next(iter(cache))[0] != key[0]:
                cache.clear()  # the tracker moved on: older states are never asked for again
            cache[key] = original(self, domain, omit_unset_slots, ignore_rule_only_turns, rule_only_data)
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
    from rasa.shared.core.events import Event
    from rasa.shared.core.slots import Slot
    from rasa.shared.core.trackers import DialogueStateTracker

    RemoteAction._validate_action_result = validate_action_result
    DialogueStateTracker.past_states = _remembering_past_states(DialogueStateTracker.past_states)
    Event.resolve_by_type = staticmethod(_remembering_resolve_by_type(Event.resolve_by_type))
    RulePolicy._get_possible_keys = get_possible_keys
    Slot.__copy__ = _copy_slot
    RulePolicy._rule_key_to_state = staticmethod(functools.cache(RulePolicy._rule_key_to_state.__wrapped__))
    _installed = True
