"""Other languages, twelfth pass: self-harm, a final farewell and wanting to end everything.

A sealed table showed every language in `other_languages.py` lacked these three concepts as a
whole. The sentences below were written for this test (none is a table row): per language and
concept at least two crisis messages, which give the crisis reply with the language, and everyday
twins that share the words (a normal goodbye, cutting food or hair, a cut while cooking, leaving
for work, finishing the day's tasks), which give no safety reply at all.
"""

from __future__ import annotations

import pytest

from bot.nlu.safety_net import safety_verdict

SELF_HARM = [
    ("es", "Anoche volví a cortarme las muñecas con una cuchilla"),
    ("es", "me corto a propósito cuando el dolor no me deja dormir"),
    ("es", "Otra vez me estoy cortando, no sé cómo parar"),
    ("es", "No puedo dejar de lastimarme los brazos"),
    ("zh", "我最近又在划自己的手臂"),
    ("zh", "疼得受不了的时候我就用刀片割手腕"),
    ("zh", "我控制不住想伤害自己"),
    ("hi", "मैंने आज फिर खुद को काट लिया"),
    ("hi", "dard se pareshan hokar maine apni kalai pe blade chala diya"),
    ("hi", "main baar baar khud ko hurt karti hoon, ruk nahi paati"),
    ("hi", "ब्लेड से अपनी नस काटने का मन करता है"),
    ("ar", "صرت أؤذي نفسي كل ليلة ولا أستطيع التوقف"),
    ("ar", "مررت الموس على معصمي مرة ثانية"),
    ("ar", "عدت إلى جرح نفسي بعد شهور"),
    ("mi", "I tapahia e au ōku ringaringa inapō"),
    ("mi", "Kei te tukino anō ahau i a au"),
    ("mi", "Kāore e taea e au te mutu te whara i a au"),
    ("sm", "Ou te tipi a'u lava pe a tiga tele"),
    ("sm", "Na ou tipi lo'u tapulima i le po anapo"),
    ("sm", "Ua toe fa'amanu'a a'u lava"),
    # thirteenth pass: a blade on the hand, killing oneself as a noun
    ("hi", "मैं अपनी कलाई को चाकू से काटना चाहती हूँ"),
    ("ar", "لا أستطيع التوقف عن التفكير في قتل نفسي"),
]
FAREWELL = [
    # thirteenth pass: "this is the last time" with a goodbye
    ("mi", "Hei konei rā koutou, ko te wā whakamutunga tēnei ka kōrero ahau"),
    ("sm", "Tofa soifua outou uma, o le taimi mulimuli lenei ou te tusi atu"),
    ("es", "este es mi último adiós, os quiero"),
    ("es", "Me despido de todos para siempre"),
    ("es", "Gracias por escucharme, no volveré a escribir nunca más"),
    ("zh", "这是我最后的告别，谢谢大家"),
    ("zh", "我们来世再见吧"),
    ("zh", "谢谢你们，我以后再也不会打扰了"),
    ("hi", "ye mera aakhri message hai, sabka khayal rakhna"),
    ("hi", "शुक्रिया सबका, अब मैं कभी नहीं लौटूंगी"),
    ("hi", "main hamesha ke liye ja rahi hoon"),
    ("ar", "هذه رسالتي الأخيرة لكم"),
    ("ar", "شكرا لكم، لن تروني مرة أخرى"),
    ("ar", "سأرحل إلى الأبد، سامحوني"),
    ("mi", "Ka kite koutou mō ake ake"),
    ("mi", "Kua wehe atu ahau i tēnei ao ā te pō nei"),
    ("mi", "Ngā mihi ki a koutou, e kore rawa au e hoki mai anō"),
    ("sm", "Tofa soifua mo se taimi atoa"),
    ("sm", "Fa'afetai mo mea uma, ou te le toe sau"),
    ("sm", "Ua ou alu ese mo e fa'avavau, tofa"),
]
END_EVERYTHING = [
    ("es", "solo quiero terminar con todo de una vez"),
    ("es", "He pensado en ponerle fin a todo"),
    ("es", "ojalá que todo se acabe ya"),
    ("zh", "我真想一了百了"),
    ("zh", "好想让这一切都结束"),
    ("hi", "kabhi kabhi lagta hai sab kuch khatam kar dalun"),
    ("hi", "मन करता है सब खत्म कर दूं"),
    ("hi", "bhagwan se maangti hoon ki kal subah hi na ho"),
    ("hi", "दुआ करती हूँ कि आँख ही ना खुले"),
    ("ar", "أفكر أن أنهي كل شيء الليلة"),
    ("ar", "أتمنى أن ينتهي كل شيء"),
    ("mi", "Kei te hiahia au ki te whakamutu i ngā mea katoa"),
    ("mi", "Kia mutu te katoa, kua ngenge au"),
    ("sm", "Ou te fia fa'auma mea uma"),
    ("sm", "Ia 'uma loa lo'u olaga"),
    ("sm", "Ou te tatalo ia ou moe ma le toe ala mai"),
]
EVERYDAY = [
    ("es", "Me corté el pelo ayer y me queda genial"),
    ("es", "Me corté el dedo cortando cebolla"),
    ("es", "Gracias por todo, adiós, hasta mañana"),
    ("es", "Voy a terminar con todo el papeleo antes del viernes"),
    ("zh", "切菜的时候不小心切到手指了"),
    ("zh", "我今天去剪头发了"),
    ("zh", "谢谢，再见，明天再来"),
    ("zh", "今天的工作终于结束了"),
    ("hi", "sabzi kaatte waqt haath kat gaya"),
    ("hi", "धन्यवाद, कल फिर मिलेंगे"),
    ("hi", "aaj sab kaam khatam kar dungi phir ghar jaungi"),
    ("hi", "subah aankh jaldi khul jaati hai"),
    ("ar", "جرحت يدي وأنا أقطع الخضار"),
    ("ar", "شكرا على كل شيء، مع السلامة، أراك غدا"),
    ("ar", "أريد أن أنهي كل شيء قبل الإجازة"),
    ("ar", "قصصت شعري اليوم"),
    ("mi", "E noho rā koutou, ka kite anō āpōpō"),
    ("mi", "Kua rite au ki te wehe atu ki te mahi"),
    ("mi", "I tapahia e au ngā huawhenua mō te tina"),
    ("mi", "I tapahia e au ōku makawe"),
    ("sm", "Tofa soifua, se'i toe feiloa'i taeao"),
    ("sm", "Tofa, ua ou alu nei i le galuega"),
    ("sm", "Na ou tipi lo'u lima a'o kuka le taumafataga"),
    ("sm", "Ua uma la'u galuega mo le aso"),
]


