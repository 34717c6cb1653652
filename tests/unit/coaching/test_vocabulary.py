"""bot.coaching.vocabulary: the one list of number words, weekdays and times of day."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.coaching import vocabulary
from bot.coaching.action_plan import named_days, parse_days_per_week, parse_when
from bot.coaching.checkin_text import WEEKDAYS, parse_duration, parse_weekday
from bot.nlu.patterns import DAYS, NUMBER_WORDS

ROOT = Path(__file__).resolve().parents[3]
#: Modules that read numbers or weekdays; each takes them from the vocabulary.
READERS = sorted((ROOT / "bot/coaching/action_plan").glob("*.py")) + [
    ROOT / "bot/coaching/checkin_text.py", ROOT / "bot/nlu/patterns.py", ROOT / "bot/coaching/progress.py",
    ROOT / "bot/coaching/places.py",
]
_WORDS = sorted([*vocabulary.NUMBER_WORDS, *vocabulary.weekday_words(misspellings=True)],
                key=len, reverse=True)
#: Three number or weekday words in a row ("one|two|three", "'mon', 'tue', 'wed'"): a copied list.
COPIED_WORDS = re.compile(rf"(?:\b(?:{'|'.join(_WORDS)})\b\W{{1,8}}){{3}}", re.I)


def test_canonical_number_words_leave_out_variants() -> None:
    assert vocabulary.number_words(0, 3) == ["zero", "one", "two", "three"]
    assert "nil" in vocabulary.NUMBER_WORDS and "nil" not in vocabulary.number_words(0, 10)
    assert NUMBER_WORDS == vocabulary.number_words(0, 10)


def test_weekday_words_with_and_without_misspellings() -> None:
    assert vocabulary.weekday_words()["tues"] == 1 and vocabulary.weekday_words()["sun"] == 6
    assert "wensday" not in vocabulary.weekday_words()
    assert vocabulary.weekday_words(misspellings=True)["wensday"] == 2
    assert re.fullmatch(vocabulary.WEEKDAY, "thursdays") and not re.fullmatch(vocabulary.WEEKDAY, "thirsty")


@pytest.mark.parametrize("reader", READERS, ids=lambda p: p.name)
def test_readers_take_their_words_from_the_vocabulary(reader: Path) -> None:
    source = reader.read_text()
    copied = COPIED_WORDS.search(source)
    assert copied is None, f"{reader.name} carries its own copy of number or weekday words: {copied}"
    if reader.name not in ("__init__.py", "draft.py", "parse.py", "easier.py"):
        assert "bot.coaching.vocabulary import" in source


def test_every_reader_agrees_on_the_weekdays() -> None:
    for number, name in enumerate(vocabulary.WEEKDAY_NAMES):
        for form in (name.lower(), *vocabulary.WEEKDAY_ABBREVIATIONS[number]):
            assert WEEKDAYS[form] == number and parse_weekday(f"{form}s please") == number
            assert form in DAYS[name.lower()]
            assert named_days(f"on {form}") == [number]
    assert parse_when("tues and thurs") == "on Tuesday and Thursday"
    assert parse_days_per_week("wensday and friday") == 2


def test_counts_read_the_same_words() -> None:
    assert parse_duration("eleven days").days == 11
    assert parse_duration("a couple of weeks").days == 14
