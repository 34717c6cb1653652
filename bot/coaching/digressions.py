"""What a message inside a form is: an answer, or something else (a digression).

One place decides this for all fourteen forms. Rasa's own unhappy-path pattern does
most of the work: every form lists `FORM_IGNORED_INTENTS` (Rasa merges them into each
slot mapping's `not_intent`, so they never fill a slot) and each of those intents has a
rule that answers it and puts the form back, or pauses the form (`PAUSING_INTENTS`).
What the classifier misses is caught here, on the text and the whole intent ranking:
most real answers come out as `nlu_fallback`, and some questions as a confident
`inform`. `judge_answer` is the check every form validator runs first.

Plain Python: no Rasa, no database. `scripts/sync_digressions.py` writes the intent
lists into `domain/` and the rules into `data/rules/digressions.yml`; a test keeps
them in step.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.coaching.barriers import detect_barriers
from bot.coaching.listening import hear
from bot.coaching.questions import ASKING_PHRASE

#: Deterministic safety handling always wins (rules in data/rules/safety.yml).
SAFETY_INTENTS = ("crisis", "red_flag")
#: Scheduled check-ins arrive as `EXTERNAL: <intent>` user messages.
SYSTEM_INTENTS = ("EXTERNAL_booster_checkin",)
#: Answered in place; then the same question comes back (the form resumes).
RESUMING_INTENTS = (
    "bot_challenge",
    "non_english",
    "out_of_scope",
    "show_plans",
    "talk_to_person",
    "data_summary",
    "greet",
)
#: Questions that can sound like answers ("sitting too long and bad sleep" is a trigger,
#: not a question about sleep): they may fill a slot, and the validator decides on the
#: text whether to answer the question (then ask again) or take the answer.
QUESTION_INTENTS = ("ask_education", "ask_medication")
#: Help first or another flow: the form is paused with its answers kept, and Pacer
#: offers to carry on where the person left off.
PAUSING_INTENTS = (
    "report_flare",
    "express_distress",
    "problem_solve",
    "make_flare_plan",
    "set_goal",
    "change_checkins",
    "choose_checkin_channel",
    "stop_checkins",
    "delete_my_data",
    "data_copy",
    "pause_form",
)
#: "Carry on": inside the flow that interrupted a form, goes back to it.
RETURNING_INTENTS = ("resume_form",)
#: Leaves the form (its own slots cleared); one rule per form already does this.
LEAVING_INTENTS = ("cancel",)

#: The `ignored_intents` of every form: none of these is ever an answer.
FORM_IGNORED_INTENTS: tuple[str, ...] = (
    *SAFETY_INTENTS,
    *SYSTEM_INTENTS,
    *RESUMING_INTENTS,
    *PAUSING_INTENTS,
    *RETURNING_INTENTS,
    *LEAVING_INTENTS,
)

#: Which flow each pausing intent starts, by the forms that flow runs: asking for the
#: flow you are already in just carries on with it instead of pausing it.
FLOW_FORMS: dict[str, tuple[str, ...]] = {
    # a clinician's proposed activity is rated like the patient's own ("hanging out the
    # washing" often reads as set_goal): an answer there too
    "set_goal": ("onboarding_form", "values_form", "psfs_form", "plan_form", "proposal_psfs_form"),
    "problem_solve": ("problem_form",),
    "make_flare_plan": ("flare_plan_form",),
    "report_flare": ("flare_form",),
    "change_checkins": ("checkin_prefs_form",),
}

#: Questions about feelings and barriers: there, distress that names a barrier is the
#: answer ("I feel so selfish taking time for myself" at "what gets in the way?"), heard in
#: one line. The form does not ignore these intents; every other slot of the form lists
#: them in its own mapping's `not_intent` (a test checks it), so they still pause it there.
FEELINGS_INTENTS = ("express_distress",)
FEELINGS_ANSWER_SLOTS: dict[str, tuple[str, ...]] = {"problem_form": ("ps_problem",)}


def ignored_intents_for(form: str) -> list[str]:
    """A form's `ignored_intents`: all of them except the intents that start this same flow
    ("actually the real problem is my sleep" reads as problem_solve inside problem solving,
    and is an answer there) and, in a form that asks about feelings, distress."""
    feelings = FEELINGS_INTENTS if form in FEELINGS_ANSWER_SLOTS else ()
    return [i for i in FORM_IGNORED_INTENTS if form not in FLOW_FORMS.get(i, ()) and i not in feelings]


def names_a_barrier(text: str) -> bool:
    """Distress that says what gets in the way (guilt, grief, fear of a flare, loneliness)."""
    return bool(detect_barriers(text) or hear(text))


def own_flow_intents(form: str) -> frozenset[str]:
    return frozenset(i for i, forms in FLOW_FORMS.items() if form in forms)


#: Intents that may carry an answer; anything else at the top of the ranking is not one.
ANSWER_INTENTS = frozenset({
    "inform", "nlu_fallback", "affirm", "deny", "thank", "goodbye", "report_progress",
    "followup_answer", "proposal_answer", "note_reply", "resource_answer", "note_ack",
    "change_plan", "drop_plan", "continue_exercise", "pleasant_activity", "start_breathing",
    "start_phq4", "ask_resources", "enter_clinic_code", "link_device",
})

#: A flare or distress ranked this close behind an answer is asked about, not stored.
#: Pacer's classifier gives flat confidences on free text (0.41/0.41/0.40), so only a
#: confident rival counts.
RIVAL_FLOOR = 0.5
RIVAL_MARGIN = 0.1

_QUESTION_START = re.compile(
    r"^\s*(?:(?:so|but|and|ok(?:ay)?|hm+|um+|erm|hey|oh|wait|sorry|lol)[,!.]?\s+)*"
    r"(?:why|whats|what's|hows|how's|how\s+come"
    r"|(?:what|how|who|where|when|which)\s+(?:is|are|was|do|does|did|can|could|should|will|would"
    r"|about|if|else|long|much|many|often|exactly)"
    r"|is\s+(?:it|this|that|there)|are\s+(?:you|there|these|those)|do\s+(?:you|i|people)|does"
    r"|can\s+(?:you|u|i|we)|could\s+(?:you|u|i|we)|would\s+(?:you|u)|will\s+(?:you|u|it)"
    r"|should\s+i|shall\s+i|am\s+i)\b",
    re.IGNORECASE,
)
_COMMAND_START = re.compile(
    r"^\s*(?:(?:please|pls|plz|ok(?:ay)?|just|can you|could you)\s+)*"
    r"(?:show|tell|explain|give|send|delete|erase|remove|stop|cancel|list|remind|help|"
    r"let'?s\s+(?:talk|do|work|go\s+back)|take\s+me|i\s+(?:want|need)\s+to\s+(?:talk|speak|see|know|delete))\b",
    re.IGNORECASE,
)
_REFUSALS = re.compile(
    r"^\s*(?:no+|nope|nah|none)?[,.!\s]*(?:none of (?:those|them|these|that)|neither of (?:those|them)|"
    r"skip(?: (?:it|this|that|this one))?|pass|next|no comment|rather not(?: say)?|"
    r"i'?d rather not(?: say)?|prefer not to say|not telling|mind your own|"
    r"what can you do|what do you do)[\s.!?]*$",
    re.IGNORECASE,
)
_UNSURE = re.compile(
    r"\b(?:i\s+)?(?:don'?t|dont|do not|dunno)\s+know\b|\bnot\s+(?:really\s+)?sure\b|\bidk\b|\bdunno\b|"
    r"\bno\s+idea\b|\bno\s+clue\b|\bunsure\b|\bcan'?t\s+think\b|\byou\s+(?:choose|pick|decide)\b|"
    r"\bany\s+(?:ideas|suggestions)\b",
    re.IGNORECASE,
)
_RUDE = re.compile(
    r"\b(?:f+u+c+k+\w*|shit+|crap|bollocks|piss\s+off|stupid|useless|dumb|idiot|bs|wtf|stfu|"
    r"shut\s+up|go\s+away)\b",
    re.IGNORECASE,
)
_FILLER_WORDS = frozenset("i im i'm really tbh honestly to be yet sorry um erm hmm lol just what "
                          "well so ok okay yeah no nah mate anything".split())
_SKIP = re.compile(r"^\s*(?:skip|pass|next|rather not(?: say)?|prefer not to say|no name)[\s.!]*$",
                   re.IGNORECASE)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\s*\n\s*")


def reads_as_question_or_command(text: str) -> bool:
    """'why does it hurt?', 'can you explain pacing', 'show me my plans', or a question
    after some words ("number 1 makes no sense lol. what about the money thing"): never a value."""
    stripped = text.strip()
    if not stripped or stripped.startswith("/"):
        return False
    if "?" in stripped:
        return True
    sentences = [s for s in _SENTENCE_END.split(stripped) if s]
    return any(_QUESTION_START.match(s) or _COMMAND_START.match(s) for s in sentences) or bool(
        ASKING_PHRASE.search(stripped))


def is_unsure(text: str) -> bool:
    """'I don't know', 'not sure really', 'you pick': wants help, not a stored value. An
    answer that only starts unsure ("not sure, last time I did an hour...") is an answer."""
    cleaned = text.replace("’", "'")
    if not _UNSURE.search(cleaned):
        return False
    rest = _UNSURE.sub(" ", cleaned)
    words = [w for w in re.findall(r"[a-z0-9']+", rest.lower()) if w not in _FILLER_WORDS]
    return len(words) <= 2


def is_refusal(text: str) -> bool:
    """'no, none of those', 'skip', 'what can you do' and rude words are never values."""
    lowered = text.replace("’", "'")
    return bool(_REFUSALS.match(lowered) or _RUDE.search(lowered))


def is_rude(text: str) -> bool:
    return bool(_RUDE.search(text))


def wants_to_skip(text: str) -> bool:
    return bool(_SKIP.match(text.replace("’", "'")))


@dataclass(frozen=True)
class Verdict:
    """How a form should treat the latest message.

    kind: "answer" (validate it as usual), "digression" (answer `intent`, then ask
    again), "ask_first" (a question Pacer could answer or pause for: ask which it
    was), "unsure" ("I don't know": help), "refusal" (not stored), "skip".
    """

    kind: str
    intent: str | None = None

    @property
    def is_answer(self) -> bool:
        return self.kind == "answer"


def best_digression(ranking: Sequence[Mapping[str, object]], floor: float = 0.1) -> str | None:
    """The most likely never-an-answer intent in the ranking, if it is at all likely."""
    ignored = (set(FORM_IGNORED_INTENTS) | set(QUESTION_INTENTS)) - set(SYSTEM_INTENTS)
    for entry in ranking[:4]:
        name = str(entry.get("name") or "")
        confidence = float(entry.get("confidence") or 0.0)  # type: ignore[arg-type]
        if name in ignored and confidence >= floor:
            return name
    return None


def judge_answer(text: str, ranking: Sequence[Mapping[str, object]], *,
                 skippable: bool = False, no_is_an_answer: bool = False,
                 own_intents: frozenset[str] = frozenset(), feelings_answer: bool = False) -> Verdict:
    """Decide from the text and the whole intent ranking, not the top intent alone.
    `no_is_an_answer` for yes/no questions ("none of those" is the answer to a screen);
    `feelings_answer` for questions about what gets in the way (distress naming a barrier
    answers them; distress without one is helped first, then the question comes back)."""
    if not text.strip() or text.strip().startswith("/"):
        return Verdict("answer")  # a button payload: the button was the answer
    if skippable and wants_to_skip(text):
        return Verdict("skip")
    top = str((ranking[0].get("name") if ranking else None) or "nlu_fallback")
    feeling = top in FEELINGS_INTENTS or best_digression(ranking, RIVAL_FLOOR) in FEELINGS_INTENTS
    if feelings_answer and feeling:
        if names_a_barrier(text):
            return Verdict("answer")
        if top in FEELINGS_INTENTS:
            return Verdict("digression", top)
    if top in FORM_IGNORED_INTENTS and top not in own_intents:
        return Verdict("digression", top)  # normally never extracted; kept for safety
    if is_refusal(text) and not (no_is_an_answer and not is_rude(text)):
        return Verdict("refusal", "out_of_scope" if "what can you" in text.lower() else None)
    if reads_as_question_or_command(text):
        intent = best_digression(ranking)
        if intent in RESUMING_INTENTS or intent in QUESTION_INTENTS:
            return Verdict("digression", intent)
        return Verdict("ask_first", intent)
    if is_unsure(text):
        return Verdict("unsure")
    rival = best_digression(ranking, floor=RIVAL_FLOOR)
    top_confidence = float(ranking[0].get("confidence") or 0.0) if ranking else 0.0  # type: ignore[arg-type]
    if rival in PAUSING_INTENTS and rival != top:
        rival_confidence = float(next(e.get("confidence") or 0.0  # type: ignore[arg-type]
                                      for e in ranking if e.get("name") == rival))
        if rival_confidence >= top_confidence - RIVAL_MARGIN:
            return Verdict("ask_first", rival)  # "ugh I'm in a really bad flare": check first
    return Verdict("answer")


def ignored_intents_missing(form_ignored: Iterable[str]) -> list[str]:
    """The intents a form's `ignored_intents` lacks (the static check behind the tests)."""
    present = set(form_ignored)
    return [intent for intent in FORM_IGNORED_INTENTS if intent not in present]
