"""Someone else at risk: "my son wants to kill himself", "my friend sent a goodbye
text". Level `crisis_third_person` gives the reply for a worried person, with the
region's contacts (no clinic alert: the patient is not the one at risk).

How to add a phrase: add an alternative to a pattern list below (or a new
``_rule("crisis_third_person.<name>", THIRD, "other_at_risk", [patterns])``), in
normalised lower-case text; `THIRD_NOUN` below lists the people. Then add a
tune-table sentence and run the safety tests and bench/safety_eval.py.
"""

from __future__ import annotations

from bot.coaching.safety_lexicon.fragments import ACCIDENT, MEDS
from bot.coaching.safety_lexicon.rules import THIRD, Rule
from bot.coaching.safety_lexicon.rules import rule as _rule

THEMSELF = r"(?:him|her|them|their) ?-?sel(?:f|ves)"

# Explicit third-person wording: another person is the one at risk.
THIRD_RULES: tuple[Rule, ...] = (
    _rule("crisis_third_person.kill_themself", THIRD, "suicide",
          rf"\b(?:kill|killed|killing|kills|unaliv\w+|hang|hanged|hanging|hung|off|offed|top"
          rf"|topped|end|ended|ending|shoot|shot|harm|harmed|harming|harms|poison\w*|drown\w*"
          rf"|overdos\w*|od'?d|delete\w*|gas|gassed) {THEMSELF}\b",
          veto_after=r"^\W*(?:in the (?:foot|leg)|up\b|with (?:work|food))"),
    _rule("crisis_third_person.cut_themself", THIRD, "self_harm",
          [rf"\b(?:cut|cuts|cutting|burns?|burning|burnt|burned) {THEMSELF}\b",
           rf"\bhurts? {THEMSELF} (?:on purpose|deliberately|intentionally)\b",
           rf"\b(?:hurt|hurting|harm|harming|cut|cutting) {THEMSELF}\b(?= again)"],
          veto_after=ACCIDENT),
    _rule("crisis_third_person.their_life", THIRD, "suicide",
          [r"\b(?:take|takes|taking|took|taken|end|ends|ending|ended) (?:his|her|their) (?:own )?"
           r"li(?:fe|ves)\b(?! back)",
           r"\bbetter off without (?:him|her|them)\b",
           r"\b(?:he|she|they)(?: \w+){0,2} (?:wish|wishes|wished) (?:he|she|they) (?:was|were"
           r"|could be) dead\b",
           r"\b(?:talk\w*|said|says|saying|text\w*|post\w*|hint\w*|threat\w*) about (?:not being"
           r" here|not wanting to be here|wanting to die|ending (?:it|things))\b"]),
)

THIRD_RULES += (
    _rule("crisis_third_person.took_all_theirs", THIRD, "overdose",
          r"\b(?:she|he|they)(?:'s| has| have|'ve)? (?:taken|swallowed|had) all (?:her|his|their)\b"
          r"|\bso (?:he|she|they) can die\b"),
    _rule("crisis_third_person.named_person_intent", THIRD, "suicide",
          r"\bmy (?:best )?(?:friend|mate|partner|husband|wife|son|daughter|brother|sister|mum|mom|dad|father"
          r"|mother|colleague|flatmate|neighbour|neighbor|boyfriend"
          r"|girlfriend)\b[^.?!]{0,80}\b(?:goodbye (?:message"
          r"|note|post|text)|going to (?:take all|kill|end|hurt|jump|overdose)|gonna (?:take all|kill|end)"
          r"|(?:has|got) a gun|take all (?:her|his|their) (?:pills|tablets|meds))"),

    _rule("crisis_third_person.stockpiling", THIRD, "stockpiling",
          r"\b(?:saving|stockpiling|hoarding|saved|collecting) (?:up )?(?:her|his|their)"
          r" (?:pills|tablets|meds|medication)\b"),
    _rule("crisis_third_person.goodbye_unreachable", THIRD, "suicide",
          r"\b(?:texted|messaged|rang|called|said) (?:me |us )?(?:goodbye|bye)\b[^.?!]{0,40}"
          r"\b(?:isn'?t|is not|won'?t|not|isnt|wont) (?:answering|picking up|replying)\b"),
)