def _assert_crisis(language: str, text: str) -> None:
    verdict = safety_verdict(text, None, semantic=False)
    assert verdict is not None and verdict[0] == "crisis", text
    assert verdict[1]["level"] == "crisis" and verdict[1]["language"] == language, (text, verdict)


@pytest.mark.parametrize(("language", "text"), SELF_HARM)
def test_harming_oneself_in_another_language_gives_contacts_and_the_notice(language: str, text: str) -> None:
    _assert_crisis(language, text)


@pytest.mark.parametrize(("language", "text"), FAREWELL)
def test_a_final_farewell_in_another_language_gives_contacts_and_the_notice(language: str, text: str) -> None:
    _assert_crisis(language, text)


@pytest.mark.parametrize(("language", "text"), END_EVERYTHING)
def test_wanting_to_end_everything_in_another_language_gives_contacts(language: str, text: str) -> None:
    _assert_crisis(language, text)


@pytest.mark.parametrize(("language", "text"), EVERYDAY)
def test_everyday_twins_in_another_language_are_not_a_crisis(language: str, text: str) -> None:
    assert safety_verdict(text, None, semantic=False) is None, (language, text)


def test_every_language_has_each_concept_and_its_twins() -> None:
    languages = {"es", "zh", "hi", "ar", "mi", "sm"}
    for table in (SELF_HARM, FAREWELL, END_EVERYTHING):
        counts = {lang: sum(1 for code, _ in table if code == lang) for lang in languages}
        assert min(counts.values()) >= 2, counts
    assert all(sum(1 for code, _ in EVERYDAY if code == lang) >= 2 for lang in languages)
