"""The conversation-robustness matrix (issue 14): every step of every form x every class of
digression, typed as free text through NLU on a real rasa and action server.

For each cell the digression must be answered and the form must ask the same question again
(or, for a flare, be paused with its answers kept and come back on "carry on"; for "stop",
end). Afterwards no digression text may be in any of Pacer's own tables. The matrix is
printed with N/N passing (`pytest -s` shows it; test-output/conversation-robustness.txt keeps it).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from sqlalchemy import text as sql

from bot.config import PROJECT_ROOT
from bot.services import checkins
from bot.store.db import session_scope
from bot.store.models import Base, utcnow
from tests.e2e.stack import PacerStack
from tests.e2e.test_checkins import delivery, patient_id, wait_for

pytestmark = [pytest.mark.e2e]

# Written for these tests (not in the training data); typos and chatter on purpose.
DIGRESSIONS = {
    "education": "hang on why does it still hurt if the scan came back clear?",
    "show_plans": "can u show me what plans ive got saved",
    "out_of_scope": "who won the cricket last night",
    "greeting": "well hello again you",
    "flare": "argh my back has gone on me again, flaring like mad since lunch",
    "refusal": "no, none of those",
    "dont_know": "i dunno",
    "stop": "stop this please",
}
RESUMING = ("education", "show_plans", "out_of_scope", "greeting", "refusal", "dont_know")
#: Questions whose proper answer may be "no"/"none of those" (the validators'
#: `no_is_an_answer`): a refusal there is an answer, e.g. "no" ends the flare steps.
YES_NO_STEPS = {("flare_form", "flare_screen"), ("flare_form", "flare_next"), ("onboarding_form", "consent"),
                ("plan_form", "plan_confirmed"), ("checkin_form", "checkin_outcome"),
                ("checkin_form", "checkin_next")}


@dataclass
class Flow:
    """How to open a form and answer each of its questions on script."""

    form: str
    start: Callable[[PacerStack, str], None]
    steps: list[tuple[str, str]]
    needs: list[str] = field(default_factory=list)  # flows to complete first, in order


def _say_all(*messages: str) -> Callable[[PacerStack, str], None]:
    def start(stack: PacerStack, sender: str) -> None:
        for message in messages:
            stack.say(sender, message)
    return start


def _start_checkin(stack: PacerStack, sender: str) -> None:
    checkins.update_preferences(sender, quiet_off=True)
    delivery_id = checkins.queue_checkin(patient_id(sender), utcnow())
    wait_for(lambda: delivery(delivery_id).status == "sent", what="the check-in to be sent")


ONBOARDING = Flow("onboarding_form", _say_all("hello"),
                  [("consent", "yep thats fine by me"), ("patient_name", "call me Rangi")])
VALUES = Flow("values_form", _say_all("i'd like to set a goal"),
              [("value_text", "getting out in the garden with my moko")], needs=["onboarding"])
PSFS = Flow("psfs_form", _say_all("i'd like to set a goal"),
            [("psfs_activities_text", "weeding the veggie patch"), ("psfs_score_0", "3")],
            needs=["onboarding", "values"])
PLAN = Flow("plan_form", _say_all("i'd like to set a goal"),
            [("plan_what", "weeding the veggie patch"), ("plan_how_much", "15 mins"),
             ("plan_when", "after morning tea"), ("plan_how_often", "3 days"),
             ("plan_confirmed", "yes thats right"), ("plan_confidence", "8")],
            needs=["onboarding", "values", "psfs"])
PROBLEM = Flow("problem_form", _say_all("something keeps getting in the way of my walks, can we sort it"),
               [("ps_problem", "im too wiped out after my shift"),
                ("ps_ideas_text", "walk before my shift, or get my neighbour to come along"),
                ("ps_choice", "2"), ("ps_plan", "ask my neighbour on saturday to walk with me"),
                ("ps_confidence", "8")], needs=["onboarding", "values", "psfs", "plan"])
FLARE_PLAN = Flow("flare_plan_form", _say_all("id like to write a plan for my next flare up"),
                  [("fp_warning_signs", "stiff hips in the morning and poor sleep"),
                   ("fp_what_helps", "heat pack and a slow walk"),
                   ("fp_drop_postpone", "the vacuuming and the big shop"),
                   ("fp_who_to_tell", "my daughter mere, she can help with dinner"),
                   ("fp_seek_care", "use the suggested list")],
                  needs=["onboarding"])
PREFS = Flow("checkin_prefs_form", _say_all("can we change when you check in on me"),
             [("checkin_prefs_text", "tuesday evenings at 7")],
             needs=["onboarding", "values", "psfs", "plan"])
PHQ4 = Flow("phq4_form", _say_all("/start_phq4"),
            [("phq_interest", "several days"), ("phq_down", "not at all"),
             ("phq_nervous", "several days"), ("phq_worry", "not at all")],
            needs=["onboarding", "values", "psfs", "plan"])
FLARE = Flow("flare_form", _say_all("my back's flared up something awful this arvo"),
              [("flare_screen", "nah none of them"), ("flare_next", "next")],
              needs=["onboarding", "values", "psfs", "plan"])
CHECKIN = Flow("checkin_form", _start_checkin,
               [("checkin_outcome", "managed it on most of the days"), ("peg_pain", "5"),
                ("peg_enjoyment", "6"), ("peg_activity", "5"), ("checkin_next", "keep the same plan"),
                ("checkin_confidence", "8")],
               needs=["onboarding", "values", "psfs", "plan"])
FLOWS = {"onboarding": ONBOARDING, "values": VALUES, "psfs": PSFS, "plan": PLAN, "problem": PROBLEM,
         "flare_plan": FLARE_PLAN, "flare": FLARE, "checkin_prefs": PREFS, "phq4": PHQ4, "checkin": CHECKIN}


def state(stack: PacerStack, sender: str) -> tuple[str | None, str | None, dict]:
    tracker = stack.tracker(sender)
    slots = tracker.get("slots") or {}
    return (tracker.get("active_loop") or {}).get("name"), slots.get("requested_slot"), slots


def walk_to(stack: PacerStack, flow: Flow, step_index: int, sender: str | None = None) -> str:
    """A patient at `flow`'s question number `step_index`: a new one (the flows it needs
    done first), or `sender` again after they stopped the flow."""
    befores = [FLOWS[name] for name in flow.needs] if sender is None else []
    sender = sender or f"rest:matrix-{uuid.uuid4().hex[:10]}"  # REST ids live in the rest: namespace
    for before in [*befores, flow]:
        if state(stack, sender)[0] != before.form:  # finishing one flow may open the next
            before.start(stack, sender)
        answers = before.steps if before is not flow else before.steps[:step_index]
        for _, answer in answers:
            stack.say(sender, answer)
    loop, slot, _ = state(stack, sender)
    wanted = (flow.form, flow.steps[step_index][0])
    assert (loop, slot) == wanted, f"could not reach {wanted}: {loop}/{slot}"
    return sender


def run_cell(stack: PacerStack, flow: Flow, step_index: int, klass: str, sender: str) -> tuple[bool, str]:
    slot = flow.steps[step_index][0]
    replies = stack.say(sender, DIGRESSIONS[klass])
    said = " ".join(r.get("text") or "" for r in replies).strip()
    if not said:
        return False, "no reply"
    loop, requested, slots = state(stack, sender)
    if klass == "stop":
        return (loop is None, f"still in {loop}")
    if klass == "flare" and flow.form != "flare_form":
        if (loop, slots.get("paused_form")) != ("flare_form", flow.form):
            return False, f"flare not handled with the form paused: {loop}, {slots.get('paused_form')}"
        stack.say(sender, "right can we go back to what we were doing")  # from inside the flare steps
        loop, requested, _ = state(stack, sender)
    if slot == "patient_name" and klass == "dont_know":  # the second miss: on without a name
        return (requested != "patient_name", "name asked a third time")
    if slot == "ps_ideas_text" and klass == "dont_know":  # "no idea": ideas that help others
        return (requested == "ps_choice" and "1." in said, "no suggestions for 'no idea'")
    if (flow.form, slot) in YES_NO_STEPS and klass == "refusal":
        return True, "answer"  # "none of those" answers a yes/no screen
    if (loop, requested) != (flow.form, slot):
        return False, f"did not come back to {slot}: {loop}/{requested}"
    return True, ""


OUTPUT = PROJECT_ROOT / "test-output"


def stored_texts() -> str:
    """Every value in Pacer's own tables (not Rasa's events), lower-cased."""
    parts = []
    with session_scope() as session:
        for table in Base.metadata.sorted_tables:
            for row in session.execute(sql(f"SELECT * FROM {table.name}")):
                parts += [str(v).lower() for v in row if v is not None]
    return "\n".join(parts)


def test_every_step_of_every_form_survives_every_digression(stack: PacerStack) -> None:
    results: dict[tuple[str, str], dict[str, tuple[bool, str]]] = {}
    only = [name for name in os.environ.get("PACER_MATRIX_FLOWS", "").split(",") if name]  # to debug one
    for flow in [FLOWS[name] for name in only] or list(FLOWS.values()):
        sender = walk_to(stack, flow, 0)
        for index, (slot, answer) in enumerate(flow.steps):
            row = results.setdefault((flow.form, slot), {})
            for klass in DIGRESSIONS:  # "stop" last: it ends the form
                if (flow.form, slot) in YES_NO_STEPS and klass == "refusal":
                    row[klass] = (True, "n/a: an answer here")
                    continue
                try:
                    row[klass] = run_cell(stack, flow, index, klass, sender)
                except AssertionError as error:  # e.g. a verbatim repeat
                    row[klass] = (False, str(error)[:160])
                loop, requested, _ = state(stack, sender)
                if (loop, requested) != (flow.form, slot):  # stopped, or lost: back to this question
                    if loop is not None:
                        stack.say(sender, "forget it, stop")
                    try:
                        walk_to(stack, flow, index, sender)
                    except AssertionError:
                        sender = walk_to(stack, flow, index)
            if index + 1 < len(flow.steps):
                stack.say(sender, answer)

    classes = list(DIGRESSIONS)
    lines = ["form.step".ljust(40) + " ".join(c[:10].ljust(10) for c in classes)]
    passed = total = 0
    failures = []
    for (form, slot), row in results.items():
        cells = []
        for klass in classes:
            ok, why = row.get(klass, (False, "not run"))
            passed, total = passed + ok, total + 1
            cells.append(("ok" if ok else "FAIL").ljust(10))
            if not ok:
                failures.append(f"{form}.{slot} x {klass}: {why}")
        lines.append(f"{form}.{slot}".ljust(40) + " ".join(cells))
    lines.append(f"conversation robustness: {passed}/{total} cells passing")
    report = "\n".join(lines + failures)
    print("\n" + report)
    OUTPUT.mkdir(exist_ok=True)
    (OUTPUT / "conversation-robustness.txt").write_text(report + "\n")  # the matrix, also on a green run

    stored = stored_texts()
    leaked = [k for k, t in DIGRESSIONS.items() if t.lower() in stored]
    assert leaked == [], f"digression text stored: {leaked}"
    assert failures == [], "\n".join(failures)
