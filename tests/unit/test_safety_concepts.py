"""The concept rules (bot/coaching/safety_lexicon/concepts.py): two concepts near each other
ask the check question, whatever the exact wording; fixed other senses stay quiet.

Sentences written for this test (not taken from any evaluation table)."""

from __future__ import annotations

import pytest

from bot.coaching.safety_lexicon import classify

CHECK_OR_MORE = {"crisis", "crisis_check", "crisis_third_person"}

CONCERNING = [
    # a wish + ending or absence
    "some days id honestly rather just stop existing",
    "a big part of me hopes i dont wake up after the op",
    "being six feet under sounds better than this flare tbh",
    # a time horizon + a refusal
    "if this is how the next thirty years go then count me out",
    "surgeon says its permanent. i dont see any reason to keep going",
    "one more hard winter and im done living like this",
    # ending + finality
    "i reckon its time i clocked out for good",
    "weve been through it all and im ready to let go tonight",
    # absence
    "dont think ill be around much longer to be honest",
    "soon nobody will have to look after me",
    # burden with someone else as the subject
    "my husband would finally get some rest without me",
    # medicines + quantity
    "ive been hiding my codeine in a sock, got heaps saved now",
    "been putting aside my sleeping tablets every night",
    # a means + planning
    "keep driving past the rail bridge working out the drop",
    # arrangements + after
    "wrote down who gets my tools and the ute so its sorted for after",
    "rang my sister to say thanks for everything, before the end",
    # self-injury
    "scratched my arm with a pin until it bled again",
    "i bang my head against the wall on purpose when it gets bad",
    # someone else
    "my flatmate texted me a goodbye and his phone is off",
    "my uncle keeps talking about hanging himself",
    # wider word lists (seventh pass, second step)
    "its lifelong apparently and im not sticking around for that",
    "been eyeing up the footbridge over the motorway and thinking about it",
    "the exit looks real tempting lately, got a date picked",
    "holding back some of my tramadol each night, its building up",
]

QUIET = [
    "my knees want me dead after that hike lol",
    "saying goodbye to everyone at work on friday, retiring at last",
    "giving away my old treadmill, anyone want it",
    "stockpiling wheat bags before the cold snap",
    "ive got heaps of meds to take every morning",
    "the rail bridge walk was lovely today",
    "bye for now, talk tomorrow",
    "i cut the roses back with the secateurs",
    "its chronic but i can walk to the shops now",
    "my phone is dead and so is the tens machine",
    "planning to end it with my boyfriend this weekend",
    "my last day at the warehouse is friday",
    "that hill finished me off lol",
]


@pytest.mark.parametrize("text", CONCERNING)
def test_concerning_wording_asks_at_least_the_check_question(text: str) -> None:
    assert classify(text).level in CHECK_OR_MORE, (text, classify(text))


@pytest.mark.parametrize("text", QUIET)
def test_other_senses_stay_quiet(text: str) -> None:
    assert classify(text).level == "none", (text, classify(text))
