"""One reading of a free-text answer, shared by the plan, problem-solving and check-in forms.

Patients answer in sentences: "not sure really, last time I did an hour and was in bed
for two days lol", "no, 15 minutes not an hour", "2. actually no wait, 1, my mate is
always busy". Before any form takes a value from such a message, the same steps run:

- chatter around the answer ("lol", "tbh", "I suppose", "he's very persuasive") is not
  part of it;
- a story about the past ("last time I did an hour") is context, not this week's plan;
- a part that is ruled out ("not an hour", "I don't want to do an hour") is dropped;
- a change of mind ("actually", "instead", "would be better", "no, ...") marks the
  answer as a correction, and only what follows the last change of mind counts.

What is left is parsed for every plan part (``action_plan.parse_plan``), so what is
given is kept and only what is missing is asked, whatever question was on screen.
Plain Python: no Rasa or database imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.coaching._text import normalise
from bot.coaching.action_plan import PlanDraft, day_phrase, named_days, parse_plan
from bot.coaching.vocabulary import NUMBER, NUMBER_WORDS, ORDINALS, WEEKDAY_NAMES

#: Answers longer than this are never quoted back whole (issue 14: "about 200 characters").
QUOTE_LIMIT = 200
#: The most of a message any form reads; longer messages are read up to a phrase boundary.
READ_LIMIT = 500

_CHATTER = re.compile(
    r"\b(?:lol+|lmao|rofl|ha(?:ha)+|he(?:he)+|hah|tbh|tho|ngl|jk|xx+|haha\w*"
    r"|i\s+suppose|i\s+guess|i\s+reckon|honestly|to\s+be\s+honest|you\s+know|ugh+|meh"
    r"|or\s+something|if\s+that\s+makes\s+sense|i\s+think)\b"
    r"|[\U0001F300-\U0001FAFF\u2600-\u27BF]+|[:;]-?[()dp]\B",
    re.I,
)
# A clause that comments on someone or something rather than answering ("he's very
# persuasive", "that's what put me in bed", "the rain isn't my fault").
_COMMENT = re.compile(
    r"^(?:and\s+|but\s+|cos\s+|because\s+)?(?:he|she|they|it|that|this|which|there)(?:'s|s|'re|\s+is|\s+was|\s+are"
    r"|\s+were|\s+has|\s+had|\s+will|\s+would|\s+gets|\s+keeps|\s+makes)\b"
    r"|\b(?:isn'?t|wasn'?t|not)\s+my\s+fault\b|\bpersuasive\b|\bkidding\b|\bjoking\b"
    r"|\b(?:reckons|thinks|says|said|keeps\s+saying|is\s+always|always\s+on\s+at\s+me)\b"
    r"|^(?:and\s+|but\s+)?(?:my|his|her|their|the|our)\s+\w+\s+(?:will|would|is|was|gets|hates|loves|won'?t|wont)\b",
    re.I,
)
# A story about the past: context for the coach, never this week's plan.
_PAST = re.compile(
    r"\b(?:last\s+(?:time|week|month|year)|yesterday|the\s+other\s+day|used\s+to|i\s+did|i\s+went"
    r"|i\s+tried|i\s+was|i\s+had|was\s+in\s+bed|ended\s+up|put\s+me|wiped\s+me|paid\s+for\s+it"
    r"|that'?s\s+what|thats\s+what|before\s+the\s+(?:pain|injury|surgery|accident))\b",
    re.I,
)
# A change of mind: everything before the last marker is what they no longer want.
_CHANGE = re.compile(
    r"\b(?:actually|on\s+second\s+thoughts?|scratch\s+that|no\s+wait|wait\s+no|hang\s+on|i\s+mean|i\s+meant"
    r"|(?<=,\s)no(?=\s*,)"
    r"|change\s+(?:it|that)\s+to|make\s+(?:it|that)|let'?s\s+(?:do|make\s+it|say)|how\s+about"
    r"|can\s+we\s+(?:do|make\s+it)|could\s+we\s+(?:do|make\s+it))\b",
    re.I,
)
_LEADING_NO = re.compile(
    r"^\s*(?:no+(?!\s+(?:idea|clue))|nope|nah|oops|sorry|not\s+quite|wrong)\b[\s,.!:-]*", re.I
)
# Leftovers that are never an activity ("20 mins a go" leaves "a go").
_NOT_AN_ACTIVITY = re.compile(
    r"(?:a|each|per|at\s+a)\s+(?:go|time|session)|only|just|max|tops|plenty|enough|at\s+most"
    r"|whatever|anything|nothing|something|who\s+cares|don'?t\s+care|dont\s+care|no|yes|ok|okay|fine|sure"
    r"|(?:(?:that|this|it|which)\s+)?(?:is|'s|would\s+be|will\s+be)\s+(?:plenty|enough|fine|ok|okay|good|heaps|lots)"
    r"|heaps|lots",
    re.I,
)
# Words of a change of mind that are not part of any value ("3 days would be better").
_CHANGE_WORDS = re.compile(
    r"\b(?:instead|rather(?!\s+than)|(?:would|will|is|it'?s|works?|might)\s+(?:be\s+|work\s+)?(?:a\s+lot\s+|much\s+)?better"
    r"(?:\s+for\s+me)?|(?:would|will|might|that'?d|it'?d)?\s*suits?\s+(?:me\s+)?(?:better|best)?)\b",
    re.I,
)
_POLITE = re.compile(r"\b(?:please|pls|plz|thanks|thank\s+you|cheers)\b", re.I)
# A part that is ruled out: "not an hour", "I don't want to do an hour", "instead of Monday".
_NEGATOR = re.compile(
    r"\b(?:not|never|no\s+more\s+than(?=\s*$)|instead\s+of|rather\s+than"
    r"|(?:i\s+)?(?:don'?t|dont|do\s+not|won'?t|wont|can'?t|cant)\s+(?:want\s+to\s+|wanna\s+)?(?:do|manage)"
    r"|(?:i\s+)?(?:didn'?t|didnt|did\s+not|never)\s+(?:want|wanted|say|said|mean|meant)(?:\s+to\s+do)?"
    r"|(?:i\s+)?(?:don'?t|dont|do\s+not)\s+(?:want|wanna)(?:\s+to)?"
    r")\s+",
    re.I,
)
_NEGATED_STOP = {"but", "and", "maybe", "just", "so", "instead", "rather", "after", "before", "in", "at",
                 "on", "every", "each", "when", "then", "or", "if", "because", "cos"}
_UNSURE = re.compile(
    r"\b(?:not\s+sure|unsure|dunno|idk|i\s+don'?t\s+know|i\s+dont\s+know|no\s+idea|no\s+clue"
    r"|you\s+(?:choose|pick|decide|tell\s+me)|any\s+ideas|can'?t\s+think)\b",
    re.I,
)
_CLAUSE_SPLIT = re.compile(r"(?<=[.!?;])\s+|\s*[!?;\n]+\s*|\.(?=\s|$)|\s*,\s*")


@dataclass(frozen=True)
class Answer:
    """What a message gives as an answer, with everything around it taken off."""

    text: str  # the answer itself: no chatter, past stories or ruled-out parts
    plan: PlanDraft  # every plan part in ``text``
    correction: bool  # the person changed their mind ("actually", "no, ...", "instead")
    unsure: bool  # "not sure", "dunno", "you choose"
    ruled_out: tuple[str, ...] = ()  # parts they said no to ("wednesday" in "tuesday not wednesday")

    @property
    def parts(self) -> int:
        """How many plan parts were given (activity, amount, when, how often)."""
        plan = self.plan
        return sum(value is not None for value in (plan.what, plan.how_much, plan.when, plan.days_per_week))


def shorten(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` cut to ``limit`` at a phrase boundary (or at least a word), never mid-word."""
    text = re.sub(r"\s+", " ", text or "").strip()
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    phrase = max(head.rfind(mark) for mark in (". ", "! ", "? ", "; ", ", ", " - "))
    if phrase >= limit // 4:
        return head[:phrase].rstrip(" ,;-")
    word = head.rfind(" ")
    return head[: word if word > 0 else limit].rstrip(" ,;-") + "…"


