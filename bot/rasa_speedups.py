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


def validate_action_result(self: Any, result: dict[str, Any]) -> bool:  # noqa: ARG001 - rasa's signature
    """`jsonschema.validate` with a validator built once (same checks, same error)."""
    from jsonschema import ValidationError
    from jsonschema.exceptions import best_match
    from rasa.shared.constants import DOCS_BASE_URL

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


def install() -> None:
    """Swap in the four replacements above (idempotent)."""
    global _installed
    if _installed:
        return
    from rasa.core.actions.action import RemoteAction
    from rasa.core.policies.rule_policy import RulePolicy
    from rasa.shared.core.events import Event
    from rasa.shared.core.trackers import DialogueStateTracker

    RemoteAction._validate_action_result = validate_action_result
    DialogueStateTracker.past_states = _remembering_past_states(DialogueStateTracker.past_states)
    Event.resolve_by_type = staticmethod(_remembering_resolve_by_type(Event.resolve_by_type))
    RulePolicy._rule_key_to_state = staticmethod(functools.cache(RulePolicy._rule_key_to_state.__wrapped__))
    _installed = True
