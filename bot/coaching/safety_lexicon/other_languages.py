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
           "لا أريد أن أعيش", "لا اريد ان اعيش", "أقتل نفسي", "اقتل نفسي", "قتل نفسي", "أنهي حياتي",
           "انهي حياتي",
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
           r"\bahorcarme\b",
           r"\bcortarme\b(?! (?:el|la|las|los|mi|mis|un|una) (?:pelo|cabello|unas|barba|flequillo|puntas"
           r"|dedo|mano))", r"\bhacerme (?:dano|algo)\b", r"\bcarta de despedida\b",
           r"\b(?:me despido|despedirme|adios) para siempre\b", r"\bacabar con (?:todo(?! (?:el|la|lo|los"
           r"|las|mi|mis|este|esta|eso|tu|su)\b)|esto|mi vida)\b",
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


# ---------------------------------------------------------------------------
# Acts and farewells (twelfth pass): three concepts every language above lacked as a whole,
# not as a wording: (1) harming oneself (cutting, burning, a blade or knife to the wrists or
# arms, "again", "can't stop"); (2) a final farewell ("this is a goodbye message", "goodbye
# forever", "I'm leaving for good", "won't write again" next to a goodbye or thanks); (3) wanting
# to end everything, and (Hindi, Samoan) the wish not to wake. An ordinary goodbye, cutting
# food or hair, a cut finger while cooking, leaving for work or ending the day are not these:
# `_clause` keeps a pattern out of a clause that names such an everyday setting.
# ---------------------------------------------------------------------------
_END = ".?!;\n。؟।"


def _clause(core: str, unless: str) -> str:
    """`core` inside one clause (up to . ? ! ; or a newline) that names none of `unless`."""
    return rf"(?:^|[{_END}])(?![^{_END}]*(?:{unless}))[^{_END}]*?(?:{core})"


_ES_EVERYDAY = (r"cocin\w*|verdura\w*|cebolla\w*|tomate\w*|\bpan\b|carne|fruta\w*|sin querer|accident\w*"
                r"|\bpelo\b|cabello|\bunas\b|barba|flequillo|afeit\w*|jardin\w*|papel|lata|vidrio roto")
_ZH_EVERYDAY = ("切菜|做饭|做飯|厨房|廚房|不小心|头发|頭髮|剪发|剪髮|理发|理髮|指甲|水果|蔬菜|明天|下周"
                "|下星期|下个月|下個月|暂时|暫時|出差|放假|旅游|旅遊|度假")
_HI_EVERYDAY = (r"galti|galati|sabzi|sabji|khana|shave|dadhi|daadhi|pyaaz|pyaz|\bphal\b|baal|khelte"
                r"|गलती|ग़लती|अनजाने|सब्ज|खाना|प्याज|शेव|दाढ़ी|दाढी|बाल|खेलते")
_HI_TASKS = (r"\bkaam\b|office|project|assignment|homework|padhai|report|kal tak|khana|plate"
             r"|काम|ऑफिस|दफ्तर|पढ़ाई|पढाई|रिपोर्ट|कल तक|खाना")
_AR_EVERYDAY = ("بالخطا|بالغلط|غير قصد|دون قصد|اطبخ|الطبخ|المطبخ|طبخ|خضار|البصل|بصل|احلق|الحلاقة|ذقني|شعري"
"|الشعر"
                "|الحديقة|الرياضة|التمارين")
_AR_TASKS = ("قبل|العمل|الشغل|المهام|مهام|الواجب|الدراسة|غدا|بكرة|التقرير|المشروع|الاوراق|الاسبوع|الطعام"
             "|الاكل|على خير|بخير|بسلام")
_MI_EVERYDAY = r"\bkai\b|huawhenua|makawe|tunu|pohehe|\bkari\b|mahi|\bra\b|wiki|hui|akoranga"
_SM_EVERYDAY = (r"kuka\w*|kuki|mea'?ai|taumafa|\baina\b|povi|\bmoa\b|talo|\bufi\b|lauulu|fa'?afuase'?i"
r"|faafuasei"
                r"|\bsese\b|galuega|a'?oga|aoga|taeao|vaiaso|malaga i|ausetalia|niu sila|amerika|fale fou"
                r"|nofo ai")