def without_chatter(text: str) -> str:
    """The message without laughter, hedges and asides ("lol", "tbh", "I suppose")."""
    out = _CHATTER.sub(" ", text or "")
    out = re.sub(r"\s+([,.!?;])", r"\1", out)
    out = re.sub(r"([,.;])(?:\s*[,.;])+", r"\1", out)
    return re.sub(r"\s+", " ", out).strip(" ,;-")


def _drop_negated(clause: str, ruled_out: list[str] | None = None) -> str:
    """"15 minutes not an hour after breakfast" -> "15 minutes after breakfast"; what was
    dropped ("an hour") is added to ``ruled_out``."""
    while True:
        match = _NEGATOR.search(clause)
        if match is None:
            return clause
        tail = clause[match.end():]
        words = tail.split(" ")
        taken = 0
        for index, word in enumerate(words[:4]):
            bare = word.strip(",.!?;:").lower()
            if index > 0 and (bare in _NEGATED_STOP or not bare):
                break
            taken = index + 1
            if word != word.rstrip(",.!?;:"):
                break
        if ruled_out is not None and taken:
            ruled_out.append(" ".join(words[:taken]).strip(",.!?;: "))
        rest = " ".join(words[taken:])
        clause = (clause[: match.start()] + " " + rest).strip()


