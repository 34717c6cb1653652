"""Write the digression lists of bot/coaching/digressions.py into the Rasa project.

- every form in domain/*.yml gets `ignored_intents` = ignored_intents_for(form);
- data/rules/digressions.yml gets, for every form, a rule per resuming intent (answer,
  then the form asks again) and per pausing intent (pause the form with its answers
  kept, then start that flow exactly as its own start rule does, guarded elsewhere with
  `active_loop: null`).

`python scripts/sync_digressions.py` writes; `--check` exits 1 when anything is stale
(tests/unit/test_digression_rules.py runs the check).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.coaching.digressions import (  # noqa: E402
    FLOW_FORMS,
    PAUSING_INTENTS,
    RESUMING_INTENTS,
    ignored_intents_for,
)

RULES_FILE = ROOT / "data" / "rules" / "digressions.yml"
DOMAIN_DIR = ROOT / "domain"
RULE_DIRS = (ROOT / "data" / "rules",)
#: Inside a form a greeting is just answered; the full welcome-back would talk over it.
IN_FORM_ANSWERS = {"greet": ["utter_greet_in_form"]}
#: Flows that end in one action: after the help, offer to carry on with the paused form.
OFFER_AFTER = {"express_distress"}
#: Safety mode is never put on hold: inside it these intents get one line and the safety
#: question again; "stop" and "carry on" end it only after the crisis contacts again.
SAFETY_FORM = "safety_form"
SAFETY_DIGRESSION = "action_safety_digression"
SAFETY_GO_ON = "action_safety_go_on"
IGNORED_LINE = re.compile(r"^(  (\w+):\n(?:    #.*\n)*    ignored_intents:\s*)\[[^\]]*\]", re.M)


def forms() -> list[str]:
    names: list[str] = []
    for path in sorted(DOMAIN_DIR.glob("*.yml")):
        names += list((yaml.safe_load(path.read_text()) or {}).get("forms", {}) or {})
    return names


def domain_texts() -> dict[Path, str]:
    """Each domain file with every form's ignored_intents set to the one list."""
    out = {}
    for path in sorted(DOMAIN_DIR.glob("*.yml")):
        text = path.read_text()
        out[path] = IGNORED_LINE.sub(
            lambda m: m.group(1) + "[" + ", ".join(ignored_intents_for(m.group(2))) + "]", text)
    return out


def start_rules() -> dict[str, dict]:
    """The rule that starts each flow outside forms: `intent: X` first, `active_loop: null`."""
    found: dict[str, dict] = {}
    for directory in RULE_DIRS:
        for path in sorted(directory.glob("*.yml")):
            if path == RULES_FILE:
                continue
            for rule in (yaml.safe_load(path.read_text()) or {}).get("rules", []) or []:
                steps = rule.get("steps") or []
                if not steps or "intent" not in steps[0]:
                    continue
                loops = [c.get("active_loop", "-") for c in rule.get("condition") or [] if "active_loop" in c]
                if loops == [None]:
                    found.setdefault(steps[0]["intent"], rule)
    return found


def unconditioned_answers() -> dict[str, list[str]]:
    """The actions that answer each resuming intent outside forms."""
    answers: dict[str, list[str]] = {}
    for path in sorted((ROOT / "data" / "rules").glob("*.yml")):
        if path == RULES_FILE:
            continue
        for rule in (yaml.safe_load(path.read_text()) or {}).get("rules", []) or []:
            steps = rule.get("steps") or []
            if rule.get("condition") or not steps or "intent" not in steps[0]:
                continue
            actions = [s["action"] for s in steps[1:] if "action" in s]
            if actions and all("active_loop" not in s for s in steps[1:]):
                answers.setdefault(steps[0]["intent"], actions)
    return answers


