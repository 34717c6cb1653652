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

# ---------------------------------------------------------------------------
# By concept (issue 16, eighth pass): the phrases above are one wording each; a patient writes
# their own. These cover each crisis concept the English tables are built on (a wish to die or
# not wake, tired of living, not wanting to go on, being a burden, gathering or taking all the
# pills, a method, a farewell note) with the verbs and particles each language builds it from.
# A non-English message about death is answered with the contacts and the English-only notice:
# Pacer cannot ask its check question in that language, so it does not try to tell the two apart.
# ---------------------------------------------------------------------------
FOREIGN_CRISIS_CONCEPTS: dict[str, tuple[str, ...]] = {
    "es": (r"\b(?:quiero|quisiera|prefiero|prefiera|ojala|deseo|desearia|ganas de|mejor|solo pienso en)"
           r" (?:\w+ ){0,2}?(?:morir\w*|muert[oa]|desaparecer|no (?:despertar\w*|existir|estar aqui))",
           r"\b(?:cansad[oa]|harto|harta|cans\w*) de (?:vivir|la vida|estar viv[oa]|existir)\b",
           r"\bno (?:tengo|me quedan|me dan|siento) (?:\w+ )?ganas de (?:vivir|seguir)",
           r"\bya no (?:puedo|aguanto|quiero|soporto) (?:mas )?(?:vivir|seguir|existir|con (?:esto|mi vida))",
           r"\bno quiero (?:seguir |estar )?(?:viv\w*|aqui|existir|despertar\w*)",
           r"\b(?:soy|me siento|ser) (?:solo )?una carga\b", r"\bmejor(?:es)? sin mi\b",
           r"\bsi yo no (?:estuviera|existiera|viviera)\b",
           r"\b(?:junt|guard|acumul|escond|ahorr)\w* (?:\w+ ){0,3}?(?:pastillas|pildoras|medicamentos)\b",
           r"\b(?:pastillas|pildoras)\b[^.?!]{0,40}\b(?:de una vez|de golpe|juntas|esta noche)\b",
           r"\btomar(?:me|melas|mela) todas\b", r"\btomarmelas\b",
           r"\b(?:tirarme|lanzarme|aventarme|arrojarme) (?:de|del|por|al|a)\b",
           r"\bahorcarme\b", r"\bcortarme\b", r"\bhacerme (?:dano|algo)\b", r"\bcarta de despedida\b",
           r"\b(?:me despido|despedirme|adios) para siempre\b", r"\bacabar con (?:todo|esto|mi vida)\b",
           # fifteenth pass: to sleep and not wake (a wish, not "no despierto bien": waking badly)
           r"\b(?:ojala|quisiera|quiero|deseo|desearia|pido a dios|rezo)\b[^.?!]{0,30}"
           r"\bno (?:vuelva a |volver a )?(?:despierte|despertar(?:me)?)\b",
           r"\b(?:dormir(?:me)?|duerma)\b[^.?!]{0,20}\b(?:no (?:despertar|despierte)|para siempre)\b"),
    "zh": ("想死", "去死", "死了算了", "不如死", "一死", "死掉", "我要死", "让我死", "讓我死", "寻死", "求死",
           "不想再?活", "活着没有?(?:意思|意义|意義)", "活著沒有?(?:意思|意義)", "活够了", "活夠了",
           "(?:结束|結束)(?:自己|一切|这一切|這一切|这条命|這條命|我的生命)",
           "了结", "了結", "了断", "了斷", "自尽", "自盡", "跳河", "跳下", "上吊",
           "安眠药",
           "安眠藥", "(?:一次|全部|都|一起)吃(?:完|掉|光|下)", "(?:攒|存|囤|攢)了?[^。！？]{0,6}[药藥]",
           "遗书", "遺書",
           "遗言", "遺言", "累赘", "累贅", "拖累", "负担", "負擔", "没有我",
           "沒有我", "离开这个世界", "死了就", "活着太累", "活得太累", "死[^。！？]{0,4}解脱",
           "離開這個世界", "不想醒", "永远睡", "永遠睡",
           # fifteenth pass: to sleep and never wake ("我晚上总是醒来", waking at night, is not it)
           "(?:不要|不再|别再|別再|再也不)(?:要)?醒", "一睡不醒",
           "睡(?:着|著)?了?[^。！？]{0,6}(?:不|别|別)(?:要)?再?醒"),
    "hi": ("मरना", "मर जा", "मरूं", "मरूँ", "मौत", "जीने का (?:मन|मतलब|कोई)", "जीना नहीं",
           "(?:ज़िंदगी|जिंदगी|जिन्दगी) (?:खत्म|ख़त्म)", "जान (?:दे|ले)", "बोझ", "(?:सारी|सब) गोलि",
           "गोलि\\w* (?:जमा|इकट्ठ|एक साथ)",
           "फांसी", "फाँसी", "कूद जा", "अलविदा",
           r"\bmar (?:jau|jaun|jaunga|jaungi|jana|jaana|jaaun|jaoon|jaoonga|jaoongi)\b",
           r"\bmarna (?:chahta|chahti|hai|chahiye)\b", r"\bmaut\b", r"\bjeene ka (?:mann|man|mun|matlab)\b",
           r"\bzindagi (?:khatam|khatm|khtm)\b", r"\bjaan (?:de|le) (?:dunga|dungi|doon|lunga|lungi|du|lu)\b",
           r"\bbojh\b", r"\bgoliy?a+n\b[^.?!]{0,20}\b(?:jama|ikatth\w*|saari|sari|ek saath)\b",
           r"\b(?:saari|sari|sab) goliy?a+n\b", r"\b(?:fansi|phansi|faansi)\b", r"\balvida\b",
           # fifteenth pass: a wish not to wake ("I don't get up early" has no wish in it)
           "काश[^।.?!]{0,30}(?:उठूं|उठूँ|जागूं|जागूँ)(?: ही)? ?(?:न|ना|नहीं)", "(?:उठूं|उठूँ|जागूं|जागूँ) ही नहीं",
           "कभी (?:न|ना|नहीं) (?:उठूं|उठूँ|जागूं|जागूँ)",
           r"\bkaash\b[^.?!]{0,30}\b(?:uthu|uthun|uthoon|jaagu|jagu|jaagun)\b (?:hi )?(?:na|nahi)\b",
           r"\bkabhi (?:na|nahi) (?:uthu|uthun|uthoon|jaagu|jagu|jaagun)\b"),
    "ar": ("اموت", "الموت", "انتحر", "اقتل نفسي", "انهي حياتي", "انهاء حياتي",
           "ابغى اموت", "ما عدت (?:ابغى|اريد|احتمل|اتحمل)", "لم اعد اريد", "تعبت من الحياة",
           "مللت من الحياة", "عبء", "افضل بدوني",
           "بدوني", "(?:ال)?حبوب (?:كلها|كثيرة)", "كل (?:ال)?حبوب", "جمعت (?:ال)?حبوب",
           "جمعت (?:ال)?كثير", "(?:حبوب|دواء|ادوية)[^.!؟]{0,30}كلها", "ارمي نفسي",
           "اشنق نفسي", "وداعا", "الرحيل",
           # fifteenth pass: to sleep and never wake, as a wish or "ever" ("I don't wake early" is neither)
           "(?:اتمنى|أتمنى|ليتني|يا ريت|اريد|أريد)[^.!؟]{0,30}(?:لا|ما) ?(?:[اأ]ستيقظ|[اأ]صحى|[اأ]صحو)",
           "(?:لا|ما) ?(?:[اأ]ستيقظ|[اأ]صحى|[اأ]صحو)[^.!؟]{0,10}(?:[اأ]بدا|للابد|للأبد)"),
    "mi": (r"\bki te mate\b", r"\bkia mate\b",
    r"\b(?:whakamate|patu)\b[^.?!]{0,15}\bi a (?:au|ahau)\b",
    r"\b(?:kia|ka|kua) mate (?:au|ahau)\b", r"\bmate (?:au|ahau)\b",
           r"\b(?:kaore|kore|kahore)\b[^.?!]{0,40}\b(?:ki te|kia) ora tonu\b",
           r"\b(?:kaore|kore|kahore)\b[^.?!]{0,30}\b(?:hiahia|pirangi)\b[^.?!]{0,20}\bora\b",
           r"\bhoha\b[^.?!]{0,20}\b(?:ora|oranga)\b", r"\btaumaha (?:noa iho )?(?:au|ahau)\b",
           r"\bpai ake\b[^.?!]{0,30}\bkore (?:au|ahau)\b", r"\bpire\b[^.?!]{0,30}\bkatoa\b",
           r"\bkohi\w*\b[^.?!]{0,30}\bpire\b", r"\bhoromia\b[^.?!]{0,30}\bkatoa",
           r"\bwhakamutu\w* i (?:taku|toku) ora\b",
           r"\bmutu (?:taku|toku) ora\b", r"\bkua kore he take\b", r"\bporoporoaki\b",
           # fifteenth pass: a wish not to wake ("ka oho au i te toru karaka", waking at three, is not)
           r"\b(?:hiahia|pirangi)\b[^.?!]{0,30}\b(?:kaua|kore|kaore)\b[^.?!]{0,10}\be oho\b",
           r"\bmoe\b[^.?!]{0,20}\b(?:kore|kaua) (?:au |ahau )?e oho\b"),
    "sm": (r"\boti\b", r"\bmaliu\b", r"\ble (?:toe )?fia ola\b",
           r"\b(?:le|leai|ua le) toe (?:mana'?o|manao|fia)\b[^.?!]{0,15}\bola\b",
           r"\blava (?:lo'?u|lou) ola\b",
           r"\bfasioti\b", r"\bavega\b", r"\bfa'?alavelave\b[^.?!]{0,20}\baiga\b", r"\bpe a leai a'?u\b",
           r"\bfualaau\b[^.?!]{0,30}\buma\b", r"\buma\b[^.?!]{0,20}\bfualaau\b", r"\btautau\b",
           r"\bvaivai i le olaga\b", r"\bfa'?amavae\b", r"\bmoe\b[^.?!]{0,20}\ble toe ala\b"),
}