def clauses(text: str) -> list[str]:
    """The message in clauses: sentences and comma-separated parts."""
    return [c.strip(" ,.-") for c in _CLAUSE_SPLIT.split(text or "") if c and c.strip(" ,.-")]


def is_unsure(text: str) -> bool:
    """The person does not know yet ("not sure", "dunno", "you pick"): they need help, not a re-ask."""
    return bool(_UNSURE.search(normalise(text)))


def read_answer(text: str) -> Answer:
    """Read one free-text answer: the answer part, its plan parts, and whether it corrects."""
    text = shorten(text or "", READ_LIMIT)
    unsure = is_unsure(text)
    norm = normalise(without_chatter(text))
    correction = bool(_LEADING_NO.match(norm) or _CHANGE.search(norm) or _CHANGE_WORDS.search(norm))
    changes = list(_CHANGE.finditer(norm))
    if changes:  # "2 days, actually 3" -> "3 days"; "actually 3 days would be better" -> "3 days ..."
        before, after = norm[: changes[-1].start()], norm[changes[-1].end():].strip(" ,.:-")
        norm = _carry_unit(before, after) if after else norm
    norm = _UNSURE.sub(" ", norm)
    norm = _LEADING_NO.sub("", norm)
    kept: list[str] = []
    ruled_out: list[str] = []
    for clause in clauses(norm):
        clause = _drop_negated(clause, ruled_out)
        clause = _POLITE.sub(" ", _CHANGE_WORDS.sub(" ", _CHANGE.sub(" ", clause)))
        clause = re.sub(r"\s+", " ", clause).strip(" ,.-")
        if not clause or _PAST.search(clause) or _UNSURE.fullmatch(clause):
            continue
        if _COMMENT.search(clause) and not _has_plan_part(clause):
            continue
        kept.append(clause)
    answer = ", ".join(kept)
    plan = parse_plan(answer) if answer else PlanDraft()
    if plan.what and _NOT_AN_ACTIVITY.fullmatch(plan.what.strip()):
        plan = PlanDraft(None, plan.how_much, plan.when, plan.days_per_week)
    return Answer(text=answer, plan=plan, correction=correction, unsure=unsure, ruled_out=tuple(ruled_out))


# Words that make a leftover a remark about the plan, not a new activity ("would suit me").
_REMARK = re.compile(r"\b(?:want|wanted|would|could|should|suits?|better|prefer|rather|think|is|was|are|were"
                     r"|meant|mean|said|says)\b", re.I)


