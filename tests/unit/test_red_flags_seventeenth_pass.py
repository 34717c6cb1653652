"""Seventeenth pass of the red-flag rules and of the classifier's red-flag gate, by clinical concept.

Every concept has sentences written for this test (none is a table sentence) that must reach its
level, and harmless twins that share its words and must stay silent (or, where the words still name
one sign, at most get the screening question, never the clinic alert). The gate twins name no body
symptom, or a settled or positional one: the classifier's red_flag guess on them is withdrawn.
"""

from __future__ import annotations

import pytest

from bot.nlu.safety_net import DROP, safety_verdict
from tests.unit.test_red_flags_fifteenth_pass import _level

# The clinic is alerted at once: the message itself is unambiguous.
ALERT = [
    # coughing up a large amount of blood, or blood with chest pain (NHS "Coughing up blood")
    "hacked up a mouthful of blood after a coughing fit just now",
    "i keep bringing up lots of blood when i cough, proper clots",
    "there's blood when i cough and my chest hurts on the left side",
    # cauda equina in clinical words, any two (GIRFT CES pathway)
    "new perianal numbness and faecal incontinence since yesterday",
    "acute urinary retention this morning and bilateral leg weakness",
    "saddle anesthesia with bilateral sciatica that started on friday",
    # a fever after an injection or operation on the spine (epidural abscess, discitis; NICE NG59)
    "temperature of 38.5 two days after my facet joint injection",
    "since the lumbar puncture on tuesday i've had chills and a stiff aching back",
    "running a fever a week after my back surgery",
    "had an injection into my lower back on monday and now i feel hot and cold with the shakes",
    # a fall from a height or a crash with new leg weakness or numbness (NICE NG59)
    "came off my motorbike at speed and now my legs feel numb and weak",
    "fell from the scaffolding at work, both legs are tingling and weak",
    "car crash this afternoon and i can't feel my legs",
]

# The screening question: one sign, said in the patient's words.
SCREEN = [
    # coughing up blood in any wording, a small amount
    "there's blood when i cough, just a speck",
    "coughing up pink frothy stuff with a bit of blood in it",
    "been hacking up blood-streaked phlegm for two days",
    # urinary retention or bilateral sciatica alone
    "the nurse says i've got urinary retention",
    "i've had bilateral sciatica since the weekend",
    # a past cancer, however long ago and "all clear", with new or different back pain (NICE NG59)
    "i was treated for lymphoma years back and now there's a new ache in my spine",
    "beat bowel cancer in 2019 and this back pain is different from my usual",
    "I'm a cancer survivor, in remission, and the pain in my back is not like the old one",
    # long-term steroids, oral or inhaled, and a small fall or strain (osteoporotic fracture)
    "i've taken prednisolone daily for my lungs for ages, bumped into the table and now my lower back"
    " has one tender spot",
    "on steroid inhalers for years for my asthma, slipped on the stairs and my back is sore",
    "dexamethasone long term, reached for the top shelf and felt a sharp pain across my ribs and back",
    # foot drop (NICE NG59: new neurological deficit)
    "my right foot has begun to flop down with each step and the toes scuff the pavement",
    "can't pull up the front of my foot any more, i keep tripping",
    "my left toes keep catching on the carpet since last week",
    # saddle numbness on the toilet stays a worry, even said to be from sitting too long
    "my bum goes numb on the toilet if i sit too long",
    "pins and needles between my legs when i wipe on the loo",
]

# Everyday talk that shares the words: no red flag at all.
SILENT = [
    "coughing up green phlegm all week with this cold",
    "coughing up phlegm, no blood",
    "had a blood test for this cough, results are fine",
    "the injection site is a bit sore, no fever",
    "booked in for a spinal injection next week",
    "fluid retention in my ankles in the heat",
    "bilateral knee pain from the arthritis, same as always",
    "fell asleep on the sofa and my leg went numb",
    "my mum had cancer and my back is stiff as usual",
    "on a steroid cream for eczema, twisted my back lifting the shopping",
    "my flip flops slap on the pavement when i walk",
    "feet slapping the water doing kick drills at the pool",
    "the garden fence fell over in the wind, nobody hurt",
    "foot went dead kneeling in the garden, fine once i stood up",
]

