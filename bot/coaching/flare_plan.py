"""Flare-up plans: written in advance, used one step at a time during a flare.

Content (DESIGN.md "Flare-up plan"; Kongsted et al. 2021, seed 003: "make sense of
symptoms"; NICE NG59 2016/2020 low back pain: keep active, avoid bed rest, heat as
self-care; NHS "Back pain" and Pain Toolkit (Moore) flare-up plan sections; red flags
from NICE NG59 and the GIRFT cauda equina pathway 2023). Plain Python: no Rasa or
database imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import datetime, time, timedelta, timezone, tzinfo

MAX_SECTION_CHARS = 600


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    # Words a person uses to name the section when they want to change it.
    pattern: re.Pattern[str]
    during_flare: str  # how Pacer introduces their own words during a flare


SECTIONS: tuple[Section, ...] = (
    Section("warning_signs", "Warning signs and triggers",
            re.compile(r"\b(warning|signs?|triggers?|early|what sets it off|cause)\b", re.I),
            "You noted these warning signs and triggers: {text}. Worth a thought about what set this one "
            "off, but no blame: flares happen even when you do everything right."),
    Section("what_helps", "What helps",
            re.compile(r"\b(what (helps|works|eases)|helpful|soothe|relie\w*)\b", re.I),
            "First, what helps you: {text}. Pick one of these and do it now, gently."),
    Section("drop_postpone", "What to drop or postpone, and building back up",
            re.compile(r"\b(drop|postpone|put off|cancel|build(ing)? (back )?up|cut back|ease off)\b", re.I),
            "Next, lighten the load. You planned to drop or postpone: {text}. Then build back up a little "
            "each day rather than all at once."),
    Section("who_to_tell", "Who to tell",
            re.compile(r"\b(who|tell|contact|let .* know|people|person|support)\b", re.I),
            "Let someone know. You said you'd tell: {text}."),
    Section("seek_care", "When to get medical help",
            re.compile(r"\b(seek|care|doctor|gp|medical|emergency|hospital|when to get help|"
                       r"red flags?)\b", re.I),
            "And when to get help: {text}. If anything on that list happens, contact them rather than "
            "waiting."),
)
SECTION_KEYS = tuple(section.key for section in SECTIONS)
BY_KEY = {section.key: section for section in SECTIONS}

# Evidence-based options offered for "what helps" (DESIGN.md flare-up plan: gentle
# movement the same day, pacing down rather than bed rest, heat or cold, breathing and
# relaxation, medication only as advised by their clinician; NICE NG59).
HELP_OPTIONS: tuple[str, ...] = (
    "gentle movement, little and often, the same day",
    "pacing down (shorter bits with rests) rather than bed rest",
    "heat or cold, whichever feels better",
    "slow breathing and relaxation",
    "distraction: music, a show, a chat with someone",
    "medication only as my clinician advised",
)
# Suggested "when to get help" wording (NICE NG59; GIRFT cauda equina pathway 2023).
SEEK_CARE_DEFAULT = (
    "emergency if I get numbness around my bottom or genitals, new trouble controlling my bladder or "
    "bowels, or leg weakness that is getting worse; my GP the same day if I have a fever with the pain, "
    "after a fall or injury, or if the pain is very different from my usual flares; my GP if it hasn't "
    "started to settle after about two weeks"
)
USE_SUGGESTED = re.compile(
    r"\b(use (the|your) (suggested|suggestion|list|default)|suggested (list|one)|that list|those|"
    r"all of (them|those|these)|the list|sounds (good|right)|yes|yep|yeah|ok(ay)?|fine)\b",
    re.I,
)

# Default flare plan for people who have not written one yet: one step per message.
DEFAULT_STEPS: tuple[str, ...] = (
    "Flares are common with persistent pain and they do settle. More pain right now usually means a "
    "sensitive system, not new damage.",
    "Keep moving gently, little and often: a few minutes of easy walking or stretching every hour or so "
    "works better than staying in bed.",
    "Try heat (a warm shower, heat pack) or cold (a wrapped ice pack) for 10 to 20 minutes, whichever feels "
    "better.",
    "Slow your breathing: in for 4, out for 6, for a few minutes. It settles tension and the stress that "
    "feeds pain.",
    "Drop or postpone what isn't essential today and do things in shorter bits with rests. As it settles, "
    "build back up a little each day, starting at about half your usual amount.",
    "Tell someone: it helps when the people around you know what's going on and how they can help.",
    "Medication only as your clinician advised. Get medical help urgently for numbness around your bottom "
    "or genitals, new bladder or bowel problems, leg weakness, fever, or after a fall or injury, and see "
    "your GP if it hasn't started to settle after about two weeks.",
)
WALKTHROUGH_ORDER = ("what_helps", "drop_postpone", "who_to_tell", "warning_signs", "seek_care")


@dataclass(frozen=True)
class FlarePlan:
    warning_signs: str | None = None
    what_helps: str | None = None
    drop_postpone: str | None = None
    who_to_tell: str | None = None
    seek_care: str | None = None

    def get(self, key: str) -> str | None:
        return getattr(self, key)

    @property
    def filled(self) -> list[str]:
        return [f.name for f in fields(self) if getattr(self, f.name)]

    @property
    def complete(self) -> bool:
        return len(self.filled) == len(SECTIONS)

    def with_section(self, key: str, text: str | None) -> FlarePlan:
        if key not in SECTION_KEYS:
            raise ValueError(f"unknown flare plan section {key!r}")
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values[key] = clean_section(text) if text else None
        return FlarePlan(**values)


def clean_section(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()[:MAX_SECTION_CHARS]


def section_from_text(text: str) -> str | None:
    """Which section someone wants to change ("change who I tell" -> who_to_tell)."""
    text = text or ""
    if text.strip() in SECTION_KEYS:
        return text.strip()
    hits = [(m.start(), section.key) for section in SECTIONS if (m := section.pattern.search(text))]
    # "what helps" mentions "helps"; "who to tell" mentions "who": prefer the most specific
    # section, i.e. the one whose own label words appear.
    for section in SECTIONS:
        if section.label.lower() in text.lower():
            return section.key
    return min(hits)[1] if hits else None


def parse_helps(text: str) -> str:
    """Numbers pick from HELP_OPTIONS ("1 and 3"); anything else is their own words, kept."""
    picked = [HELP_OPTIONS[int(n) - 1] for n in re.findall(r"\b([1-6])\b", text or "")
              if 1 <= int(n) <= len(HELP_OPTIONS)]
    rest = re.sub(r"\b[1-6]\b|\b(and|&|plus)\b|[,;.]", " ", text or "").strip()
    parts = list(dict.fromkeys(picked))
    if len(rest) > 2 and not picked:
        return clean_section(text)
    if len(re.sub(r"\W", "", rest)) > 3:
        parts.append(clean_section(rest))
    return "; ".join(parts) if parts else clean_section(text)


def wants_suggested(text: str) -> bool:
    return bool(USE_SUGGESTED.search(text or "")) and len((text or "").split()) <= 8


# Replies while writing a plan or during a flare, where buttons do not carry the answer.
_SKIP_WORDS = {"skip", "pass", "skip it", "skip this", "next", "leave it", "not sure", "dunno", "none"}
_YES_WORDS = ("yes", "yeah", "yep", "i do", "i have", "one of those", "one of these")
_NO_WORDS = ("no", "nope", "none", "nah", "neither", "nothing like that", "all good", "don't", "dont")
_STOP_WORDS = ("stop", "enough", "that's all", "thats all", "i'm ok", "im ok", "i'm good", "no more")


def _has(text: str, words: tuple[str, ...]) -> bool:
    lowered = text.lower().replace("\u2019", "'")
    return any(re.search(rf"(?<![\w']){re.escape(word)}(?![\w'])", lowered) for word in words)


def skips_section(text: str) -> bool:
    """ "skip", "not sure", "pass": leave this section of the plan empty for now."""
    return text.lower().strip(" .!") in _SKIP_WORDS


def has_a_warning_sign(text: str) -> bool:
    """ "yes", "I have one of those": the answer to the red-flag screen during a flare."""
    return _has(text, _YES_WORDS)


def has_no_warning_signs(text: str) -> bool:
    """ "no", "none", "all good": no red flags, so the flare steps can start."""
    return _has(text, _NO_WORDS)


def wants_to_stop(text: str) -> bool:
    """ "that's enough", "I'm ok now": no more flare steps."""
    return _has(text, _STOP_WORDS)


def walkthrough(plan: FlarePlan | None) -> tuple[list[str], str]:
    """The steps to show during a flare, one per message, and where they came from."""
    if plan is None or not plan.filled:
        return list(DEFAULT_STEPS), "default"
    steps = [DEFAULT_STEPS[0]]
    for key in WALKTHROUGH_ORDER:
        text = plan.get(key)
        if text:
            steps.append(BY_KEY[key].during_flare.format(text=text.rstrip(".")))
    if not plan.seek_care:
        steps.append(DEFAULT_STEPS[-1])
    return steps, "own"


def describe(plan: FlarePlan) -> str:
    """The whole plan for `show_plans`, one line per section, in the person's words."""
    return "\n".join(
        f"• {section.label}: {plan.get(section.key) or '(not written yet)'}" for section in SECTIONS
    )


