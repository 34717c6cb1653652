"""Crisis rules: the person's own suicidal thoughts, self-harm, plans, means and
farewells. Level `crisis` gives the full crisis reply with the region's contacts and
alerts the clinic; negation, reported speech, questions and idioms only ever
downgrade a match to the check question (engine.py), never to nothing.

How to add a phrase: find the rule of the same category below (passive death wish,
hopelessness, farewell, means, self harm, burden, slang...) and add an alternative to
its pattern list, written in normalised lower-case text; or add a new
``_rule("crisis.<name>", CRISIS, "<category>", [patterns])`` at the end. Then add a
sentence to a tune table (tests/data/safety_eval_tune*.csv, never the sealed ones) and
run ``.venv/bin/python bench/safety_eval.py tests/data/safety_eval_tune.csv --misses``
and ``pytest tests/unit/test_safety_lexicon.py``.
"""

from __future__ import annotations

from bot.coaching.safety_lexicon.fragments import ACCIDENT, CANT, CLAUSE_END, DONT, MEDS
from bot.coaching.safety_lexicon.rules import CRISIS, Rule
from bot.coaching.safety_lexicon.rules import rule as _rule

# ---------------------------------------------------------------------------
# Pattern fragments used by the crisis rules (applied to normalised text)
# ---------------------------------------------------------------------------
MYSELF = r"(?:my ?-?s[ei]lf|myslef|myslf|mysefl|mysef|mysel|meself|me ?self|mself)"

WANT = r"(?:want(?:ed|s|ing)?|wanna|wana|wnt|wish(?:ed|es|ing)?|would like|'d like|need(?:ed)?)"

CONTAINER = r"(?:packets?|packs?|boxe?s?|bottles?|strips?|blister packs?|tubs?|jars?|sheets?)"

NUM_BIG = (
    r"(?:[1-9]\d+|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|a dozen|dozens"
    r"|a hundred|hundreds|loads|lots|heaps|handfuls|a handful)"
)

# ---------------------------------------------------------------------------
# Crisis rules (first person unless the grammatical subject says otherwise)
# ---------------------------------------------------------------------------
# Working oneself hard ("killing myself to get the project done", "at the gym"): a fixed other
# sense, so no reply at all (issue 16: a near-miss gets neither the crisis reply nor the check).
_KILL_EFFORT = (r"^\W*(?:to (?:get|finish|meet|keep up|make (?:the|it|ends)|pay)"
                r"|at (?:the )?(?:gym|work|office)|(?:trying|working) to (?:get|finish|meet|keep up)"
                r"|laughing|with (?:work|laughter))\b")
# Idioms around "kill myself" ("killing myself at the gym") - downgrade only.
_KILL_IDIOM = (
    r"^\W*(?:at (?:the )?(?:gym|work|office|job)|trying|to (?:get|finish|keep|make|please)"
    r"|over (?:this|that|it|work|nothing)|doing|working|for (?:work|nothing|them|him|her|you)"
    r"|laughing|with (?:work|laughter)|running|walking|out there)"
)

# Someone in a story, game or show (their overdose or death is the plot, not a patient's).
_STORY_CHARACTER = (r"\b(?:the |a |his |her |my )?(?:villain|character|hero|heroine|protagonist|baddie"
                    r"|bad guy|detective|main guy|lead|avatar|sim)s? (?:\w+ )?$")

# What a rope is for when it is not a noose: a swing, a course, a string of onions (one list for
# every rope rule).
_NOT_A_NOOSE = (r"(?! (?:for (?!(?:tonight|tomorrow|later|when|me|myself|it|that|the end|the weekend)\b)"
                r"|swing|toy|ladder|bridge|lights?|course|burn"
                r"|to (?:\w+ ){0,2}?(?:hammock|washing|clothes|tarp|tent|boat|trailer|load|swing|fence|gate"
                r"|plants?|tomatoes|beans|tyre|tree ?house|dog|kayak|canoe|bike)"
                r"|of (?:garlic|onions?|pearls|chill?ies|sausages|beads|lights)))")

# Whom a farewell is said to: people, pets, the world, life (not a house, a job or a habit).
_GOODBYE_PEOPLE = (r"(?:every(?:one|body)|you|u|y'?all|(?:the )?world|life|living"
                   r"|famil(?:y|ies)(?! (?:home|house|homestead|farm|bach|car|business|holiday))"
                   r"|kids|children|wife|husband|partner|mum|mom|mam|mother|dad|father|son|daughter|friends?|mates?"
                   r"|grand(?:kids|children|son|daughter)|sisters?|brothers?|parents|loved ones|pets?|dogs?"
                   r"|cats?|them|him|her|whanau|whānau|babies|baby|girls|boys|nan|nana|grandma|grandad|pop"
                   r"|koro|kuia|people|folks|(?:the )?ones|those)")

