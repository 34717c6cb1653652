"""Barrier library for guided problem solving.

The barriers are the ones people with persistent pain name in the seed studies:
time, money, feeling that pleasure is indulgent (De-Stress Pain, seed 002), waning
motivation, distress and unsupportive people (Devan et al., seed 000), and the pain
itself, fatigue and poor sleep (Hestmann et al., seed 001; Kongsted et al. 2021,
seed 003). Ideas follow Lorig's CDSMP problem-solving steps: the person's own ideas
come first, these are offered after, and every idea is something they could try
this week. Plain Python: no Rasa or database imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Barrier:
    key: str
    label: str
    pattern: re.Pattern[str]
    ideas: tuple[str, ...]


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


BARRIERS: tuple[Barrier, ...] = (
    Barrier(
        "time",
        "not enough time",
        _p(r"\b(no|not enough|never have( the)?|short of|out of|find the|run out of) time\b|\bbusy\b|"
           r"\bhectic\b|\bflat out\b|\bschedule\b|\btoo much on\b|\bworking (late|long)\b|\bno spare\b"),
        (
            "link it to something you already do every day, like after your morning cuppa",
            "split it into two or three 5-minute bits across the day",
            "put it in your calendar or phone as an appointment with yourself",
            "pick the one day this week that is least busy and start there",
        ),
    ),
    Barrier(
        "money",
        "cost",
        _p(r"\b(money|afford|expensive|cost(s|ly)?|pricey|price|broke|budget|skint|fees?|membership)\b"),
        (
            "look for a free option: a walk in the park, a library class or a video at home",
            "ask your clinic or council about free or low-cost community groups",
            "swap the paid version for a home version (stairs or a DVD instead of the gym)",
            "share the cost with a friend who wants to do it too",
        ),
    ),
    Barrier(
        "motivation",
        "motivation",
        _p(r"\b(motivat\w*|can'?t be bothered|cant be bothered|lazy|no drive|no energy to start|"
           r"lost interest|don'?t feel like|dont feel like|put(ting)? it off|procrastinat\w*|give up|"
           r"gave up|lost my mojo)\b"),
        (
            "remind yourself why it matters to you: write your reason where you'll see it",
            "make it smaller, so small it feels almost too easy",
            "do it with someone, or tell someone who will ask how it went",
            "plan a small reward for afterwards",
        ),
    ),
    Barrier(
        "distress",
        "stress, worry or low mood",
        _p(r"\b(stress\w*|anxious|anxiety|worr\w*|low mood|depress\w*|down|overwhelm\w*|upset|"
           r"scared|afraid|fear\w*|nervous|frustrat\w*|teary)\b"),
        (
            "start with a few minutes of slow breathing to settle first",
            "choose a gentler version for the days you feel low, and keep it going",
            "talk it over with someone you trust, or your clinician",
            "do one small pleasant thing first to lift your mood a little",
        ),
    ),
    Barrier(
        "pain",
        "pain",
        _p(r"\b(pain\w*|sore|hurts?|hurting|ache\w*|aching|flare\w*|stiff\w*|agony|throbbing|"
           r"my (back|neck|knees?|hips?|shoulders?) (is|are|was|were))\b"),
        (
            "do a shorter or gentler version on sore days rather than skipping it",
            "warm up first with heat, a shower or a few gentle stretches",
            "do it at the time of day your pain is usually easiest",
            "break it into short bits with rests in between (pacing)",
        ),
    ),
    Barrier(
        "unsupportive_people",
        "people around you",
        _p(r"\b(husband|wife|partner|family|kids|children|boss|manager|mum|mom|dad|friends?|"
           r"in-?laws?|people|they|nobody|no one|everyone)\b[^.]*\b((don'?t|dont|won'?t|wont|doesn'?t|"
           r"doesnt|never) (get it|understand|support|help|believe|care)|nag\w*|moan\w*|laugh\w* at|"
           r"think i'?m (lazy|faking|making it up))|\bunsupportive\b|\bno support\b|\bon my own\b"),
        (
            "explain to them what you're doing and why it helps your pain",
            "ask one person for one specific kind of help",
            "find a group or person who gets it (a pain support group or class)",
            "plan it for a time when it's just you",
        ),
    ),
    Barrier(
        "pleasure_indulgent",
        "feeling it's indulgent or selfish",
        _p(r"\b(indulgent|selfish|guilt\w*|guilty|don'?t deserve|dont deserve|waste of time|"
           r"should be doing|feel bad (about|for)|treat myself|lazy to enjoy)\b"),
        (
            "think of it as part of your treatment: pleasant activities help mood and pain",
            "start with something tiny just for you, 10 minutes",
            "notice how you feel afterwards, and how that helps the people around you",
            "combine it with time with someone you care about",
        ),
    ),
    Barrier(
        "fatigue",
        "tiredness",
        _p(r"\b(tired\w*|exhaust\w*|fatigue\w*|knackered|wiped out|wrecked|drained|no energy|"
           r"worn out|shattered|zonked)\b"),
        (
            "do it at the time of day you usually have most energy",
            "plan rest breaks before you need them",
            "halve the amount for now and build up slowly",
            "drop or share another task to save some energy for it",
        ),
    ),
    Barrier(
        "sleep",
        "poor sleep",
        _p(r"\b(sleep\w*|slept|insomnia|awake|bad nights?|up all night|can'?t nod off|"
           r"toss\w* and turn\w*)\b"),
        (
            "keep the same getting-up time every day, even after a bad night",
            "wind down for half an hour before bed, away from screens",
            "move it earlier in the day so it doesn't depend on a good night",
            "a little daylight and movement in the morning helps sleep at night",
        ),
    ),
    Barrier(
        "loneliness",
        "loneliness",
        _p(r"\b(lonely|loneliness|isolated|on my own|by myself|nobody to|no one to|no company|"
           r"no reason to go|miss (her|him|them) company)\b"),
        (
            "ask a neighbour or friend to come along once this week",
            "go where other people are: the club, a walking group or the park",
            "ring someone for a chat before or after you go",
            "ask your clinic about a group where people with pain meet",
        ),
    ),
    Barrier(
        "boom_bust",
        "overdoing it, then paying for it (boom and bust)",
        _p(r"\b(overd(o|id|oing|one) it|over-?do|too much on (a|the) good day|paid for it|pay for it|"
           r"(in bed|flat on my back|laid up|on the couch) for (\d+|a|two|three|a few|a couple of) days|"
           r"wiped (me )?out|boom and bust)\b"),
        (
            "stop while you still feel you could do more, even on good days",
            "set a timer and keep to the same amount on good and bad days",
            "split it into short bits with rests in between",
            "build up by about 10% a week, by plan rather than by how the day feels",
        ),
    ),
)

BY_KEY = {barrier.key: barrier for barrier in BARRIERS}
# When nothing matches, general ideas that fit most problems (CDSMP).
GENERAL_IDEAS = (
    "make the plan smaller for this week",
    "change when you do it",
    "ask someone to help or join you",
    "talk it through with your clinician",
)


def detect_barriers(text: str) -> list[str]:
    """Barrier keys named in the person's words, in the order they come up."""
    found: list[tuple[int, str]] = []
    for barrier in BARRIERS:
        match = barrier.pattern.search(text or "")
        if match:
            found.append((match.start(), barrier.key))
    return [key for _, key in sorted(found)]


def suggest_ideas(problem: str, exclude: list[str] | None = None, limit: int = 3) -> list[str]:
    """Ideas for the barriers in `problem`, skipping ones the person already has."""
    have = {_key(idea) for idea in exclude or []}
    ideas: list[str] = []
    keys = detect_barriers(problem)
    pools = [BY_KEY[key].ideas for key in keys] or [GENERAL_IDEAS]
    # Round-robin across the barriers named, so two barriers both get ideas.
    for round_index in range(max(len(pool) for pool in pools)):
        for pool in pools:
            if round_index < len(pool) and _key(pool[round_index]) not in have:
                ideas.append(pool[round_index])
                have.add(_key(pool[round_index]))
            if len(ideas) >= limit:
                return ideas
    return ideas


def barrier_labels(problem: str) -> list[str]:
    return [BY_KEY[key].label for key in detect_barriers(problem)]


def _key(idea: str) -> str:
    return re.sub(r"\W+", " ", idea.lower()).strip()