# --- next-day follow-up -------------------------------------------------------------

BETTER = re.compile(r"\b(better|improv\w*|easing|eased|settl\w*|good|great|fine|ok(ay)?|calmer|gone)\b", re.I)
WORSE = re.compile(r"\b(worse|worst|terrible|awful|unbearable|can'?t cope|not coping|spreading)\b", re.I)
SAME = re.compile(r"\b(same|no change|not much (change|different)|still (bad|sore|flaring|the same)|meh|"
                  r"so-?so|about the same|no better)\b", re.I)


def classify_followup(text: str) -> str | None:
    """better | same | worse from a free-text answer to "how is the flare today?"."""
    text = text or ""
    if WORSE.search(text):
        return "worse"
    if SAME.search(text) or re.search(r"\bnot (any )?better\b", text, re.I):
        return "same"
    if BETTER.search(text):
        return "better"
    return None


FOLLOWUP_HOUR = 9  # local morning
MIN_FOLLOWUP_GAP_HOURS = 12


def next_day_due(now: datetime, tz: tzinfo) -> datetime:
    """When to ask how the flare is: the next morning locally, and at least 12 hours on."""
    local = now.astimezone(tz)
    morning = datetime.combine(local.date() + timedelta(days=1), time(FOLLOWUP_HOUR), tzinfo=tz)
    earliest = now + timedelta(hours=MIN_FOLLOWUP_GAP_HOURS)
    return max(morning, earliest.astimezone(tz)).astimezone(timezone.utc)
