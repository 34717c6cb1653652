"""Concerning but unclear wording: level `crisis_check` asks the gentle check
question ("are you having thoughts of harming yourself?"), which also shows the
region's crisis lines. Never silence for these, never the full script.

How to add a phrase: add an alternative to a pattern list below (or a new
``_rule("crisis_check.<name>", CHECK, "<category>", [patterns])``), in normalised
lower-case text; then add a tune-table sentence and run the safety tests.
"""

from __future__ import annotations

from bot.coaching.safety_lexicon.fragments import CANT, CLAUSE_END, DONT, MEDS
from bot.coaching.safety_lexicon.rules import CHECK, Rule
from bot.coaching.safety_lexicon.rules import rule as _rule

# Ambiguous hopelessness: a gentle check question, never the full crisis reply.
CHECK_RULES: tuple[Rule, ...] = (
    _rule("crisis_check.cant_go_on", CHECK, "hopelessness",
          [rf"\b(?:{CANT}|unable to|don'?t think i can|not able to) (?:go on|carry on|keep going"
           rf"|keep doing this|do this|live|cope|take|handle|bear|stand|deal with|face)"
           rf" (?:it |this |this pain |any of this |things |life )?(?:like this|any ?more"
           rf"|any longer|much longer|for much longer|forever|for ever)\b",
           rf"\b{CANT} (?:go on|carry on|keep going|do this)" + CLAUSE_END,
           r"\bno way out\b", r"\btrapped in (?:this|my) (?:body|life|pain)\b",
           # "dunno how much more of this i can take"; "...of this heat i can take" is the weather
           r"\b(?:don'?t know|dunno|not sure|no idea) how (?:much )?(?:more|longer)"
           r" (?:of (?:this|it|the pain|this pain|this life|life) )?i can"
           r" (?:take|handle|stand|bear|cope|do this|carry (?:on|this|it|all (?:of )?this))\b"],
          # "cant go on much longer without coffee", "...like this with the old pillow": a thing, not a life
          veto_after=r"^[^.?!]{0,25}?\b(?:without (?:a |my |some )?(?:coffee|tea|cuppa|nap|food|lunch"
                     r"|sugar|chocolate"
                     r"|break|holiday|sleep|wine|beer)|with (?:the|this|my|that) (?:old |stupid "
                     r"|broken )?(?:pillow"
                     r"|mattress|chair|bed|car|phone|laptop|shoes|computer|printer|couch|desk))\b"),
    _rule("crisis_check.whats_the_point", CHECK, "hopelessness",
          [r"\bwhat'?s the point(?: (?:of|in) (?:anything|it all|any of it|any of this|living"
           r"|life|going on|carrying on|trying|everything|being here|me|even trying|getting up"
           r"|waking up|all this|it))?"
           r"(?=\s*(?:$|[.!?,;]|\b(?:any ?more|really|honestly|tbh|lol|i|im|i'm|and|but|though)\b))",
           r"\bwhat is the point(?=\s*(?:$|[.!?,;]))",
           r"\b(?:life|everything|it all|living|my life) (?:is|feels|seems) (?:so |just )?"
           r"(?:pointless|meaningless)\b",
           r"\bno point (?:in |to )?(?:anything|trying any ?more|it all|any of it|getting up)\b",
           r"\bdon'?t see (?:the|any) point any ?more\b"]),
    _rule("crisis_check.want_it_to_stop", CHECK, "hopelessness",
          [r"\b(?:want|wanna|need|wish) (?:it all|everything|all of it|all of this|it|all this"
           r"|this all|life|things) (?:to )?(?:stop|end|be over)\b",
           r"\b(?:make|let) it (?:all )?(?:stop|end|be over)\b",
           r"\bwish it (?:was|were|would be|could be|'d be) (?:all )?over\b"]),
    _rule("crisis_check.done_with_everything", CHECK, "hopelessness",
          [r"\b(?:done|finished|through) with (?:everything|it all|life|all of it|living"
           r"|this life|this world|all of this|trying|everyone)\b",
           r"\bgiv(?:e|ing|en) up on (?:life|everything|living|myself)\b",
           r"\bi give up" + CLAUSE_END,
           r"\b(?:tired|sick|weary) of (?:life|my life)\b"],
          # a mundane thing just before "i give up" (keys, the crossword, a jar lid)
          veto_before=r"\b(?:keys|glasses|specs|phone|wallet|remote|password|printer|photocopier|spreadsheet"
                      r"|crossword|sudoku|wordle|puzzle|jar|lid|knitting|recipe|diet|app|wifi"
                      r"|forms?)\b[^.?!]{0,40}[.?!]?[^.?!]{0,10}$"),
    # Perceived burdensomeness (interpersonal theory of suicide; C-SSRS prompts).
    _rule("crisis_check.burden", CHECK, "hopelessness",
          [r"\b(?:i'?m|im|i am|feel like|i feel|being|such|just|nothing but) (?:\w+ ){0,2}?"
           r"(?:a |such a )?burden\b",
           r"\bburden (?:to|on|for) (?:everyone|everybody|my family|my kids|my wife"
           r"|my husband|my partner|them|people)\b",
           r"\b(?:no ?one|nobody|no-one) (?:would|will|'d|'ll)? ?(?:even )?(?:miss|notice|care)"
           r"(?: about)? (?:me )?(?:if|when) i\b"]),
    _rule("crisis_check.disappear", CHECK, "hopelessness",
          r"\b(?:want|wanna|wish i could|wish i would|like|need) (?:to )?(?:just )?(?:disappear"
          r"|vanish|fade away)\b"),
    _rule("crisis_check.hate_my_life", CHECK, "hopelessness",
          [r"\bhate (?:my|this) life\b", r"\bhate being alive\b", r"\bmy life is over\b"]),
    _rule("crisis_check.dont_want_to_live_like_this", CHECK, "hopelessness",
          rf"\b{DONT} (?:want|wanna) (?:to )?live (?:like this|with this|this way|in this pain"
          r"|in pain|with (?:this|the) pain)\b"),
    _rule("crisis_check.thinking_about_death", CHECK, "passive_death_wish",
          r"\b(?:think|thinking|thinks|thought|thoughts|dream|dreaming|fantasi[sz]e"
          r"|fantasi[sz]ing) (?:a lot |so much |all the time |constantly )?(?:about|of)"
          r" (?:dying|death|being dead|not being here|not being around|not existing|my death|my funeral)\b"),
    # Hyperbole that is sometimes meant: ask, do not script.
    _rule("crisis_check.kill_me_now", CHECK, "passive_death_wish",
          [r"\b(?:just|someone|somebody|please|god) (?:please )?(?:kill|shoot) me\b",
           r"\b(?:kill|shoot) me now\b"],
          veto_before=r"\b(?:meetings?|work|class|shopping|traffic|queue|tax|homework|paperwork|admin|emails?"
                      r"|in-?laws|school run|assignment|exam|presentation|interviews?"
                      r"|all (?:day|evening|morning|afternoon|night|week|weekend))\b[^.?!]{0,40}$"),
    # "I've been stockpiling" without saying what: ask.
    _rule("crisis_check.stockpiling_unspecified", CHECK, "stockpiling",
          r"\b(?:been|i'?m|im|am|started|keep) stock ?-?pil(?:e|ed|ing)\b"
          r"(?! (?:food|toilet|tins|cans|firewood|wood|up on|for (?:winter|christmas)|heat ?packs?"
          r"|wheat ?bags?"
          r"|snacks|coffee|tea|yarn|wool|books|seeds|batteries))"),
    _rule("crisis_check.sleep_forever", CHECK, "passive_death_wish",
          r"\b(?:want|wanna|wish i could|like|just want|need|going) (?:to )?(?:just )?"
          r"(?:go to )?sleep forever\b"),
    # Euphemism for self-harm intent; also said about overdoing it, so only ask.
    _rule("crisis_check.do_something_stupid", CHECK, "suicide",
          r"\b(?:going to|gonna|might|will|'ll|want to|wanna|scared i'?ll|afraid i'?ll|worried"
          r" i'?ll|tempted to|about to|thinking of|trust myself not to|not to) (?:do|doing)"
          r" (?:something|anything) (?:stupid|silly|drastic|dumb|i can'?t take back)\b(?! like)"),
    _rule("crisis_check.dose_to_die_question", CHECK, "overdose",
          rf"\bhow (?:many|much) (?:\w+ )?{MEDS} (?:it )?(?:takes|would take|does it take)"
          + CLAUSE_END),
    _rule("crisis_check.saving_pills", CHECK, "stockpiling",
          rf"\bsav(?:e|ed|ing) (?:up )?(?:my |all my |the |some of my )?{MEDS}\b"
          r"(?! for (?:the|a|my) (?:trip|holiday|flight|weekend|journey|evening|night|afternoon"
          r"|drive)| for (?:tonight|bedtime|later today|the evening|night time))"),
    _rule("crisis_check.goodbye", CHECK, "suicide",
          r"\bthis is (?:my )?goodbye\b|\bgoodbye (?:cruel )?world\b"
          r"|\bgoodbye (?:everyone|everybody|all)" + CLAUSE_END),
    _rule("crisis_check.affairs_in_order", CHECK, "suicide",
          r"\b(?:put|putting|get|getting|got|sort|sorting) (?:all )?my affairs in order\b"),
)