CRISIS_RULES: tuple[Rule, ...] = (
    # Suicide named outright, with common misspellings (C-SSRS: active ideation).
    _rule("crisis.suicide_word", CRISIS, "suicide",
          r"\bs(?=[a-z]{0,2}\*)[u*]{1,2}[i*]{1,2}[cs*]{1,2}[i*]{0,2}d(?:e|al)\b|"
          r"\bsu(?:i|y|e|ie)?(?:c|s|cc|ss)(?:i|y)?d(?:e|es|ed|al|ial|ally|ality|ing|le|ey|y)?\b"
          r"(?! (?:doors?|squad|bomb\w*|mission|run|dives?|diving|saves?|squeeze|wings|sauce|chill?i"
          r"|pact of (?:the|a) (?:band|team)))",
          # suicide as a topic ("suicide risk", "suicide prevention"): only a check question
          veto_before=r"(?:\b(?:doing|did|do|run|ran|running) (?:\w+ )?$|\b(?:deadline|plan|idea|schedule"
                      r"|timeline|task|that|this|defen[cs]e|passing|tactics|formation|backline|team|driving"
                      r"|traffic|strategy|move) (?:is|was|'s|are|were|looks?|looked|would be) (?:so |just "
                      r"|absolutely |completely )?$"
                      # a machine "committed suicide": it stopped working
                      r"|\b(?:laptop|phone|computer|pc|printer|battery|tv|telly|router|kettle|toaster|drive"
                      r"|car|tablet|ipad|fridge|mower|heater) (?:\w+ )?(?:committed|commited) $"
                      # a machine or a house plant that "is suicidal": it keeps failing or dying
                      r"|\b(?:laptop|phone|computer|pc|printer|battery|tv|telly|router|kettle|toaster|car"
                      r"|tablet|fridge|mower|heater|plants?|fern|orchid|basil|succulents?|goldfish|chooks?)"
                      r" (?:\w+ )?(?:is|are|was|were|must be|seems?|looks?) (?:so |just |a bit |totally )?$)",
          idiom_after=r"^\W*(?:risk|prevention|awareness|rates?|statistics|research|training|drills?|sprints?"
                      r"|module|lecture|talk|helplines?|lines?|pass(?:es)?|tackles?|defen[cs]e|defending"
                      r"|this season|move|run|tactics?)\b"),
    # "kill myself" incl. "kill my self", "killmyself", "kil myself".
    _rule("crisis.kill_myself", CRISIS, "suicide", rf"\bk(?:i|\*)l{{1,2}}(?:s|ed|ing|in)? ?{MYSELF}\b",
          idiom_after=_KILL_IDIOM, veto_after=_KILL_EFFORT, subject_check=False),
    # Methods said about oneself: hang/shoot/drown/gas/poison/off/top/neck/end myself.
    _rule("crisis.method_myself", CRISIS, "suicide",
          rf"\b(?:hang(?:ing|ed)?|shoot(?:ing)?|shot|drown(?:ing|ed)?|gas(?:sing)?|poison(?:ing)?"
          rf"|electrocute|suffocat\w+|smother(?:ing)?|stab(?:bing)?|off(?:ing)?|top(?:ping)?"
          rf"|neck(?:ing)?|end(?:ing)?|throw(?:ing)? (?:myself )?off) {MYSELF}\b",
          veto_after=r"^\W*(?:in the (?:foot|leg)|up\b|out\b|with (?:work|food|coffee|tea))",
          subject_check=False),
    # Slang and euphemisms used online (Samaritans guidance lists "unalive" etc.).
    _rule("crisis.slang", CRISIS, "suicide",
          [r"\bun-? ?aliv\w*", r"\bsewer ?-?slid\w*", r"\bself ?-?delet\w*", r"\bsuey\b", r"\bs-ide\b",
           rf"\bdelete {MYSELF}\b", r"\b(?:gonna|going to|wanna|want to|might|will|just) rope\b",
           r"\bthe s ?-?word\b(?=[^.?!]{0,20}\b(?:thoughts?|again|back|thinking|feelings?|urges?))",
           r"\b(?:catch|take) the (?:forever|long) (?:nap|sleep)\b"]),
    # "kms" = kill myself; veto when it is kilometres ("walked 5 kms").
    _rule("crisis.kms", CRISIS, "suicide", r"\bkms\b",
          veto_before=r"(?:\b(?:walk\w*|ran|run\w*|cycl\w*|rode|ride|drove|driv\w*|hik\w*|swam"
                      r"|did|done|couple|few|several|many|some|more|extra|less|ten|five|two|three"
                      r"|four|six|seven|eight|nine|twenty|thirty|forty|fifty|hundred|half|the)"
                      r"|\d+(?:\.\d+)?)\s*(?:(?:or|to|-)\s*\d+\s*)?$",
          veto_after=r"^\s*(?:a day|a week|per|each|every|walk|walking|run|ride|away|from|of)\b",
          subject_check=False),
    # End/take my life; "end it all"; intent verbs + "end it". Veto "take my life back".
    _rule("crisis.end_my_life", CRISIS, "suicide",
          [r"\b(?:end|ending|ended) (?:my|me) (?:own )?life\b(?! (?:plan|wishes|care|choices))",
           r"\b(?:take|taking|took|taken) (?:my|me) own life\b",
           r"\b(?:take|taking|took|taken) my life(?= (?:tonight|today|now|soon|tomorrow))",
           r"\b(?:take|taking|took|taken) my life" + CLAUSE_END,
           r"\b(?:decided|going|gonna|want|wanna|plan\w*|ready|about|try|tried|trying) (?:to )?take my life\b"
           r"(?! (?:back|in (?:my|both|your) hands|one day|a day|day by day|seriously|for granted|into my own"
           r"|easy|slow|apart|over|forward|in a new|to the next))",
           r"\bend(?:ing|ed)? (?:it|things|everything) all\b",
           r"\b(?:want|wanna|going|gonna|ready|plan\w*(?: on)?|thinking (?:of|about)|thought about|about"
           r"|decided|time|need|might|will|should|could|'ll|'m|just|gotta) (?:to )?(?:just )?"
           r"end(?:ing)? (?:it|things|everything|this)\b"
           r"(?! (?:with|between|off|up|there|early|for (?:today|the day|now|tonight)|on a"
           r"|at \d|after|before|by))"],
          subject_check=False),
    # Ninth pass (spent sealed table 4, by concept): "im ending it", the rest of the pills next,
    # a means in hand or laid out, a method bought or packed to end things with.
    _rule("crisis.ending_it_now", CRISIS, "suicide",
          [r"\b(?:i'?m|im|i am) (?:just )?end(?:ing)? (?:it|things|everything|my life)\b"
           r"(?! (?:with|between|off|up|there|early|for (?:today|the day|now|tonight)|on a|at \d|after|by))",
           rf"\b(?:going to|gonna|will|about to|'ll) take the rest(?: of (?:them|the|my) (?:\w+ )?{MEDS})?\b"
           r"(?! of the (?:day|week|afternoon|evening|morning|year))",
           rf"\b(?:the |my )?(?:{MEDS}) (?:are|is) next\b",
           r"\b(?:got|have|holding|sitting|sat|lying|with)\b[^.?!]{0,25}\b(?:gun|rifle|shotgun|pistol|noose"
           r"|rope|blade|razor)s? (?:in|on|across) my (?:lap|hands?|knees?)\b",
           rf"\b(?:all )?(?:my )?(?:{MEDS}) (?:are |is )?(?:all )?(?:lined up|counted out|laid out"
           rf"|sorted into"
           r" piles) (?:on|in front of|beside|next to)\b",
           r"\b(?:bought|ordered|got|have|packed|kept|keeping|stashed)\b[^.?!]{0,40}\bto end (?:things|it"
           r"|it all|my life) with\b(?! (?:my|him|her|them|the|a|an) (?!(?:pills|tablets|rope|gun)))",
           r"\bhose (?:and|&|n) (?:tape|duct tape)\b",
           r"\bfill(?:ing|ed)? my pockets with (?:rocks|stones)\b"],
          veto_after=r"^\W*(?:lol|haha|jk)\b"),
    # Tenth pass (spent fifth sealed table, by concept): a poison drunk, throwing oneself down.
    _rule("crisis.poison_or_throw", CRISIS, "self_harm",
          [r"\b(?:drank|drink|drinking|swallowed|swallow|downed) (?:some |a bit of |a cup of |the )?(?:bleach"
           r"|drain cleaner|antifreeze|anti-freeze|weed ?killer|rat poison|poison|paraquat|roundup)\b",
           r"\bthrow\w* myself (?:down|off|in front of|under)\b"]),
    # Method talk: jumping, traffic, lethal dose questions, painless ways (C-SSRS: method).
    _rule("crisis.method_plan", CRISIS, "suicide",
          [r"\b(?:jump\w*|throw\w* (?:my|him|her)self) off (?:a|the|my|that|this)? ?(?:bridge"
           r"|building|cliff|roof|balcony|car ?park|tower|overpass|flyover)\b",
           r"\b(?:jump\w*|step\w*|throw\w* (?:my|him|her)self|walk\w*|lie down|lay down)"
           r" (?:in front of|under) (?:a|the) (?:train|bus|truck|lorry|car|traffic|tram)\b",
           r"\b(?:drive|driving|crash|crashing|swerve|swerving) (?:my car |the car )?into (?:a tree|a wall"
           r"|traffic|oncoming|a bridge|a truck|a (?:power |power-|telegraph |lamp ?)?pole|a pillar"
           r"|the (?:sea|river|harbour|median|barrier))\b",
           rf"\bhow (?:many|much) (?:\w+\W+){{0,4}}?(?:would|does|will|did|to|it takes?|until"
           rf"|before)\W+(?:\w+\W+){{0,3}}?(?:kill (?:me|{MYSELF}|you|someone)|die|be dead|be"
           rf" lethal|be fatal|end (?:it|my life)|stop my heart)\b",
           r"\b(?:lethal|fatal|deadly) (?:dose|amount|overdose)\b",
           r"\b(?:painless|easiest|easy|quickest|quick|best|surest) (?:ways?|methods?) (?:to|of)"
           r" (?:die|dying|go|end it|kill)\b",
           rf"\b(?:ways?|methods?|how) (?:to|of) (?:die|dying|kill {MYSELF}|end (?:it all|my"
           r" life)|commit suicide)\b(?! (?:well|with dignity|at home|peacefully))"],
          # "tell it to go jump off a bridge"; "the game made me jump off a cliff" (a level)
          veto_before=r"\b(?:can|could|should|tell (?:\w+ )?to|told (?:\w+ )?to) go (?:and )?$"
                      r"|\b(?:game|level|boss|character|avatar|mario|sims?|controller)\b[^.?!]{0,25}$"),
    # Passive death wish (C-SSRS item 1): want to die / wish I was dead.
    _rule("crisis.want_to_die", CRISIS, "passive_death_wish",
          [rf"\b{WANT} (?:to |2 )?(?:just )?(?:die|dye|be dead|be gone|not exist|stop existing"
           r"|not be alive|cease to exist)\b",
           r"\b(?:ready|deserve|praying|pray|hoping|hope) (?:to |2 )?(?:just )?die\b",
           r"\bwish(?:ing|ed|es)? (?:i|id|i'd) (?:was|were|could be|would be|had been|'d been) dead\b",
           r"\bwish(?:ing|ed|es)? (?:i|id|i'd) (?:could|would|'d) (?:just )?die\b",
           r"\bwish(?:ing|ed|es)? i (?:was|were|had) (?:never|not) (?:been )?born\b",
           r"\bwish(?:ing|ed|es)? i (?:wasn'?t|weren'?t|was not|were not) (?:alive|here|around|born)\b",
           r"\bwish(?:ing|ed|es)? i (?:didn'?t|did not|didnt|could stop|would stop|could just stop) exist"
           r"(?:ing)?\b",
           r"\b(?:i should|might as well|rather|i'd sooner|let me) (?:just )?(?:be dead|die)\b",
           r"\b(?:hope|wish) (?:this|it|the pain|something|someone|god) (?:would |will )?"
           r"(?:just )?kills? me\b",
           r"\b(?:want|wish|need) (?:someone|somebody|something|god) to (?:just )?kill me\b"],
          idiom_after=r"^\W*(?:from (?:embarrassment|shame)|at home|in (?:my|our)"
                      r" (?:own )?(?:bed|home|sleep) (?:when|one day)|peacefully (?:when|one day)"
                      r"|of old age|one day|when (?:the time comes|i'm old|my time)"
                      r"|than (?:call|ask|be seen|admit|use|have|phone|drink|take))",
          # Hyperbole about something mundane: a fixed other sense, no reply at all.
          veto_after=r"^\W*(?:of (?:embarrassment|boredom|laughter|laughing|cringe|fright)|laughing"
                     r"|when i (?:stubbed|stood on|trod on|banged|bumped|whacked|dropped|burnt|burned"
                     r"|spilled)"
                     r"|than (?:go|do|eat|wear|watch|sit|listen|miss|attend|another|sing|dance|run))\b"),
    _rule("crisis.better_off_dead", CRISIS, "passive_death_wish",
          r"\bbetter off dead\b"),
    _rule("crisis.better_off_without_me", CRISIS, "passive_death_wish",
          [r"\bbetter (?:off )?without me\b",
           r"\b(?:better|better off|happier|easier|fine|okay|ok) (?:off )?if i (?:just )?"
           r"(?:(?:wasn'?t|weren'?t|wasnt|werent|was not|were not) (?:here|around|alive|in the"
           r" picture)|died|didn'?t exist|was gone|were gone|was dead|were dead|never existed"
           r"|disappeared)\b"],
          subject_check=False),
    _rule("crisis.no_reason_to_live", CRISIS, "passive_death_wish",
          [r"\b(?:no|zero|not (?:a|any|one)|not a single) (?:reason|point|purpose)s? (?:to|in|for)"
           r" (?:live|living|go on|going on|carry on|carrying on|keep going|be alive|being alive"
           r"|stay alive|staying alive|exist|existing|wake up|waking up)\b",
           r"\bnothing (?:left )?(?:to|worth) live for\b",
           r"\bno (?:reason|point|purpose) (?:in )?(?:living|being alive|existing)\b",
           rf"\b(?:don'?t|do not|no longer|{CANT}) (?:have|see|find|think of) (?:anything|a reason"
           r"|any reason|any point"
           r"|the point) (?:to live|in living|of living|in going on|of going on|in life)\b",
           r"\b(?:not|isn'?t|aint|ain'?t|no longer) worth living\b",
           r"\blife (?:is|'s|s) (?:not|no longer) worth (?:it|living)\b",
           r"\b(?:tired|sick|weary|exhausted) of (?:living|being alive|existing|life itself)\b"]),
    # "hope I don't wake up" / "go to sleep and never wake up" (C-SSRS item 1).
    _rule("crisis.not_wake_up", CRISIS, "passive_death_wish",
          [r"\b(?:hope|hoping|wish|wishing|pray|praying|want)\b (?:\w+ ){0,3}?(?:i |to )?"
           r"(?:don'?t|do not|dont|never|won'?t|wouldn'?t|didn'?t|not) (?:ever )?wake(?: up)?\b",
           r"\b(?:go to sleep|fall asleep|sleep|close my eyes) and (?:never|not) wake(?: up)?\b",
           rf"\b{DONT} (?:want|wanna) (?:to )?wake up(?: again| ever| tomorrow| any ?more)?"
           + CLAUSE_END,
           r"\bnever (?:want to )?wake up again\b",
           r"\bwish (?:i|i'd|id) (?:had )?(?:never|not) (?:woken|woke|wake) up\b"]),
    # "don't want to be here/alive/exist any more" (C-SSRS item 1).
    _rule("crisis.not_be_here", CRISIS, "passive_death_wish",
          [rf"\b{DONT} (?:really )?(?:want|wanna|wish) (?:to )?be here"
           r"(?: any ?more| any longer| on (?:this )?earth| in this world| now| alive)?" + CLAUSE_END,
           rf"\b{DONT} (?:really )?(?:want|wanna|wish) (?:to )?(?:be alive|exist|be around"
           r"|be on this earth|go on living|keep living|carry on living|live)"
           r"(?! (?:like|with|in|this way|on|near|there|here|at|for|alone|without|somewhere))\b",
           r"\b(?:(?:don'?t|do not|dont) (?:think|know if|know whether|feel like)|not sure"
           r"(?: if| whether| that)?|no longer sure(?: if| whether)?) i (?:want|wanna)"
           r" (?:to )?(?:live|be here|be alive|go on|carry on)\b"]),
    # Self-harm named outright.
    _rule("crisis.self_harm_word", CRISIS, "self_harm",
          r"\bself ?-?(?:harm\w*|injur\w*|mutilat\w*|hurt\w*)\b"),
    # Cutting/burning oneself; veto everyday accidents ("cut myself shaving").
    _rule("crisis.cut_myself", CRISIS, "self_harm",
          [rf"\b(?:cut|cuts|cutting|slit|slitting|slice|slicing|burn|burnt|burned|burning"
           rf"|scratch(?:ed|ing)?) (?:{MYSELF}|my (?:wrists?|arms|thighs|skin|legs|stomach))\b",
           r"\bslit (?:my )?wrists?\b",
           r"\b(?:been|started|start|keep|kept|back to|relapsed(?: and)?|urges? to|want to|wanna"
           r"|need to) (?:cut|cutting)(?: again)?" + CLAUSE_END],
          # "cut myself a huge slice", "cut myself some slack": serving or sparing, not cutting
          veto_after=ACCIDENT + r"|^ (?:a|an|another|some|me a) (?:\w+ )?(?:slice|piece|bit|wedge|chunk"
                                r"|portion|slab|serve|serving|sandwich|break|slack)\b",
          veto_before=r"\baccidentally\W+$", subject_check=False),
    # Hurting oneself with intent ("want to hurt myself", "hurt myself on purpose").
    _rule("crisis.hurt_myself", CRISIS, "self_harm",
          [rf"\b(?:want(?:ed|ing)?|wanna|going|gonna|urges?|tempted|need(?:ed)?|feel like"
           rf"|felt like|thinking about|thought about|thoughts of|try(?:ing)? to|tried to"
           rf"|keep wanting) (?:to )?(?:hurt(?:ing)?|harm(?:ing)?|punish(?:ing)?|injur(?:e|ing)) {MYSELF}\b",
           rf"\b(?:hurt|hurting|harm|harming|harmed|punish|punishing|injure|injuring|injured"
           rf"|hit|hitting|bang|banging) {MYSELF} (?:on purpose|deliberately|intentionally"
           rf"|to cope|to feel|to punish|till i bleed|until i bleed)\b",
           rf"\bharm(?:ing|ed)? {MYSELF}\b"],
          veto_after=r"^\W*(?:if|doing|lifting|carrying|on the|with the|at work|in the garden"
                     r"|by overdoing)\b",
          subject_check=False),
    # Overdose named or done (NHS: paracetamol overdose is an emergency even if well).
    _rule("crisis.overdose", CRISIS, "overdose",
          [r"\bover ?-?dos(?:e|ed|es|ing)\b",
           r"\b(?:gonna|going to|want to|wanna|will|might|about to|try to|tried to|planning to"
           r"|thinking about|i'll|i'd) o\.?d\b",
           r"\bo\.d\.?'?(?:e?d|ing)?\b|\bod'(?:e?d|ing)\b|\bod(?:ed|ing)\b", r"\bod(?= on\b)"],
          # "overdosed on hot cross buns": anything but a medicine, a drug or drink is food, sun or telly
          veto_after=rf"^\W*on (?=\w)(?!(?:(?:my|the|all|all my|all the|her|his|some|a|an|\d+|half|too many"
                     rf"|a lot of"
                     rf"|loads of|a bunch of|way too many) )*(?:{MEDS}|{CONTAINER}|them|it|those|these"
                     rf"|purpose|drugs"
                     r"|heroin|fent\w*|meth|alcohol|booze|vodka|whisky|insulin|pills?|tablets?|meds?"
                     r"|something|stuff|\w+ (?:pills?|tablets?|meds?))\b)",
          # a story's character ("the villain overdoses in the first act"), or what a documentary,
          # a book or the news is about ("a doco about the 80s music scene and all the overdoses")
          veto_before=_STORY_CHARACTER + r"|\b(?:doco|documentary|film|movie|show|series|podcast|article"
                                         r"|news|book|episode|biopic)\b[^.?!]{0,60}$"),
    _rule("crisis.took_all_pills", CRISIS, "overdose",
          [rf"\b(?:took|taken|swallowed|necked|downed|popped|(?:going to|gonna|want to|wanna"
           rf"|about to|will|'ll|could|might|thinking (?:of|about)|tempted to) (?:take|taking"
           rf"|swallow|swallowing)) (?:all|the whole"
           rf"|a whole|an entire|the entire|the rest of|loads of|a load of|a lot of|a handful of"
           rf"|handfuls of|heaps of|way too many|too many|a bunch of) (?:of )?(?:my |the |me )?"
           rf"(?:{MEDS}|{CONTAINER})\b",
           rf"\b(?:took|taken|swallowed|necked|downed|popped) (?:a |an |the |my )?(?:whole |full |"
           rf"entire )?{CONTAINER} of\b",
           rf"\b(?:took|taken|swallowed|necked|downed|popped) {NUM_BIG} (?:of (?:my|the) )?"
           rf"(?:\w+ )?{MEDS}\b"],
          veto_after=r"^\W*(?:as (?:prescribed|directed|usual)|on time|like (?:a good|i'm"
                     r" supposed)|for once)",
          idiom_after=r"^\W*(?:this morning|for the day|at (?:breakfast|lunch"
                      r"|dinner|tea|bedtime)|with (?:breakfast|food|my))"),
    # Stockpiling medication (a preparatory behaviour in C-SSRS).
    _rule("crisis.stockpiling", CRISIS, "stockpiling",
          [rf"\b(?:stock ?-?pil\w*|hoard\w*|stash\w*|sav(?:e|ed|ing) up|squirrel\w* away"
           rf"|build(?:ing)? up a (?:supply|stash|stock)|saved up|keeping back|kept back)\W+"
           rf"(?:\w+\W+){{0,3}}?{MEDS}\b",
           rf"\bsav(?:e|ed|ing) (?:my |all my |all of my |the |these )?{MEDS} up\b",
           rf"\b{MEDS} (?:i'?ve |i have |that i'?ve )?(?:stock ?-?piled|saved up|stashed|hoarded)",
           rf"\b(?:a |my )?(?:stash|stockpile|hoard) of (?:\w+ )?{MEDS}\b",
           rf"\b{MEDS} (?:\w+ ){{0,2}}?(?:saved|stashed|hidden|hid|tucked|squirrelled|squirreled)"
           r" (?:up|away|in (?:a|the|my) (?:drawer|box|cupboard|bag|tin|sock|wardrobe))",
           rf"\b(?:enough|saved|stashed|collected|hoarded) (?:\w+ )?(?:{MEDS} )?(?:saved |stashed )?"
           rf"to (?:end (?:it|my life|things)|die|kill {MYSELF}|do it|overdose|od)\b",
           rf"\bsav(?:e|ed|ing) (?:up )?(?:my |all my |the |some of my )?{MEDS}\b"
           r"(?=[^.!?]{0,40}\b(?:enough|just in case|in case|when i'?m ready|when the time comes"
           r"|for the right time|for one day|a stash)\b)",
           ]),
    # Preparations: goodbye notes, giving things away, rope/noose, a plan (C-SSRS).
    _rule("crisis.preparation", CRISIS, "suicide",
          [r"\bwr(?:ote|ite|iting|itten)\b (?:\w+\W+){0,3}?(?:goodbye|farewell|suicide|last)"
           r" (?:notes?|letters?|messages?)\b",
           r"\b(?:goodbye|farewell|suicide) (?:notes?|letters?)\b",
           r"\b(?:letters?|notes?|messages?) (?:to say|saying) (?:my )?goodbyes?\b",
           r"\b(?:gave|giving|give|given) (?:away )?(?:all )?(?:of )?my (?:things|stuff|belongings"
           r"|possessions|pets?|cats?|dogs?|savings) away\b",
           r"\b(?:gave|giving|given|give) away (?:\w+\W+){0,4}?my (?:things|stuff|belongings"
           r"|possessions|pets?)\b",
           r"\b(?:bought|got|have|found|tied|made|buy|get|getting|buying|tying) (?:a |some |the )?"
           r"(?:rope|noose)\b" + _NOT_A_NOOSE,
           r"\bnoose\b",
           r"\b(?:have|got|made|making|make) (?:a |my |the )?plan (?:to|for|of) (?:kill\w*|end\w*"
           r"|die|dying|how|suicide|doing it)\b",
           r"\b(?:planned|planning|plan|worked out|figured out) (?:how|when|where) (?:i(?:'ll| will"
           r"|'m going to| am going to|m going to| would|'d)|to) (?:do it|die|end it|kill)\b",
           r"\bknow (?:how|when|where) i(?:'d| would| will|'ll| am going to|'m going to|m going to) do it\b",
           r"\bsaying (?:my )?goodbyes? to (?:everyone|my family|my kids|the world|everybody)\b"
           r"(?! (?:at|in) (?:work|the office|school|the club|the team|the group|church))",
           r"\bsaid (?:my )?(?:last )?goodbyes?\b(?![^.?!]{0,60}\b(?:at the (?:airport|station|gate|school"
           r"|bus stop|door|wharf|ferry terminal)|off to|moving to|flying out|heading (?:off|back|home)"
           r"|for the (?:week|weekend|holidays|summer)"
           # a job's last day, or a parting with a date to meet again
           r"|retir\w*|last day|new job|leaving do|only (?:til|till|until|for)"
           r"|see (?:you|them|each other|everyone) (?:at|in|next|soon|on)))"
           # a goodbye *to* something that is not a person (the house, a heat pad, sugar, a save
           # file) is not a farewell; nor is one to everyone at a leaving do
           rf"(?! to (?!(?:(?:my|our|all|of|the|his|her|their|little|lovely) )*(?:\w+ )?{_GOODBYE_PEOPLE}\b))"
           r"(?! to (?:everyone|everybody|all) at (?:my |the |our |a )?(?:\w+ )?(?:farewell|retirement"
           r"|leaving|going[- ]away|work|office|school|club|church|team|party|do)\b)"],
          # a job's last day said first: "last day at the mill after 30 years, said my goodbyes"
          veto_before=r"\b(?:last day (?:at|of|on) (?:the |my |work)|retir\w*|leaving do|new job"
                      r"|farewell (?:do|party|morning tea|drinks))\b[^.?!]{0,40}$"),
    # Fully squashed spellings that word-level patterns cannot see ("iwanttodie").
    _rule("crisis.compact", CRISIS, "suicide",
          r"\b[a-z]*(?:kil{1,2}my?s[ei]lf|wan(?:t|na)(?:to)?die|endmylife|unalivemyself"
          r"|hurtmyself|harmmyself|sewerslide|endmyself|takemy(?:own)?life|wishiwasdead)[a-z]*\b"
          # "suicide" alone is crisis.suicide_word (which knows "suicide risk", "suicide pass")
          r"|\b[a-z]+suicid[a-z]*\b"),
)

