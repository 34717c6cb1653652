"""Rasa 3.6.21 work that Pacer's turns pay for and need not.

`RemoteAction._validate_action_result` checks every action server response with
`jsonschema.validate(response, schema)`, and that function first validates the *schema*
against its meta-schema and builds a new validator, on every call: for Rasa's events schema
that was the largest single cost of a turn (bench/turn_profile.py; docs/decisions/0060-turn-cost.md).
Here the validator is built (and the schema checked) once; each response is validated
against the same schema by the same validator class, and an invalid one raises the same
`ValidationError` with the same message as before.

Installed in the rasa process from the tracker store module, which endpoints.yml makes
rasa import at start-up.
"""

from __future__ import annotations

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


def install() -> None:
    """Replace rasa's per-call schema check with the cached validator (idempotent)."""
    global _installed
    if _installed:
        return
    from rasa.core.actions.action import RemoteAction

    RemoteAction._validate_action_result = validate_action_result
    _installed = True
