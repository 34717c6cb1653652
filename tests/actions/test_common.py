"""actions.common: the one button helper and reset lists read from the domain's forms."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from actions.common import FLOW_STATE_SLOTS, button, flow_slots, form_slots, payload, reply_button
from actions.plans import CANCELLED_EXCHANGES, CANCELLED_FORMS, FORM_SLOTS

#: Forms "cancel" leaves to their own actions: the name is kept, check-ins end through
#: their own finish/snooze actions, and safety mode is ended only by the safety form.
NOT_CANCELLED = {"onboarding_form", "checkin_form", "checkin_prefs_form", "safety_form"}


def test_payloads_are_valid_json_whatever_the_value() -> None:
    assert payload("affirm") == "/affirm"
    assert payload("inform", plan_option=2, skipped=None) == '/inform{"plan_option":"2"}'
    sent = payload("make_flare_plan", flare_section='say "hi"')
    assert json.loads(sent.removeprefix("/make_flare_plan")) == {"flare_section": 'say "hi"'}
    assert button("Yes", "affirm") == {"title": "Yes", "payload": "/affirm"}
    assert reply_button("10") == {"title": "10", "payload": "10"}
    assert reply_button("Perth", "Perth time") == {"title": "Perth", "payload": "Perth time"}


def test_form_slots_are_the_domains(domain: dict[str, Any]) -> None:
    for name, form in domain["forms"].items():
        assert form_slots(name) == tuple(form["required_slots"])
        assert set(flow_slots(name)) <= set(domain["slots"]), name
    with pytest.raises(KeyError):
        form_slots("no_such_form")
    assert set(FLOW_STATE_SLOTS) <= set(domain["forms"])


def test_cancel_covers_every_form_but_those_ended_elsewhere(domain: dict[str, Any]) -> None:
    covered = set(CANCELLED_FORMS) | set(CANCELLED_EXCHANGES)
    assert covered | NOT_CANCELLED == set(domain["forms"]), "a new form: add it to CANCELLED_FORMS or here"
    assert not covered & NOT_CANCELLED
    assert set(form_slots(*CANCELLED_FORMS)) <= set(FORM_SLOTS)


def test_rasa_sends_the_domain_to_every_action_that_reads_it(domain: dict[str, Any]) -> None:
    """endpoints.yml lets rasa send its domain only to `validate_*` actions (Rasa's rule for
    form validations, which read slot mappings from it) and those marked `send_domain`.
    Every rasa_sdk validation action is named so; the goodbye check reads the domain files."""
    import importlib
    import inspect
    import pkgutil
    from pathlib import Path

    import yaml
    from rasa_sdk.executor import CollectingDispatcher
    from rasa_sdk.forms import ValidationAction
    from rasa_sdk.interfaces import Tracker

    import actions
    from actions.digressions import ActionCloseOnce

    endpoints = yaml.safe_load((Path(actions.__file__).parents[1] / "endpoints.yml").read_text())
    assert endpoints["action_endpoint"]["enable_selective_domain"] is True
    for module in pkgutil.iter_modules(actions.__path__):
        importlib.import_module(f"actions.{module.name}")
    pending, validators = [ValidationAction], []
    while pending:
        for sub in pending.pop().__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("actions.") and not inspect.isabstract(sub):
                validators.append(sub)
    assert validators
    for validator in validators:
        name = validator().name()
        assert name.startswith("validate_"), f"{name} reads the domain: mark it send_domain in domain/"

    goodbye = domain["responses"]["utter_goodbye"][0]["text"]
    tracker = Tracker("c1", {}, {"intent": {"name": "goodbye"}, "text": "no that's all"},
                      [{"event": "bot", "text": goodbye}], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionCloseOnce().run(dispatcher, tracker, {}))  # no domain sent
    assert dispatcher.messages == []
    tracker.events[0]["text"] = "Anything else?"
    asyncio.run(ActionCloseOnce().run(dispatcher, tracker, {}))
    assert [m["response"] for m in dispatcher.messages] == ["utter_goodbye"]