# ---------------------------------------------------------------------------
# Second pass (after the first held-out evaluation): intent and plans stated
# without a method word, overdose intent, finality, locations, and lay red-flag
# wording. Each is a general way people say these things, not a single sentence.
# ---------------------------------------------------------------------------
_ENDING_WORDS = (r"(?:can'?t go on|cannot go on|end (?:it|this|things)|no point|done with|want to die"
                 r"|better off|not be here|be gone|finish (?:it|this)|ready to go)")
CRISIS_RULES += (
    # C-SSRS: ideation with a plan or intent.
    _rule("crisis.plan_stated", CRISIS, "suicide",
          r"(?:i'?ve|i have|ive|i got|i'?ve got|got) (?:a |my |the )?plan\b",
          requires=_ENDING_WORDS, subject_check=False),
    _rule("crisis.intent_now", CRISIS, "suicide",
          [r"\btonight'?s the night\b",
           r"\b(?:finally|really) (?:going to |gonna )?do(?:ing)? it\b(?! (?:properly|right|again))",
           r"\bi'?m ready to (?:go|die|leave this world)\b"
           r"(?! (?:home|out|back|to|for|in|outside|shopping|and))",
           r"\bgoing to do it (?:tonight|today|now|this time)\b"]),
    # Overdose intent (NICE CG16/NG225 self-harm): whole supplies, "enough".
    _rule("crisis.overdose_intent", CRISIS, "overdose",
          [r"\b(?:take|taking|swallow\w*|down|neck|have) (?:\w+ ){0,2}?(?:the |a )?(?:whole|entire|every)"
           r" (?:\w+ ){0,3}?(?:bottle|packet|pack|box|pills?|tablets?|meds|medication|painkillers?)\b",
           r"\b(?:pills?|tablets?|bottle|packet|meds|dose|painkillers?)\b[^.?!]{0,50}\b(?:be enough"
           r"|enough to (?:kill|die|end|not wake))\b",
           r"\b(?:pills?|tablets?|meds) (?:all )?lined up\b",
           r"\blined up (?:my|the|all my) (?:pills|tablets|meds)\b"]),
    # Passive wish to be dead or gone (C-SSRS item 1).
    _rule("crisis.wish_gone", CRISIS, "passive_death_wish",
          [r"\bif i (?:just )?(?:wasn'?t|weren'?t|was not|were not|wasnt|werent) (?:here|around|alive)\b",
           r"\b(?:relieved|happier|easier|better) if i (?:was|were|wasn'?t|weren'?t)"
           r" (?:gone|dead|here|around)\b",
           r"\bif i (?:disappeared|vanished|was gone|were gone) for good\b",
           r"\bpoint (?:of|in) (?:living|being alive|going on|staying alive)\b",
           r"\b(?:no|don'?t see (?:a|any)|there'?s no) way out (?:except|but|other than|apart from)"
           r" (?:dying|death|to die|ending it|suicide|ending my life)\b",
           r"\bonly way (?:out|this (?:pain )?(?:ends|stops)|it (?:ends|stops)|the pain (?:ends|stops))"
           r" is (?:if )?(?:i |to |by )?(?:die|dying|death|end|ending|kill)\w*\b",
           r"\bend (?:my )?(?:lyfe|lif|lyf|lfe)\b|\b(?:if|when|unless) i end me\b"]),
    _rule("crisis.finality", CRISIS, "suicide",
          [r"\b(?:fix|end|stop|sort) (?:it|this|things|the pain|everything)(?: \w+){0,2}?,?"
           r" (?:permanently|for good|forever|once and for all)\b",
           r"\b(?:want|need) (?:it|this|everything) (?:all )?to stop,? (?:permanently|forever|for good)\b",
           r"\bgoodbye (?:for good|forever)\b|\bthis is (?:my )?(?:final|last) goodbye\b"],
          idiom_after=r"^\W*(?:with (?:my|the) (?:walking|plan|exercise|goal))"),
    # Self-harm without the word "self-harm" (NICE NG225).
    _rule("crisis.self_harm_acts", CRISIS, "self_harm",
          r"\b(?:hit|hitting|punch\w*|burn\w*|scratch\w*|bang\w*|smash\w*|bit|bite|biting|hurt\w*)"
          r" (?:myself|my (?:head|arms?|legs?))\b[^.?!]{0,40}\b(?:till?|until|on purpose|bruis\w*|bleed\w*)"),
    # A place of danger, now (Samaritans guidance: location + immediacy).
    _rule("crisis.dangerous_place", CRISIS, "suicide",
          r"\b(?:standing|sitting|stood|i'?m|am|up) (?:on|at|by) (?:the |a )?(?:edge of (?:the |a )?)?"
          r"(?:bridge|ledge|cliff(?: edge)?|roof(?:top)?|train tracks|railway(?: line| tracks)?"
          r"|platform edge)"
          r"\b[^.?!]{0,30}\b(?:right now|now|tonight|about to|going to jump|jump)\b"),
)

