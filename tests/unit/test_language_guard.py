"""English-only guard (bot/nlu/language_guard.py): the function and the Rasa component."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.language_guard import (
    NON_ENGLISH_INTENT,
    PROTECTED_INTENTS,
    LanguageGuard,
    is_clearly_not_english,
)

NOT_ENGLISH = [
    # Spanish
    "¿Dónde está el baño? Me duele mucho la espalda",
    "Tengo dolor de espalda desde hace tres semanas",
    "Buenos días, ¿cómo estás?",
    "Estoy bien gracias",
    # French
    "Je ne sais pas quoi faire avec mon dos",
    "Bonjour, je voudrais parler avec quelqu'un",
    # German
    "Ich habe starke Rückenschmerzen seit gestern",
    "Mein Rücken tut heute sehr weh",
    # Māori
    "Kei te pēhea koe? Kei te mamae taku tuarā",
    "Ko Hemi tōku ingoa, nō Rotorua ahau",
    "Tēnā koe, ko Hemi tōku ingoa",
    # Other Latin-script languages
    "Mi dispiace, non parlo inglese",
    "Eu tenho dor nas costas",
    # Non-Latin scripts, even when short
    "我的背很痛",
    "腰が痛いです",
    "허리가 아파요",
    "Мне очень больно",
    "Привет",
    "ظهري يؤلمني كثيرا",
    "मेरी पीठ में दर्द है",
    pytest.param(
        "Hola, me llamo Juan y tengo dolor",
    ),
    pytest.param(
        "Kia ora koutou, he aha tēnei",
    ),
]

ENGLISH = [
    "I want to set a plan for this week",
    "walk to the letterbox and back, 10 minutes, after lunch, 4 days",
    "im gonna walk the dog in the arvo",
    "had brekkie then did my stretchs",
    "my fibro is flaring up agian today",
    "yeah nah cant be bothered tbh",
    "walk 10 mins evry arvo",
    "my physio said to do hydrotherapy twice a week",
    "Going for a stroll round the block after tea",
    "had a cuppa and a lie down",
    "knackered after mahi today but ok",
    "I reckon I could manage 4 days",
    "gonna do my exercises b4 bed",
    "I don't know",
    "I\u2019m fine thanks",
    "Kia ora, I'm Hemi",
    "Taking the grandkids to the whanau day",
    "Me duele? no, it's my lower back that hurts",
    # days and numbers in short forms: answers to Pacer's own questions
    "nah make it tue n thu instead",
    "only wed sat and sun",
    "twenty mins thurs fri",
    # short messages are never judged
    "kia ora",
    "hola",
    "ok",
    "lol yeah",
    "tbh idk",
    "Aroha",
    "7/10",
    "2",
    "",
    "   ",
    "👍",
    "!!!",
    # button payloads
    "/affirm",
    "/deny",
    '/inform{"plan_option":"0"}',
    '/report_progress{"plan_id":"3","outcome":"done"}',
    # an English introduction with a non-English name
    pytest.param(
        "Hi, I'm José",
    ),
    pytest.param(
        "Hi I'm Ngaio",
    ),
]


@pytest.mark.parametrize("text", NOT_ENGLISH)
def test_clearly_not_english(text: str) -> None:
    assert is_clearly_not_english(text) is True


@pytest.mark.parametrize("text", ENGLISH)
def test_english_slang_short_messages_and_payloads_pass(text: str) -> None:
    assert is_clearly_not_english(text) is False


def test_none_is_not_judged() -> None:
    assert is_clearly_not_english(None) is False  # type: ignore[arg-type]


# -------------------------------------------------------------- the component


def _message(text: str, intent: str | None, confidence: float = 0.8) -> Message:
    data: dict[str, Any] = {TEXT: text}
    if intent is not None:
        data[INTENT] = {"name": intent, "confidence": confidence}
        data[INTENT_RANKING_KEY] = [
            {"name": intent, "confidence": confidence},
            {"name": "inform", "confidence": 0.1},
            {"name": NON_ENGLISH_INTENT, "confidence": 0.05},
        ]
    return Message(data=data)


@pytest.fixture(scope="module")
def guard() -> LanguageGuard:
    return LanguageGuard.create({}, None, None, None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Je ne sais pas quoi faire avec mon dos", "greet"),
        ("Tengo dolor de espalda desde hace tres semanas", "inform"),
        ("我的背很痛", "nlu_fallback"),
        ("Мне очень больно", None),
    ],
)
def test_component_forces_non_english(guard: LanguageGuard, text: str, intent: str | None) -> None:
    message = _message(text, intent)
    assert guard.process([message]) == [message]
    assert message.get(INTENT) == {"name": NON_ENGLISH_INTENT, "confidence": 1.0}
    ranking = message.get(INTENT_RANKING_KEY)
    assert ranking[0] == {"name": NON_ENGLISH_INTENT, "confidence": 1.0}
    assert [entry["name"] for entry in ranking].count(NON_ENGLISH_INTENT) == 1
    if intent is not None:
        assert [entry["name"] for entry in ranking[1:]] == [intent, "inform"]
    assert {INTENT, INTENT_RANKING_KEY} <= message.output_properties


@pytest.mark.parametrize("intent", sorted(PROTECTED_INTENTS))
@pytest.mark.parametrize(
    "text",
    ["Quiero morir, ya no puedo más con este dolor", "我不想活了", "Ich will nicht mehr leben"],
)
def test_component_never_overrides_safety_intents(guard: LanguageGuard, text: str, intent: str) -> None:
    message = _message(text, intent, confidence=0.6)
    guard.process([message])
    assert message.get(INTENT) == {"name": intent, "confidence": 0.6}
    assert message.get(INTENT_RANKING_KEY)[0]["name"] == intent


def test_protected_intents_are_crisis_and_red_flag() -> None:
    assert {"crisis", "red_flag"} <= PROTECTED_INTENTS


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("walk 10 mins evry arvo", "inform"),
        ("kia ora", "greet"),
        ("/affirm", "affirm"),
        ("my fibro is flaring up agian today", "report_progress"),
    ],
)
def test_component_leaves_english_alone(guard: LanguageGuard, text: str, intent: str) -> None:
    message = _message(text, intent)
    before = message.get(INTENT_RANKING_KEY)
    guard.process([message])
    assert message.get(INTENT) == {"name": intent, "confidence": 0.8}
    assert message.get(INTENT_RANKING_KEY) == before


def test_component_handles_a_batch_independently(guard: LanguageGuard) -> None:
    batch = [
        _message("walk to the shops after lunch", "inform"),
        _message("Ich habe starke Rückenschmerzen seit gestern", "inform"),
        _message("Quiero morir, ya no puedo más con este dolor", "crisis"),
    ]
    guard.process(batch)
    assert [m.get(INTENT)["name"] for m in batch] == ["inform", NON_ENGLISH_INTENT, "crisis"]


@pytest.mark.parametrize("text", ["Rangi", "Ngaio Marsh", "kia ora"])
def test_classifier_guess_of_another_language_on_a_short_latin_message_is_dropped(
    guard: LanguageGuard, text: str
) -> None:
    message = _message(text, NON_ENGLISH_INTENT)
    message.set(
        INTENT_RANKING_KEY,
        [{"name": NON_ENGLISH_INTENT, "confidence": 0.6}, {"name": "inform", "confidence": 0.3}],
    )
    guard.process([message])
    assert message.get(INTENT)["name"] == "inform"
    assert [entry["name"] for entry in message.get(INTENT_RANKING_KEY)] == ["inform"]


def test_classifier_guess_of_another_language_stands_for_longer_messages(guard: LanguageGuard) -> None:
    message = _message("ka pai tō mahi e hoa", NON_ENGLISH_INTENT)
    guard.process([message])
    assert message.get(INTENT)["name"] == NON_ENGLISH_INTENT


# -------------------------------------------------------------- a bare invitation code


@pytest.mark.parametrize("text", ["69CL3T6L", "69cl3t6l", " 69CL-3T6L ", "69CL 3T6L", "k7pm2qxr."])
@pytest.mark.parametrize("intent", ["non_english", "nlu_fallback", "inform", None])
def test_a_message_that_is_only_an_invitation_code_enters_it(
    guard: LanguageGuard, text: str, intent: str | None
) -> None:
    message = _message(text, intent)
    guard.process([message])
    assert message.get(INTENT) == {"name": "enter_clinic_code", "confidence": 1.0}


@pytest.mark.parametrize("text", ["20261205", "gardening", "ok thanks", "walk 4 days", "12345678",
                                  "my code is 69CL3T6L and i have a question"])
def test_other_short_messages_are_not_codes(text: str) -> None:
    from bot.nlu.invitation_codes import is_bare_code

    assert not is_bare_code(text)


@pytest.mark.parametrize("intent", sorted(PROTECTED_INTENTS))
def test_a_code_never_overrides_safety(guard: LanguageGuard, intent: str) -> None:
    message = _message("69CL3T6L", intent)
    guard.process([message])
    assert message.get(INTENT)["name"] == intent
