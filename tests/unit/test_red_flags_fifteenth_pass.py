"""Fifteenth pass of the red-flag rules, by clinical concept.

Every concept has sentences written for this test (none is a table sentence) that must reach
its level, and harmless twins that share its words and must stay silent (or, where the words
still name one sign, at most get the screening question, never the clinic alert).
"""

from __future__ import annotations

import pytest

from bot.nlu.safety_net import safety_verdict


def _level(text: str) -> str:
    verdict = safety_verdict(text, None, semantic=False)
    if not verdict or not isinstance(verdict, tuple) or verdict[0] != "red_flag":
        return "none"
    return verdict[1]["level"]


# The clinic is alerted at once: the message itself is unambiguous.
ALERT = [
    # pleuritic chest pain with a swollen, red calf (PE with DVT; NICE NG158)
    "stabbing pain in my chest every time i breathe in and my left calf is all puffy and hot since the"
    " long drive",
    "my chest hurts when i take a deep breath and my calf's been swollen and sore for three days",
    # one side's arm and leg stop working, with slurred speech (NHS FAST)
    "my left arm and leg just stopped working and my words are coming out slurred",
    "mums fine but my right leg and arm wont move properly and my speech is all slurred",
    # retention or incontinence with numbness between the legs (cauda equina; GIRFT, NICE CKS)
    "cant wee since this morning and i cant feel anything between my legs, my back has gone",
    "wet myself without knowing and its gone numb between my legs",
    # legs going numb, weak or floppy within hours, or with falls (GIRFT; cord compression)
    "my legs have gone weak and floppy in the last couple of hours and i cant stand",
    "legs are going numb and i keep collapsing",
    "my legs suddenly went floppy this afternoon",
]

# The screening question: one sign, said in the patient's words.
SCREEN = [
    # new one-sided weakness
    "my left leg feels a lot weaker going up hills this week",
    "my right foot is getting a little weaker, i catch it on the kerb",
    # new grip weakness, dropping things (cervical myelopathy, NICE CKS neck pain)
    "my fingers keep dropping cups this month and i cant do up buttons",
    "my grip has got much weaker over the last few weeks",
    "i keep dropping things and my grip is weak lately",
    # a change in walking
    "my balance has been really off over the last couple of weeks and i keep veering into walls",
    "my walking has become shaky lately",
    "ive been unsteady on my feet for the past few weeks",
    # giant cell arteritis (NICE CKS GCA): temple or scalp, jaw on chewing, age, stiffness, vision
    "my scalp is so tender it hurts to brush my hair and my jaw aches when i eat, im 68",
    "my temples are sore to touch and my vision went blurry yesterday",
    "i'm 74 and my temple is really tender",
    "jaw hurts after chewing for a minute and my shoulders and hips are stiff every morning",
    # raised intracranial pressure pattern (NICE NG12; NICE CKS headache)
    "i wake up with a headache most days and then i throw up",
    "this headache is new and gets much worse when i sneeze or strain on the loo",
    "coughing gives me a headache lately, never had that before",
    # constant, non-mechanical, progressive pain (NICE NG59)
    "the ache doesn't ease whether i move or rest and it keeps getting worse",
    "my back pain is constant and getting worse week by week",
    # weight and appetite (NICE NG12)
    "i can't face food at the moment and ive lost about 4 kilos",
    "the weight is falling off me and i'm never hungry these days",
    # first back pain over 50 (NICE NG59)
    "im 58 years old and never had back pain before this month",
    "in my seventies and this neck pain is brand new",
    # injecting drugs, now or in the past, with back pain or a fever (NICE NG59)
    "i used to shoot up and now my back is really sore",
    "former heroin user, keep getting the sweats and chills",
]