_THIRD_NOUN = (r"(?:he|she|they|my (?:best |old |eldest |youngest |teenage )?(?:friend|mate|son|daughter|kid"
               r"|boy|girl|wife|husband|partner|boyfriend|girlfriend|brother|sister|mum|mom|mother|dad"
               r"|father|grandson|granddaughter|grandad|grandma|nan|uncle|aunt|auntie|cousin|neighbour"
               r"|neighbor|flatmate|housemate|colleague|workmate|student|teenager))")

THIRD_RULES += (
    _rule("crisis_third_person.more", THIRD, "other_at_risk",
          [r"\b(?:cut|cuts|cutting|burn\w*|scratch\w*|slic\w*) (?:his|her|their) (?:arms?|wrists?|legs?"
           r"|thighs?"
           r"|skin|stomach)\b",
           rf"\b{_THIRD_NOUN}\b[^.?!]{{0,30}}\b(?:wrote|left|written|posted|sent) (?:a |her |his |their "
           rf"|me a )?"
           r"(?:goodbye )?(?:note|letter|goodbye|something like a goodbye)\b",
           r"\b(?:use|turn) (?:it|the gun|a gun) on (?:him|her|them)sel(?:f|ves)\b",
           r"\b(?:he|she|they) (?:can'?t|cannot) (?:go on|take it any ?more|do this any ?more"
           r"|cope any ?more)\b",
           rf"\b{_THIRD_NOUN}\b (?:is |'s )?(?:standing|sitting|stood|up) (?:on|at) (?:the |a )?(?:edge of "
           r"(?:the |a )?)?(?:bridge|ledge|cliff|roof|railway|train tracks)\b"]),
)

THIRD_RULES += (
    _rule("crisis_third_person.more_2", THIRD, "other_at_risk",
          [rf"\b{_THIRD_NOUN}\b[^.?!]{{0,20}}\blocked (?:him|her|them)sel(?:f"
           rf"|ves) in\b[^.?!]{{0,30}}\b(?:pills"
           r"|tablets|meds|knife|razor|rope)\b",
           rf"\b{_THIRD_NOUN}\b[^.?!]{{0,20}}\b(?:wants?|wanting) to (?:disappear|vanish) (?:forever"
           rf"|for good)\b",
           rf"\b{_THIRD_NOUN}\b[^.?!]{{0,30}}\b(?:top|off|kill|hang) (?:him|her|them)sel(?:f|ves)\b"]),
)

THIRD_RULES += (
    _rule("crisis_third_person.more_3", THIRD, "other_at_risk",
          [rf"\b{_THIRD_NOUN}\b[^.?!]{{0,20}}\b(?:messaged|texted"
           rf"|sent)(?: me)? (?:a )?goodbye\b[^.?!]{{0,40}}"
           r"\b(?:phone is off|not answering|isn'?t answering|won'?t answer|can'?t reach)\b",
           rf"\b{_THIRD_NOUN}\b[^.?!]{{0,10}}\bha[sd] (?:fresh |new |deep )?cuts (?:all )?(?:over|on)"
           r" (?:his|her|their) (?:arms?|legs?|wrists?|thighs?)\b",
           rf"\b{_THIRD_NOUN}\b[^.?!]{{0,10}}\btook (?:a )?(?:heap|lot|load|bunch|handful|whole (?:bottle"
           rf"|packet|box)) of {MEDS}\b",
           rf"\b{_THIRD_NOUN}\b[^.?!]{{0,20}}\bgiv(?:ing|en) away (?:all )?(?:her|his|their) (?:things|stuff"
           r"|belongings)\b[^.?!]{0,30}\bgoodbye\b"]),
)