FOREIGN_CRISIS_ACTS: dict[str, tuple[str, ...]] = {
    "es": (
        # 1. self-harm: arms or wrists cut, "again", on purpose, a blade to the wrists, can't stop
        _clause(r"(?:\bme\b[^.?!]{0,25}\bcort\w*|\bcort\w*me)\b(?: \w+)? (?:los|las|mis|la|mi) (?:brazos"
                r"|munecas?"
                r"|piernas|muslos|venas)\b|\bcort\w* mis (?:brazos|munecas|piernas|muslos|venas)\b",
                _ES_EVERYDAY),
        _clause(r"\bme (?:he |habia )?(?:vuelto a |volvi a |vuelvo a |sigo |empece a |he empezado a |estoy )?"
                r"cort(?:e|ado|o|ando|ar|aba)\b *(?:$|[,;]| (?:otra vez|de nuevo|a proposito|adrede"
                r"|no puedo parar|y no puedo|con (?:una |la )?(?:cuchilla|navaja|hoja|gillette)))",
                _ES_EVERYDAY),
        _clause(r"\bcortandome\b|\bme (?:sigo|estoy|vuelvo a) cortando\b", _ES_EVERYDAY),
        r"\bautolesi\w*", r"\bno puedo (?:parar|dejar) de (?:cortarme|lastimarme|quemarme|herirme"
        r"|hacerme dano)",
        r"\b(?:lastim\w*|herirme|hacerme dano|me hago dano|me hice dano|me queme|me quemo|quemarme"
        r"|me he quemado"
        r"|me corto|me corte|cortarme)\b[^.?!]{0,20}\b(?:a proposito|adrede)\b",
        _clause(r"\b(?:cuchilla|navaja|hoja de afeitar|cuchillo|cutter|gillette)\b[^.?!]{0,30}"
                r"\b(?:munecas?|brazos|venas)\b", _ES_EVERYDAY),
        # 2. a final farewell
        r"\b(?:esto|este|esta) es (?:una |un |mi )?(?:despedida|adios|ultimo adios|mensaje de despedida"
        r"|ultimo mensaje|carta de despedida)\b",
        r"\b(?:les|os|te) (?:dejo|escribo|mando) (?:mi|este|un|una) (?:ultimo |ultima )?(?:mensaje|carta"
        r"|nota)"
        r" de despedida\b", r"\bmi ultimo adios\b",
        _clause(r"\b(?:me despido|adios|me voy|me marcho|me ire|desaparezco)\b[^.?!]{0,20}\bpara siempre\b",
                r"a vivir|\bmudo\b|mudanza|viaje|\bpais\b|ciudad|trabajo|empresa"),
        r"\b(?:gracias|adios|me despido|despedida|hasta siempre)\b.{0,80}?\bno (?:me )?(?:volvere|volveran"
        r"|volvereis|voy a volver|van a volver|vais a volver|vas a volver) a (?:escribir|hablar|molestar"
        r"|venir"
        r"|ver|saber|leer)\w*(?![^.?!]{0,30}\b(?:hasta|manana|semana|mes|lunes|martes|miercoles|jueves"
        r"|viernes"
        r"|sabado|domingo|tiempo|pronto|luego|despues)\b)",
        r"\bno (?:me )?(?:volvere|volveran|volvereis|voy a volver|van a volver|vais a volver|vas a volver) a "
        r"(?:escribir|hablar|molestar|venir|ver|saber|leer)\w*(?![^.?!]{0,30}\b(?:hasta|manana|semana|mes"
        r"|lunes"
        r"|martes|miercoles|jueves|viernes|sabado|domingo|tiempo|pronto|luego|despues)\b).{0,80}?"
        r"\b(?:gracias|adios|me despido|despedida|hasta siempre)\b",
        # 3. to end everything
        _clause(r"\b(?:acabar|terminar|acabare|terminare) (?:ya )?con todo\b(?! (?:el|la|lo|los|las|mi|mis"
                r"|este"
                r"|esta|eso|tu|su)\b)|\b(?:acabarlo|terminarlo) todo\b|\bponer(?:le)? fin a todo\b",
                r"trabajo|tarea|deberes|papeleo|pendiente|antes de|la casa|limpieza|comida|curso|examen"),
        r"\b(?:que|ojala) (?:todo|esto) (?:se )?(?:acabe|termine) (?:ya|de una vez|para siempre)\b",
    ),
    "zh": (
        # 1. self-harm
        "(?<!不会)(?<!不會)(?<!不想)(?<!没有)(?<!沒有)(?<!不要)(?<!别)(?<!別)(?<!不能)"
        "(?:割|划|劃|伤害|傷害|弄伤|弄傷|烫|燙|刺|折磨)了?(?:我)?自己(?!的(?:身体|身體|健康|眼睛|胃))",
        "自我(?:伤害|傷害)", "自伤", "自傷",
        _clause("(?:刀片|刀子|小刀|美工刀|剃刀|刀)[^。！？]{0,6}(?:割|划|劃)[^。！？]{0,4}(?:手腕|胳膊|手臂"
                "|大腿|腕)"
                "|(?:割|划|劃)(?:了|破了?|开了?|開了?)?(?:我的|自己的)?(?:手腕|胳膊|手臂"
                "|大腿)", _ZH_EVERYDAY),
        "烟头烫|煙頭燙",
        # 2. a final farewell
        "永别", "永別", "诀别", "訣別", "(?:来世|来生|來世|來生|下辈子|下輩子)(?:再见|再見|见|見|再会|再會)",
        "永远(?:地)?(?:告别|再见|离开你们|离开大家|离开了)", "永遠(?:地)?(?:告別|再見|離開你們|離開大家"
        "|離開了)",
        "(?:告别|告別|道别|道別)(?:的)?(?:信|消息|留言|信息|短信)",
        "这是我?(?:的)?(?:最后|最後)(?:的)?(?:告别|道别|一条消息|一句话)|這是我?(?:的)?最後(?:的)?(?:告別"
        "|道別|一條消息|一句話)",
        _clause("(?:再见|再見|拜拜|永别|谢谢|謝謝|感谢|感謝|告别|告別)[^?]{0,40}"
                "(?:(?:以后|以後|再也|永远|永遠)都?(?:不会|不會|不)再?|(?:不会|不會|不)再)(?:来|來|回来"
                "|回來|出现|出現|打扰|打擾|联系|聯繫|找你|上线|说话|說話)了?"
                "(?=$|[，,。.!~])", _ZH_EVERYDAY),
        _clause("(?:以后|以後|再也|永远|永遠)(?:不会|不會|不)再?(?:来|來|回来|回來|出现|出現|打扰|打擾|联系"
                "|聯繫)了?"
                "[，,]?[^?]{0,20}(?:再见|再見|拜拜|永别|谢谢|謝謝|感谢|感謝|告别|告別)", _ZH_EVERYDAY),
        # 3. to end everything
        "一了百了", "(?:想|要|希望|让|讓|把)[^。！？]{0,4}(?:一切|所有|这一切|這一切)(?:都)?(?:结束|結束"
        "|了结|了結|终结|終結)",
        "(?:终结|終結)(?:一切|自己|这一切|這一切)",
    ),
    "hi": (
        # 1. self-harm
        _clause("(?:खुद|अपने आप|अपनेआप) ?को (?:काट|ब्लेड|चोट पहुं|चोट पहुँ|नुकसान|नुक़सान|जला|जख्म|ज़ख्म|घायल)"
                r"|\b(?:khud|apne aap|apne ap|apneaap) ?ko (?:kaat|kat|cut|hurt|harm|chot|jala|zakhmi"
                r"|jakhmi|ghayal"
                r"|nuksan|nuksaan|nuqsan)\w*", _HI_EVERYDAY),
        _clause("(?:कलाई|नस|नसें|नसों|बांह|बाँह|बाजू)[^।.?!]{0,12}(?:काट (?:ली|लिया|दी|दिया|लेती|लेता|डाली|डाला|रही"
                "|रहा)"
                "|काटी|काटा|काटने|ब्लेड|चाकू|छुरी)|(?:ब्लेड|चाकू|छुरी)[^।.?!]{0,15}(?:कलाई|नस|नसें|नसों|बांह|बाँह)"
                "|(?:हाथ|हाथों) (?:पर|पे)[^।.?!]{0,8}ब्लेड"
                # thirteenth pass: "हाथ को ब्लेड से काट रही हूँ" (cutting my hand with a blade)
                "|(?:हाथ|हाथों|बांह|बाँह|कलाई) को[^।.?!]{0,10}(?:ब्लेड|चाकू|छुरी)"
                "|(?:ब्लेड|चाकू|छुरी) से[^।.?!]{0,20}(?:काट|घाव)", _HI_EVERYDAY + "|लग गया|लग गई|लग गयी"),
        _clause(r"\b(?:kalai|kalaai|kalayi|nas|nasein|nason|baanh|baah|bazu|baazu)\b[^.?!]{0,12}\b(?:kaat"
                r" (?:li|liya|di|diya|leti|leta|deti|deta|dali|dala|rahi|raha)|kaati|kaata|cut|blade|bled"
                r"|chaku"
                r"|chaaku|chakku|churi|chhuri)\b|\b(?:blade|bled|chaku|chaaku|chakku|churi"
                r"|chhuri)\b[^.?!]{0,15}"
                r"\b(?:kalai|kalaai|kalayi|nas|nasein|nason|baanh|baah|bazu|baazu)\b"
                r"|\b(?:haath|hath|haathon|hathon) (?:pe|par|pr)\b[^.?!]{0,8}\b(?:blade|bled)\b",
                _HI_EVERYDAY + r"|lag gaya|lag gayi|lag gya|lag gyi"),
        # 2. a final farewell
        "हमेशा के लिए (?:जा|चला|चली|छोड|विदा|सो)", r"\bhamesha ke li(?:ye|e|ay) (?:ja|jaa|chala|chali|chal"
        r"|chhod"
        r"|chod|so|vida|bye)\w*",
        "(?:यह|ये|यही) (?:मेरा )?(?:आखिरी|आखरी|अंतिम) (?:संदेश|मैसेज|मेसेज|पैगाम)(?![^।.?!]{0,20}(?:आज|रात|कल))",
        r"\b(?:yeh|ye|yah|yahi|yehi) (?:mera )?(?:aakhri|akhri|aakhiri|aakhari|akhiri|antim"
        r"|last) (?:message|msg"
        r"|sandesh|paigam)\b(?![^.?!]{0,20}\b(?:aaj|aj|raat|kal|today|tonight|abhi ke liye)\b)",
        r"\b(?:shukriya|shukria|dhanyavaad|dhanyawad|dhanyavad|thanks|thank you|bye|alvida|khuda hafiz"
        r"|khudahafiz)"
        r"\b[^?]{0,60}\b(?:ab |phir |fir |dobara )?(?:kabhi|kbhi) (?:nahi|nhi|na) (?:aaunga|aaungi|aunga"
        r"|aungi"
        r"|milunga|milungi|likhunga|likhungi|lautunga|lautungi|aayenge|milenge)\b",
        "(?:शुक्रिया|धन्यवाद|अलविदा|बाय)[^?]{0,60}(?:अब |फिर |दोबारा )?कभी (?:नहीं|ना|न) (?:आऊंगा|आऊंगी|आऊँगा|आऊँगी"
        "|मिलूंगा|मिलूंगी|मिलूँगा|मिलूँगी|लिखूंगा|लिखूंगी|लौटूंगा|लौटूंगी)",
        r"\b(?:duniya|dunia) (?:chhod|chod|se (?:ja|chala|chali|chal)|ko alvida)\w*",
        "दुनिया (?:छोड|से (?:जा|चला|चली|चल)|को अलविदा)",
        # 3. to end everything, and not to wake
        _clause(r"\b(?:sab|sabkuch|sab kuch|sab kuchh|sabkuchh|sb|sb kuch|ye sab|yeh sab) (?:khatam|khatm"
                r"|khtm"
                r"|khatum|khattam) (?:kar (?:doon|du|dun|dalu|dalun|daloon|dena chahta|dena chahti)"
                r"|ho (?:jaye|jaaye|jae|jay))\b"
                r"|\b(?:mann|man|mn) (?:karta|karti|krta|krti) (?:hai|h|he) (?:ki )?[^.?!]{0,20}\b(?:khatam"
                r"|khatm"
                r"|khtm)\b", _HI_TASKS),
        _clause("(?:सब|सब कुछ|सबकुछ|ये सब|यह सब) (?:खत्म|ख़त्म|खतम|ख़तम) (?:कर (?:दूं|दूँ|दू|डालूं|डालूँ|देना चाहत)"
                "|हो जाए|हो जाये)|मन करता है[^।.?!]{0,20}(?:खत्म|ख़त्म|खतम)", _HI_TASKS),
        _clause(r"\b(?:aankh|ankh|aankhen|ankhen|aankhein|ankhein) (?:hi |hee )?(?:na|nahi|naa"
                r"|nhi) (?:khule|khulen"
                r"|khuley)\b|\bsubah (?:hi )?(?:na|nahi) (?:ho|aaye|aye|dekhun|dekhu)\b"
                "|(?:आंख|आँख|आंखें|आँखें|आंखे)(?: ही)? (?:न|ना|नहीं) (?:खुले|खुलें)|सुबह (?:ही )?(?:न|ना) (?:हो|आए|आये|देखूं)",
                r"jab tak|jabtak|tab tak|जब तक|तब तक"),
    ),
    "ar": (
        # 1. self-harm
        _clause("(?:اجرح|جرحت|يجرح|جرح|اؤذي|اوذي|اذيت|اذي|ايذاء|اذى|اذية|حرقت|احرق|اقطع|قطعت|اشرط|شرطت|اخدش"
                "|خدشت)"
                "(?: في)? (?:نفسي|النفس|الذات)", _AR_EVERYDAY),
        _clause("(?:شفرة|الشفرة|بالشفرة|شفرات|موس|الموس|بالموس|سكين|السكين|بالسكين|الكتر|بالكتر)[^.!؟]{0,20}"
                "(?:معصم|رسغ|ذراع|ساعد|عروق|وريد|شراي)|(?:معصم|رسغ|ذراع|ساعد|عروق|وريد)[^.!؟]{0,20}"
                "(?:شفرة|موس|سكين|الكتر)|(?:جرحت|قطعت|شرطت|اجرح|اقطع|اشرط)[^.!؟]{0,6}(?:معصمي|رسغي|ذراعي"
                "|ساعدي"
                "|عروقي|وريدي|شراييني)", _AR_EVERYDAY),
        # 2. a final farewell
        "رسالة (?:ال)?وداع", "رسالة وداعية", "رسالتي الاخيرة", "(?:هذه|هذي) (?:اخر|آخر) رسالة(?![^.!؟]{0,20}"
        "(?:اليوم|لليوم|الليلة|غدا|بكرة|الاسبوع))",
        "(?:ساغادر|سارحل|راحل|راحلة|مغادر|اغادر|ارحل|رحلت|ذاهب|ذاهبة|ساذهب|اودعكم|اودعك|وداع)[^.!؟]{0,25}"
        "(?:للابد|الى الابد|الي الابد|بلا عودة|بلا رجعة|دون عودة|من غير رجعة)",
        "(?:شكرا|وداع|مع السلامة|سامحوني|سامحني)[^?؟]{0,60}لن (?:تروني|تراني|تسمعوا مني|تسمع مني|اعود|اكتب"
        "|اكلمكم"
        "|اكلمك|ازعجكم|ازعجك|اتحدث)\\w*[^.!؟]{0,10}(?:مرة اخرى|ابدا|بعد اليوم|بعد الان|ثانية|من جديد)",
        "لن (?:تروني|تراني|تسمعوا مني|تسمع مني)[^.!؟]{0,20}(?:مرة اخرى|ابدا|بعد اليوم|بعد الان)",
        # 3. to end everything
        _clause("(?:انهي|انهاء|ننهي) (?:كل شيء?|كل هذا|هذا كله|الامر كله)"
                "|(?:اتمنى|اريد|ليت|يا ريت|بدي|ابغى|ابي)[^.!؟]{0,10}(?:ينتهي|تنتهي|ينتهى) كل شيء?"
                "|(?:اتخلص|اخلص) من (?:حياتي|نفسي)", _AR_TASKS),
    ),
    "mi": (
        # 1. self-harm
        _clause(r"\b(?:whara|tukino|tapahi\w*|haehae\w*|whakamamae\w*|wero\w*|tahu|kuti)\b[^.?!]{0,12}"
                r"\bi a (?:au|ahau)(?: ano)?\b"
                r"|\b(?:tapahi\w*|haehae\w*|poka)\b[^.?!]{0,12}\b(?:oku|aku|taku|toku|nga) (?:ringaringa"
                r"|kawititanga"
                r"|kiko|kiri|uaua|waewae)\b"
                r"|\b(?:maripi|heu|mata koi)\b[^.?!]{0,20}\b(?:kawititanga|ringaringa|uaua)\b", _MI_EVERYDAY),
        # 2. a final farewell
        _clause(r"\b(?:wehe|haere|mawehe|riro|poroporoaki|noho ra|hei konei|ka kite)\w*\b[^.?!]{0,40}"
                r"\b(?:mo ake tonu|mo ake ake|ake ake|ake tonu|te wa whakamutunga|whakamutunga tenei)\b"
                r"|\b(?:mo ake tonu|ake ake|te wa whakamutunga)\b[^.?!]{0,30}\b(?:wehe|haere|noho ra"
                r"|hei konei|ka kite)\b",
                r"noho ai|whare hou|mahi hou|ki te noho|nuku"),
        r"\b(?:wehe|mawehe)(?: atu)?(?: au| ahau)? i (?:tenei ao|te ao nei"
        r"|te ao marama)\b", r"\bmahue (?:atu )?(?:i a (?:au|ahau) )?(?:tenei|te) ao\b",
        _clause(r"\b(?:noho ra|hei konei|ka kite|tena koutou|nga mihi|kia ora|mihi)\b[^?]{0,60}"
                r"\b(?:e kore|kore rawa|kaore)\b(?: rawa)?(?: au| ahau)?(?: rawa)? e (?:hoki mai|hoki atu"
                r"|tuhi|korero)"
                r"|\b(?:e kore|kore rawa|kaore)\b(?: rawa)?(?: au| ahau)?(?: rawa)? e (?:hoki mai|hoki atu"
                r"|tuhi"
                r"|korero)\w*\b[^?]{0,40}\b(?:noho ra|hei konei|ka kite|nga mihi|mihi)\b",
                r"apopo|a te|ki te mahi|i tenei ra|mo te wiki|taku mahi"),
        # 3. to end everything
        _clause(r"\b(?:hiahia|pirangi)\b[^.?!]{0,25}\b(?:whakamutu\w*|kia mutu|ka mutu)\b[^.?!]{0,8}"
                r"\b(?:nga mea katoa|te katoa|tenei katoa)\b|\bkia mutu (?:nga mea katoa"
                r"|te katoa)\b", _MI_EVERYDAY),
    ),
    "sm": (
        # 1. self-harm
        _clause(r"\b(?:tipi|fa'?amanu'?a|faamanua|fa'?aleaga|faaleaga|fa'?atiga|faatiga|susunu|sasa)\b"
                r" (?:ia )?a'?u lava\b"
                r"|\btipi\b[^.?!]{0,8}\b(?:lo'?u|o'?u) (?:lima|tapulima|vae|ogalima|'?ogalima)\b"
                r"|\b(?:naifi|tipi)\b[^.?!]{0,20}\btapulima\b", _SM_EVERYDAY),
        # 2. a final farewell ("tofa soifua" alone is an everyday goodbye)
        _clause(r"\btofa(?: soifua| ia)?\b[^.?!]{0,40}\b(?:mo (?:se taimi atoa|e fa'?avavau|le fa'?avavau)"
                r"|fa'?avavau|e le toe (?:va'?ai|feiloa'?i|fo'?i|sau|tusi)|(?:le )?taimi mulimuli)\b"
                r"|\btofa(?: soifua)?\b[^.?!]{0,20}\b(?:lo'?u|la'?u|o'?u) (?:aiga|fanau"
                r"|matua)(?: pele)? '?uma\b"
                r"|\btofa(?: soifua)?\b[^?]{0,40}(?<!\w)(?:'?uma|aiga|fanau)\b[^?]{0,20}\b(?:ua"
                r"|o le a) ou (?:alu|malaga"
                r"|tu'?ua)(?: nei| atu| loa)? *(?:$|[,.!])"
                r"|\b(?:alu|malaga|tu'?ua|alu ese)\b[^.?!]{0,15}\bmo (?:se taimi atoa|e fa'?avavau"
                r"|le fa'?avavau)\b",
                _SM_EVERYDAY),
        _clause(r"\b(?:fa'?afetai|tofa|fa'?amavae)\b[^?]{0,60}\bou te le toe (?:sau|fo'?i|tusi|talanoa"
                r"|fa'?alavelave|va'?aia)", _SM_EVERYDAY + r"|\bseia\b|\baso\b"),
        # 3. to end everything, and not to wake
        _clause(r"\b(?:fia|mana'?o)\b[^.?!]{0,15}\b(?:fa'?auma|fa'?ai'?u|fa'?amuta)\b[^.?!]{0,10}"
                r"\b(?:mea '?uma|lo'?u olaga|lo'?u ola|olaga)\b|\bia '?uma (?:loa )?(?:mea '?uma"
                r"|lo'?u olaga)\b",
                _SM_EVERYDAY + r"|a'?o le'?i|ae le'?i|\baso\b"),
        r"\b(?:fia|mana'?o|tatalo|talosaga)\b[^.?!]{0,30}\b(?:le toe ala|aua nei toe ala"
        r"|aua ne'?i toe ala)\b",
    ),
}