# Everyday pain talk that shares the words: no red flag at all.
SILENT = [
    "my legs go a bit wobbly after a big walk, normal for me",
    "temple massage helped my tension headache",
    "weight keeps dropping since i started the diet, yay",
    "not hungry on the new mounjaro jabs and my weight is dropping nicely",
    "dropping things because my hands are cold",
    "i keep dropping my cup because my hands are greasy from the cream",
    "first time ive been to a yoga class at 62",
    "numb bum from sitting on the bleachers",
    "tingling in my bum when i sat on the hard bench, the feeling has gone now",
    "my calf is tight after the run",
    "my walking is better over the past few weeks",
    "my walking was wobbly after the wine last night",
    "i was walking it off over the past few days",
    "jaw aches when i chew gum, im 55",
    "my jaw hurts when i chew since the dentist did my filling, im 60",
    "headache is worse when i bend over with this cold, my sinuses are blocked",
    "i wake up with a headache after too much wine",
    "the pain is constant today but its not getting worse",
    "my grip is weak from the arthritis, same as always",
    "i used to inject my insulin in my tummy but my back is fine",
    "i was injected with cortisone in my back years ago",
    "over 60 people came to the pain class",
    "my right arm and leg ache after the gym",
    "i keep falling asleep on the couch and my legs are sore",
    "my leg feels a bit stronger this week",
    "stiff shoulders and hips every morning, that's my arthritis",
    "my legs went to jelly in the last hour of the marathon",
    "i keep falling over my own feet lol, legs going numb from sitting on the floor",
    "constant ache in my knee, worse every week of winter",
    "im 65 and this is the first time ive done pilates, back felt great",
    "my temple is sore to touch where i banged it on the cupboard, im 70",
    "jaw aches when i chew tough meat, in my 60s and wear dentures",
    "i inject my biologic every fortnight and my back is sore",
    "i used to use needles for acupuncture on my back",
    "im not hungry today, weight is stable",
    "headaches every morning since i stopped caffeine, worse when i bend over",
    "my migraine is worse when i bend over, new tablets not working",
    "my grip is getting weaker since the carpal tunnel came back",
]

# Twins that still name one sign (chest pain, a calf, a weak leg, a drug history): the screening
# question at most, never the clinic alert.
AT_MOST_SCREEN = [
    "chest hurts when i breathe in after that cold",
    "my calf has been swollen since i sprained my ankle",
    "my legs feel a bit weak after leg day",
    "my right arm and leg wont work properly when i first get up, then its fine",
    "i used to inject drugs years ago, clean now, back is a bit achy",
    "my speech is slurred because i had the dentist numb my mouth",
]

# Sixteenth pass, from the spent tenth table's red-flag misses (the same concepts, other words
# than the fifteenth pass had): a cancer that has spread with a fever; legs giving way since
# lunch; a headache out of nowhere like a blow with a stiff neck and light that hurts; steroids
# by name with a small strain; a "first ever bout" of back pain at 68; a weak hand dropping
# cups; a weak stream that started with new back pain. Written for this file.
ALERT += [
    "the cancer has spread to my bones and now im running a temperature of 38.6",
    "my legs started giving way since breakfast and i cant stand up",
    "headache hit out of nowhere like being smacked with a hammer, my neck is stiff and i cant stand"
    " the light",
]
SCREEN += [
    "been on prednisolone a long time and my back went twisting to grab the kettle",
    "72 and this is my first episode of back pain ever",
    "my left hand is weaker lately and i keep dropping plates",
    "having to strain to pee since the new back pain started",
]
SILENT += [
    "my mum had secondaries years ago, she's all clear now, my back is just stiff",
    "been giving way to my husband on the telly remote since lunch",
    "my stream of thought is slow today, back pain is the usual",
    "the cat keeps dropping mice on the doormat",
]

# One spelling of each shared sign: a stiff neck however it is put, and one list of onsets
# earlier today, whichever rule reads them.
ALERT += [
    "got a rash that won't fade when i press a glass on it and my neck's gone stiff",
    "both legs gone weak and floppy since breakfast, never had anything like it",
]
SILENT += [
    "neck's gone stiff from the new pillow, otherwise fine",
    "legs feel heavy since breakfast, usual after a long walk yesterday",
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