CHECK_RULES += (
    _rule("crisis_check.had_enough_of_life", CHECK, "passive_death_wish",
          r"\bhad enough of (?:this )?(?:life|living|being alive)\b"),
)

CHECK_RULES += (
    _rule("crisis_check.worthless", CHECK, "burden",
          [r"\bwaste of (?:oxygen|air|space|skin)\b", r"\bnot worth the air\b",
           r"\b(?:no ?one|nobody|no-one) would (?:even )?(?:miss|notice) me\b",
           r"\bi'?m (?:so )?worthless\b"]),
    _rule("crisis_check.giving_away", CHECK, "farewell",
          [r"\b(?:gave|giving|given|give) away (?:all )?(?:of )?my\b",
           r"\b(?:been )?giving (?:all )?my (?:\w+ ){0,2}?away\b",
           r"\b(?:gave|given|giving|rehom\w*) (?:away )?my (?:dog|cat|pets?|puppy|kitten|guitar|tools)\b",
           r"\b(?:i'?ve )?given away my\b",
           r"\bthis is goodbye\b"],
          # a sale, a donation, a clear-out or a job's last day, not a farewell
          veto_after=r"^[^.?!]{0,40}[.?!]?[^.?!]{0,30}\b(?:anyone want|op shop|charity shop"
                     r"|free to a good home|last day|new job|leaving do|downsiz\w*"
                     r"|to make (?:space|room)|for sale|on marketplace|trade ?me)\b",
          # sixteenth crisis pass: a retirement or a move said first ("retiring friday, giving away
          # all my work shirts")
          veto_before=r"\b(?:retir\w*|last day|leaving do|new job|moving (?:house|out|in)|downsiz\w*"
                      r"|clear(?:ing)? out|declutter\w*)\b"),
    # A misspelt "kill myself" ("kll", "kts", "kil"): too unclear for the script, never silence.
    _rule("crisis_check.kill_myself_typo", CHECK, "slang",
          r"\bk[a-z]{1,3}s? (?:my ?self|myslf|myslef"
          r"|meself)\b(?<!kick myself)(?<!keep myself)(?<!kept myself)"),
    _rule("crisis_check.means_ambiguous", CHECK, "method_means",
          [r"\b(?:razor|blade)\b (?:on|to|across) my (?:arms?|legs?|wrists?|thighs?|skin)\b",
           r"\b(?:bought|got) (?:a )?(?:new |packet of )?blades?\b(?! for (?:the|my) (?:mower|saw|knife"
           r"|shaver|plane|cutter))",
           r"\bdirt ?nap\b"]),
)

CHECK_RULES += (
    _rule("crisis_check.ending_soon", CHECK, "farewell",
          [r"\b(?:it'?ll|it will|this will|everything will|all this will) (?:all )?(?:be over|end|stop)"
           r" (?:soon|by the weekend|by (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
           r"|tomorrow)\b",
           r"\b(?:know|knowing) how (?:it|this) ends\b",
           r"\b(?:don'?t|no need to|no point) (?:book|making|make|schedul)\w* (?:my|the|another) (?:next )?"
           r"(?:appointment|check ?-?in|session)\b[^.?!]{0,30}\b(?:won'?t|wont) be (?:there|here|around)\b",
           r"\b(?:won'?t|wont|will not) be (?:replying|messaging|checking in|answering|writing)"
           r" (?:any ?more|again)\b[^.?!]{0,30}\b(?:take care|goodbye|bye)\b"]),
)