CRISIS_RULES += (
    # Lethality questions (C-SSRS: method; NICE NG225: overdose risk).
    _rule("crisis.lethality_question", CRISIS, "overdose",
          [r"\b(?:how many|how much|what dose|what amount"
           r"|which dose)\b[^.?!]{0,60}\b(?:to (?:not wake|never wake"
           r"|die|kill|end it)|would (?:it )?(?:take|be) (?:to (?:die|not wake)|lethal|fatal|enough)"
           r"|(?:is|be)"
           r" (?:lethal|fatal)|stops? (?:your|my|the|someone'?s) (?:breathing|heart))",
           r"\b(?:lethal|fatal|deadly) (?:dose|amount|overdose)\b"]),
    _rule("crisis.take_them_all", CRISIS, "overdose",
          [r"\b(?:take|taking|swallow\w*|inject\w*|down|neck)\b[^.?!]{0,40}\b(?:all at once"
           r"|all (?:\d+|of them)(?: of my)?|all of it|the lot)\b",
           r"\b(?:took|taken|had|taking) (?:extra|more|double) \w+ on purpose\b"],
          idiom_after=r"^\W*(?:as prescribed|with food|in the morning)"),
    _rule("crisis.means_ready", CRISIS, "stockpiling",
          [r"\b(?:pills|tablets|meds|rope|razors?|blades?) (?:are |is )?(?:ready|hidden|stashed|waiting)\b",
           r"\bkeep (?:\w+ )?(?:razors?|blades?) (?:hidden|for when|just in case)\b",
           r"\b(?:rehomed|found a home for|given away) my (?:dog|cat|pets?)\b",
           r"\bsorted (?:out )?my (?:will|affairs|funeral)\b"]),
    _rule("crisis.not_around", CRISIS, "suicide",
          [r"\b(?:won'?t|will not|not going to|wont|not gonna) be (?:here|around"
           r"|alive) (?:much longer|for long|next"
           r" (?:week|month|year)|by|tomorrow|anymore)\b",
           # sixteenth pass: "i don't intend to be here much longer"
           r"\b(?:don'?t|dont|do not) (?:intend|plan|expect|mean) (?:to be|on being) (?:here|around|alive)"
           r" (?:much longer|for (?:much )?longer|for long|next (?:week|month|year)|by (?:christmas|easter"
           r"|the end of)|past|beyond)\b(?![^.?!]{0,30}\b(?:waiting room|queue|party|meeting|job|office|shop"
           r"|pub|ward|town|city|country|flat|house|place|company|rain|cold|heat))",
           r"\bthis is my last (?:message|post|text)\b",
           r"\b(?:plan|planning|planned|plans) (?:for )?(?:my own|your own|my) death\b",
           r"\bctb\b"]),
    _rule("crisis.self_harm_tools", CRISIS, "self_harm",
          r"\b(?:burn\w*|cut\w*|scratch\w*|slic\w*|carv\w*) (?:myself|my (?:arms?|wrists?|legs?"
          r"|thighs?|skin|stomach))"
          r" (?:with|using|on) (?:a |my |the )?(?:lighter|razor|blade|knife|cigarette|scissors|hot|iron)"),
    _rule("crisis.no_reason", CRISIS, "passive_death_wish",
          [r"\bno (?:reason|point) (?:to|in) (?:keep |keeping |carry on |carrying on )?(?:living"
           r"|live|being alive|going on|being here)\b",
           r"\bdeath would (?:honestly |really |just )?be (?:a )?(?:relief|release|mercy|blessing)\b",
           r"\bwish i (?:hadn'?t|had not|didn'?t|did not|hadnt|didnt) (?:woken|wake|woke)(?: up)?\b",
           r"\b(?:go to sleep|sleep|fall asleep) and (?:not|never) wake(?: up)?\b",
           r"\b(?:want|wish|like|love) to (?:just )?(?:not|never) wake up\b",
           r"\bhelp it along\b",
           r"\b(?:want|need) (?:the pain|it|this|everything|me"
           r"|myself) (?:all )?to stop,? (?:permanently|forever|for good)\b"]),
    _rule("crisis.jump_or_train", CRISIS, "suicide",
          [r"\b(?:jump|jumping) (?:off|from|in front of)\b",
           r"\b(?:tallest|highest) (?:buildings?|bridges?|places?)\b[^.?!]{0,30}\bjump",
           r"\b(?:step(?:ping)?|walk(?:ing)?|throw(?:ing)? myself) (?:out )?in front of (?:a |the |an )?"
           r"(?:train|bus|truck|lorry|car|one)\b"],
          idiom_after=r"^\W*(?:the (?:bandwagon|queue|gun)|at the chance)",
          # sixteenth pass: a video game's jump ("the game made me jump off a cliff to get to the
          # next level")
          veto_before=r"\b(?:can|could|should|tell (?:\w+ )?to|told (?:\w+ )?to) go (?:and )?$"
                      r"|\b(?:game|level) (?:made|makes|has|had|wants|told|makes you|made you) (?:me|you|my"
                      r" (?:guy|character|player))(?: \w+)? $"
                      r"|\b(?:my|the) (?:character|avatar|guy|player|sim) (?:has|had|have) to $"),
)

# Third pass, after the third held-out table (safety_cases_3.csv): the categories it
# showed missing. First-pass figures for each table are in the issue notes.
CRISIS_RULES += (
    _rule("crisis.want_to_die_typos", CRISIS, "passive_death_wish",
          [r"\b(?:wnat|wnt|wamt|whant|wan|wana|wanna|wont|want|wants|wanted) (?:to |2 )?die\b"
           r"(?! (?:of|from|laughing|for a|in a))",
           r"\b(?:don'?t|dont|do not) (?:want|wanna|wnat) (?:to|2) (?:live|be alive|exist|be here)"
           r" (?:any ?more|nemore|no more|anymore)\b"]),
    _rule("crisis.taken_by_god", CRISIS, "passive_death_wish",
          r"\b(?:lord|god|jesus|he|him) (?:would |will |to |could )?take me\b|\btake me in my sleep\b"),
    _rule("crisis.when_gone", CRISIS, "suicide",
          r"\b(?<!sleep )(?<!rest )when i'?m (?:gone|dead|not here|no longer here|not around)\b",
          requires=r"\b(?:looked after|taken care|care of|sorted|will|goodbye|gave|given|rehomed"
                   r"|letters?)\b"),
    _rule("crisis.took_all", CRISIS, "overdose",
          [r"\b(?:took|taken|swallowed|had)\b[^.?!]{0,40}\ball of (?:them|it)\b",
           r"\bswallowed (?:everything|the lot|all)\b",
           r"\btake the whole (?:lot|packet|box|bottle)\b",
           r"\b(?:pills|tablets) in (?:one|my) hand\b"]),
    _rule("crisis.self_harm_urge", CRISIS, "self_harm",
          r"\b(?:feel like|urge to|want to|wanna|tempted to|thinking (?:of|about)) (?:cut|cutting|burn"
          r"|burning"
          r"|hurt|hurting) (?:myself|again|me)\b|\bcutting again\b"),
    _rule("crisis.waste_away", CRISIS, "passive_death_wish",
          r"\bwaste away\b|\bstopped eating\b[^.?!]{0,40}\b(?:die|done|waste|end)\b"),
    _rule("crisis.check_out", CRISIS, "suicide",
          r"\bcheck(?:ing)? out (?:permanently|for good|forever|early)\b"),
    _rule("crisis.collecting_pills", CRISIS, "stockpiling",
          r"\b(?:collecting|keeping back|putting aside|hiding away) (?:\w+ ){0,4}?(?:tablets|pills|meds)\b"
          r"|\bkeeping back some of mine\b"),
    _rule("crisis.welcome_death", CRISIS, "passive_death_wish",
          r"\bwelcome death\b|\bdeath would be (?:welcome|a welcome)\b"),
    _rule("crisis.not_tomorrow", CRISIS, "suicide",
          r"\b(?:don'?t|dont|do not) think i'?(?:ll| will) be (?:here|around|alive)\b"),
    _rule("crisis.doing_it_tonight", CRISIS, "suicide",
          r"\b(?:tonight|today) i'?m (?:doing|gonna do|going to do) it\b|\bdoing it tonight\b"),
)

