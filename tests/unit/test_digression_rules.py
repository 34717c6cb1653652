"""Every form ignores the same never-an-answer intents, and each has a rule inside every form.

The lists live in bot/coaching/digressions.py; scripts/sync_digressions.py writes them into
domain/ and data/rules/digressions.yml. An ignored intent without a rule dead-ends inside a
form; an unguarded start rule silently replaces the active form (docs: DESIGN.md).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import yaml

from bot import training
from bot.coaching.digressions import PAUSING_INTENTS, SAFETY_INTENTS, ignored_intents_for

ROOT = Path(__file__).resolve().parents[2]


def _sync_module():
    script = ROOT / "scripts" / "sync_digressions.py"
    spec = importlib.util.spec_from_file_location("sync_digressions", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _rules() -> list[dict]:
    rules: list[dict] = []
    for path in sorted((ROOT / "data" / "rules").glob("*.yml")):
        rules += (yaml.safe_load(path.read_text()) or {}).get("rules", []) or []
    return rules


def _loop_condition(rule: dict) -> list:
    return [c["active_loop"] for c in rule.get("condition") or [] if "active_loop" in c]


def test_generated_lists_and_rules_are_up_to_date() -> None:
    assert _sync_module().stale() == []


def test_every_form_ignores_every_never_an_answer_intent() -> None:
    forms = training.domain_dict()["forms"]
    assert len(forms) == 14
    for name, form in forms.items():
        assert list(form["ignored_intents"]) == ignored_intents_for(name), name
        for intent in SAFETY_INTENTS:
            assert intent in form["ignored_intents"], name


def test_every_ignored_intent_has_a_rule_inside_every_form() -> None:
    rules = _rules()
    missing = []
    for form in training.domain_dict()["forms"]:
        for intent in ignored_intents_for(form):
            applies = [r for r in rules if (r.get("steps") or [{}])[0].get("intent") == intent
                       and _loop_condition(r) in ([], [form])]
            if not applies:
                missing.append((form, intent))
    assert missing == []


def test_start_rules_of_other_flows_cannot_replace_an_active_form() -> None:
    for rule in _rules():
        steps = rule.get("steps") or []
        if steps and steps[0].get("intent") in PAUSING_INTENTS and steps[0]["intent"] != "pause_form":
            assert _loop_condition(rule) != [], rule["rule"]
