"""Rule-based entity patterns for spaCy's entity_ruler.

Pretrained spaCy pipelines cannot be downloaded where Pacer is built, so entities
come from these patterns on a blank English pipeline with lookup lemmas. Labels:
body_part, activity, day, time_of_day, frequency, duration, number (0-10).
"""

from __future__ import annotations

from typing import Any

from bot.coaching.vocabulary import WEEKDAY_ABBREVIATIONS, WEEKDAY_NAMES, number_words

Pattern = dict[str, Any]

BODY_PARTS = [
    "back", "neck", "shoulder", "knee", "hip", "ankle", "foot", "feet", "wrist", "hand",
    "elbow", "arm", "leg", "head", "jaw", "spine", "pelvis", "buttock", "bum", "thigh",
    "calf", "toe", "finger", "thumb", "joint", "muscle", "tailbone", "sciatica", "glute",
]
MULTIWORD_BODY_PARTS = ["lower back", "upper back", "low back", "whole body", "hamstring"]

ACTIVITY_LEMMAS = [
    "walk", "swim", "stretch", "stretching", "yoga", "pilates", "cycle", "cycling", "bike",
    "jog", "run", "garden", "gardening", "golf", "bowls", "dance", "dancing", "hike", "gym",
    "exercise", "hydrotherapy", "meditate", "meditation", "relax", "relaxation", "read",
    "cook", "cooking", "vacuum", "housework", "shop", "shopping", "fish", "fishing", "knit",
    "knitting", "paint", "painting", "play", "work", "drive", "driving", "sleep", "rest",
    "aquarobics", "physio", "tramp", "tramping", "bushwalk", "stroll",
]
MULTIWORD_ACTIVITIES = [
    "tai chi", "aqua aerobics", "water aerobics", "breathing exercises", "physio exercises",
    "home exercises", "bike ride", "strength training", "weight training", "hot bath",
    "walk the dog", "walking the dog", "dog walk", "play golf", "lawn bowls",
]

DAYS = {
    name.lower(): [name.lower(), *short, f"{name.lower()}s"]
    for name, short in zip(WEEKDAY_NAMES, WEEKDAY_ABBREVIATIONS, strict=True)
}
DAY_GROUPS = ["weekend", "weekends", "weekday", "weekdays", "today", "tomorrow", "tonight"]

TIME_WORDS = [
    "morning", "mornings", "afternoon", "afternoons", "arvo", "evening", "evenings", "night",
    "lunchtime", "midday", "noon", "bedtime", "breakfast", "brekkie", "lunch", "dinner", "tea",
    "work", "school", "bed",
]
TIME_PREPOSITIONS = ["after", "before", "at", "in", "during", "around", "each", "every"]

NUMBER_WORDS = number_words(0, 10)
DURATION_UNITS = ["min", "mins", "minute", "minutes", "hr", "hrs", "hour", "hours", "sec", "secs"]
DISTANCE_UNITS = ["km", "kms", "k", "mile", "miles", "metres", "meters", "m", "lap", "laps",
                  "steps", "reps", "lengths", "blocks"]


def _phrase(label: str, text: str) -> Pattern:
    return {"label": label, "pattern": [{"LOWER": word} for word in text.split()]}


def _number_token() -> Pattern:
    return {"LOWER": {"IN": NUMBER_WORDS + ["a", "an", "half", "couple"]}}


