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
from bot.coaching.digressions import (
    FEELINGS_ANSWER_SLOTS,
    FEELINGS_INTENTS,
    PAUSING_INTENTS,
    SAFETY_INTENTS,
    ignored_intents_for,
)

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


def test_feelings_pause_every_question_of_a_form_except_its_feelings_questions() -> None:
    """Distress answers "what gets in the way?" only: at the form's other questions it is
    still never an answer (the slot's own mapping ignores it, so the pause rule runs)."""
    domain = training.domain_dict()
    for form, answer_slots in FEELINGS_ANSWER_SLOTS.items():
        assert not set(FEELINGS_INTENTS) & set(domain["forms"][form]["ignored_intents"]), form
        for slot in domain["forms"][form]["required_slots"]:
            mappings = [m for m in domain["slots"][slot]["mappings"] if m["type"] == "from_text"]
            for mapping in mappings:
                ignored = set(mapping.get("not_intent") or [])
                if slot in answer_slots:
                    assert not set(FEELINGS_INTENTS) & ignored, slot
                else:
                    assert set(FEELINGS_INTENTS) <= ignored, slot
        pause_rules = [r for r in _rules() if _loop_condition(r) == [form]
                       and (r.get("steps") or [{}])[0].get("intent") in FEELINGS_INTENTS]
        assert pause_rules, f"no rule pauses {form} for distress at its other questions"


def test_safety_mode_is_never_put_on_hold() -> None:
    for rule in _rules():
        if _loop_condition(rule) == ["safety_form"]:
            actions = [s.get("action") for s in rule.get("steps") or [] if "action" in s]
            assert "action_pause_form" not in actions, rule["rule"]
