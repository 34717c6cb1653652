"""Crisis phrases in other languages. A match gives the crisis contacts together
with the English-only notice (Pacer answers in English only).

How to add a phrase: add it to the tuple of its language (ISO 639-1 code) below, as a
regular expression in lower case; accents, macrons and combining marks are folded
away by the engine, so write them or not. Then add a tune-table row with
``expected`` = crisis_non_english and that language code.
"""

from __future__ import annotations

# ---------------------------------------------------------------------------
# Crisis phrases in the languages most likely in a New Zealand clinic (Census
# 2023 languages after English: te reo Maori, Samoan, Northern Chinese, Hindi,
# Spanish, Arabic among the larger groups). Pacer replies in English only, so a
# match gives the crisis contacts together with the English-only notice. Written
# in the normalised form (lower case; accents, macrons, Devanagari virama/nukta and
# Arabic vowel marks are stripped by `normalise`, and so are these patterns).
# Sources for the wording: WHO "Preventing suicide" translations, Lifeline and
# Mental Health Foundation NZ multilingual pages; phrases kept short and literal.
# ---------------------------------------------------------------------------
FOREIGN_CRISIS_PHRASES: dict[str, tuple[str, ...]] = {
    "es": (r"\bsuicid(?:arme|arse|arte|ar|io|a)\b", r"\b(?:me )?quiero matar\b|\bmatarme\b",
           r"\bquiero morir\w*|\bme quiero morir\b", r"\bno quiero (?:seguir )?vivi\w*",
           r"\bquitarme la vida\b", r"\b(?:acabar|terminar) con mi vida\b", r"\bhacerme dano\b",
           r"\bno vale la pena vivir\b", r"\bmejor (?:estar )?muert[oa]\b",
           r"\b(?:mejor|quiero|quisiera|ojala) (?:\w+ )?morirme\b"),
    "zh": ("自杀", "自殺", "想死", "不想活", "活不下去", "结束(?:自己的)?生命", "結束(?:自己的)?生命", "轻生",
           "輕生", "自残", "自殘", "割腕", "寻死", "尋死", "跳楼", "跳樓"),
    "hi": ("आत्महत्या", "खुदकुशी", "ख़ुदकुशी", "मरना चाहत", "मर जाना चाहत", "जीना नहीं",
           "अपनी जान (?:ले|दे)", r"\b(?:marna|mar jana|mar jaana) chaht[aie]", r"\b(?:jeena|jina) nahi",
           r"\bkhudkushi\b", r"\ba+tmahatya\b", r"\bapni jaan (?:le|de)",
           "खुद को (?:खत्म|ख़त्म"
           "|मार)", r"\b(?:mar|mar jana|mar jaana|marna) hai\b", r"\bkhud ko (?:khatam|maar|mar)"),
    "ar": ("انتحار", "انتحر", "أنتحر", "أريد أن أموت", "اريد ان اموت", "أتمنى الموت", "اتمنى الموت",
           "لا أريد أن أعيش", "لا اريد ان اعيش", "أقتل نفسي", "اقتل نفسي", "أنهي حياتي", "انهي حياتي",
           "إنهاء حياتي", "انهاء حياتي"),
    "mi": (r"\bwhakamomori\b", r"\b(?:pirangi|hiahia)\b[^.?!]{0,20}\bki te mate\b",
           r"\b(?:kaore|kore|kahore)\b[^.?!]{0,15}\b(?:pirangi|hiahia)\b[^.?!]{0,10}\bki te ora\b",
           r"\bhoha (?:au |ahau )?ki te ora\b", r"\b(?:whakamate|patu) i (?:a )?(?:ahau|au)\b"),
    "sm": (r"\bfia oti\b", r"\bfia maliu\b", r"\bpule i (?:le|lo'?u|lou) ola\b",
           r"\b(?:le|leai) toe (?:mana'?o|fia)\b[^.?!]{0,10}\bola\b", r"\bfasi(?:oti)? (?:ia )?a'?u\b"),
}