# ---------------------------------------------------------------------------
# Fourth pass (issue 16), by category rather than by sentence: each rule is a
# *concept* (a wish + a state of being dead; a time horizon + an ending; a
# self-directed act + intent or injury; means + possession or plan), written from
# the C-SSRS items and the Samaritans list of warning signs, then measured on
# tests/data/safety_eval_tune.csv. The sealed table was never used to write them.
# ---------------------------------------------------------------------------
_DEAD_STATE = (r"(?:be dead|being dead|b dead|dead|die|dying|died|death|not (?:be )?alive|not (?:be )?here"
               r"(?: any ?more)?|not be around|never woke(?: up)?|didn'?t wake(?: up)?|not wake(?: up)?"
               r"|never wake(?: up)?|stop(?:ped)? existing|not exist\w*|cease to (?:be|exist)"
               r"|stop being alive|stop living|gone for good)")
_WELCOME = (r"(?:easier|better|nicer|peaceful|relief|release|nice|good|kinder|fine|happy|ok|okay|great"
            r"|mercy|blessing|welcome|lovely|glad|wouldn'?t mind|wouldnt mind|not mind|ok with|okay with)")
# A time horizon or a condition that makes the pain permanent (hopelessness with a horizon).
_HORIZON = (r"(?:forever|for ever|permanent\w*|rest of my life|the rest of my days|lifelong|life ?-?long"
            r"|for life|chronic|incurable|no cure|never (?:going to|gonna) (?:get better|go away|improve"
            r"|stop|end|change)|never gets? better|decades?|\d+ (?:more )?years|(?:another|next) (?:\w+ )?"
            r"(?:years?|decades?|winter|summer)|by (?:christmas|summer|winter|spring|the new year|my birthday"
            r"|march|april|may|june|july|august|september|october|november|december|january|february"
            r"|the end of)|till (?:the end of|my birthday|christmas|march|summer)|nothing (?:more|else)"
            r" (?:they|anyone|we|you) can do|no future|as good as it gets|no end|never ends|won'?t ever"
            r"|if (?:this|it|the pain|nothing|the (?:\w+ )?(?:op|operation|surgery|injections?|pain clinic"
            r"|specialist|scan)|there'?s no|i'?m still|i have to|my back|tomorrow|every day|today))")
_ENDING = (r"(?:i'?m (?:done|out)(?=\s*(?:$|[.!?,;]|\b(?:i mean|really|for good|then)\b))"
           r"|i'?m checking out|done with (?:life|living)"
           r"|end (?:it|things|my life|it all|this)|ending (?:it|things|my life|it all)|kill myself"
           r"|want to die|rather (?:be dead|die|not be (?:around|here|alive)|not have a life|not wake up"
           r"|just not"
           r" wake up)|sooner (?:be dead|die|end it)|not (?:be )?(?:here|around|alive) (?:next|by|in)"
           r"|(?:won'?t|will not|not going to) (?:go on|be here|be around|be alive|keep going)"
           r"|not (?:doing|spending|living) (?:another|the rest|this)|that'?s it for me|want (?:it|this|life)"
           r" (?:to be )?over|want out|not sticking around|no reason to (?:live|go on|be alive)"
           r"|(?:don'?t|do not|dont) want (?:to live|to be here|to be alive|a tomorrow|a life|that)"
           r"|why (?:stay|be) alive|no point (?:in )?(?:living|being alive|going on)"
           r"|point of (?:living|being alive)|i'?d rather not|don'?t see myself being here"
           r"|make an end|won'?t be alive|checking out)")

_SELF_ACT = (r"(?:punch\w*|hit|hits|hitting|bang\w*|slam\w*|scratch\w*|dig\w*|bit|bite|biting|burn\w*"
             r"|cut|cuts|cutting|carv\w*|stab\w*|press\w*|pick\w*|smash\w*|broke|break|starv\w*|pull\w*)")