# Twins that still name one sign: the screening question at most, never the clinic alert.
AT_MOST_SCREEN = [
    "a few streaks of blood when i cough since the cold",
    "coughed up blood after the dentist pulled my tooth",
    "spat out a bit of blood after brushing, gums are bad",
    "my dad had bowel cancer and i've got new back pain",
    "had a steroid injection in my back last month and twisted it lifting",
    "epidural during labour eight years ago, now got a temperature with a cold",
    "my legs are weak after the ladder work today",
    "fell off the bottom step, legs a bit wobbly from the shock",
    "urinary retention on my notes from the prostate years ago",
]

# The classifier's red_flag guess on these is withdrawn: no body symptom is named (a mistake, a thing
# that fell, a night out, "worst" of something other than a pain), or the symptom is settled or
# positional (sat too long, shifting about, leaning, the cold with a known Raynaud's, a known flare).
GATE_DROPS = [
    "deleted my walk log by accident, so annoying",
    "quiz night at the pub and our team fell apart in the last round",
    "the garden fence fell over in the wind, nobody hurt",
    "worst film i've sat through all year",
    "my foot goes numb if i sit on the loo scrolling too long haha",
    "tingling in my thigh on the long bench at church, i shift about and it's gone",
    "arm goes dead from leaning on my elbows at the desk, goes with a stretch",
    "my fingers go numb in the cold, it's my raynaud's, warm them up and they're fine",
    "joints achy and warm in the flare, my rheumy knows my pattern",
    "watched box sets all night, legs feel fine",
]
# ...and on these, which name a symptom that is new, the guess stands (the screening question).
GATE_KEEPS = [
    "my legs have gone numb this week and it's new",
    "worst pain i've ever had in my back, came on tonight",
]

# Eighteenth pass: an age after a name or a trade ("retired nurse, 71."), a new backache in one
# word, pain there at rest and at night as well.
SCREEN += [
    "retired teacher, 71. this backache is new and it's worse in bed",
    "my shoulder throbs when i'm lying still and at night as well",
]
SILENT += [
    "swimmer, 60 lengths this morning, back feels good",
    "the knee is fine when resting, only sore on the stairs",
]

# Eighteenth pass, from the spent twelfth table: an infection, a fever and back pain; an arm that
# cannot be lifted with slurred speech; a head injury with sickness or drowsiness; a bigger
# description between the cough and the blood; and screens for new numbness in more words,
# progressive pain, a weak immune system with new spinal pain, a lump by the spine.
ALERT += [
    "had a water infection last week and now my temperature is 39 and my lower back is agony",
    "i suddenly can't lift my left arm and my words are slurred",
    "banged my head on the shelf this morning and i've been sick twice and feel really drowsy",
    "coughed up what must have been a whole cupful of fresh blood",
]
SCREEN += [
    "there's a new small area of numbness on my shin",
    "the ache in my back is gradually getting worse week by week",
    "i'm on transplant meds and there's a new pain in my back",
    "found a lump next to my spine in the shower",
]
SILENT += [
    "on antibiotics for a chest infection, my back is sore from all the coughing",
    "can't lift my arm above my head since the frozen shoulder",
    "hit my head on the cupboard, bit of a bump, fine otherwise",
    "the lump on my back is the lipoma the gp checked",
]


@pytest.mark.parametrize("text", ALERT)
def test_unambiguous_combination_alerts_the_clinic(text: str) -> None:
    assert _level(text) == "red_flag", text


@pytest.mark.parametrize("text", SCREEN)
def test_one_sign_gets_the_screening_question(text: str) -> None:
    assert _level(text) == "red_flag_screen", text


@pytest.mark.parametrize("text", SILENT)
def test_everyday_twin_stays_silent(text: str) -> None:
    assert _level(text) == "none", text


@pytest.mark.parametrize("text", AT_MOST_SCREEN)
def test_twin_naming_one_sign_never_alerts(text: str) -> None:
    assert _level(text) in {"none", "red_flag_screen"}, text


@pytest.mark.parametrize("text", GATE_DROPS)
def test_classifier_red_flag_guess_is_withdrawn(text: str) -> None:
    assert safety_verdict(text, "red_flag") == DROP, text


@pytest.mark.parametrize("text", GATE_KEEPS)
def test_classifier_red_flag_guess_stands_for_a_new_symptom(text: str) -> None:
    verdict = safety_verdict(text, "red_flag")
    assert verdict is not DROP and verdict is not None and verdict[0] == "red_flag", text