def is_new_activity(text: str) -> bool:
    """Whether a leftover read at a later step ("no, the weeding") names an activity rather
    than a remark about the plan ("that would suit me better", "I didn't want")."""
    return bool(text) and not not_an_activity(text) and not _REMARK.search(text) and len(text.split()) <= 8


def not_an_activity(text: str) -> bool:
    """A shrug or a filler ("whatever", "each go", "that's plenty"), never a plan's activity."""
    return bool(_NOT_AN_ACTIVITY.fullmatch(normalise(without_chatter(text)).strip(" .!?,")))


def _carry_unit(before: str, after: str) -> str:
    """"2 days. no wait, 3" -> "3 days": a bare number after a change of mind replaces the
    last number before it, so it keeps that number's unit."""
    if not re.fullmatch(NUMBER, after.strip()):
        return after
    numbers = list(re.finditer(NUMBER, before))
    if not numbers:
        return after
    last = numbers[-1]
    clause_start = max(before.rfind(mark, 0, last.start()) for mark in (".", ",", ";", "!", "?")) + 1
    ends = [before.find(mark, last.end()) for mark in (".", ",", ";", "!", "?")]
    clause_end = min([i for i in ends if i >= 0] or [len(before)])
    return (before[clause_start: last.start()] + after.strip() + before[last.end(): clause_end]).strip()


def _has_plan_part(clause: str) -> bool:
    plan = parse_plan(clause)
    return any(value is not None for value in (plan.how_much, plan.when, plan.days_per_week))


# --- picking from a numbered list --------------------------------------------------

REJECTS = re.compile(
    r"\b(?:makes?\s+no\s+sense|no\s+good|won'?t\s+work|wont\s+work|doesn'?t\s+work|doesnt|not\s+for\s+me"
    r"|rubbish|useless|stupid|hate|dumb|silly|pointless|weird|odd|strange|not\s+keen|nah|meh|"
    r"isn'?t\s+(?:for|right)|no\s+way|not\s+(?:that|it))\b",
    re.I,
)
_NONE_OF_THEM = re.compile(
    r"\b(?:none\s+of\s+(?:those|them|these|that|the\s+above)|neither|not\s+(?:any|one)\s+of\s+(?:those|them|these)"
    r"|nothing\s+there|don'?t\s+like\s+(?:any|them|those|these))\b",
    re.I,
)
_NUMBER_REF = re.compile(
    r"(?:\b(?:number|no\.?|option|idea|#)\s*)?(?<![\d.])\b(\d{1,2})\b(?!\s*(?:[.,]\d|min|mins|minutes?|hours?|hrs?|h\b"
    r"|days?|times?|x\b|am\b|pm\b|%|/|k\b|km|weeks?|bucks|dollars))"
    r"|\b(?:number|option|idea)\s+(" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b"
    r"|\b(?:the\s+)?(" + "|".join(ORDINALS) + r")(?:\s+(?:one|idea|option))?\b",
    re.I,
)


def refuses_all(text: str) -> bool:
    """"none of those", "neither", "I don't like any of them": no choice, and nothing to store."""
    return bool(_NONE_OF_THEM.search(normalise(text)))


def pick_number(text: str, count: int) -> int | None:
    """Which of ``count`` numbered options the person picked (1-based), or None.

    "2. actually no wait, 1" is 1 (the last change of mind wins); "number 1 makes no
    sense" picks nothing (an option they reject is never their choice); two different
    options in one message is no choice either: ask, don't guess.
    """
    norm = normalise(without_chatter(text))
    alone = re.fullmatch(r"\W*(?:the\s+)?(" + "|".join(NUMBER_WORDS) + r")(?:\s+(?:one|please))?\W*", norm)
    if alone:  # "two", "the third one" is handled below
        value = NUMBER_WORDS[alone.group(1)]
        return value if 1 <= value <= count else None
    # "1... hang on, 2 actually": the last stretch between changes of mind that names an option
    for segment in reversed(_CHANGE.split(norm)):
        picked = _numbers_in(segment, count)
        if picked:
            return picked[0] if len(picked) == 1 else None
    return None