CRISIS_RULES += (
    # Passive death wish (C-SSRS item 1): welcoming death, in any word order.
    _rule("crisis.welcome_being_dead", CRISIS, "passive_death_wish",
          [rf"\b{_WELCOME}\b[^.?!]{{0,25}}?\b(?:to (?:just )?|if i (?:just )?|with )?{_DEAD_STATE}\b"
           r"(?! (?:for|to|of|on|in the (?:gym|pool)|laughing)\b)",
           rf"\b(?:dying|being dead|death|not being here|not waking up)\b[^.?!]{{0,20}}?\b(?:would be|is"
           rf"|sounds"
           rf"|feels|seems|would feel) (?:like )?(?:a |so |such a )?{_WELCOME}\b"],
          veto_before=r"\b(?:phone|battery|batteries|laptop|car|app|plant|plants|tv|telly|charger|watch"
                      r"|fitbit|kindle)\b[^.?!]*$",
          idiom_after=r"^\W*(?:lol|haha|jk)\b"),
    _rule("crisis.hope_not_wake", CRISIS, "passive_death_wish",
          [r"\b(?:hop\w*|pray\w*|wish\w*)\b[^.?!]{0,30}?\b(?:i |to )?(?:don'?t|dont|never|not|won'?t)"
           r" (?:get up|wake|open my eyes|make it to)\b",
           r"\bnever (?:open(?:ed)?|opening) my eyes again\b",
           r"\b(?:fall|go) (?:asleep|to sleep) and (?:that|it|this) (?:be|is|was) (?:the end|it)\b",
           r"\bif i (?:didn'?t|did not|didnt|never|don'?t|dont) wake(?: up)?"
           r" (?:tomorrow|again|one day|i'?d|i would|i wouldn'?t|that'?d|it would|it'?d)",
           r"\b(?:wish|hope|want)\w* (?:i'?d|i would|to|i could|i) (?:just )?die in my sleep\b",
           r"\b(?:wish|hop|pray|want)\w*\b[^.?!]{0,20}\bmy heart (?:would |will |to )?(?:just )?stops?\b"]),
    _rule("crisis.alive_against_will", CRISIS, "passive_death_wish",
          [r"\bwhy am i (?:still )?(?:alive|here|breathing)\b",
           r"\b(?:(?:can'?t|cant|cannot|don'?t|dont) see (?:a|any) )?future (?:where|in which) i (?:would "
           r"|'d )?(?:want|wanna) to (?:be alive|live|be here)\b",
           rf"\b{WANT} (?:to )?(?:just )?(?:stop being alive|stop living|go to sleep forever"
           rf"|sleep forever)\b",
           r"\b(?:don'?t|do not|dont|can'?t|cannot) see (?:the|any) point in (?:staying|being"
           r"|keeping) alive\b",
           r"\benvy (?:people|those|anyone|everyone|the ones)\b[^.?!]{0,15}\b(?:died|dead)\b",
           r"\b(?:want|need|wish)\w* (?:to get )?out of (?:this )?life\b",
           r"\b(?:done|finished|through) (?:with )?being alive\b",
           r"\bwelcome (?:dying|death)\b",
           r"\blost (?:the|my|all) will to (?:live|go on)\b",
           r"\b(?:wish|want|hope)\w* my life (?:would |to |could )?(?:just )?(?:end|be over|stop)\b",
           r"\b(?:wish|want)\w* (?:i could )?(?:just )?cease to (?:be|exist)\b",
           r"\bno (?:wish|desire|will|want) to (?:keep |go on |carry on )?(?:living|live|be alive|go on)\b",
           r"\bbeing alive is (?:too much|unbearable|torture|pointless|hell|agony)\b",
           r"\b(?:don'?t|do not|dont) (?:really )?care (?:if|whether) i (?:live or die|die|wake up"
           r"|make it)\b",
           r"\bdon'?t see why i should (?:stay alive|live|keep living|be alive|go on)\b",
           r"\b(?:god|jesus|the lord)\b (?:\w+ ){0,2}?takes? me\b",
           r"\b(?:(?:wouldn'?t|wouldnt|would not|don'?t|dont) )?(?:mind|hope|hoping|wish|pray\w*|want)\b"
           r"[^.?!]{0,30}?\b(?:bus|car|truck|lorry|train)\b"
           r"[^.?!]{0,10}?\b(?:hit|hits|ran|runs|run|kill|kills) (?:me|over me)\b",
           r"\b(?:pray\w*|hop\w*|wish\w*)\b[^.?!]{0,30}\b(?:finds? something|it'?s (?:cancer|terminal)"
           r"|my last (?:day|birthday|christmas))\b",
           r"\b(?:it'?s|is) my last (?:day|birthday|christmas)\b(?=[^.?!]{0,20}\b(?:hope|pray|wish))"]),
    # Hopelessness with a time horizon: the horizon plus an ending, in either order.
    _rule("crisis.horizon_ending", CRISIS, "hopelessness", rf"\b{_ENDING}", requires=rf"\b{_HORIZON}\b",
          veto_after=r"^\W*(?:for (?:the|to)day|with (?:work|this job|the (?:walking|plan|exercises)))"),
    # Farewells, final arrangements and giving things away (Samaritans warning signs).
    _rule("crisis.farewell", CRISIS, "farewell",
          # "i'll sleep when i'm dead": a saying about a busy life
          [r"\b(?<!sleep )(?<!rest )(?:after|when|once) i'?m (?:gone|dead|not here|no longer (?:here|around)"
           r"|not around)\b"
           r"(?! (?:on|for|to|away|out|overseas|at|in)\b)",
           r"\bbefore i go\b(?! (?:to|out|on|for|away|back|into|and|home|in|over|shopping)\b)(?=[^.?!]{0,0})",
           r"\b(?:where i'?m going|wherever i'?m going)\b",
           r"\b(?:won'?t|wont|will not|not going to) (?:be )?need(?:ing)? (?:it|them|this|that|these|those"
           r"|my \w+|any of (?:it|this)|check ?-?ins|reminders)\b(?! (?:for|until|till|on|at|this week|today"
           r"|tomorrow)\b)",
           r"\b(?:won'?t|wont|will not) be (?:alive|here|around) (?:to|after|for the next|by)\b",
           r"\bnot (?:going to|gonna) be (?:around|here|alive) after (?:tonight|today|this|the weekend)\b",
           r"\blast time (?:you'?ll|you will|anyone will|i'?ll|i will) (?:hear from me|see me|talk to (?:me"
           r"|you)|write)\b",
           r"\b(?:tying|tied|tie) up (?:all )?(?:my )?loose ends\b|\bloose ends (?:are )?(?:sorted|tied up"
           r"|done)\b",
           r"\bmy (?:will|funeral)\b (?:is |are |has been |'s )?(?:all )?(?:sorted|done|planned|paid|written"
           r"|ready|organi[sz]ed)\b",
           r"\b(?:sorted|planned|paid for|organi[sz]ed|written|wrote|made|done|arranged) (?:out )?my (?:will"
           r"|funeral|affairs)\b",
           r"\b(?:put|putting|got|have|sorted) (?:everything|it all|all my affairs) in order\b",
           r"\bexplaining why i (?:did|do|'?m doing|am doing) (?:it|this)\b",
           r"\b(?:sorted|decided|worked out|made a list of|written down|wrote down) (?:out )?who (?:gets"
           r"|will get|has|should have|can have) (?:my|what)\b",
           r"\bwhoever finds me\b|\bfor (?:the person who|someone to) find me\b",
           r"\b(?:goodbye|farewell) (?:texts?|messages?|emails?|cards?|videos?|posts?)\b",
           r"\b(?:letters?|notes?)\b[^.?!]{0,30}\b(?:after i'?m gone|for after|when i'?m gone"
           r"|for everyone i love"
           r"|in the drawer|for my (?:kids|family|wife|husband|partner|children|mum|dad))\b",
           r"\b(?:left|leaving|wrote|written|writing) (?:a )?(?:letters?|notes?) for (?:everyone|my (?:kids"
           r"|family|wife|husband|partner|children))\b",
           r"\b(?:thanks?|thank you) (?:\w+ )?for (?:trying|everything|all (?:you'?ve done|your help))\b"
           r"(?=[^.?!]*(?:[.?!,][^.?!]*)?\b(?:won'?t be (?:back|here|around)|goodbye|for good|last (?:message"
           r"|time)|i'?m done|take care of yourself))",
           r"\b(?:because|cos|as) it'?s the last time\b|\bfor the last time\b(?=[^.?!]{0,40}$)",
           r"\bdon'?t know (?:it'?s|this is) (?:the end|goodbye|the last)\b",
           r"\b(?:rang|called|texted|phoned|messaged|visited) (?:\w+ ){0,2}?to say goodbye\b",
           r"\b(?:say|said|saying) goodbye before i go\b|\bwanted to say goodbye\b",
           r"\bposted my last\b",
           r"\b(?:thanks?|thank you)\b[^.?!]{0,30}\bgoodbye\b",
           r"\bsaying (?:my )?goodbyes\b"]),
    # Means and method: possession, a hidden supply, fixation, research (C-SSRS: method, preparation).
    _rule("crisis.means_supply", CRISIS, "method_means",
          [rf"\b(?:hid(?:e|ing|den)?|stash\w*|hoard\w*|squirrel\w*|stockpil\w*|keep(?:ing)? back|kept back"
           rf"|put(?:ting)? (?:aside|away)|set(?:ting)? aside|keep(?:ing)? aside|kept aside|sav(?:e|ed|ing)"
           rf"(?: up)?) (?:\w+ ){{0,4}}?{MEDS}\b(?! (?:for (?:the|a|my) (?:trip|holiday|flight|weekend"
           r"|journey)|for (?:tonight|bedtime|later)))",
           rf"\b{MEDS}\b (?:\w+ ){{0,2}}?(?:aside|hidden|put away|stashed|saved up|hoarded|squirrell?ed away"
           rf"|saved for (?:when|later|the right|one day)|under the bed|in (?:a|the) (?:box|tin|sock))\b",
           rf"\b(?:\d+|a month|months?|weeks?|two months|three months)\b (?:\w+ ){{0,2}}?(?:worth )?(?:of )?"
           rf"(?:my |mums |dads |the )?(?:old )?{MEDS}\b (?:\w+ ){{0,2}}?(?:hidden|put away|stashed|saved"
           rf"|aside"
           r"|in the drawer|in a drawer)\b",
           rf"\ball (?:of )?my {MEDS}\b[^.?!]{{0,25}}\b(?:on the table|out|lined up|in front of me|ready|in a"
           r" (?:bottle|jar|bag|pile)|together|counted)\b",
           rf"\b(?:filled|collected|gathered) (?:a |the )?(?:bottle|jar|bag|box|tin) (?:with|of) (?:all )?"
           rf"(?:my )?{MEDS}\b",
           rf"\b{MEDS}\b (?:out )?on the table\b[^.?!]{{0,40}}\b(?:glass of water|vodka|wine|whisky|ready)\b"
           rf"|\b(?:vodka|wine|whisky|glass of water)\b[^.?!]{{0,40}}\ball (?:of )?my {MEDS}\b",
           rf"\b(?:take|taking|took|swallow\w*|use|using|inject\w*)\b[^.?!]{{0,10}}?\b(?:it|them) all\b"
           rf"(?=[^.?!]*(?:{MEDS}|insulin))|\b(?:{MEDS}|insulin)\b[^.?!]*\b(?:take|taking|took|swallow\w*|use"
           r"|using|inject\w*)\b[^.?!]{0,10}?\b(?:it|them) all\b",
           r"\btake (?:everything|all) (?:in|from) (?:the|my) (?:medicine|bathroom|pill) (?:cabinet|cupboard"
           r"|drawer|box)\b",
           rf"\b(?:know|worked out|found out) (?:how many|which|what) (?:\w+ )?(?:{MEDS} )?(?:would|will"
           rf"|could)"
           r" do it\b",
           rf"\b(?:is|are|would|will) (?:\d+|{NUM_BIG}) (?:\w+ )?{MEDS} (?:be )?enough\b",
           r"\b(?:max(?:imum)?|most) (?:dose|amount)\b[^.?!]{0,30}\b(?:kill\w*|die|dead|lethal|fatal)\b"]),
    # "saving them up", "a stockpile": the medicine may be named anywhere in the message.
    _rule("crisis.means_supply_pronoun", CRISIS, "method_means",
          r"\bsav(?:e|ed|ing) (?:them|it|these|those) up\b|\b(?:a|my) stockpile\b", requires=rf"\b{MEDS}\b"),
    _rule("crisis.means_method", CRISIS, "method_means",
          [r"\b(?:look\w* up|googl\w*|search\w*|research\w*|read(?:ing)? (?:up )?(?:on|about)|looked into)\b"
           r"[^.?!]{0,40}?\b(?:how many|how much|lethal|overdose|ways? to (?:die|end|kill|go)|which (?:pills"
           r"|tablets|overdose)|painless|way to go|(?:is|be) (?:a )?painful)\b",
           r"\b(?:which|what) (?:bridge|cliff|building|spot|place|tree|rope|pills"
           r"|tablets)\b[^.?!]{0,20}\b(?:i'?d"
           r"|to|i would|i'?ll|i will|i could) (?:use|jump|do it|go|take)\b",
           r"\bfound the (?:right|perfect|best) (?:spot|place|bridge|cliff|tree|way)\b",
           r"\bengine running\b(?=[^.?!]*\b(?:garage|shed|thinking|hose)\b)|\bhose (?:for|to|on|into|onto)"
           r" (?:the )?(?:car )?exhaust\b",
           r"\b(?:gun|shotgun|rifle|firearm|pistol)\b[^.?!]{0,40}\b(?:thinking about|think about"
           r"|keep thinking"
           r"|use it on|on myself|end it|it'?s loaded|loaded it)\b",
           r"\b(?:staring|looking|stare|look|keep looking|kept looking) at (?:the )?(?:knives?|razors?"
           r"|blades?"
           r"|pills|tablets|rope|bridge|train tracks)\b",
           r"\b(?:knife|razor|blade|rope|pills|tablets)\b (?:is |are )?(?:on|by|under|next to) (?:the |my )?"
           r"(?:bedside|bed|pillow)\b",
           r"\b(?:bought|got|buy|have) (?:a |some |new |a packet of |a pack of )?(?:razor )?blades?\b"
           r"(?=[^.?!]*\b(?:not for shaving|for it|myself|tonight|ready|hidden|hide)\b)",
           r"\b(?:keep|kept|hid|hide|hiding|hidden|bought|got|have)\b (?:the |a |my )?rope\b" + _NOT_A_NOOSE
           + r"|\brope i (?:bought|got|have|keep|hid)\b(?! for)",
           r"\bwalk\w* into the (?:sea|ocean|water|river|lake|surf)\b",
           r"\bdriv\w* (?:my car |the car )?off (?:a|the) (?:bridge|cliff|road|wharf|pier)\b",
           r"\b(?:crash|crashing|wrap|wrapping) (?:my |the )?car\b[^.?!]{0,40}\b(?:on purpose|look like an"
           r" accident|into a tree|and not)\b|\bmake it look like an accident\b",
           r"\b(?:think\w*|thought) (?:a)?(?:bout|of) (?:jumping|stepping off|stepping in front"
           r"|throwing myself"
           r"|driving off|walking into|hanging|drowning|overdosing|taking (?:them|it) all|slitting)\b",
           r"\b(?:went|go|drove|walked|stood|standing|sat|sitting|been|up) (?:\w+ ){0,3}?(?:to |on |at |by "
           r"|near"
           r" |up to |onto )?(?:the |a )?(?:cliff\w*|bridge|roof\w*|edge|railway\w*|train tracks|tracks"
           r"|(?:train )?platform|car ?park roof)\b(?=[^.?!]{0,60}\b(?:thinking|about it|jump\w*|step\w* off"
           r"|stood there|an hour|wanted to|end it|tonight|right now|texting|goodbye|won'?t come))"]),
    # Self-harm by what is done to oneself and why (NICE NG225).
    _rule("crisis.self_harm_act", CRISIS, "self_harm",
          [rf"\b{_SELF_ACT}\b[^.?!]{{0,40}}?\b(?:till?|until|'?til) (?:i|it|they|my \w+|there'?s|there is)"
           r" (?:bleed|bled|bleeds|bruise[sd]?|break|broke|swell|is raw|are raw|blood)\b",
           rf"\b{_SELF_ACT}\b[^.?!]{{0,20}}?\b(?:my|myself|me)\b[^.?!]{{0,30}}?\b(?:on purpose|deliberately"
           r"|intentionally)\b(?<!\bgym on purpose)",
           r"\bmake myself (?:hurt|bleed|suffer|bruise)\b",
           r"\b(?:was|been|did|relapsed on|relapse on|do|doing) sh (?:again|last night|tonight|today)\b"
           r"|\bsh (?:relapse|urges?|again)\b",
           r"\b(?:hurt|hurting|harm|harming|punish\w*|starv\w*) my (?:own )?body\b",
           r"\bstarv\w* myself\b",
           r"\b(?:hurting|harming|cutting|burning|hitting|punching|scratching) myself (?:again|every|most"
           r"|when|at night|to cope|is the only|helps)\b",
           r"\b(?:started|start|back to|keep|been|kept|began) (?:hurting|harming|cutting|burning|hitting"
           r"|punching|scratching) myself\b(?! (?:at the gym|lifting|by accident))",
           r"\b(?:hurting|harming|cutting) myself is\b",
           r"\btook (?:a|the) (?:blade|knife|razor|scissors|lighter) to my\b",
           r"\b(?:blade|knife|scissors|lighter|cigarettes?|compass|pen|iron)\b (?:on|to|into|across|onto"
           r"|against)"
           r" my (?:arms?|legs?|wrists?|thighs?|skin|stomach|body)\b",
           r"\b(?:pressed|held|put|pushed)\b[^.?!]{0,20}\b(?:iron|lighter|cigarette|kettle|pan)\b[^.?!]{0,10}"
           r"\b(?:on|onto|against|to) my\b",
           r"\bcarv\w* (?:\w+ ){0,3}?(?:into|on) my (?:skin|arms?|legs?|thighs?|wrists?|body|stomach)\b",
           r"\burges? to (?:cut|burn|hurt|harm|self ?-?harm|sh)\b",
           r"\b(?:so|and|then|that'?s why) i cut\s*(?:$|[.!?,]|\b(?:again|myself)\b)",
           r"\b(?:hitting|punching|slapping|beating|biting) myself\b(?! (?:with (?:the|a) (?:door|ball"
           r"|racquet|bat)|by accident|accidentally))",
           r"\b(?:punched|slapped|beat|bit) myself\b",
           r"\bdig\w* (?:\w+ ){0,2}?into my (?:arms?|legs?|skin|wrists?|thighs?|hands?)\b",
           r"\bto (?:hurt|harm|punish|injure) (?:myself|me)\b(?<!enough to hurt myself)",
           r"\bpunish(?:ing)? (?:myself|my body)\b"],
          veto_after=r"^\W*(?:at the gym|lifting|in the garden|by accident|accidentally)"),
    # Burden and worthlessness with death or absence (interpersonal theory of suicide).
    _rule("crisis.burden_absence", CRISIS, "burden",
          [r"\b(?:would|'d|will|'ll|could) (?:all )?(?:be )?(?:\w+ ){0,2}?(?:happier|better|fine|easier|free"
           r"|relieved|cope|move on|manage|get on)\b[^.?!]{0,20}\bwithout me\b"
           r"(?! (?:for (?:a|the|one|two)|while|at|on|today|this week|tomorrow)\b)",
           r"\bbetter off without (?:a|their|this|his|her) (?:useless|broken|crap|rubbish|worthless|crippled"
           r"|sick)\b",
           r"\b(?:relieved|happier|better|free|easier|kinder)\b[^.?!]{0,15}\bif i (?:just )?(?:died|was dead"
           r"|were dead|was gone|were gone|wasn'?t here|disappeared|killed myself|ended (?:it|things"
           r"|my life))\b",
           r"\bif i (?:was|were) (?:gone|dead|not here|not around)\b",
           r"\bif i (?:just )?(?:ended (?:it|things|my life)|killed myself)\b",
           r"\b(?:don'?t|do not|dont|doesn'?t) deserve (?:to (?:live|be alive|be here|exist)|life)\b",
           r"\b(?:shouldn'?t|should not|shouldnt) (?:even )?(?:be )?(?:alive|exist|living)\b",
           r"\binsurance (?:money|payout|pay ?out|policy)\b(?=[^.?!]*\b(?:better|than (?:with )?me|if i"
           r"|when i|die|dead|gone)\b)",
           r"\bdoing (?:them|everyone|everybody|the world|my family|him|her) a favou?r\b"
           r"(?=[^.?!]*\b(?:ending|dying|gone|dead|killing|if i|by)\b)",
           r"\b(?:no ?one|nobody|no-one|noone)\b (?:would|will|'d)? ?(?:even )?(?:miss|notice"
           r"|care)\b[^.?!]{0,20}"
           r"\bif i (?:died|was gone|were gone|was dead|killed myself|disappeared|wasn'?t here)\b",
           r"\bwaste of (?:oxygen|air|space|skin|life)\b(?=[^.?!]*\b(?:dead|die|gone|exist|alive|end it"
           r"|for good)\b)",
           r"\b(?:disappear|vanish)\w* for good\b"]),
    # Slang and typos (Samaritans guidance on online language).
    _rule("crisis.slang_more", CRISIS, "slang",
          [r"\b(?:yeet|chuck|fling|throw)\w* (?:myself|me) off\b",
           r"\bsui(?:cidal)? (?:thoughts|ideation|idea|feels|vibes|mode|urges)\b",
           r"\bdirt ?nap\b(?=[^.?!]*\b(?:on purpose|gonna|want|wanna|going to|take)\b)",
           r"\bw(?:a|n|an|na|nn|ann|nna|ana|nt|ant|nat|amt|hant)(?:a|na)? (?:2 |to |ta )?(?:die|dye|b dead"
           r"|be dead)\b(?! (?:of|from|laughing)\b)",
           r"\b(?:thinkin[g']?|thought|thinking) (?:a)?bout (?:ending|end) (?:it|things|my life)\b",
           r"\bkys\b(?=[^.?!]*\b(?:myself|to myself|tell myself)\b)",
           r"\b(?:might|gonna|going to|gna|gunna|wanna|want to|about to) (?:go )?jump"
           r"(?=\s*(?:$|[.!?,]|\b(?:ngl|tbh|fr|lol|rn|tonight|now|off)\b))",
           r"\b(?:gna|gunna|gnna|imma|ima|tryna) (?:kill (?:myself|myslf|myslef)|end it|off myself|od|o\.d"
           r"|overdose|die)\b"]),
)

