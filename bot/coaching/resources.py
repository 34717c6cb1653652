"""Which clinic resources (peer support groups, classes, services, online programmes) to offer,
and how to read the person's answer to an offer. Plain Python: no Rasa or database imports.

Peer support and community classes help people keep up self-management after a programme
(Devan et al.); CDSMP's problem-solving steps include "use other resources" (Lorig). Pacer
only offers what the clinic has listed, matched to what the person is dealing with now:

- problem solving: the barriers named in their own words (`bot.coaching.barriers`);
- distress: low mood, worry or isolation (their words and PHQ-2 / GAD-2);
- check-in: their values and plans (every few weeks, see `checkin_offer_due`);
- asked: the kind and topic they asked about ("any support groups", "a class for my back").

Never more than `MAX_PER_OFFER` at once, and never one they declined in the last
`DECLINE_QUIET` days: an offer they said no to is not pushed again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.coaching.barriers import detect_barriers

KINDS: dict[str, str] = {
    "peer_support": "peer support group",
    "class": "class",
    "service": "service",
    "online": "online",
}
CONTEXTS = ("problem_solving", "distress", "checkin", "asked")
RESPONSES = ("interested", "declined", "no_answer")

# Who a resource suits: a fixed vocabulary, so that matching is predictable and testable.
TOPICS: dict[str, str] = {
    "pain_skills": "living well with pain (pacing, flare-ups)",
    "movement": "movement and exercise",
    "mood": "low mood",
    "worry": "worry and stress",
    "isolation": "loneliness, meeting others",
    "relaxation": "relaxation and mindfulness",
    "sleep": "sleep",
    "fatigue": "tiredness and energy",
    "money": "money and costs",
    "family": "family, partners and carers",
    "work": "work and study",
    "hobbies": "hobbies and enjoyable activities",
    "motivation": "motivation and keeping going",
    "flexible": "flexible times (fits a busy week)",
}

MAX_PER_OFFER = 2
DECLINE_QUIET = timedelta(days=90)  # a "not for me" is respected for three months
UNPROMPTED_GAP = timedelta(days=14)  # the same resource is not pushed twice within two weeks
CHECKIN_EVERY = timedelta(days=28)  # resources come up at a check-in about once every four weeks
ASKED_RECENTLY = timedelta(days=1)  # asking again shows the ones not just shown first
MIN_SCORE = 1.0  # unprompted offers need at least one real match

_W = r"[a-z']*"


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


# Words in a request, a value or a plan that point to a topic.
TOPIC_WORDS: dict[str, re.Pattern[str]] = {
    "pain_skills": _p(
        rf"\b(backs?|necks?|knees?|hips?|shoulders?|joints?|arthritis|fibro\w*|migraines?)\b|"
        rf"\b(pain{_W}|pacing|pace|flare{_W}|cope|coping|manag{_W}|self-?manag{_W}|sore|ache{_W})\b"
    ),
    "movement": _p(
        rf"\b(walk{_W}|swim{_W}|exercis{_W}|gym|yoga|pilates|tai ?chi|hydro{_W}|aqua{_W}|stretch{_W}|"
        rf"bik(e|ing)|cycl{_W}|danc{_W}|strength|fitness|physio{_W}|mov(e|ing|ement)|active|"
        rf"activity|bowls|golf|tramp{_W}|hik(e|ing))\b"
    ),
    "mood": _p(rf"\b(low|down|depress{_W}|sad|mood|hopeless|flat|miserable|blue|teary)\b"),
    "worry": _p(
        rf"\b(worr{_W}|anxi{_W}|stress{_W}|nervous|panic{_W}|overwhelm{_W}|on edge|scared|fear{_W})\b"
    ),
    "isolation": _p(
        rf"\b(lonel{_W}|alone|isolat{_W}|no ?one to talk|nobody to talk|meet (people|others)|"
        rf"others like me|people (who|that) (get|understand)|other people (with|in) pain|company|"
        rf"social{_W}|peers?|connect{_W}|friends?|on my own|by myself)\b"
    ),
    "relaxation": _p(rf"\b(relax{_W}|mindful{_W}|meditat{_W}|breath{_W}|calm{_W})\b"),
    "sleep": _p(rf"\b(sleep{_W}|slept|insomnia|nights?)\b"),
    "fatigue": _p(rf"\b(tired{_W}|fatigue{_W}|exhaust{_W}|energy|knackered|drained|worn out)\b"),
    "money": _p(rf"\b(money|afford{_W}|cost{_W}|free|cheap|budget|benefits?|financ{_W}|pricey|expensive)\b"),
    "family": _p(
        rf"\b(famil{_W}|partner|husband|wife|kids|children|carers?|grand ?kids|grandchildren|"
        rf"moko{_W}|whanau|whānau|mum|dad|son|daughter)\b"
    ),
    "work": _p(rf"\b(work{_W}|job|career|study{_W}|office|employ{_W}|boss)\b"),
    "hobbies": _p(
        rf"\b(garden{_W}|craft{_W}|knit{_W}|music|sing{_W}|choir|art|paint{_W}|read{_W}|books?|"
        rf"cook{_W}|bak(e|ing)|fish{_W}|hobb{_W}|volunteer{_W}|church|marae|sew{_W}|photograph{_W})\b"
    ),
    "motivation": _p(rf"\b(motivat{_W}|keep going|stick (with|to)|on track|accountab{_W}|give up|gave up)\b"),
    "flexible": _p(r"\b(busy|no time|evenings?|weekends?|any ?time|from home|at home|own pace)\b"),
}
KIND_WORDS: dict[str, re.Pattern[str]] = {
    "peer_support": _p(
        r"\b(support ?groups?|groups?|peers?|meet ?ups?|others like me|people like me|"
        r"people (who|that) (get|understand)|other people (with|in) pain)\b"
    ),
    "class": _p(rf"\b(class{_W}|course{_W}|workshop{_W}|lessons?|programm?e?s?|sessions?)\b"),
    "service": _p(
        rf"\b(services?|counsell?{_W}|psycholog{_W}|therap{_W}|social worker|help ?line|advice|"
        rf"someone to talk to|support worker)\b"
    ),
    "online": _p(
        rf"\b(online|on ?line|apps?|websites?|videos?|zoom|internet|from home|at home|virtual{_W})\b"
    ),
}

# Problem-solving barriers (bot.coaching.barriers keys) -> topics, and kinds that suit them.
BARRIER_TOPICS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "time": (("flexible", "pain_skills"), ("online",)),
    "money": (("money",), ()),
    "motivation": (("motivation", "movement"), ("peer_support", "class")),
    "distress": (("mood", "worry", "relaxation"), ("service", "peer_support")),
    "pain": (("pain_skills", "movement", "relaxation"), ("class",)),
    "unsupportive_people": (("family", "isolation"), ("peer_support",)),
    "pleasure_indulgent": (("hobbies", "mood"), ()),
    "fatigue": (("fatigue", "pain_skills"), ()),
    "sleep": (("sleep", "relaxation"), ()),
}
GENERAL_PROBLEM = (("pain_skills", "motivation"), ("peer_support",))


@dataclass(frozen=True)
class ResourceInfo:
    """What matching needs to know about a resource (and what an offer shows)."""

    id: int
    name: str
    kind: str
    tags: tuple[str, ...] = ()
    description: str = ""
    when: str = ""
    where: str = ""
    how_to_join: str = ""
    contact: str = ""
    active: bool = True

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)


@dataclass(frozen=True)
class PastOffer:
    resource_id: int
    offered_at: datetime
    response: str = "no_answer"
    context: str = "asked"


@dataclass(frozen=True)
class Need:
    """What an offer should match: topic and kind weights, and why it is being made."""

    context: str
    topics: dict[str, float] = field(default_factory=dict)
    kinds: dict[str, float] = field(default_factory=dict)

    @property
    def specific(self) -> bool:
        """Names something definite (a kind or a topic), not only background weights."""
        return any(weight >= 1.0 for weight in (*self.topics.values(), *self.kinds.values()))


def topics_in(text: str) -> list[str]:
    """Topic keys named in free text, in vocabulary order."""
    return [key for key, pattern in TOPIC_WORDS.items() if pattern.search(text or "")]


def kinds_in(text: str) -> list[str]:
    return [key for key, pattern in KIND_WORDS.items() if pattern.search(text or "")]


def _add(weights: dict[str, float], keys: Iterable[str], weight: float) -> None:
    for key in keys:
        weights[key] = max(weights.get(key, 0.0), weight)


def need_for_problem(problem: str, barriers: Sequence[str] | None = None) -> Need:
    """The barriers in their problem: the first one named counts most."""
    keys = list(barriers) if barriers is not None else detect_barriers(problem)
    topics: dict[str, float] = {}
    kinds: dict[str, float] = {}
    if not keys:
        _add(topics, GENERAL_PROBLEM[0], 1.0)
        _add(kinds, GENERAL_PROBLEM[1], 0.25)
    for rank, key in enumerate(keys):
        barrier_topics, barrier_kinds = BARRIER_TOPICS.get(key, GENERAL_PROBLEM)
        weight = 2.0 if rank == 0 else 1.0
        _add(topics, barrier_topics[:1], weight)
        _add(topics, barrier_topics[1:], weight * 0.5)
        _add(kinds, barrier_kinds, 0.25)
    return Need("problem_solving", topics, kinds)


def need_for_distress(text: str = "", phq2: int | None = None, gad2: int | None = None) -> Need:
    """Low mood, worry or isolation: from their words, and from PHQ-2 / GAD-2 of 3 or more."""
    topics: dict[str, float] = {}
    named = [key for key in topics_in(text) if key in ("mood", "worry", "isolation", "sleep", "relaxation")]
    _add(topics, named, 2.0)
    if phq2 is not None and phq2 >= 3:
        _add(topics, ("mood",), 2.0)
    if gad2 is not None and gad2 >= 3:
        _add(topics, ("worry",), 2.0)
    # Distress suits these whatever the words; less so when they named what it is.
    baseline = 0.5 if topics else 1.0
    _add(topics, ("mood", "worry", "isolation"), baseline)
    _add(topics, ("relaxation",), 0.5)
    return Need("distress", topics, {"service": 0.25, "peer_support": 0.25})


def need_for_checkin(values: Sequence[str], plans: Sequence[str]) -> Need:
    """What matters to them (values) and what they are working on (plans)."""
    topics: dict[str, float] = {}
    for text in values:
        _add(topics, topics_in(text), 1.5)
    for text in plans:
        _add(topics, topics_in(text), 1.0)
    _add(topics, ("pain_skills",), 0.5)
    return Need("checkin", topics, {"peer_support": 0.25})


def need_for_request(text: str) -> Need:
    """"Any support groups near me?": the kind and topic they asked about, if any."""
    topics: dict[str, float] = {}
    _add(topics, topics_in(text), 2.0)
    kinds = {kind: 1.5 for kind in kinds_in(text)}
    if "pain_skills" in topics and len(topics) > 1:
        topics["pain_skills"] = 0.5  # "a group for people with pain" says little about which
    _add(topics, ("pain_skills",), 0.25)  # the clinic's pain-specific ones first among equals
    return Need("asked", topics, kinds)


def score(resource: ResourceInfo, need: Need) -> float:
    return sum(need.topics.get(tag, 0.0) for tag in set(resource.tags)) + need.kinds.get(resource.kind, 0.0)


def declined_recently(history: Iterable[PastOffer], now: datetime) -> set[int]:
    return {o.resource_id for o in history if o.response == "declined" and now - o.offered_at < DECLINE_QUIET}


def rank(
    resources: Iterable[ResourceInfo],
    need: Need,
    history: Sequence[PastOffer] = (),
    now: datetime | None = None,
    limit: int = MAX_PER_OFFER,
) -> list[ResourceInfo]:
    """The best active resources for this need, at most `limit` (never more than 2).

    Declined in the last 90 days: never. Unprompted contexts also skip anything offered in the
    last two weeks and anything without a real match; a request ("asked") may list any active
    resource, the ones shown in the last day last, so asking again brings up others.
    """
    now = now or datetime.now().astimezone()
    limit = max(0, min(limit, MAX_PER_OFFER))
    declined = declined_recently(history, now)
    recent = {o.resource_id for o in history if now - o.offered_at < UNPROMPTED_GAP}
    just_shown = {o.resource_id for o in history if now - o.offered_at < ASKED_RECENTLY}
    candidates = []
    for resource in resources:
        if not resource.active or resource.id in declined:
            continue
        points = score(resource, need)
        if need.context == "asked":
            if need.specific and points < MIN_SCORE:
                continue
        elif resource.id in recent or points < MIN_SCORE:
            continue
        candidates.append((-points, resource.id in just_shown, resource.name.lower(), resource.id, resource))
    candidates.sort(key=lambda item: item[:4])
    return [item[-1] for item in candidates[:limit]]


def checkin_offer_due(history: Sequence[PastOffer], now: datetime) -> bool:
    """Resources come up at a check-in at most once every four weeks, and not within two weeks of
    any other offer. Check-ins taper from weekly to monthly (DESIGN), so that is about every fourth
    weekly check-in, every second fortnightly one and each monthly one."""
    for offer in history:
        if offer.context == "checkin" and now - offer.offered_at < CHECKIN_EVERY:
            return False
        if now - offer.offered_at < UNPROMPTED_GAP:
            return False
    return True


FOLLOW_UP_AFTER = timedelta(days=7)  # "did you get along to it?" a week or more after "I'd like to try it"


@dataclass(frozen=True)
class InterestedOffer:
    offer_id: int
    responded_at: datetime
    taken_up: bool = False
    followed_up: bool = False


def offer_to_follow_up(offers: Sequence[InterestedOffer], now: datetime) -> int | None:
    """The oldest "I'd like to try it" from 1-13 weeks ago, not yet taken up or asked about: a
    check-in asks whether they got along to it (so "taken up" is not only what they say on the day)."""
    due = [o for o in offers if not o.taken_up and not o.followed_up
           and FOLLOW_UP_AFTER <= now - o.responded_at <= DECLINE_QUIET]
    return min(due, key=lambda o: o.responded_at).offer_id if due else None


# --- the person's answer -------------------------------------------------------------

TAKEN_UP = _p(
    r"\b(i'?ve (joined|signed up|enrolled|registered|booked|been)|i (joined|signed up|enrolled|"
    r"registered|booked|went|go there|already go)|(already|just) (joined|signed up|booked|enrolled)|"
    r"(i'?ll|i will|ill|gonna|going to|i'?m going to|im going to) (go|join|sign up|book|enrol|ring|"
    r"call|email|give (it|them|that) a (go|try|call|ring))|count me in|sign me up|see you there)\b"
)
DECLINED = _p(
    r"\b(not for me|no thanks?|no thank you|nah|nope|not interested|not really|maybe not|"
    r"not my (thing|cup of tea)|(don'?t|dont|do not) (think so|want|fancy|like)|rather not|pass|"
    r"no way|not keen|not right now|not now|no ta)\b|^\W*no\W*$"
)
MORE = _p(
    r"\b(tell me more|more (info\w*|details?|about)|what('?s| is) (it|that|this)( about)?|how does (it|that) "
    r"work|where is (it|that)|when is (it|that)|how (do|would|can) i (join|go|get there|sign up)|"
    r"who (is it|runs it)|what happens|details|explain)\b"
)
INTERESTED = _p(
    r"\b(yes|yeah|yep|yup|sure|sounds (good|great|ok|okay|nice|interesting)|interested|i'?d like|"
    r"i would like|(like|love|want) to try|give it a (go|try)|keen|ok(ay)?|love to|why not|"
    r"that one|try it|good idea|could be good|might try|i might)\b"
)


def classify_response(text: str) -> str | None:
    """taken_up | declined | more | interested, from free text; None when it says none of them."""
    text = (text or "").strip()
    if TAKEN_UP.search(text):
        return "taken_up"
    if DECLINED.search(text):
        return "declined"
    if MORE.search(text):
        return "more"
    if INTERESTED.search(text):
        return "interested"
    return None


ORDINALS = {"first": 0, "1st": 0, "one": 0, "second": 1, "2nd": 1, "two": 1, "other": 1, "last": -1}
BOTH = _p(r"\b(both|all of (them|those)|either|the two)\b")


NAME_STOPWORDS = frozenset({"the", "and", "for", "one", "that", "not", "like", "try", "more", "about", "tell",
                            "with", "went", "joined", "going", "signed", "this", "those", "them", "it's",
                            "i'll", "i've", "sounds", "good"})


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z']{3,}", (text or "").lower()))


def named(text: str, names: Sequence[str]) -> int | None:
    """The name that shares most words with the text, if any; words every name has do not count."""
    common = set.intersection(*(_words(name) for name in names)) if len(names) > 1 else set()
    words = _words(text) - NAME_STOPWORDS - common
    best, best_hits = None, 0
    for index, name in enumerate(names):
        hits = len(words & _words(name))
        if hits > best_hits:
            best, best_hits = index, hits
    return best


def choose_offers(text: str, names: Sequence[str]) -> list[int] | None:
    """Which of the offered resources (by position) an answer is about: one offer, a number or an
    ordinal, words of a name, or both. None when it cannot tell (ask which)."""
    if len(names) == 1:
        return [0]
    cleaned = (text or "").lower()
    if BOTH.search(cleaned):
        return list(range(len(names)))
    digit = re.search(r"\b([1-9])\b", cleaned)
    if digit and int(digit.group(1)) <= len(names):
        return [int(digit.group(1)) - 1]
    best = named(cleaned, names)
    if best is not None:
        return [best]
    for word, index in ORDINALS.items():
        if re.search(rf"\b(the )?{word}( one)?\b", cleaned):
            return [index % len(names)]
    return None


def details_text(resource: ResourceInfo) -> str:
    """When, where, how to join and contact, one line each (only the parts the clinic filled in)."""
    lines = []
    for label, value in (
        ("When", resource.when),
        ("Where", resource.where),
        ("How to join", resource.how_to_join),
        ("Contact", resource.contact),
    ):
        if value and value.strip():
            lines.append(f"{label}: {value.strip()}")
    return "\n".join(lines)


def suits_text(resource: ResourceInfo) -> str:
    return ", ".join(TOPICS[tag] for tag in resource.tags if tag in TOPICS)