def rules_text() -> str:
    starts = start_rules()
    answers = {**unconditioned_answers(), **IN_FORM_ANSWERS}
    missing = [i for i in PAUSING_INTENTS if i not in starts and i != "pause_form"]
    missing += [i for i in RESUMING_INTENTS if i not in answers]
    if missing:
        raise SystemExit(f"no start rule guarded with active_loop: null / no answer rule for: {missing}")
    rules = []
    for form in forms():
        for intent in RESUMING_INTENTS:
            steps = [{"intent": intent}] + [{"action": a} for a in answers[intent]]
            steps += [{"action": form}, {"active_loop": form}]
            rules.append({"rule": f"{intent} inside {form}: answer, then ask again",
                          "condition": [{"active_loop": form}], "steps": steps})
        if form == SAFETY_FORM:
            rules += safety_rules()
            continue
        for intent in PAUSING_INTENTS:
            if form in FLOW_FORMS.get(intent, ()):
                continue  # not ignored there: the form's own validator reads it as an answer
            steps = [{"intent": intent}, {"action": "action_pause_form"}, {"active_loop": None}]
            rule = {"rule": f"{intent} pauses {form}", "condition": [{"active_loop": form}], "steps": steps}
            if intent != "pause_form":
                start = starts[intent]
                steps += start["steps"][1:]
                if intent in OFFER_AFTER:
                    steps.append({"action": "action_offer_resume"})
                if start.get("wait_for_user_input") is False:
                    rule["wait_for_user_input"] = False
            rules.append(rule)
        rules.append({"rule": f"carry on inside {form}: back to the form on hold, or on with this one",
                      "condition": [{"active_loop": form}],
                      "steps": [{"intent": "resume_form"}, {"action": "action_resume_form"}],
                      "wait_for_user_input": False})
    header = ("# GENERATED by scripts/sync_digressions.py from bot/coaching/digressions.py: do not edit.\n"
              "# Inside every form: resuming intents are answered and the form asks again;\n"
              "# pausing intents put the form on hold (answers kept) and start their own flow.\n")
    body = yaml.safe_dump({"version": "3.1", "rules": rules}, sort_keys=False, width=110)
    return header + body


def safety_rules() -> list[dict]:
    """Inside safety mode: nothing pauses it (see SAFETY_FORM)."""
    condition = [{"active_loop": SAFETY_FORM}]
    rules = [{"rule": f"{intent} inside {SAFETY_FORM}: one line, then the safety question again",
              "condition": condition,
              "steps": [{"intent": intent}, {"action": SAFETY_DIGRESSION}, {"action": SAFETY_FORM},
                        {"active_loop": SAFETY_FORM}]} for intent in PAUSING_INTENTS]
    rules.append({"rule": f"stop inside {SAFETY_FORM}: the contacts again, then safety mode ends",
                  "condition": condition,
                  "steps": [{"intent": "cancel"}, {"action": SAFETY_GO_ON}, {"active_loop": None}]})
    rules.append({"rule": f"carry on inside {SAFETY_FORM}: the contacts again, then back to the form on hold",
                  "condition": condition,
                  "steps": [{"intent": "resume_form"}, {"action": SAFETY_GO_ON}, {"active_loop": None},
                            {"action": "action_resume_form"}],
                  "wait_for_user_input": False})
    return rules


def forms_without_a_list() -> list[str]:
    """Forms whose `ignored_intents` line the writer cannot find (it would leave them stale)."""
    found = {match.group(2) for path in sorted(DOMAIN_DIR.glob("*.yml"))
             for match in IGNORED_LINE.finditer(path.read_text())}
    return [form for form in forms() if form not in found]


def stale() -> list[str]:
    out = [f"domain: {form} (no `ignored_intents: [...]` line right under the form)"
           for form in forms_without_a_list()]
    out += [str(p.relative_to(ROOT)) for p, text in domain_texts().items() if p.read_text() != text]
    if not RULES_FILE.exists() or RULES_FILE.read_text() != rules_text():
        out.append(str(RULES_FILE.relative_to(ROOT)))
    return out


def main(argv: list[str]) -> int:
    if "--check" in argv:
        files = stale()
        if files:
            print("stale, run scripts/sync_digressions.py:", ", ".join(files))
            return 1
        return 0
    for path, text in domain_texts().items():
        if path.read_text() != text:
            path.write_text(text)
    RULES_FILE.write_text(rules_text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