# ---------------------------------------------------------------------------
# Fifth pass, after the sealed run, from tests/data/safety_eval_tune_2.csv (written
# to be indirect): a wish or acceptance and a state of being dead or gone anywhere in
# one sentence, finality said as "the end for me" or "last check in", exits in slang,
# and self-harm by a body part plus an injury. Figures of speech only downgrade these
# to the check question (never silence).
# ---------------------------------------------------------------------------
_GONE = (r"(?:die|died|dying|dead|(?<!slow )death|be gone|being gone|gone for good|stop being"
         r"(?=\s*(?:$|[.!?,]|\b(?:here|alive|around|at all)\b))|stop existing"
         r"|not (?:let me |to )?wake|never wake|go black|stay black|never (?:been |be )?here"
         r"|not (?:have to )?come"
         r" back|never come back|be over for good|over for good|takes? me|join (?:her|him|them)|with my late"
         r"|clock out of life|check out for good|my exit|not be around|won'?t be around)")
_ACCEPT = (r"(?:want(?:s|ed|ing)?|wanna|wish(?:es|ed|ing)?|hop(?:e|es|ed|ing)|pray(?:s|ed|ing)?|ask god"
           r"|ready|welcome|fine by me|fine with|peaceful"
           r"|better|love|would love|waiting (?:to|for)|not be upset|wouldn'?t be upset|doesn'?t scare"
           r"|don'?t scare"
           r"|no longer scares|relief|at peace|planning|plan)")
CRISIS_RULES += (
    _rule("crisis.accept_gone", CRISIS, "passive_death_wish",
          # The state must be the speaker's own: "i could/would ...", "to ..." right after the wish,
          # or wording that carries "me" ("takes me", "not let me wake", "my exit").
          [rf"\b{_ACCEPT}\b[^.?!]{{0,40}}?\b(?:i (?:could|would|can|might|'?d)?|me|myself)\b (?:just )?"
           rf"(?:\w+ )?{_GONE}\b",
           rf"\b{_ACCEPT}\b (?:to|2) (?:just )?{_GONE}\b",
           rf"\b{_ACCEPT}\b[^.?!]{{0,20}}?\bit'?d be to (?:just )?{_GONE}\b",
           rf"\b{_ACCEPT}\b[^.?!]{{0,60}}?\b(?:takes? me|not let me wake|my exit|clock out of life"
           r"|check out of life|be with my late)\b",
           rf"\bif i (?:just )?(?:died|was gone|were gone|was dead)\b[^.?!]{{0,30}}?\b{_ACCEPT}\b",
           r"\bdeath (?:doesn'?t|does not|no longer) scares? me\b"],
          veto_after=r"^\W*(?:for|to|of|laughing|on (?:the|that|this))\b",
          # "my back wants me dead": a body part is the one "wanting" (a figure of speech)
          veto_before=r"\b(?:back|knees?|hips?|neck|body|sciatica|pain|legs|feet|shoulders?|arthritis|fibro"
                      r"|migraine|joints?)\s+(?:\w+\s+)?$",
          idiom_after=r"^[^.?!]*\b(?:lol|haha|lmao)\b(?![^.?!]*\b(?:not joking|no joke|srs|serious))"),
    _rule("crisis.wish_gone_more", CRISIS, "passive_death_wish",
          [r"\bwaiting (?:to die|for death|to be dead)\b(?! (?:down|off|out))",
           r"\b(?:want|wish)\w* (?:everything|it all|the world|it) to go (?:black|dark|quiet)\b",
           r"\bbetter if i (?:was|were|had) never (?:been )?(?:here|born|around)\b",
           r"\b(?:i|me|myself) (?:(?:could|would|'d|just|to) )*(?:disappear|vanish|go away)\w* and never come"
           r" back\b",
           rf"\b{_ACCEPT}\b[^.?!]{{0,15}}\b(?:all of it|everything|it all|my life|life|all this)\b"
           r"[^.?!]{0,15}\bover for good\b",
           r"\b(?:sleep|go to sleep|fall asleep)\b[^.?!]{0,10}\band (?:not|never) (?:have to )?come back\b",
           r"\b(?:not|wouldn'?t|never) (?:be )?(?:upset|sad|sorry|mind)\b[^.?!]{0,20}\bif i (?:got|was|were)"
           r" (?:hit|killed|run over|struck) by (?:lightning|a (?:bus|car|truck|train|lorry))\b"]),
    _rule("crisis.no_will", CRISIS, "passive_death_wish",
          r"\bno (?:will|reason|desire) to (?:keep going|go on|carry on|live|keep living)\b"),
    _rule("crisis.finality_more", CRISIS, "farewell",
          [r"\b(?:this|that) (?:will be|is) my (?:last|final) (?:check ?-?in|message|chat|time)\b",
           r"\b(?:won'?t|will not|never) hear from me again\b",
           r"\bthis is the end for me\b|\bthe end of the road for me\b",
           r"\b(?:instructions|letters?|notes?)\b[^.?!]{0,30}\b(?:for everything after|for after"
           r"|for when i'?m gone|to each of|for each of)\b",
           r"\b(?:written|wrote|planned|chosen|picked) (?:what i want|the songs|the music|the readings) (?:at"
           r"|for) my funeral\b",
           r"\bat peace with my decision\b",
           r"\b(?:gave|given|giving) (?:my|all my) (?:\w+ ){0,3}?(?:keys|car|house|things)\b[^.?!]{0,30}"
           r"\bfor good\b",
           r"\b(?:giving|gave|given|rehom\w*) (?:away )?my (?:\w+ )?(?:cat|dog"
           r"|pets?)\b[^.?!]{0,40}\b(?:won'?t be"
           r" (?:around|here)|not be around|after i'?m gone|for good)\b"],
          subject_check=False),
    _rule("crisis.horizon_refusal", CRISIS, "hopelessness",
          [r"\bcount me out\b", r"\bi'?m out of here\b", r"\bi'?d rather go now\b",
           r"\bi'?ll do something\b(?=[^.?!]*$)", r"\bwhy bother living\b",
           r"\bisn'?t a life i want\b|\bnot a life i want\b",
           r"\bdon'?t want (?:forever|a future|another (?:day|year))\b",
           r"\bno way\b(?=[^.?!]{0,5}$)"],
          requires=rf"\b{_HORIZON}\b|\b(?:if|decade|lifetime|forever|next \d+|by \d+|ever getting better)\b"),
    _rule("crisis.self_harm_more", CRISIS, "self_harm",
          [r"\b(?:burn|burnt|burned|burning) my (?:hand|arm|skin|leg|wrist)s? (?:on|with) (?:the )?(?:stove"
           r"|iron"
           r"|lighter|kettle|cigarettes?|hob)\b[^.?!]{0,30}\b(?:to feel|on purpose|to cope|because)\b",
           r"\bsh-?ing\b|\bbeen sh\b",
           r"\b(?:bruise|punch|hit|beat) my (?:own )?(?:legs|thighs|arms|stomach|face|head)\b[^.?!]{0,30}"
           r"\b(?:fists?|till|until|black and blue|on purpose|bruised)\b",
           r"\b(?:hurting|harming|cutting) myself and hiding it\b"]),
)

