"""Replies in English only: a message that is clearly in another language gets the
`non_english` intent, so Pacer can say so politely instead of guessing.

Deterministic on purpose (no downloadable language-ID model exists here): a
message of three or more words where few words are known English words, or a
message written mostly in a non-Latin script.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.coaching.vocabulary import number_words, weekday_words
from bot.nlu.intents import demote_intent, force_intent
from bot.nlu.invitation_codes import CODE_INTENT, is_bare_code

NON_ENGLISH_INTENT = "non_english"
PROTECTED_INTENTS = {"crisis", "red_flag"}
MIN_WORDS = 3
MIN_ENGLISH_SHARE = 0.4
WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?", re.UNICODE)
# Words common in NZ/AU/UK chat that no English dictionary table lists.
EXTRA_ENGLISH = {
    "arvo", "brekkie", "physio", "gp", "ok", "okay", "yeah", "yep", "nah", "hiya", "hey",
    "kia", "ora", "lol", "thx", "pls", "plz", "u", "ur", "im", "dont", "cant", "wont", "gonna",
    "wanna", "gotta", "kinda", "ta", "mum", "cuppa", "tho", "coz", "cos", "bc", "fibro",
}


@lru_cache(maxsize=1)
def english_words() -> tuple[frozenset[str], Any]:
    """English stop words and lemmas from spacy-lookups-data, plus the lookup table."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from bot.nlu.spacy_pipeline import build_blank_pipeline

    table = build_blank_pipeline().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    vocab = {str(lemma).lower() for lemma in table.values()}
    # Weekday short forms and misspellings ("mon and fri", "wensday") and number words are
    # how patients answer Pacer's own questions: never a sign of another language.
    days = {word for day in weekday_words(misspellings=True) for word in (day, f"{day}s")}
    return frozenset(vocab | set(STOP_WORDS) | EXTRA_ENGLISH | days | set(number_words(0, 100))), table


# Very common words of other languages that are not English words: two or more of
# them mark a message as not English even when a few words look English ("me", "y").
FOREIGN_WORDS = {
    # Spanish
    "hola", "llamo", "tengo", "estoy", "muy", "pero", "porque", "gracias", "ayuda", "espalda",
    "dolor", "mucho", "que", "los", "las", "una", "para", "necesito", "buenos", "días", "dias",
    # French
    # ("mon" is left out: far more often Monday here than French)
    "je", "suis", "j'ai", "mal", "dos", "les", "est", "pas", "avec", "bonjour", "merci",
    "vous", "depuis", "très",
    # German
    "ich", "habe", "und", "nicht", "der", "die", "das", "ist", "mein", "meine", "rücken",
    "schmerzen", "bitte", "danke", "guten",
    # Italian / Portuguese / Dutch
    "sono", "il", "di", "che", "non", "molto", "olá", "eu", "não", "costas", "ik", "heb", "mijn",
    "niet", "een",
    # Māori (beyond the everyday "kia ora" of NZ English)
    "koutou", "aha", "tēnei", "tenei", "tēnā", "tena", "koe", "kei", "taku", "ahau", "mamae",
    "pēhea", "pehea", "ngā", "nga", "mō", "tuara", "tōku", "toku",
}
MIN_FOREIGN_HITS = 2


def _known(word: str, vocab: frozenset[str], table: Any) -> bool:
    """English if the word, or its part before an apostrophe (i'm, don't), is known."""
    if word in vocab or word in table:
        return True
    head = word.split("'", 1)[0]
    return bool(head) and head != word and (head in vocab or head in table)


def _latin_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 1.0
    latin = sum(1 for ch in letters if "LATIN" in unicodedata.name(ch, ""))
    return latin / len(letters)


def is_short_latin(text: str | None) -> bool:
    """Fewer than MIN_WORDS words, written in the Latin script."""
    text = (text or "").strip()
    return bool(text) and len(WORD_RE.findall(text)) < MIN_WORDS and _latin_share(text) >= 0.5


def is_clearly_not_english(text: str) -> bool:
    text = (text or "").strip()
    if not text or text.startswith("/"):
        return False
    letters = sum(1 for ch in text if ch.isalpha())
    if letters >= 2 and _latin_share(text) < 0.5:
        return True
    words = [word.lower().replace("\u2019", "'") for word in WORD_RE.findall(text)]
    if len(words) < MIN_WORDS:
        return False
    vocab, table = english_words()
    foreign = sum(1 for word in words if word in FOREIGN_WORDS)
    known = sum(1 for word in words if word not in FOREIGN_WORDS and _known(word, vocab, table))
    if foreign >= MIN_FOREIGN_HITS and known / len(words) < 0.6:
        return True
    return known / len(words) < MIN_ENGLISH_SHARE


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class LanguageGuard(GraphComponent):
    """Overrides the predicted intent with `non_english` for non-English text, and with
    `enter_clinic_code` for a message that is only an invitation code."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageGuard:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = (message.get(INTENT) or {}).get("name")
            if intent in PROTECTED_INTENTS:
                continue
            if is_bare_code(message.get(TEXT)):
                # "69CL3T6L" on its own is a clinic's invitation code, not a word of any language.
                force_intent(message, CODE_INTENT)
            elif is_clearly_not_english(message.get(TEXT)):
                force_intent(message, NON_ENGLISH_INTENT)
            elif intent == NON_ENGLISH_INTENT and is_short_latin(message.get(TEXT)):
                # One or two Latin-script words ("Rangi", "Ngaio") are names and slang far more
                # often than another language: the classifier's guess is not enough there.
                demote_intent(message, NON_ENGLISH_INTENT)
        return messages