def build_patterns() -> list[Pattern]:
    """All entity_ruler patterns; longer matches win over shorter overlaps."""
    patterns: list[Pattern] = []
    patterns.append({"label": "body_part", "pattern": [{"LEMMA": {"IN": BODY_PARTS}}]})
    patterns.extend(_phrase("body_part", text) for text in MULTIWORD_BODY_PARTS)
    patterns.append({"label": "activity", "pattern": [{"LEMMA": {"IN": ACTIVITY_LEMMAS}}]})
    patterns.extend(_phrase("activity", text) for text in MULTIWORD_ACTIVITIES)

    day_words = [form for forms in DAYS.values() for form in forms] + DAY_GROUPS
    patterns.append({"label": "day", "pattern": [{"LOWER": {"IN": day_words}}]})
    # spaCy's English tokenizer reads "wed" as an apostrophe-less "we'd" ("we" + "d").
    patterns.append({"label": "day", "pattern": [{"LOWER": "we"}, {"ORTH": "d"}]})

    patterns.append(
        {
            "label": "time_of_day",
            "pattern": [
                {"LOWER": {"IN": TIME_PREPOSITIONS}, "OP": "?"},
                {"LOWER": {"IN": ["the", "my"]}, "OP": "?"},
                {"LOWER": {"IN": TIME_WORDS}},
            ],
        }
    )
    patterns.append(
        {
            "label": "time_of_day",
            "pattern": [
                {"LOWER": {"IN": ["at", "around", "about"]}, "OP": "?"},
                {"TEXT": {"REGEX": r"^\d{1,2}([:.]\d{2})?$"}},
                {"LOWER": {"IN": ["am", "pm", "a.m.", "p.m.", "o'clock"]}},
            ],
        }
    )
    patterns.append(
        {"label": "time_of_day", "pattern": [{"LOWER": {"REGEX": r"^\d{1,2}([:.]\d{2})?(am|pm)$"}}]}
    )
    patterns.append(
        {"label": "time_of_day", "pattern": [{"LOWER": "first"}, {"LOWER": "thing"}]}
    )

    frequency_phrases = [
        "every day", "each day", "daily", "every other day", "most days", "every morning",
        "every night", "every evening", "once a week", "twice a week", "once", "twice",
        "a couple of times", "a few times", "all week", "weekdays", "every weekday",
    ]
    patterns.extend(_phrase("frequency", text) for text in frequency_phrases)
    patterns.append(
        {
            "label": "frequency",
            "pattern": [
                {"LIKE_NUM": True},
                {"LOWER": {"IN": ["times", "days", "x", "time", "day", "nights", "mornings"]}},
                {"LOWER": {"IN": ["a", "per", "this", "each", "every"]}, "OP": "?"},
                {"LOWER": {"IN": ["week", "wk", "weeks"]}, "OP": "?"},
            ],
        }
    )
    patterns.append(
        {
            "label": "frequency",
            "pattern": [
                {"LOWER": {"REGEX": r"^(x\d|\dx)$"}},
                {"LOWER": {"IN": ["a", "per", "this", "each"]}, "OP": "?"},
                {"LOWER": {"IN": ["week", "wk"]}, "OP": "?"},
            ],
        }
    )

    patterns.append(
        {
            "label": "duration",
            "pattern": [
                {"LIKE_NUM": True},
                {"LOWER": {"IN": ["-", "to", "or"]}, "OP": "?"},
                {"LIKE_NUM": True, "OP": "?"},
                {"LOWER": {"IN": DURATION_UNITS + DISTANCE_UNITS}},
            ],
        }
    )
    patterns.append(
        {"label": "duration", "pattern": [_number_token(), {"LOWER": {"IN": DURATION_UNITS}}]}
    )
    patterns.append(
        {
            "label": "duration",
            "pattern": [{"LOWER": "half"}, {"LOWER": {"IN": ["an", "a"]}}, {"LOWER": "hour"}],
        }
    )
    patterns.append(
        {
            "label": "duration",
            "pattern": [{"LOWER": {"REGEX": r"^\d+(min|mins|m|hr|hrs|h|km|k)$"}}],
        }
    )

    patterns.append(
        {"label": "number", "pattern": [{"LOWER": {"IN": NUMBER_WORDS + [str(n) for n in range(11)]}}]}
    )
    patterns.append(
        {
            "label": "number",
            "pattern": [{"LOWER": {"REGEX": r"^(10|[0-9])(/10)?$"}}],
        }
    )
    return patterns
