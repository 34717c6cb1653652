"""The conversation-robustness matrix (issue 14): every step of every form x every class of
digression, typed as free text through NLU on a real rasa and action server.

For each cell the digression must be answered and the form must ask the same question again
(or, for a flare, be paused with its answers kept and come back on "carry on"; for "stop",
end). A correction right after a step changes that step's value only, is read back changed,
and the form asks the same question again; a partial answer keeps the part it gives and asks
again for what is missing. Inside safety mode nothing pauses the safety question.
Afterwards no digression text may be in any of Pacer's own tables. The matrix is printed
with N/N passing (`pytest -s` shows it; test-output/conversation-robustness.txt keeps it).

Cost: one patient per flow walks every cell; the flows a form needs first (consent, values,
PSFS, a plan) are written straight into the database, never chatted through again.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx
import pytest
from sqlalchemy import text as sql

from bot.coaching.action_plan import PlanDraft
from bot.config import PROJECT_ROOT
from bot.services import checkins, clinician_notes, goal_proposals, goals
from bot.store.db import session_scope
from bot.store.models import Base, Clinician, Patient, utcnow
from bot.web.auth import create_clinician
from tests.e2e.stack import PacerStack, texts
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
#: The classes in the order each step runs them: "stop" last, it ends the form.
CLASSES = [*[k for k in DIGRESSIONS if k != "stop"], "correction", "partial", "stop"]
RESUMING = ("education", "show_plans", "out_of_scope", "greeting", "refusal", "dont_know")
#: Questions whose proper answer may be "no"/"none of those" (the validators'
#: `no_is_an_answer`): a refusal there is an answer, e.g. "no" ends the flare steps.
YES_NO_STEPS = {("flare_form", "flare_screen"), ("flare_form", "flare_next"), ("onboarding_form", "consent"),
                ("plan_form", "plan_confirmed"), ("checkin_form", "checkin_outcome"),
                ("checkin_form", "checkin_next"), ("safety_form", "safety_answer"),
                ("note_reply_form", "note_reply_text")}
#: Forms a flare report must never put on hold: safety always wins.
NOT_PAUSED_BY_A_FLARE = ("flare_form", "safety_form")


@dataclass(frozen=True)
class Fix:
    """A correction of the step just answered, or a partial answer to this one, and what
    must follow: `expect` slot values (lower-cased substrings), the changed part read back
    (`reply`), and the same question again (or one of `back_to`)."""

    text: str
    expect: dict[str, str] = field(default_factory=dict)
    reply: str = ""
    back_to: tuple[str, ...] = ()
    then: tuple[str, ...] = ()  # what the patient says next to come back to this question
    reset: tuple[str, ...] = ()  # a later part kept: emptied again so the scripted walk goes on
    ends: Callable[[str], str | None] | None = None  # the form is done: a database check instead


NO_EARLIER_STEP = "n/a: nothing answered yet in this form to correct"
ONE_PART = "n/a: a one-part answer (a number, a choice, yes/no or one free-text value)"
OWN_EDIT_STEP = "n/a: a change of mind here is made at this form's own read-back or edit step"


@dataclass
class Flow:
    """How to open a form and answer each of its questions on script."""

    form: str
    start: Callable[[PacerStack, str], None]
    steps: list[tuple[str, str]]
    needs: list[str] = field(default_factory=list)  # written into the database first
    #: chat through `needs` instead (a check-in goes to a patient who has chatted before)
    chat_needs: bool = False
    #: per slot, per class ("correction", "partial"): the cell, or why it does not apply
    fixes: dict[str, dict[str, Fix | str]] = field(default_factory=dict)

    def fix(self, index: int, klass: str) -> Fix | str:
        slot = self.steps[index][0]
        given = self.fixes.get(slot, {}).get(klass)
        if given is not None:
            return given
        if klass == "partial":
            return ONE_PART
        return NO_EARLIER_STEP if index == 0 else OWN_EDIT_STEP


def _say_all(*messages: str) -> Callable[[PacerStack, str], None]:
    def start(stack: PacerStack, sender: str) -> None:
        for message in messages:
            stack.say(sender, message)
    return start


def _start_checkin(stack: PacerStack, sender: str) -> None:
    checkins.update_preferences(sender, quiet_off=True)
    delivery_id = checkins.queue_checkin(patient_id(sender), utcnow())
    wait_for(lambda: delivery(delivery_id).status == "sent", what="the check-in to be sent")


CLINICIANS: list[int] = []


def _clinician_id() -> int:
    """The clinician who writes the notes and proposals of these tests (one per run)."""
    if not CLINICIANS:
        CLINICIANS.append(create_clinician(f"matrix-{uuid.uuid4().hex[:6]}@clinic.test", "Lee Carter",
                                           "a matrix password"))
    return CLINICIANS[0]


def _start_note_reply(stack: PacerStack, sender: str) -> None:
    clinician_id, pid = _clinician_id(), patient_id(sender)
    with session_scope() as session:
        patient = session.get(Patient, pid)
        note = clinician_notes.create(session, patient, session.get(Clinician, clinician_id),
                                      "Lovely to see the walks going well. Lee", "next_checkin")
        note.status, note.delivered_at = "delivered", utcnow()  # as a check-in would have delivered it
        note_id = note.id
    stack.say(sender, f'/note_reply{{"note_id":"{note_id}"}}')


def _start_proposal(choice: str) -> Callable[[PacerStack, str], None]:
    def start(stack: PacerStack, sender: str) -> None:
        clinician_id, pid = _clinician_id(), patient_id(sender)
        with session_scope() as session:
            patient = session.get(Patient, pid)
            row = goal_proposals.create(session, patient, session.get(Clinician, clinician_id), "psfs",
                                        "carrying the shopping", rationale="It came up at your appointment.")
            proposal_id = row.id
        stack.say(sender, f'/proposal_answer{{"proposal_choice":"{choice}","proposal_id":"{proposal_id}"}}')
    return start


def _schedule_has(word: str) -> Callable[[str], str | None]:
    def check(sender: str) -> str | None:
        view = checkins.get_schedule(sender)
        summary = (view.summary if view else "").lower()
        return None if word in summary else f"schedule not changed: {summary!r}"
    return check


ONBOARDING = Flow("onboarding_form", _say_all("hello"),
                  [("consent", "yep thats fine by me"), ("patient_name", "call me Rangi")],
                  fixes={"patient_name": {"correction": "n/a: consent is taken back by 'stop' or 'delete'"}})
VALUES = Flow("values_form", _say_all("i'd like to set a goal"),
              [("value_text", "getting out in the garden with my moko")], needs=["onboarding"])
PSFS = Flow("psfs_form", _say_all("i'd like to set a goal"),
            [("psfs_activities_text", "weeding the veggie patch"), ("psfs_score_0", "3")],
            needs=["onboarding", "values"])
PLAN = Flow("plan_form", _say_all("i'd like to set a goal"),
            [("plan_what", "weeding the veggie patch"), ("plan_how_much", "15 mins"),
             ("plan_when", "after morning tea"), ("plan_how_often", "3 days"),
             ("plan_confirmed", "yes thats right"), ("plan_confidence", "8")],
            needs=["onboarding", "values", "psfs"],
            fixes={
                "plan_what": {"partial": Fix("15 mins", {"plan_how_much": "15 min"},
                                             reset=("plan_how_much",))},
                "plan_how_much": {
                    "correction": Fix("no wait, make that pulling weeds in the veggie patch",
                                      {"plan_what": "pulling weeds"}, reply="pulling weeds"),
                    "partial": Fix("after lunch", {"plan_when": "after lunch"}, reset=("plan_when",))},
                "plan_when": {
                    "correction": Fix("no wait, make that 20 minutes", {"plan_how_much": "20 min"},
                                      reply="20 min"),
                    "partial": Fix("3 days a week", {"plan_how_often": "3"}, reset=("plan_how_often",))},
                "plan_how_often": {
                    # ("actually after lunch would be better" is forced to crisis by the safety
                    # net, and "actually mon and fri" to non_english: reported, not this matrix's)
                    "correction": Fix("no wait, after lunch instead", {"plan_when": "after lunch"},
                                      reply="after lunch"),
                    "partial": "n/a: the last part; days alone answer it"},
                "plan_confirmed": {
                    "correction": Fix("no, make it monday and friday",
                                      {"plan_how_often": "2", "plan_when": "monday"}, reply="monday")},
                "plan_confidence": {
                    "correction": Fix("actually make it 10 minutes", {"plan_how_much": "10 min"},
                                      reply="10 min", back_to=("plan_confirmed",),
                                      then=("yes thats right",))},
            })
PROBLEM = Flow("problem_form", _say_all("something keeps getting in the way of my walks, can we sort it"),
               [("ps_problem", "im too wiped out after my shift"),
                ("ps_ideas_text", "walk before my shift, or get my neighbour to come along"),
                ("ps_choice", "2"), ("ps_plan", "ask my neighbour on saturday to walk with me"),
                ("ps_confidence", "8")], needs=["onboarding", "values", "psfs", "plan"],
               fixes={
                   "ps_ideas_text": {"correction": Fix(
                       "actually the real problem is i get too sore by the arvo",
                       {"ps_problem": "too sore"}, reply="too sore")},
                   "ps_choice": {"correction": "n/a: the problem changed here starts the ideas again "
                                               "(the ps_ideas_text cell); a new idea here is a choice"},
                   "ps_plan": {"correction": Fix("no wait, number 1 instead",
                                                 {"ps_choice": "before my shift"}, reply="before my shift")},
                   "ps_confidence": {"correction": Fix("sorry make that ask my neighbour on sunday",
                                                       {"ps_plan": "sunday"}, reply="sunday")},
               })
FLARE_PLAN = Flow("flare_plan_form", _say_all("id like to write a plan for my next flare up"),
                  [("fp_warning_signs", "stiff hips in the morning and poor sleep"),
                   ("fp_what_helps", "heat pack and a slow walk"),
                   ("fp_drop_postpone", "the vacuuming and the big shop"),
                   ("fp_who_to_tell", "my daughter mere, she can help with dinner"),
                   ("fp_seek_care", "use the suggested list")],
                  needs=["onboarding"])
PREFS = Flow("checkin_prefs_form", _say_all("can we change when you check in on me"),
             [("checkin_prefs_text", "tuesday evenings at 7")],
             needs=["onboarding", "values", "psfs", "plan"],
             fixes={"checkin_prefs_text": {
                 # a day without a time: the day is kept with the time they already have
                 # (nothing is missing), and the whole schedule is read back
                 "partial": Fix("thursdays", reply="thursday", ends=_schedule_has("thursday"))}})
PHQ4 = Flow("phq4_form", _say_all("/start_phq4"),
            [("phq_interest", "several days"), ("phq_down", "not at all"),
             ("phq_nervous", "several days"), ("phq_worry", "not at all")],
            needs=["onboarding", "values", "psfs", "plan"],
            fixes={slot: {"correction": "n/a: a questionnaire item once answered is not re-opened"}
                   for slot in ("phq_down", "phq_nervous", "phq_worry")})
FLARE = Flow("flare_form", _say_all("my back's flared up something awful this arvo"),
             [("flare_screen", "nah none of them"), ("flare_next", "next")],
             needs=["onboarding", "values", "psfs", "plan"],
             fixes={"flare_next": {"correction": "n/a: a red-flag screen answer is never undone by chat"}})
CHECKIN = Flow("checkin_form", _start_checkin,
               [("checkin_outcome", "managed it on most of the days"), ("peg_pain", "5"),
                ("peg_enjoyment", "6"), ("peg_activity", "5"), ("checkin_next", "keep the same plan"),
                ("checkin_confidence", "8")],
               needs=["onboarding", "values", "psfs", "plan"], chat_needs=True,
               fixes={
                   "peg_pain": {"correction": "n/a: how the week went is told again at 'keep or change'"},
                   "peg_enjoyment": {"correction": Fix("oops pain was a 4 not a 5",
                                                       {"peg_pain": "4"}, reply="4")},
                   "peg_activity": {"correction": Fix("oops enjoyment was a 7 not a 6",
                                                      {"peg_enjoyment": "7"}, reply="7")},
                   "checkin_next": {"correction": Fix("actually the activity one was more like 3",
                                                      {"peg_activity": "3"}, reply="3")},
                   "checkin_confidence": {"correction": "n/a: 'make it easier' here is a new plan step"},
               })
SAFETY = Flow("safety_form", _say_all("some nights i think everyone would be better off if i ended my life"),
              [("safety_answer", "yes im safe, my partner is home")], needs=["onboarding"])
NOTE_REPLY = Flow("note_reply_form", _start_note_reply,
                  [("note_reply_text", "thanks Lee, the walks are getting a bit easier")],
                  needs=["onboarding", "values", "psfs", "plan"])
PROPOSAL_PSFS = Flow("proposal_psfs_form", _start_proposal("change"),
                     [("proposal_activity", "hanging out the washing"), ("proposal_psfs_score", "4")],
                     needs=["onboarding", "values", "psfs", "plan"])
PROPOSAL_REASON = Flow("proposal_reason_form", _start_proposal("decline"),
                       [("proposal_reason", "my partner does that, its my shoulder at work that matters")],
                       needs=["onboarding", "values", "psfs", "plan"])
FLOWS = {"onboarding": ONBOARDING, "values": VALUES, "psfs": PSFS, "plan": PLAN, "problem": PROBLEM,
         "flare_plan": FLARE_PLAN, "flare": FLARE, "checkin_prefs": PREFS, "phq4": PHQ4, "checkin": CHECKIN,
         "safety": SAFETY, "note_reply": NOTE_REPLY, "proposal_psfs": PROPOSAL_PSFS,
         "proposal_reason": PROPOSAL_REASON}


def seed(sender: str, needs: list[str]) -> None:
    """What the flows before this one would have stored, written straight into the database
    (each of those flows is a row of this matrix itself)."""
    if "onboarding" in needs:
        goals.record_consent(sender, "given", name="Rangi")
    if "values" in needs:
        goals.save_value(sender, "getting out in the garden with my moko")
    if "psfs" in needs:
        goals.save_activities(sender, [("weeding the veggie patch", 3)])
    if "plan" in needs:
        plan = PlanDraft("weeding the veggie patch", "15 minutes", "after morning tea", 3)
        goals.save_plan(sender, plan, 8)


def state(stack: PacerStack, sender: str) -> tuple[str | None, str | None, dict]:
    tracker = stack.tracker(sender)
    slots = tracker.get("slots") or {}
    return (tracker.get("active_loop") or {}).get("name"), slots.get("requested_slot"), slots


def set_slots(stack: PacerStack, sender: str, **values: object) -> None:
    """Put slots back (Rasa's tracker events API) after a cell kept a later part."""
    events = [{"event": "slot", "name": name, "value": value} for name, value in values.items()]
    response = httpx.post(f"{stack.rasa_url}/conversations/{sender}/tracker/events",
                          params={"token": stack.token}, json=events, timeout=30)
    response.raise_for_status()


def walk_to(stack: PacerStack, flow: Flow, step_index: int, sender: str | None = None) -> str:
    """A patient at `flow`'s question number `step_index`: a new one (what the flow needs
    written into the database first), or `sender` again after they stopped the flow."""
    if sender is None:
        sender = f"rest:matrix-{uuid.uuid4().hex[:10]}"  # REST ids live in the rest: namespace
        if not flow.chat_needs:
            seed(sender, flow.needs)
        for before in [FLOWS[name] for name in flow.needs] if flow.chat_needs else []:
            if state(stack, sender)[0] != before.form:  # finishing one flow may open the next
                before.start(stack, sender)
            for _, answer in before.steps:
                stack.say(sender, answer)
    if state(stack, sender)[0] != flow.form:
        flow.start(stack, sender)
    for _, answer in flow.steps[:step_index]:
        stack.say(sender, answer)
    loop, slot, _ = state(stack, sender)
    wanted = (flow.form, flow.steps[step_index][0])
    assert (loop, slot) == wanted, f"could not reach {wanted}: {loop}/{slot}; {last_said(stack, sender)}"
    return sender


def last_said(stack: PacerStack, sender: str) -> str:
    """The last few turns, to show why a question was not reached."""
    events = [e for e in stack.tracker(sender).get("events") or [] if e["event"] in ("user", "bot")]
    return " | ".join(f"{e['event']}: {(e.get('text') or '')[:60]}" for e in events[-6:])


def run_cell(stack: PacerStack, flow: Flow, step_index: int, klass: str, sender: str) -> tuple[bool, str]:
    slot = flow.steps[step_index][0]
    replies = stack.say(sender, DIGRESSIONS[klass])
    said = " ".join(r.get("text") or "" for r in replies).strip()
    if not said:
        return False, "no reply"
    loop, requested, slots = state(stack, sender)
    if klass == "stop":
        return (loop is None, f"still in {loop}")
    if klass == "flare" and flow.form not in NOT_PAUSED_BY_A_FLARE:
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
        return False, f"did not come back to {slot}: {loop}/{requested}; said: {said[:150]!r}"
    return True, ""


def run_fix(stack: PacerStack, flow: Flow, step_index: int, fix: Fix, sender: str) -> tuple[bool, str]:
    slot = flow.steps[step_index][0]
    said = texts(stack.say(sender, fix.text))
    loop, requested, slots = state(stack, sender)
    wrong = [f"{name}={slots.get(name)!r}" for name, want in fix.expect.items()
             if want not in str(slots.get(name) or "").lower()]
    if wrong:
        return False, "not kept/changed: " + ", ".join(wrong)
    if fix.reply and fix.reply not in said:
        return False, f"not read back ({fix.reply!r}): {said[:120]!r}"
    if fix.ends is not None:
        problem = fix.ends(sender)
        return (problem is None, problem or "")
    if (loop, requested) != (flow.form, slot) and requested not in fix.back_to:
        return False, f"did not come back to {slot}: {loop}/{requested}"
    for message in fix.then:
        stack.say(sender, message)
    if fix.reset:
        set_slots(stack, sender, **{name: None for name in fix.reset})
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
        try:
            walk_cells(stack, flow, results)
        except AssertionError as error:  # a step could not be reached: its cells fail, the rest run
            for slot, _ in flow.steps:
                row = results.setdefault((flow.form, slot), {})
                for klass in CLASSES:
                    row.setdefault(klass, (False, f"not reached: {str(error)[:600]}"))
    report_and_check(results)


def walk_cells(stack: PacerStack, flow: Flow, results: dict[tuple[str, str], dict]) -> None:
    """One patient walks every cell of `flow`, coming back to each question after a cell."""
    sender = walk_to(stack, flow, 0)
    for index, (slot, answer) in enumerate(flow.steps):
        row = results.setdefault((flow.form, slot), {})
        for klass in CLASSES:
            fix = flow.fix(index, klass) if klass in ("correction", "partial") else None
            if (flow.form, slot) in YES_NO_STEPS and klass == "refusal":
                row[klass] = (True, "n/a: an answer here")
                continue
            if isinstance(fix, str):
                row[klass] = (True, fix)
                continue
            try:
                row[klass] = (run_fix(stack, flow, index, fix, sender) if fix is not None
                              else run_cell(stack, flow, index, klass, sender))
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


def report_and_check(results: dict[tuple[str, str], dict[str, tuple[bool, str]]]) -> None:
    lines = ["form.step".ljust(40) + " ".join(c[:10].ljust(10) for c in CLASSES)]
    passed = total = not_applicable = 0
    failures = []
    for (form, slot), row in results.items():
        cells = []
        for klass in CLASSES:
            ok, why = row.get(klass, (False, "not run"))
            passed, total = passed + ok, total + 1
            not_applicable += why.startswith("n/a")
            cells.append(("n/a" if why.startswith("n/a") else "ok" if ok else "FAIL").ljust(10))
            if not ok:
                failures.append(f"{form}.{slot} x {klass}: {why}")
        lines.append(f"{form}.{slot}".ljust(40) + " ".join(cells))
    lines.append(f"conversation robustness: {passed}/{total} cells passing "
                 f"({not_applicable} of them n/a, each with its reason below)")
    reasons = sorted({f"{form}.{slot} x {klass}: {why}" for (form, slot), row in results.items()
                      for klass, (ok, why) in row.items() if why.startswith("n/a") and klass != "refusal"})
    report = "\n".join(lines + failures + ["", "n/a cells:"] + reasons)
    print("\n" + report)
    OUTPUT.mkdir(exist_ok=True)
    (OUTPUT / "conversation-robustness.txt").write_text(report + "\n")  # the matrix, also on a green run

    stored = stored_texts()
    raw = {**DIGRESSIONS, **{f"{flow.form}.{slot}.{klass}": fix.text for flow in FLOWS.values()
                             for slot, fixes in flow.fixes.items() for klass, fix in fixes.items()
                             if isinstance(fix, Fix) and len(fix.text.split()) > 3}}
    leaked = [k for k, t in raw.items() if t.lower() in stored]
    assert leaked == [], f"digression text stored: {leaked}"
    assert failures == [], "\n".join(failures)