# ---------------------------------------------------------------------------
# Sixth pass (issue 16, after the second sealed table's first pass), from
# tests/data/safety_eval_tune_3.csv: indifference to dying ("wouldn't mind if I got hit
# by a car"), refusing a future with a horizon ("can't do another 20 years"), a decided
# ending said without a method ("it'll all be over by the weekend, I've made sure"),
# supplies gathered from several shops, places thought about, and a goodbye to Pacer
# itself. Each is a concept, not a sentence; the second sealed table was not read.
# ---------------------------------------------------------------------------
_WOULDNT_MIND = (r"(?:wouldn'?t|would not|won'?t|wont|would ?n'?t) (?:even |really "
                 r"|honestly )?(?:mind|care|fight it|be sorry|complain)")
_HARM_TO_ME = (r"(?:i (?:got |get |was |were )?(?:hit|run over|killed|struck)|i (?:died"
               r"|didn'?t wake|never woke"
               r"|dropped dead)|(?:my|the old) (?:heart|ticker) (?:gave out|stopped|gives out|stops|quit"
               r"|quits|packed (?:in|up))|something (?:happened|happens)"
               r" to me|i (?:got|get) (?:sick|cancer) and died)")
_FUTURE_SPAN = (r"(?:another|the next|a further|more) (?:\d+|few|couple of|ten|twenty|thirty|forty|fifty)?"
                r" ?(?:years?|decades?|winters?|summers?|months)|decades? more|a lifetime"
                r"|the rest of my life")
CRISIS_RULES += (
    _rule("crisis.indifferent_to_dying", CRISIS, "passive_death_wish",
          [rf"(?:\bi (?:\w+ )?)?\b{_WOULDNT_MIND}\b[^.?!]{{0,25}}\bif {_HARM_TO_ME}\b",
           rf"\bif {_HARM_TO_ME}\b[^.?!]{{0,40}}\b(?:i'?d be (?:ok|okay|fine|happy|relieved|glad)"
           rf"|(?:that'?s|thats|that would be) (?:ok|okay|fine)(?: by me| with me)?|i {_WOULDNT_MIND})\b",
           r"\b(?:hop(?:e|es|ed|ing)|pray(?:s|ed|ing)?|wish(?:ing)?) (?:for|i (?:have|get"
           r"|had)) an accident\b",
           r"\b(?:i'?d |i would |i )?(?:welcome|long for|look forward to) (?:the end|death|dying|my death)\b",
           r"\bstay asleep (?:for good|forever|for ever|permanently)\b",
           r"\b(?:jealous|envious) of (?:people|those|everyone|anyone) who(?:'?ve| have)? (?:passed"
           r"|died|gone)\b",
           r"\b(?:dying|death|being dead) (?:doesn'?t|does not|no longer|don'?t) scares? me\b",
           r"\b(?:dying|death|being dead) (?:sounds|seems|would be|feels) like (?:a )?(?:relief|rest|peace"
           r"|holiday|mercy)\b",
           r"\brather be (?:six feet under|in the ground|in a box|in my grave|in a coffin"
           r"|pushing up daisies)\b",
           r"\b(?:pray|praying|hope|hoping|wish|wishing) i (?:don'?t|never|won'?t) (?:see|wake up to|make it"
           r" to|get to) (?:another|tomorrow|the) (?:morning|day|sunrise)\b",
           r"\b(?:stopped|stop|don'?t) caring (?:if|whether) i (?:wake|live|die|make it)\b"]),
    _rule("crisis.refuse_future_span", CRISIS, "hopelessness",
          [rf"\bi (?:can'?t|cannot|won'?t|wont|will not|refuse to|am not going to|'?m not going to|'?m not)"
           rf" (?:do|doing|spend|spending|face|facing|live through|living through|go through|going through"
           rf"|survive|live|living)\b[^.?!]{{0,15}}\b{_FUTURE_SPAN}\b",
           r"\bwhy (?:should|would|do) i (?:keep going|go on|carry on|bother living|keep living|stay)\b",
           rf"\bnot (?:going to|gonna) (?:spend|do|live) {_FUTURE_SPAN}\b[^.?!]{{0,30}}\b(?:i'?ll make sure"
           r"|i won'?t|i refuse)\b",
           r"\b(?:i'?m |im |i am )?(?:done|finished) (?:with )?living\b",
           r"\bno (?:future|life) (?:worth|left) (?:being alive|living|staying alive|sticking around) for\b",
           r"\b(?:can'?t|cannot) (?:see|picture|imagine) (?:myself|me) (?:still )?(?:being )?(?:alive|here"
           r"|around)\b[^.?!]{0,20}\b(?:in a year|next year|in \w+ years?|by|like this|with this)\b",
           r"\btak(?:e|ing) myself out of the picture\b",
           r"\bi'?ve given myself (?:till|until|to|a deadline|a date)\b"]),
    _rule("crisis.decided_ending", CRISIS, "farewell",
          [r"\b(?:made (?:up )?my mind|made sure|decided|my decision)\b[^.?!]{0,40}\b(?:all )?(?:end|be over"
           r"|stop hurting|stop)\b[^.?!]{0,10}\b(?:soon|tonight|tomorrow|for good|this week)\b",
           r"\b(?:end|be over|stop hurting|stop)\b[^.?!]{0,10}\b(?:soon|tonight|tomorrow"
           r"|for good)\b[^.?!]{0,20}"
           r"\b(?:i'?ve made sure|made sure of it|i'?ve decided|made up my mind)\b",
           r"\bonly (?:one )?way out\b[^.?!]{0,30}\b(?:i'?m taking it|i'?ve chosen it|i'?ll take it|taking it"
           r"|choose it|chosen it)\b",
           r"\b(?:found|have|know|got) a way (?:out of (?:the|this) pain|out|to (?:make|stop) (?:it|the pain)"
           r"(?: stop)?)\b[^.?!]{0,20}\b(?:for good|permanently|forever|for ever)\b",
           r"\bno more pain after (?:tonight|today|tomorrow|this week|the weekend)\b",
           r"\b(?:won'?t|wont|will not|not going to) be (?:around|here) (?:for )?(?:much|a lot) longer\b"]),
    _rule("crisis.not_for_much_longer", CRISIS, "burden",
          # "You won't have to put up with me much longer": the others are the subject, the
          # ending is the speaker's.
          r"\b(?:won'?t|wont|will not|not going to|don'?t) (?:have to |need to )?(?:worry about|put up with"
          r"|deal with|look after|bother with|carry) me (?:for )?(?:much|any) longer\b",
          subject_check=False),
    _rule("crisis.goodbye_to_pacer", CRISIS, "farewell",
          [r"\b(?:the )?last time (?:i'?ll|i will|i'?m going to|you'?ll) (?:message|write|talk|chat|hear)\b",
           r"\bgoodbye\b[^.?!]{0,30}\b(?:won'?t|wont) (?:be )?need(?:ing)? (?:you|this|it|pacer)"
           r" (?:after|anymore|any more)\b",
           r"\b(?:wrote|written|writing|left) (?:everyone|each of them"
           r"|all of them) (?:a )?(?:letters?|notes?)\b",
           r"\b(?:gave|given|giving|left|leaving) (?:away )?(?:my |all my )?(?:\w+ ){0,2}to (?:my )?\w+ so"
           r" (?:she|he|they|they'?ll|she'?ll|he'?ll) (?:has|have|ha[sv]e got) (?:it|them) (?:after|when)\b",
           r"\b(?:cleared|cleaned) out (?:my|the) (?:flat|house|room|place)\b[^.?!]{0,40}\b(?:won'?t|wont)"
           r" need (?:it|them|anything)\b"]),
    _rule("crisis.means_gathered", CRISIS, "means",
          [rf"\b(?:collect|gather|stash|squirrel|put)(?:ing|ed)? (?:away |up )?(?:my |all my |the )?{MEDS}\b",
           rf"\b(?:bought|buying|buy|got|getting) (?:extra |more |lots of |heaps of |a lot of )?{MEDS}"
           r" (?:from|at) (?:\w+ )?(?:different|several|multiple|a few|two|three|four|lots of) (?:shops"
           r"|chemists|pharmacies|stores|supermarkets)\b",
           r"\b(?:keep|kept|can'?t stop|been) thinking about (?:the|that) (?:\w+ )?(?:bridge|cliffs?|tracks"
           r"|railway|train line|car ?park roof|tall building)\b",
           r"\b(?:stood|standing|sat|sitting) (?:at|on) the edge\b"]),
    _rule("crisis.burden_freed", CRISIS, "burden",
          [r"\b(?:they|she|he|everyone|my family)(?:'?d| would) be (?:free|freer|happier|better)"
           r" (?:without me|if i (?:was|were) gone)\b",
           r"\b(?:don'?t|dont|doesn'?t) need me alive\b", r"\bwaste of (?:space|oxygen|air|a life)\b"],
          subject_check=False),
)
