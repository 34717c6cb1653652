"""The words Pacer reads numbers, weekdays and times of day from: one list, every parser.

Plan parsing (``bot.coaching.action_plan``), check-in preferences (``bot.coaching.checkin_text``)
and the NLU entity patterns (``bot.nlu.patterns``) all read "three days", "tues" and
"arvo"; when each kept its own list they drifted apart. Each reader takes the slice it
needs from here (the entity patterns, for instance, only the canonical spellings).
"""

from __future__ import annotations

# --------------------------------------------------------------------------- numbers

_UNITS_WORDS = {
    "zero": 0, "nought": 0, "nil": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
_TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
#: Other words people use for a number ("nil", the misspelt "fourty"); not canonical spellings.
NUMBER_WORD_VARIANTS = frozenset({"nought", "nil", "fourty"})

#: Units (0-19) and tens (20-90) as words; "twenty-five" is read from the two.
UNITS_WORDS: dict[str, int] = _UNITS_WORDS
TENS_WORDS: dict[str, int] = _TENS_WORDS
#: Every number word the parsers read ("seven" -> 7, "forty" -> 40).
NUMBER_WORDS: dict[str, int] = {**_UNITS_WORDS, **_TENS_WORDS}


def number_words(low: int, high: int) -> list[str]:
    """The canonical number words from ``low`` to ``high``, smallest first ("one" .. "twelve")."""
    return [word for word, value in NUMBER_WORDS.items()
            if low <= value <= high and word not in NUMBER_WORD_VARIANTS]


#: Ordinals people use to pick from a list, 1-based ("the second one" -> 2, "last" -> -1).
ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "last": -1,
}
#: How many times, in one word ("twice a week").
FREQUENCY_WORDS: dict[str, int] = {"once": 1, "twice": 2, "thrice": 3}

_DIGIT_WORDS = "|".join(word for word, value in _UNITS_WORDS.items() if 1 <= value <= 9)
_TENS_ALT = "|".join(_TENS_WORDS)
# Longest alternatives first so "fourteen" is not read as "four".
_UNITS_ALT = "|".join(sorted(_UNITS_WORDS, key=len, reverse=True))

#: A number as people type it: "5", "1.5", "5,000", "twenty-five", "ten".
NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"
    rf"|(?:{_TENS_ALT})(?:[- ]?(?:{_DIGIT_WORDS}))?"
    rf"|(?:{_UNITS_ALT}))"
)
#: A number written with digits only (number words like "one" are often pronouns).
DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?)"

# --------------------------------------------------------------------------- weekdays

#: Day names, Monday first (Python's weekday numbering).
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: Short forms, by weekday number ("tues" -> 1).
WEEKDAY_ABBREVIATIONS: tuple[tuple[str, ...], ...] = (
    ("mon",), ("tue", "tues"), ("wed", "weds"), ("thu", "thur", "thurs"), ("fri",), ("sat",), ("sun",),
)
#: Misspellings seen in plans ("wensday"), by weekday number.
WEEKDAY_MISSPELLINGS: tuple[tuple[str, ...], ...] = (
    (), (), ("wensday", "wendsday", "wednsday"), ("thurday",), (), (), (),
)
#: Short forms that are also everyday words ("sat down", "in the sun", "mon" as "man").
AMBIGUOUS_WEEKDAY_WORDS = frozenset({"sat", "sats", "sun", "suns", "wed", "mon", "mons"})


def weekday_words(misspellings: bool = False) -> dict[str, int]:
    """Lowercase day name and short form -> weekday number (0 = Monday), singular only."""
    words: dict[str, int] = {}
    for index, name in enumerate(WEEKDAY_NAMES):
        forms = (name.lower(), *WEEKDAY_ABBREVIATIONS[index])
        if misspellings:
            forms += WEEKDAY_MISSPELLINGS[index]
        words.update({form: index for form in forms})
    return words


#: A weekday as typed in a plan, singular or plural ("tues", "thursdays", "wensday").
WEEKDAY = "(?:" + "|".join(sorted(weekday_words(misspellings=True), key=len, reverse=True)) + ")s?"

# --------------------------------------------------------------------------- times of day

#: Parts of the day a plan can name, and how a plan reads them back.
PARTS_OF_DAY: dict[str, str] = {
    "morning": "in the morning",
    "afternoon": "in the afternoon",
    "evening": "in the evening",
    "night": "at night",
    "lunchtime": "at lunchtime",
    "bedtime": "at bedtime",
    "midday": "at midday",
    "noon": "at midday",
}
#: The parts of the day that can repeat ("3 mornings a week", "every night").
REPEATING_PARTS_OF_DAY = ("morning", "afternoon", "evening", "night", "lunchtime", "bedtime")
#: Meals people plan around; in NZ, AU and the UK "tea" is often the evening meal.
MEALS = ("breakfast", "brekkie", "lunch", "dinner", "tea")