def _numbers_in(norm: str, count: int) -> list[int]:
    """The options (1-based) named in a stretch of text, minus any it rejects."""
    picked: list[int] = []
    for clause in clauses(norm) or [norm]:
        rejected = bool(REJECTS.search(clause))
        for match in _NUMBER_REF.finditer(clause):
            digits, word, ordinal = match.groups()
            if digits:
                value = int(digits)
            elif word:
                value = NUMBER_WORDS[word.lower()]
            else:
                value = ORDINALS[ordinal.lower()]
                value = count if value == -1 else value
            if not 1 <= value <= count or rejected:
                continue
            if value not in picked:
                picked.append(value)
    return picked


# --- when: time of day and days are two parts ----------------------------------------

_DAY_NAME = "(?:" + "|".join(WEEKDAY_NAMES) + ")"  # as read back, capitalised
_DAY_PART = re.compile(
    rf"\s*\b(?:on\s+weekdays|at\s+the\s+weekend|on\s+{_DAY_NAME}(?:,\s+{_DAY_NAME})*(?:\s+and\s+{_DAY_NAME})?)\s*$"
)


def split_when(when: str | None) -> tuple[str, str]:
    """("in the morning", "on Monday and Friday") from "in the morning on Monday and Friday"."""
    when = (when or "").strip()
    match = _DAY_PART.search(when)
    if match is None:
        return when, ""
    return when[: match.start()].strip(), match.group(0).strip()


def merge_when(old: str | None, new: str | None) -> str | None:
    """A new "when" that gives only days keeps the old time of day, and the other way round:
    "after breakfast" then "actually Mon Wed Fri" is "after breakfast on Monday, Wednesday and Friday"."""
    if not new:
        return old
    old_time, old_days = split_when(old)
    new_time, new_days = split_when(new)
    time = new_time or old_time
    days = new_days or old_days
    return " ".join(part for part in (time, days) if part) or None


def days_named(when: str | None) -> int | None:
    """How many days a "when" names ("on weekdays" -> 5), or None when it names none."""
    _, days = split_when(when)
    if not days:
        return None
    if "weekdays" in days:
        return 5
    if "weekend" in days:
        return 2
    return len(re.findall(_DAY_NAME, days))


def swap_days(current_when: str | None, answer: Answer) -> tuple[str | None, int] | None:
    """"tuesday not wednesday" against "after tea on Monday, Wednesday and Saturday" ->
    ("after tea on Monday, Tuesday and Saturday", 3): the days ruled out are swapped for the
    days named, the others kept. None when the answer does not swap days."""
    dropped = [day for part in answer.ruled_out for day in named_days(part)]
    time, days_text = split_when(current_when)
    current = named_days(days_text) if days_text else []
    if not dropped or not current:
        return None
    added = named_days(answer.text)
    days = sorted({day for day in current if day not in dropped} | set(added))
    if not days:
        return None
    phrase = day_phrase(days) or "every day"
    return " ".join(part for part in (time, phrase) if part), len(days)


# --- a change of mind about an earlier question -----------------------------------------


def earlier_answer_named(text: str, earlier: dict[str, str]) -> str | None:
    """Which earlier question a change of mind is about: "sorry, the pain was more like a 4"
    at the next question names the pain question. ``earlier`` maps a key to a regex of the
    words that name that question; the key named, or None when the message does not change
    its mind or names none or several (then it answers the question on screen)."""
    if not read_answer(text).correction:
        return None
    norm = normalise(text)
    named = [key for key, words in earlier.items() if re.search(rf"\b(?:{words})", norm, re.I)]
    return named[0] if len(named) == 1 else None


def without_ruled_out(text: str) -> str:
    """The message without the parts it says no to: "enjoyment was a 7 not a 6" -> "... a 7"."""
    return " ".join(_drop_negated(clause) for clause in clauses(normalise(without_chatter(text))))
