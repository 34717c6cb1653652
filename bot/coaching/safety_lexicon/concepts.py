"""Concerning but unclear, by *concept* rather than by phrase (issue 16, seventh pass).

The phrase tables (crisis.py, check.py) match wordings; each new writer finds new ones. These
rules match two concepts near each other instead, so unseen wordings of the same idea still get
the check question (which shows the region's crisis lines):

* a wish or a welcome  + ending, absence or death          ("id happily not exist")
* a time horizon       + a refusal to go on                ("if its permanent ... im out")
* ending or leaving    + finality ("for good", "tonight")  ("time i checked out for good")
* a medicine or supply + a quantity or a hoard             ("counting my tablets to see if theres enough")
* a place or a means   + planning                          ("picking out the bridge on my drives home")
* an arrangement       + "after" / "when im gone"          ("made sure the cat will be fed after")
* self-injury          + "until it bled" / "on purpose"
* someone else         + a goodbye, a plan, a method       (level crisis_third_person)

Every rule here is level `crisis_check` (or `crisis_third_person`): never the full script, never
silence. A rule's first-person reading is checked by the engine (a sentence about someone else is
skipped); fixed other senses (sport, work, devices, errands) are vetoed in the rule itself.

How to add a concept word: add it to the word list below (normalised lower case), then run
bench/safety_eval.py on every table: a word list changes many sentences at once, so watch the
near-miss and everyday rows as well as the crisis rows.
"""

from __future__ import annotations

from bot.coaching.safety_lexicon.fragments import MEDS
from bot.coaching.safety_lexicon.rules import CHECK, THIRD, Rule
from bot.coaching.safety_lexicon.rules import rule as _rule


def _near(first: str, second: str, gap: int = 50) -> list[str]:
    """`first` then `second` within `gap` characters (a sentence break allowed), or the reverse."""
    return [rf"\b(?:{first})\b[^!\n]{{0,{gap}}}?\b(?:{second})",
            rf"\b(?:{second})\b[^!\n]{{0,{gap}}}?\b(?:{first})"]


# --- the concepts --------------------------------------------------------------------------
WISH = (r"(?:simplest|easiest|kindest)|i'?d (?:trade|swap|give)|id (?:trade|swap|give)|wish(?:es|ed|ing)?"
        r"|hop(?:e|es|ed|ing)|pray(?:s|ed|ing)?|want(?:s|ed|ing)?|wanna|rather"
        r"|happily|happy enough|daydream\w*|dream(?:s|ing)? (?:of|about)|fantasi[sz]\w*|suit me"
        r"|(?:would|'?d|id) be (?:fine|happy|ok|okay|glad|relieved)|would be (?:nice|good|better|easier"
        r"|peaceful|a relief|lovely)|sounds? (?:\w+ )?(?:better|nice|good|peaceful|lovely|like a relief)"
        r"|envy|jealous|(?:swap|trade) places with")
GONE = (r"stop(?:ped)? (?:breathing|existing)|(?:to )?not exist|never (?:been|be) born|never existed"
        r"|being gone|be gone|properly gone|fade (?:out|away)|not (?:be )?(?:around|here) any ?more"
        r"|(?:not|never|didn'?t|didnt|don'?t|dont|wont|won'?t) (?:wake|waking|woke)(?: up)?"
        r"|never (?:coming|come) back(?! to (?:this|that|the|work|my))|(?:my|this) last (?:birthday"
        r"|christmas|summer|winter)|(?:be|being) dead|(?:heart|breathing) (?:would |will |to )?(?:just )?"
        r"(?:quietly )?(?:stop|give out|give up)|(?:6|six) ?(?:ft|feet|foot) under|at rest|in the ground"
        r"|deathbed|(?:kept|keep) me under|(?:finish|finishes|finished) me(?: off)?\b(?! (?:for|at|in|on"
        r"|with))|quiet in the ground|not (?:to )?wake up")
HORIZON = (r"lifelong|life ?-?long|for the rest of (?:it|my time)|forever|for ever|for life"
           r"|the rest of my (?:life|days)|decades?|old age|retirement|permanent\w*"
           r"|chronic|no cure|(?:another|next|more|one more|\d+|few|ten|twenty|thirty|forty"
           r"|fifty) (?:more )?(?:bad |hard )?"
           r"(?:years?|yrs|decades?|months?|winters?|summers?)|how many (?:more )?years|at (?:40|50|60|70)"
           r"|by (?:christmas|easter|spring|summer|winter|autumn|my birthday|new year|the end of)"
           r"|(?:till|until|til) (?:christmas|easter|spring|summer|winter|autumn|my birthday|new year)"
           r"|never (?:going to|gonna) (?:get better|go away|end|improve|stop|change)"
           r"|if (?:it|this|the \w+|they) (?:fails?|doesn'?t work|doesnt work|don'?t work|dont work)"
           r"|if nothing changes|if (?:this|it) is it"
           r"|never (?:goes|go) away|(?:doesn'?t|doesnt|won'?t|wont) (?:ever )?(?:go away|get better|improve)"
           r"|(?:if|when) (?:the|my) (?:\w+ ){0,2}?(?:is|comes? back|says?|turns? out) (?:bad|no|nothing)"
           r"|(?:if|when|once) (?:the|my) (?:\w+ ){0,2}?(?:stops? working|fails?|runs? out|(?:is|are) gone)")
REFUSAL = (r"(?:not|never) (?:hanging|sticking|staying) (?:around|about)|not signing up (?:for|to)"
           r"|count me out|(?:i'?m|im) out|(?:i'?m |im )?not (?:doing|staying|sticking around|living with"
           r"|living through|going through)"
           r"|(?:won'?t|wont|will not|not going to|not gonna) (?:make it|be here|be around|survive|last"
           r"|serve|stay|let myself|bother)|(?:can'?t|cant|cannot) (?:live|last|keep going|go on|picture"
           r"|see myself|do (?:it|this|that))|not sure i can (?:last|survive|make it|keep going)"
           r"|that'?s (?:it|me done|that|me)|thats (?:it|me done|that|me)|(?:i'?m|im) (?:done|finished"
           r"|calling it)|calling it|(?:taking|take) the exit|rather not (?:have|be)"
           r"|(?:don'?t|dont) (?:want|wanna) to (?:see|be here|be around|stick around|live|make it)"
           r"|(?:i'?m|im) not (?:carrying|going|keeping) on"
           r"|i know what (?:i'?m|im|i am) (?:going to|gonna) do|i know what (?:i'?ll|ill|i will) do"
           r"|no point (?:in )?(?:carrying|going|keeping) on|neither am i (?:hanging|sticking|staying)"
           r"|(?:i'?d|id|i will|i'?ll) be gone by|whether (?:i'?m|im|to keep) (?:staying alive"
           r"|living|going on)|no (?:reason|point) (?:to|in)"
           r" (?:keep\w*|go\w* on|carry\w* on|stick\w* around|stay\w*|liv\w*)|nothing (?:left )?to live for"
           r"|(?:don'?t|dont) see (?:a|any|the) (?:reason|point) (?:to|in) (?:keep|go|carry|stick|stay"
           r"|liv)\w*"
           r"|(?:why|reason) (?:id|i'?d|i would|to) stick around|end (?:it|things)|done (?:living|with life)")
ENDING = (r"(?:the )?exit (?:door|sign)|(?:the|an|my) exit\b(?! (?:\d|ramp|off|at|on|from|for|to|sign))"
          r"|(?:my|the) last day(?! (?:at|of|in|on|before|with|off)\b)|(?:bus"
          r"|train|ride) to nowhere|(?:end|ending) it\b(?! (?:with|off|there|early)\b)|stop fighting|(?:check"
          r"|checking|checked|tap|tapping|tapped|dip|dipping|bow|bowing|clock|clocking|clocked"
          r"|bowed|dipped) out"
          r"|(?:take|taking|took) the exit|(?:a|the|my|one) way out|let go|holding on"
          r"|(?:make|making) (?:it|the pain|this|everything) (?:all )?stop"
          r"|permanent (?:decision|solution|fix|exit|way out|escape)|(?:can'?t|cannot|cant) (?:be )?undo\w*"
          r"|(?:join|be with) (?:my |him |her )?(?:late )?(?:wife|husband|partner|mum|mom|dad|son"
          r"|daughter|nan"
          r"|brother|sister|baby)|somewhere the pain (?:can'?t|cant|won'?t|wont) (?:follow|reach|find)"
          r"|(?:tomorrow|the morning) (?:doesn'?t|doesnt|won'?t|wont|never) come|out of (?:everyone'?s"
          r"|everyones"
          r"|your|their|the family'?s) (?:hair|way|lives)|quiet soon")
FINAL = (r"plan(?:ning|ned)?|(?:looking|looks|sounds|seems) (?:real |really |so |pretty )?(?:good|nice"
         r"|tempting|appealing|better)|for good|(?:picked|set|chosen|chose) (?:a|the) date|date (?:picked"
         r"|set|chosen)|permanently"
         r"|forever|for ever|tonight|tonite|2nite|soon|ready|decided|nearly time"
         r"|it'?s time|its time|i know (?:what|how)|no more|after this|about to")
QUANTITY = (r"building (?:up|nicely)|holding (?:back|onto) (?:half|some|a few|one|two)|stockpil\w*"
            r"|stock(?:ing)? up|hoard\w*|stash\w*|a (?:big )?pile|(?:there'?s|theres"
            r"|got) heaps (?:now|saved|left)|heaps (?:saved|stashed|put away)|sav(?:e|ed|ing) (?:up|them|all)"
            r"|(?:keep|keeping|kept|hid|hide|hiding|hidden) (?:them|it|all)|collect\w*|put(?:ting)? aside"
            r"|set aside|bigger supply|different (?:chemists|pharmacies|shops|doctors)|more than enough"
            r"|enough (?:\w+ ){0,3}?to (?:do it|do the job|end|kill|finish|not wake)"
            r"|(?:be|is|are|theres|there'?s) enough\b(?! to (?:last|get|see|cover|keep))"
            r"|would do it|all at once|(?:take|taking|swallow\w*) (?:them |it )?all"
            r"|counted (?:out )?for (?:tonight|later)|counted out|instead of taking (?:it|them)"
            r"|how (?:many|much) (?:\w+ ){0,2}?(?:it takes|would (?:do it|be enough|kill)|to (?:die|do it|od"
            r"|overdose|not wake))|overdose|lethal|fatal|gentlest|least painful|painless\w* way")
SUPPLY = rf"{MEDS}|scripts?|prescriptions?|doses?|pharmac\w*|chemists?"
# A supply that is not the patient's: "the pills for the dog are massive, had to hide them in cheese"
_OWN_SUPPLY = rf"(?:{SUPPLY})(?! for (?:the|my|our|her|his) (?:dog|cat|pup|puppy|kitten|horse|pets?|chooks))"
MEANS = (r"overpass|flyover|footbridge|multi ?-?stor(?:e)?y|car ?park roof|bridge|cliffs?|cliff path"
         r"|river|weir|train tracks?|railway|fast (?:ones|trains?)|balcony|rooftop"
         r"|beam|rafters?|rope|noose|exhaust|tubing|charcoal|gun|rifle|shotgun|firearm|razor blades?")
PLANNING = (r"(?:keep|kept) looking at|(?:thinking|think) about it|know (?:exactly )?(?:where|which|how)"
            r"|pick(?:ed|ing)? out|checking|scop\w*|(?:work|figur)\w* out"
            r"|measur\w*|tested|test(?:ing)? (?:whether|if)|how deep|how high|the drop|hold my weight"
            r"|in the boot|where the key is|(?:my|the|thats my|that'?s my) plan|i'?d (?:go|use)|id (?:go|use)"
            r"|keep (?:thinking|picturing) (?:about|of)|consider\w*|ready|dont stop|don'?t stop")
AFTER_ME = (r"(?:won'?t|wont) (?:have|need) (?:any )?use for (?:it|them|that)|for afterwards"
            r"|after(?= *(?:$|[.!,]))|for after|(?:when|once|after) i'?m gone|(?:when|once|after) im gone"
            r"|where i'?m going|where im going|(?:the )?last thing|loose ends|(?:won'?t"
            r"|wont) need (?:to ask )?me"
            r"|nobody (?:gets|has to)|no one (?:gets|has to)|thats me|that'?s me|funeral plan|not long now"
            r"|(?:before|for) the end|one last time|for the last time|no use to me now"
            r"|(?:won'?t|wont) be needing (?:it|them|that|those)")
ARRANGE = (r"sort\w*|sign\w* (?:\w+ )?over|left|updated|wrote|written|finished|paid|cleared|moved|made sure"
           r"|instructions|tying up|tied up|deleted|cancelled|gave|given|rang|told|texted|hugged|said")
NOT_ERRAND = (r"(?!.*\b(?:airport|for now|talk (?:to you )?(?:tomorrow|later|soon)|see you|at work|retir\w*"
              r"|moving (?:house|out|to)|trip|holiday|new job|leaving do|op shop|lol|haha)\b)")

CONCEPT_CHECK_RULES: tuple[Rule, ...] = (
    _rule("crisis_check.concept.wish_gone", CHECK, "passive_death_wish", _near(WISH, GONE, 45)),
    _rule("crisis_check.concept.death_welcome", CHECK, "passive_death_wish",
          [r"\b(?:death|dying|being dead)\b (?:would be|is|sounds|seems) (?:a |like a )?(?:\w+ )?(?:holiday"
           r"|relief|mercy|blessing|better|easier|welcome|release|escape)\b",
           r"\b(?:not|never|no longer) (?:scared|afraid|frightened) of (?:dying|death|being dead)\b",
           r"\b(?:gutted|disappointed|annoyed|upset|angry|cursing) (?:that )?i (?:woke|had woken|wake)\b",
           r"\bwish\w* i (?:had(?:n'?t|nt)|did(?:n'?t|nt)) (?:woken|wake|woke)\b",
           r"\b(?:wouldn'?t|wouldnt) be the worst thing if (?:a (?:truck|bus|car|train)|i (?:died|didnt|never"
           r"|got hit|was gone)|something happened to me)",
           r"\b(?:hop\w*|wish\w*|wouldn'?t (?:be sad|mind|care)|wouldnt (?:be sad|mind|care))\b[^.?!]{0,50}"
           r"\b(?:clot|cancer|tumou?r|terminal)\b[^.?!]{0,30}\b(?:does the job|real|would|got me|takes? me)",
           r"\b(?:plane|flight|turbulence)\b[^.?!]{0,40}\b(?:hop\w*|wish\w*)\b[^.?!]{0,20}\b(?:go down"
           r"|crash)",
           r"\b(?:not going to|not gonna|won'?t|wont|wouldn'?t|wouldnt) (?:fight|resist) it\b"
           r"(?![^.?!]*\b(?:flare|pain|rest|nap|tired|fatigue)\b)",
           r"\b(?:pictur\w*|imagin\w*|think\w* (?:about|of)) my (?:own )?funeral\b",
           r"\b(?:don'?t|dont|idc|do not|doesn'?t) (?:really )?(?:care|mind) (?:if|whether) i (?:live|die"
           r"|wake|make it|survive)",
           r"\b(?:bus|train|ticket|flight|ride|express) to (?:heaven|the afterlife|the other side)\b",
           r"\b(?:peaceful|restful|easy|easier|a relief) (?:it )?(?:would be"
           r"|to) (?:\w+ ){0,2}?(?:to )?(?:just )?"
           r"(?:stop|slip away|be gone|not be here)\b(?! (?:work|working|for a|the))"]),
    # The horizon is often someone else's words ("theyre saying manage it for life"): any subject.
    _rule("crisis_check.concept.horizon_refusal", CHECK, "hopelessness",
          _near(HORIZON, REFUSAL, 70)
          + [r"\b(?:can'?t|cant|cannot) (?:picture|see|imagine) (?:myself )?(?:being |still )?(?:alive|here"
             r"|around)\b",
             r"\b(?:not going to|won'?t|wont) (?:see|make it to|reach|live to|get to) (?:\d{2}|old age"
             r"|retirement|another (?:year|christmas|birthday))\b[^.?!]{0,40}\b(?:don'?t|dont) want",
             r"\b(?:dont|don'?t) think i'?(?:ll|ll) bother with another\b",
             r"\bdont think ill bother with another\b"],
          subject_check=False),
    _rule("crisis_check.concept.ending_final", CHECK, "suicide",
          _near(ENDING, FINAL, 45)
          + [r"\bmade (?:my )?peace with (?:things|everything|it all|dying|death|my decision|leaving)\b",
             r"\b(?:tonight'?s|tonight is) the night\b(?=[^?]*\b(?:arranged|sorted|ready|decided|goodbye"
             r"|planned)\b)|\b(?:all|it'?s all|its all|everything'?s|everything is) (?:arranged|sorted"
             r"|planned)\b[^?]*\btonight\b",
             r"\b(?:none of (?:it|this)|nothing|i) (?:will|'?ll|won'?t|wont) (?:be my problem"
             r"|be (?:anyone'?s|anyones"
             r"|your|their) problem|matter(?: to me)?)\b",
             r"\b(?:the last|the final) (?:time|day|night) (?:i'?m |im |i )?(?:going to |gonna |will |'ll )?"
             r"(?:feel|suffer|hurt|go through|be in pain|wake up)\b",
             r"\b(?:nothing|nobody|no one|no-one|no reason) (?:left )?(?:for me )?(?:to live for|to stay for"
             r"|(?:left )?for me here|keeping me here|to keep me here)\b",
             r"\b(?:not|never|won'?t|wont) (?:going to |gonna )?wak\w* up (?:tomorrow|again)?[^.?!]{0,10}"
             r"\bif i (?:can|have) (?:help it|any say|my way)",
             r"\b(?:make|making) sure (?:i )?(?:don'?t|dont|never|wont|won'?t) wake\b",
             r"\b(?:yeet|throw|chuck|fling|hurl) myself (?:into|off|in front of|under) (?:the "
             r"|a )?(?:ocean|sea"
             r"|river|traffic|train|bus|bridge|cliff|window|roof|building|lake|harbour)\b",
             r"\b(?:not gonna|not going to|won'?t|wont|never) hear from me (?:again|after)\b",
             r"\b(?:done|finished|over) (?:with|w|w/) life\b",
             r"\bsi (?:thoughts|ideation|urges)\b",
             r"\bsomewhere the pain (?:can'?t|cant|won'?t|wont) (?:follow|reach|find)",
             r"\b(?:tomorrow|the morning) (?:doesn'?t|doesnt|won'?t|wont|never) comes?\b",
             r"\b(?:everything|it all|all of it) (?:is going to|will|'?ll|is gonna|gonna) be (?:quiet"
             r"|still|over|peaceful) (?:soon|tonight|for good)\b",
             r"\bpermanent (?:decision|solution|fix|exit|way out|escape)\b",
             r"\b(?:tap|tapping|tapped|check|checking|checked|clock|clocking|bow|bowing) out of (?:life"
             r"|this world|existence)\b",
             r"\b(?:bout to|about to|gonna|going to|finna|ready to|want to|wanna) end it(?: all)?\b"
             r"(?! (?:with|early|there|here|for the day))",
             r"\bidc (?:if|whether) i (?:live|die|wake|make it)\b"]),
    _rule("crisis_check.concept.absence", CHECK, "hopelessness",
          [r"\b(?:won'?t|wont|will not|not going to|not gonna|(?:don'?t|dont|can'?t|cant) see myself"
           r"|not planning"
           r" (?:on|to)) (?:be |being )?(?:here|around|alive"
           r"|in the picture)\b[^.?!]{0,25}\b(?:much longer|for"
           r" (?:much )?long|long|soon|after|by|to see|next|any ?more|for (?:his|her|their|the) next"
           r"|for retirement)",
           r"\b(?:nobody|no one|no-one|none of you|you|they|everyone) (?:will|'ll|won'?t|wont) (?:need"
           r"|have) to"
           r" (?:worry about|deal with|put up with|look after|care for|bother with) me\b",
           r"\b(?:won'?t|wont) be (?:a problem|a burden|any trouble|in the way) (?:for|to) (?:anyone|you|them"
           r"|anybody|everyone)",
           r"\b(?:won'?t|wont) be needing (?:the |my |these |any )?(?:next )?(?:appointment|reminders?"
           r"|check ?-?ins?|sessions?)\b(?! (?:while|on|during|this|next week|for a))"]),
    _rule("crisis_check.concept.burden", CHECK, "burden",
          _near(r"better off|better|free|happier|relieved|relax|easier|lighter|breathe easier|get to live"
                r"|have a (?:\w+ )?life|less tired|finally (?:get to )?live"
                r"|(?:get|have|finally get) (?:some )?(?:rest|peace|sleep|a break|(?:their|his|her"
                r"|my) life back)",
                r"without me\b(?! (?:at|for|this|on|tonight|today|tomorrow|there|coming))"
                r"|if (?:i|id|i'?d) (?:\w+ ){0,2}?(?:gone|dead|died|vanished|disappeared|never existed"
                r"|never been born)|if i (?:was|were)(?:n'?t|nt)? (?:not )?(?:here|around|alive"
                r"|in the picture)"
                r"|with me (?:gone|dead|out of the (?:way|picture))|me (?:out of the way|gone|dead)"
                r"|get over me|(?:forget|move on from) me\b",
                60)
          + _near(r"i should (?:just )?(?:go|leave|disappear)\b(?! (?:to|and|out|home|back|for|now to|on"
                  r"|in|see))",
                  r"better|less tired|worry|burden|everyone|someone else|without me", 70)
          + [r"\b(?:i'?m|im|i am) (?:nothing but |just |such )?(?:a )?dead weight\b",
             r"\b(?:i'?m|im|i am) (?:nothing but |just |such )?(?:dead weight|a drain|a cost|a weight"
             r"|a problem"
             r" nobody|a nuisance|holding everyone back|taking up space)\b",
             r"\bnot worth (?:keeping alive|living|saving|the air|the oxygen)\b",
             r"\bno (?:right|reason) to (?:keep living|live|stay|be alive|be here|exist)\b",
             r"\b(?:paying|pay) for me being alive\b|\bmy existence is\b|\bpointless me (?:even )?exist",
             r"\b(?:don'?t|dont) deserve to (?:live|be alive|be here|exist)\b",
             r"\blife insurance\b[^.?!]{0,50}\b(?:more|better) (?:for|than)\b",
             r"\btime i (?:let them go|left for good|went for good|was gone)\b",
             r"\b(?:off everyone'?s|off everyones|off (?:their|your|the family'?s)) hands\b",
             r"\b(?:my|the) (?:\w+ )?would (?:\w+ ){0,3}(?:if i"
             r"|without me)\b[^.?!]{0,30}\bi should (?:just )?go\b"],
          # "my wife would be free if i wasnt in the picture": the subject is hers, the absence mine.
          subject_check=False),
    _rule("crisis_check.concept.means_quantity", CHECK, "method_means",
          _near(_OWN_SUPPLY, QUANTITY, 60)
          + [r"\b(?:vodka|whisky|whiskey|wine|alcohol|booze|bottle)\b[^.?!]{0,40}\bwash (?:them |it )?down\b",
             r"\bscripts?\b[^.?!]{0,60}\b(?:keeping|kept|saving|saved|hiding) (?:them|it) all\b",
             r"\bstopped taking (?:my |the )?(?:\w+ )?and (?:saved|kept|hid)\b",
             r"\b(?:googl\w*|look\w* up|search\w*|research\w*|read\w* (?:about|up on)"
             r"|comparing)\b[^.?!]{0,50}"
             r"\b(?:ways? (?:to (?:die|end it|go)|out)|least painful|gentlest|painless)"]),
    _rule("crisis_check.concept.means_planning", CHECK, "method_means",
          _near(MEANS, PLANNING, 50)
          + [r"\bgarage\b[^.?!]{0,40}\bengine (?:running|on)\b|\bengine (?:running"
             r"|on)\b[^.?!]{0,40}\bgarage\b",
             r"\bcharcoal and (?:tape|a bucket)\b|\btape and charcoal\b",
             r"\b(?:consider\w*|thinking (?:about|of)|eyeing) (?:the |a )?(?:rope|noose|bridge|blade)\b"],
          veto_after=r"^\W*(?:club|cruise|walk|swing|course)\b"),
    _rule("crisis_check.concept.farewell_arranged", CHECK, "farewell",
          [rf"^{NOT_ERRAND}.*?\b(?:{ARRANGE})\b[^?!]{{0,70}}?\b(?:{AFTER_ME})",
           rf"^{NOT_ERRAND}.*?" r"\b(?:goodbye|good bye|bye|farewell|so long)\b[^?\n]{0,60}\b(?:last|proper"
           r"|for good|one last|before i go|before the end|sorry|thanks for (?:everything|trying|listening"
           r"|all)|(?:i'?m|im) going now|won'?t be|wont be|not planning|after tonight|tonight)\b",
           rf"^{NOT_ERRAND}.*?" r"\b(?:sorry|thanks?|thank you|helped)\b[^?\n]{0,60}\b(?:goodbye|good bye"
           r"|(?:i'?m|im) going now|for everything\b[^?\n]{0,40}\b(?:before|wanted to))",
           r"\bproper goodbyes?\b|\bgoodbye to (?:them|everyone|the \w+) in my head\b",
           r"\bthis (?:will be|is) my (?:last|final) (?:message|check ?-?in|text|chat)\b",
           r"\b(?:don'?t|dont|no need to|stop|please don'?t|please dont) (?:check\w* (?:in )?on me"
           r"|messag\w* me"
           r"|remind\w* me)\b[^.?!]{0,40}\b(?:won'?t|wont|not) be (?:here|around)\b",
           r"\b(?:won'?t|wont|will not) be (?:doing|replying|answering)\b[^?!]{0,50}\b(?:not planning"
           r"|not be around|won'?t be around|wont be around|bye)\b",
           r"\b(?:a )?note (?:on|under|in) (?:the |my )?(?:bedside|kitchen|table|pillow|drawer)"
           r"|\bnote for (?:my )?(?:\w+ )?to find\b|\bwedding ring and a note\b",
           r"\bdeleted (?:all )?my (?:socials|accounts|facebook|instagram)\b[^?!]{0,60}\b(?:message|goodbye"
           r"|thats me|that'?s me)",
           r"\b(?:(?:he|she|they) can have my|finished with all that for good|no use to me now"
           r"|(?:dont|don'?t) need (?:them|it) where)\b",
           r"\b(?:ring|call|text|messag|visit)\w* (?:everyone|everybody|all my \w+"
           r"|people) to say (?:thanks|thank you|sorry|goodbye|i love)",
           r"\b(?:sorted|decided|worked out|written down|wrote down) who gets (?:the|my)\b",
           r"\byou (?:were|have been|'?ve been|ve been) (?:\w+ )?(?:nicer|kinder|better) to me than\b"],
          subject_check=False),
    _rule("crisis_check.concept.self_injury", CHECK, "self_harm",
          [r"\b(?:punch\w*|hit\w*|bang\w*|smash\w*|whack\w*|slam\w*) (?:the |my )?(?:head "
           r"|fists? )?(?:against |on"
           r" |into )?(?:the |a )?(?:walls?|doors?|steering wheel|floor|desk)\b[^.?!]{0,40}\b(?:until"
           r"|till|til"
           r"|bled|bleed\w*|split|stars|bruis\w*|on purpose|when the pain|again)",
           r"\bcarv(?:e|ed|ing) (?:\w+ ){0,2}?(?:into|in|on) my\b",
           r"\b(?:grab\w*|touch\w*|press\w*|put\w*|hold\w*) (?:\w+ ){0,3}?(?:hot|boiling|sharp)\b[^.?!]{0,30}"
           r"\bon purpose\b",
           r"\brelaps\w*\b[^.?!]{0,30}\b(?:blade|cutting|cut|sh|self ?-?harm\w*|razor|burning)\b",
           r"\b(?:sh|self ?-?harm)\b[^.?!]{0,15}\b(?:again|relaps\w*|urges?|last ?nite|last night|tonight"
           r"|2nite)\b",
           r"\b(?:my|myself)\b(?![^.?!]*\b(?:bites?|scab|eczema|itch\w*|rash|pimple|spot)\b)[^.?!]{0,40}"
           r"\b(?:until|till|til) (?:it|they) (?:bled|bleed\w*|blister\w*)",
           r"\b(?:used|took|take|use|using) (?:a |the |my )?(?:compass|blade|razor|knife|glass|scissors"
           r"|lighter"
           r"|needle|pin|sharpener|shard)\b[^.?!]{0,20}\b(?:on|to|across|into) my (?:arms?|forearms?|legs?"
           r"|wrists?|thighs?|skin|stomach|hips?|belly)\b|\bused (?:it|them) on my (?:arms?|forearms?|legs?"
           r"|wrists?|thighs?|skin)\b",
           r"\b(?:bruis\w*|scald\w*|burn\w*|hurt\w*|hit\w*|cut\w*|scratch\w*|punish\w*|bit|bite\w*|harm\w*"
           r"|injur\w*|pinch\w*|slap\w*|punch\w*|whack\w*|bang\w*|starv\w*) (?:myself|my (?:own )?\w+)\b"
           r"[^.?!]{0,40}\bon purpose\b",
           r"\b(?:held|hold|holding|kept|pressed) (?:it|my hand|my arm|my skin) (?:there|on the (?:hob|stove"
           r"|iron|element|kettle|heater))\b",
           r"\b(?:reopened|opened up|opened) (?:my )?(?:old )?(?:scars|cuts)\b|\b(?:scars?"
           r"|cuts?) (?:\w+ ){0,2}"
           r"(?:opened|reopened)\b[^.?!]{0,12}[.!]?[^.?!]{0,30}\b(?:i did it|did it again|myself)\b",
           r"\b(?:hurt|harm|cut|burn)\w* myself (?:\w+ ){0,3}?(?:so (?:i could|that i)|to (?:feel|cope|sleep"
           r"|calm|distract|punish))\b",
           r"\b(?:wrists?|arms?|thighs?)\b[^.?!]{0,30}\b(?:bandaged|sliced|scarred)\b[^?!]{0,30}\b(?:did it"
           r" again|i did it)\b",
           r"\bi (?:\w+ )?deserve (?:to (?:be )?(?:hurt|suffer|be punished|feel pain)|the pain|punishment)\b",
           # "hurt myself with a knife" is the phrase rules' accident veto; with no sign of an
           # accident (cooking, shaving, a slip) it is unclear, so it asks rather than stays silent.
           r"\b(?:hurt|cut|burn|stabb?)\w* myself with (?:a|the|my) (?:knife|blade|razor|scissors|lighter"
           r"|iron)\b(?![^.?!]{0,40}\b(?:cook\w*|chopp\w*|slic\w*|peel\w*|kitchen|dinner|shav\w*|garden\w*"
           r"|accident\w*|open\w*|carv\w*|work|fix\w*|ironing|lol|haha)\b)"],
          veto_before=r"\b(?:accident\w*|by mistake|while|when i was|cooking|chopping|shaving"
                      r"|oops)\b[^.?!]{0,30}$"),
)

# Ninth pass (spent sealed table 4, by concept): each is a kind of message the rules above did
# not know, written as the concept rather than the sentence. All ask the check question.
_INJURY_VERB = (r"(?:slic\w*|cut|cutting|burn\w*|bash\w*|kick\w*|claw\w*|scratch\w*|punch\w*|hit\w*|bang\w*"
                r"|smash\w*|gouge\w*|stabb?\w*|carv\w*|bit|bite\w*|scald\w*|pinch\w*)")
CONCEPT_CHECK_RULES += (
    _rule("crisis_check.concept.deliberate_injury", CHECK, "self_harm",
          [rf"\b{_INJURY_VERB} (?:\w+ )?(?:my|myself)\b[^.?!]{{0,40}}\b(?:deliberately|on purpose"
           r"|intentionally|to myself)\b",
           rf"\b(?:deliberately|on purpose|intentionally)\b[^.?!]{{0,20}}\b{_INJURY_VERB}"
           r" (?:\w+ )?(?:my|myself)\b",
           r"\b(?:what|the things?) i (?:did|do|have done|'?ve done) to (?:myself|my (?:own )?(?:arms?"
           r"|legs?|body|skin|wrists?))\b",
           r"\b(?:i'?m|im|i am) covered in (?:cuts|scars|burns|bruises)\b",
           r"\bcuts (?:all )?(?:on|over|up|down) my (?:arms?|legs?|wrists?|thighs?|stomach|belly|hips?)\b",
           r"\b(?:took|take|taking) (?:it|all my \w+|my (?:anger|frustration|pain)) out on (?:my own"
           r"|myself|my) (?:body|skin|arms?|legs?|self)?\b",
           r"\bmade it (?:be )?(?:somewhere else|hurt somewhere else)\b",
           rf"\b{_INJURY_VERB}(?: at)? (?:\w+ )?(?:my|myself)\b[^.?!]{{0,40}}\b(?:till|until|til)"
           r" (?:they'?re|theyre|it'?s|its|i see stars|raw|bleed\w*|bled|bruised|black)",
           r"\b(?:stub\w*|put\w*) (?:a |my )?(?:cigarettes?|smokes?|ciggies?|durries?) out on my\b",
           r"\bnot (?:an|by) accident\b[^.?!]{0,40}\b(?:time|again|this (?:week|month))\b",
           r"\b(?:on|to) my (?:own )?(?:hand|palm|arm|skin|leg)\b[^.?!]{0,30}\bnot (?:an|by) accident\b",
           r"\bscratch\w* (?:the )?skin off my\b",
           r"\b(?:bashed|hit|punched|smacked|whacked) my (?:own )?(?:head|face|legs?|arms?)"
           r" (?:with my (?:fists?|hand)|over and over|again and again|till|until)"],
          veto_before=r"\b(?:accident\w*|by mistake|while|cooking|chopping|shaving|oops|the dog|the cat"
                      r"|the kids?)\b[^.?!]{0,30}$"),
    _rule("crisis_check.concept.message_for_after", CHECK, "farewell",
          [r"\bif (?:anyone|someone|somebody|you) reads? this (?:after|later|when)\b",
           r"\btell my (?:\w+ ){0,2}?(?:i love (?:her|him|them)[^.?!]{0,20}\b(?:sorry|bye|goodbye)"
           r"|(?:i'?m|im) sorry)\b",
           r"\b(?:let|tell) (?:my |the )?\w+ know it (?:wasn'?t|wasnt|was not|isn'?t|isnt) (?:her"
           r"|his|their|your) fault\b",
           r"\blast (?:night|day) on (?:earth|this earth|the planet)\b",
           r"\b(?:won'?t|wont) be back\b[^?]{0,25}\b(?:take care|bye|goodbye|thanks|cheers)\b",
           r"\b(?:wrote|written|paid|fed|sorted)\b[^?]{0,60}\btime to go\s*(?:[.!]|$)",
           r"\b(?:when|if|once) (?:they|you|someone|somebody|people|the (?:police|cops)|my \w+) finds? me\b"
           r"(?=[^.?!]{0,20}\b(?:first|tell|sorry|fault|love|don'?t|dont)\b)",
           r"\b(?:don'?t|dont|do not|please don'?t|please dont) (?:try to |come )?(?:find|look for) me\b",
           r"^\W*(?:please |can you |could you |pls )?tell my (?:\w+ ){0,2}?(?:i love (?:her|him|them)"
           r"|(?:i'?m|im) sorry|sorry|not to blame)",
           r"\b(?:the )?last time (?:i'?ll|ill|i will|i'?m|im) (?:be )?(?:check\w* in|messag\w*|writ\w*"
           r"|talk\w* to you)\b(?![^.?!]{0,40}\b(?:before|till|until|for a (?:while|week|bit|few)|back on"
           r"|back in|back next|holiday|away|trip|today|this week))",
           r"\b(?:won'?t|wont|will not) (?:be )?(?:answering|replying to|need(?:ing)?(?: to)?)"
           r" (?:any ?more|these|this|you)\b",
           r"\b(?:saying|say) goodbye,? pacer\b|\bgoodbye pacer\b|\bthis is me saying goodbye\b",
           r"\b(?:my )?affairs (?:are |is )?(?:all )?in order\b",
           r"\b(?:picked|chose|chosen|choosing|planned|planning|sorted) (?:\w+ ){0,2}?(?:hymns|songs|music"
           r"|readings) for my (?:service|funeral)\b",
           r"\b(?:money|cash) (?:\w+ ){0,4}?for (?:the|my) funeral\b",
           r"\b(?:cancel|stop) (?:\w+ ){0,4}?(?:all of them|the rest"
           r"|everything)\b[^.?!]{0,40}\b(?:won'?t|wont) be (?:here|around)\b",
           r"\bno point (?:refilling|renewing|reordering|booking|repeating)\b"],
          subject_check=False),
    _rule("crisis_check.concept.means_kept_ready", CHECK, "method_means",
          [r"\b(?:coroner|(?:be|get|am|are) found if (?:they|you|i|someone) lives? alone)\b",
           r"\blife (?:insurance|cover)\b[^.?!]{0,50}\b(?:not an accident|suicide|pay\w* out if"
           r"|worth more)\b",
           rf"\b(?:max\w*|most|how many) (?:number of )?(?:{MEDS}|sleeping pills)\b"
           r"[^.?!]{0,40}\b(?:sell|buy|get)\b",
           r"\b(?:chemist|pharmacy|pharmacies) and (?:two|three|\d) others?\b|\bonly buy so much at once\b",
           r"\bwould (?:that|it) be painless\b",
           r"\bif i (?:stopped|stop) (?:taking )?my (?:insulin|heart (?:pills|tablets|meds))\b",
           r"\b(?:the )?(?:date|day|place|time)(?:,| and) the (?:place|date|time|method)\b[^.?!]{0,30}"
           r"\b(?:everything|all worked out|sorted)\b",
           r"\btomorrow is the day\b",
           r"\bcharcoal and (?:the )?tape\b|\b(?:got|bought|ordered|found) (?:hold of )?(?:some )?helium\b",
           r"\b(?:how|why) (?:do|would|did) (?:people|someone|i) (?:leave|go) without hurting\b",
           r"\bwhy i did it\b[^.?!]{0,40}\bfelt what i feel\b",
           r"\b(?:a way|how) to make sure the pain stops (?:permanently|for good|forever)\b",
           r"\bsorted everything out for good\b",
           r"\benough (?:\w+ ){0,2}?(?:insulin|pills|tablets|meds|medication|morphine|oxy\w*|codeine"
           r"|paracetamol|panadol|sleepers) (?:\w+ ){0,4}?to do it\b",
           r"\b(?:for|till|until) (?:when|the day) i (?:decide|choose|am ready|need them)\b",
           r"\bcount(?:ing)? (?:them|my (?:pills|tablets)) (?:every|each) (?:night|day|morning)\b",
           r"\b(?:top|roof) (?:floor|level|storey) of (?:the |a )?(?:\w+ )?(?:car ?park|building|parking"
           r" building)\b",
           r"\b(?:pills|tablets|bottle of \w+) (?:\w+ ){0,6}?(?:that|which) (?:i'?m|im"
           r"|i am) (?:going to|gonna) take\b"]),
    _rule("crisis_check.concept.not_coming_back", CHECK, "passive_death_wish",
          [r"\b(?:the (?:one|night|day|time)|a night|one) i (?:don'?t|dont|won'?t|wont|never) (?:come back"
           r"|wake up) from\b",
           r"\b(?:going to|gonna) (?:go to )?sleep (?:now |tonight )?and (?:not|never) wake up\b",
           r"\b(?:hope|hoping|wish|wishing) (?:i|that i) (?:slip|fall|crash|get hit)\b[^.?!]{0,40}"
           r"\b(?:that'?s that|thats that|that'?s it|thats it|don'?t get up|dont get up|for good|and die)\b",
           r"\b(?:wish|wishing) the (?:ambulance|paramedics|doctors?|hospital) (?:hadn'?t|had not|didn'?t"
           r"|did not|hadnt|didnt) (?:come|saved? me|found me|got there)\b",
           r"\bif (?:\w+ ){1,3}(?:had|has) taken me\b",
           r"\bwish(?:ed)? i (?:had|'d|d) died\b",
           r"\b(?:could|would|might) kill me (?:one day|someday)\b[^.?!]{0,40}\b(?:hope|relief"
           r"|relieved|good)\b",
           r"\bnever (?:to )?have existed\b",
           r"\bnot (?:be )?here (?:in the morning|by (?:the )?morning|tomorrow)\b",
           r"\b(?:stopped|stop|don'?t|dont) (?:bothering with|wearing|putting on) (?:my |a )?seat ?belt\b",
           r"\b(?:not sure|don'?t know if|dont know if|unsure if|unsure whether) i (?:want"
           r"|wanna) to (?:keep|go"
           r" on|carry on) (?:living|going|being here)\b",
           r"\b(?:wanna|want to|ready to) perish\b|\balt ?\+? ?f4 (?:my life|myself|irl|life)\b",
           r"\b(?:the )?(?:si|s/i) (?:is back|thoughts?|urges?|again|is bad)\b"]),
    _rule("crisis_check.concept.burden_metaphor", CHECK, "burden",
          [r"\b(?:i'?m|im|i am|i feel like|feel like) (?:just |only |nothing but |such )?(?:a "
           r"|an )?(?:millstone"
           r"|anchor|dead weight|albatross|noose round|weight round|drain on)\b",
           r"\b(?:i'?m|im|i am) (?:good for nothing|a waste|the reason (?:my|our|everyone))\b",
           r"\b(?:they'?d|theyd|they would|everyone would|everybody would|she'?d|shed|he'?d|hed"
           r"|(?:the|my) (?:family|kids|children|wife|husband|partner|whanau|grandkids) (?:would|'?d))"
           r" (?:all )?be (?:so much |much )?(?:better off|freer|happier|free)(?: if i (?:wasn'?t"
           r"|weren'?t|wasnt|was not)(?: \w+){0,3})?\s*(?:[.!]|$)",
           r"\bdoing (?:them|everyone|everybody|my family) (?:all )?a favou?r by (?:not being|going"
           r"|leaving)\b",
           r"\b(?:only|just) here to make (?:everyone'?s|everybody'?s|their) li(?:fe|ves) harder\b",
           r"\bbrings? (?:nothing but|only) (?:misery|pain|trouble|grief) to\b",
           r"\b(?:money|time|care) (?:spent|wasted) on me would be better spent\b",
           r"\bwhat'?s the point of keeping me around\b",
           r"\bme not being (?:here|around)\b",
           r"\bset (?:her|him|them|my (?:wife|husband|partner|family|kids)) free\b",
           r"\b(?:useless|worthless|waste|cripple)\b[^.?!]{0,30}\btaking up (?:space|a bed|room)\b"]),
    # Fifteenth pass (the spent tenth table's indirect rows, which carry intent with no crisis
    # word): a way out found, the pain ending "one way or another", a last outing "and that's
    # that", joining the dead, being read about in the paper, care that will not be needed after
    # a date. Each needs its ending or its date, so "found a way out of the car park" or "won't be
    # needing the prescription, it changed" stay quiet.
    _rule("crisis_check.concept.quiet_exit", CHECK, "indirect",
          [r"\b(?:found|figured out|worked out|i know|i'?ve got|ive got) (?:a |my |the )?way out\b"
           r"(?! of (?:the |this |that |a )?(?:building|car ?park|maze|job|contract|lease|meeting|mall"
           r"|room|deal|carpark|house|town|traffic))",
           r"\bget(?:ting)? out of this body\b",
           r"\b(?:you'?ll|youll|you will|they'?ll|theyll|everyone will|you'?d|youd) (?:all )?(?:read|hear)"
           r" about me (?:in|on) the (?:paper|news)\b"
           r"(?! (?:when|once|after) i (?:win|get famous|make it|finally|become|open|retire|publish))",
           r"\b(?:sleep|one last time|last time|one more time|last (?:walk|visit|swim|look|drive))\b"
           r"[^.?!]{0,40}\b(?:that'?ll be that|that will be that|thats that|that'?s that|that'?s it then)\b"
           r"(?! (?:till|until|for the (?:season|year|summer|winter)))",
           r"\b(?:pain|it(?: all)?|this|everything|all of this) (?:ends|will end|'?ll end|is over"
           r"|will be over|stops|will stop)\b[^.?!]{0,30}\bone way or (?:another|the other)\b",
           r"\bone way or (?:another|the other)\b[^.?!]{0,30}\b(?:pain|it|this) (?:ends|will end|'?ll end"
           r"|stops|will stop|is over)\b",
           r"\b(?:then|and then|after that) no more pain (?:ever|for good|at all)\b",
           r"\bbe with (?:jesus|god|the lord|my maker)\b[^.?!]{0,30}\b(?:by|before|this|soon|tonight"
           r"|tomorrow|decided|made up my mind)\b",
           r"\bjoin(?:ing)? (?:my )?late \w+\b|\bjoin(?:ing)? (?:my )?(?:dad|mum|mom|husband|wife|son"
           r"|daughter|nan|nana|brother|sister|father|mother)\b[^.?!]{0,30}\b(?:i know how|in heaven"
           r"|up there|on the other side)\b",
           r"\b(?:making|make) sure (?:this|it) is my last (?:week|day|night|month|christmas)\b",
           r"\b(?:you|they|nobody|no one|no-one) (?:won'?t|wont|will not) (?:need|have) to worry about my"
           r" (?:\w+ ){0,2}?(?:after|past|beyond) (?:this|today|tonight|tomorrow|the weekend|friday)",
           r"\b(?:won'?t|wont) be needing (?:the |my |any )?(?:repeat )?(?:prescription|script|refills?"
           r"|meds?)\b[^a-z]{0,3}(?:or anything (?:else|more)|any ?more|ever again|after (?:this|today"
           r"|tonight))",
           r"\bno need to (?:book|schedule|make) (?:me (?:a |the )?|the |my |a )?(?:follow ?-?up"
           r"|next appointment|appointment|review)\b[^a-z]{0,3}(?:it )?(?:won'?t|wont) be"
           r" (?:an issue|a problem|needed|necessary)\b"]),
)

CONCEPT_THIRD_RULES: tuple[Rule, ...] = (
    _rule("crisis_third_person.concept.lethal_self", THIRD, "other_at_risk",
          [r"\b(?:shoot\w*|shot|kill\w*|hang\w*|drown\w*|poison\w*|overdos\w*|end\w*) (?:him|her"
           r"|them)sel(?:f|ves)\b",
           r"\b(?:been|keeps?|is|was|started|has been) (?:\w+ )?(?:hurting|harming|cutting"
           r"|burning) (?:him|her|them)sel(?:f|ves)\b",
           r"\bcuts (?:all )?(?:on|over) (?:his|her|their) (?:arms?|legs?|wrists?|thighs?)\b"],
          veto_after=r"^\W*in the (?:foot|feet)\b"),  # "shooting himself in the foot"
    _rule("crisis_third_person.concept.goodbye_unreachable", THIRD, "other_at_risk",
          [r"\b(?:messaged|texted|sent|rang|called|posted|left) (?:me |us )?(?:a )?(?:goodbye|farewell)\b",
           r"\b(?:sorry for everything|goodbye|says (?:he|she|they)(?:s|'s| is| are|'re) done)\b[^?!]{0,60}"
           r"\b(?:not answering|phone (?:is |'?s )?off|not picking up|can'?t (?:reach|find|get hold)"
           r"|cant (?:reach|find|get hold)|scared for (?:him|her|them))\b"]),
    _rule("crisis_third_person.concept.plan_place", THIRD, "other_at_risk",
          [r"\b(?:got|has|have|made) a plan and a date\b",
           r"\b(?:saying|said|says|told me) (?:she|he|they)(?:'?s| was| is| were"
           r"| are)? going to (?:the )?(?:cliffs?"
           r"|bridge|river|tracks|train tracks|jump)\b",
           r"\b(?:where|how|when) (?:he|she|they)(?:'?d| would| will|'?ll| is going to"
           r"| was going to) do it\b",
           r"\b(?:stopped|stopping|refusing|refuses) (?:eating|drinking|taking (?:his|her"
           r"|their) \w+)\b[^.?!]{0,20}\bon purpose\b"]),
)

# --- sixteenth crisis pass (from the spent eleventh sealed table, by concept) -----------------
_HOUSEHOLD = (r"(?:the whole family|everyone|everybody|them all|all of them|my family|the family|my kids"
              r"|the kids|my wife|my husband|my partner|my missus|the missus|them)")
_CLOSE_ONES = (r"(?:kids|children|family|wife|husband|son|daughter|boys|girls|grandkids|grandchildren"
               r"|loved ones|partner|mum|mom|dad|sister|brother)")
# coffin, headstone, pistol, knot, skull and crossbones
_DEATH_EMOJI = "\u26b0\U0001faa6\U0001f52b\U0001faa2\u2620"
_BLADE_EMOJI = "\U0001f52a\U0001fa78"  # knife, drop of blood
CONCEPT_CHECK_RULES += (
    # Being found, and looking decent for it; a life policy's suicide clause running out.
    _rule("crisis_check.concept.being_found", CHECK, "indirect",
          [r"\b(?:look|looking|be|am) (?:\w+ )?(?:decent|nice|tidy|presentable|respectable|my best|smart)"
           r" (?:for )?when (?:they|someone|somebody|he|she|you|the \w+) (?:finds?|found) me\b",
           r"\b(?:before|after|once) (?:they|someone|somebody|anyone|the \w+) (?:finds?|found) me\b"
           r"(?! (?:a |an |the |some |another |work|job|place|room|bed|seat|home|flat|house))",
           r"\b(?:suicide|two[- ]year|2[- ]year|13[- ]month|thirteen[- ]month|exclusion) (?:clause|period"
           r"|exclusion)\b[^.?!]{0,40}\b(?:ran out|runs out|run out|expired|expires|is up|is over|passed"
           r"|finished|lapsed|ends|ended)\b",
           r"\b(?:ran out|expired|is up|is over|passed|lapsed|ended)\b[^.?!]{0,20}\b(?:suicide|exclusion)"
           r" clause\b"],
          veto_before=r"hide and seek|hide ?-?and ?-?seek|hiding|treasure hunt"),
    # Ways that do not hurt; keeping going back to a drop or a line to look.
    _rule("crisis_check.concept.method_scouting", CHECK, "method_means",
          [r"\b(?:which|what) ways? (?:don'?t|dont|doesn'?t|wouldn'?t|won'?t|wont|would not) hurt\b",
           r"\b(?:painless|quickest|quietest|surest|easiest|least painful) ways? (?:to go|out|to do it"
           r"|to end (?:it|things|my life))\b",
           r"\b(?:keep|kept|been|keeps) (?:driving|walking|going|cycling|stopping) (?:past|by|to|up to"
           r"|down to|out to) the (?:quarry|cliffs?|cliff edge|bridge|tracks|railway|level crossing|edge"
           r"|rail line|viaduct|overpass|gorge|dam|weir)\b[^.?!]{0,40}\b(?:slower|slowing|looking|staring"
           r"|stopping|each time|every time|just to look|and look)\b"]),
    # Worthlessness put as taking up room, as a weight dragging the family under, or one word
    # said over and over.
    _rule("crisis_check.concept.dead_weight", CHECK, "burden",
          [r"\b(?:i'?m|im|i am|me|just|only) (?:just |only )?(?:a )?(?:useless |worthless )?(?:\w+ )?"
           r"(?:taking|takin|takes|take) up (?:space|room|air|oxygen|a chair|a bed|a seat)\b"
           r"(?! (?:in|on) (?:the|my) (?:garage|shed|boot|car|drive|hall|diary|calendar|phone|disk))",
           r"\b(?:useless|worthless|waste of (?:space|oxygen|air)) (?:old )?(?:man|woman|git|lump|bloke"
           r"|sod|cow|fool|person|thing)\b[^.?!]{0,20}\b(?:taking|takin) up\b",
           rf"\b(?:dragging|draggin|pulling|bringing|taking) {_HOUSEHOLD} (?:down|under) with me\b",
           r"\b(useless|worthless|pathetic|hopeless|disgusting|a failure|a burden)(?:\W+\1\b){2,}",
           # seventeenth crisis pass: twice, with "just" or "so" ("worthless. just worthless.")
           r"^\W*(?P<twice>useless|worthless|pathetic|hopeless)\W+(?:just|so|totally|completely|utterly)"
           r" (?P=twice)\W*$",
           r"\bif i (?:died|was gone|wasn'?t here)\b[^.?!]{0,40}\b(?:save|saved|better off|finally|relief"
           r"|easier)\b"]),
    # A farewell put as a note: nobody to blame, a last entry, the last time, letters to the
    # family, only oneself left to see to.
    _rule("crisis_check.concept.note_like", CHECK, "farewell",
          [r"\btell (?:\w+ ){0,4}?(?:that )?(?:none of (?:it|this)|it) (?:was|wasn'?t|wasnt|is|isn'?t"
           r"|was not) (?:anyone|anybody|their|your|his|her|any of your|any of their)(?:'?s)? fault\b",
           r"\bnone of (?:it|this) (?:was|is) (?:anyone|anybody|your|their)'?s fault\b",
           r"\b(?:it'?s |its |it has |it'?s been |has )?been (?:nice|good|lovely|great|a pleasure) knowing"
           r" (?:you|ya|y'?all|youse|you all|everyone)\b",
           r"\b(?:final|last) (?:entry|message|check ?-?in|post|log)\b"
           r"(?![^.?!]{0,60}\b(?:holidays?|trip|break|back|till|until|see you|next|before|for now"
           r"|for today|of the (?:day|week|month|year)))"
           r".{0,80}?\b(?:thanks? (?:you )?for (?:everything|your (?:help|assistance|support))|goodbye"
           r"|farewell|so long|doesn'?t matter any ?more|won'?t matter)\b",
           r"\b(?:this is the |the )?last time i'?(?:ll| will) (?:be )?(?:doing|do|fill\w* in|send\w*|log\w*)"
           r" (?:a |my |the )?(?:pain score|check ?-?in|diary|entry|scores?)\b"
           r"(?![^.?!]{0,30}\b(?:tonight|today|this (?:week|morning|evening)|before (?:bed|i|my|the)|for now"
           r"|till|until))",
           r"\b(?:won'?t|wont|will not|not)\b[^.?!]{0,60}[.,;] ?(?:or ever(?: again)?|or any (?:monday"
           r"|tuesday|wednesday|thursday|friday|saturday|sunday|week|day|month))\W*$",
           r"\blast time i'?(?:ll| will) (?:bother|trouble|message|text|write to|annoy|burden)"
           r" (?:you|anyone)\b"
           r"(?! (?:today|tonight|this (?:week|morning|evening|afternoon)|for (?:a while|now|today"
           r"|ages)|before|until|till|i promise,? (?:until|till)))",
           r"\b(?:only|just) me left to (?:see to|sort|sort out|deal with|take care of|organise|organize"
           r"|tidy up)\b",
           rf"\bwrit(?:ing|ten|e|ote) (?:\w+ )?(?:goodbye |last |final )?(?:notes?|letters?) (?:to|for)"
           rf" (?:each of |all of )?(?:my|the|all) (?:\w+ )?{_CLOSE_ONES}\b"],
          veto_after=r"^\W*(?:(?:\w+\W+){0,6}?(?:teachers?|school|birthdays?|christmas|xmas"
                     r"|lunch ?box(?:es)?|holidays?|camp|thank you|thank-you|cards?)\b|if\b"
                     r"|when (?:i|we) (?:eat|have|try|go on)|(?:she |he |they )?(?:said|says)\b)",
          veto_before=r"\bif (?:i|we) (?:eat|try|ride|go on|have|die|croak|drop dead|cark it)\b|\bhaha"
                      r"|\blol\b"),
    # Giving up, said of everything ("done fighting"), the day one was born cursed, and the
    # end that comes one way or another.
    _rule("crisis_check.concept.done_fighting", CHECK, "hopelessness_time",
          [r"\b(?:i'?m|im|i am|am) (?:so |just |all )?(?:done|finished|through) (?:with )?fighting\b"
           r"(?! (?:with|over|about|for|the|them|him|her|my (?:corner|case|claim)))",
           r"\b(?:curse|cursed|cursing) the day (?:that )?i was born\b",
           r"\b(?:the )?end of me\b[^.?!]{0,40}\bone way or (?:another|the other)\b",
           r"\bone way or (?:another|the other)\b[^.?!]{0,40}\b(?:the )?end of me\b"]),
    # Slang for ending oneself that the phrase tables lack, and emoji that carry it.
    _rule("crisis_check.concept.slang_exit", CHECK, "slang",
          [r"\b(?:wanna|want to|going to|gonna|ready to|about to) (?:become|be|turn into) a ghost\b"
           r"(?! (?:for|at|on) (?:halloween|the party|a party|the group chat|socials|social media|them|him"
           r"|her))",
           r"\bdo(?:ing)? a kermit\b",
           r"\bcheck(?:ing|in'?)? out (?:for good|permanently|of life)\b",
           r"\b(?:suicidal )?ideation\b(?! (?:sessions?|exercises?|phase|workshops?|stage))",
           r"\brip me (?:soon|for real|tonight|fr|pls|please|now)\b",
           r"\bpull(?:ing)? the pin on (?:the whole thing|it all|everything|life|myself|me)\b",
           r"\b(?:ctrl|control)[ +-]?alt[ +-]?del(?:ete)? (?:me|myself|my life|life)\b|\blife\.exe\b",
           rf"[{_DEATH_EMOJI}][^a-z.?!]{{0,6}}(?:[a-z]+ ){{0,2}}?(?:\b(?:fr|for real|if only|mean it|soon"
           r"|tonight|me|again)\b)",
           rf"^[^a-z]*[{_DEATH_EMOJI}][^a-z]*$",
           rf"[{_BLADE_EMOJI}][^a-z]*(?:\b(?:again|myself|me|tonight)\b)",
           r"\U0001f480[^.?!]{0,20}\b(?:not (?:as )?a joke|i mean it|not joking|for real this time)\b"]),
    # Headbutting a wall to meet the pain with another one (not "feel like headbutting it").
    _rule("crisis_check.concept.headbutt", CHECK, "self_harm",
          r"\bheadbutt\w* (?:the |a )?(?:wall|door|floor)\b(?! (?:by accident|accidentally))",
          veto_before=r"\b(?:like|could|feel like|felt like|wanna|want to)\s*$"),
)
CONCEPT_THIRD_RULES += (
    # Someone at a drop who will not come in, a post that sounded final and then silence, a gun
    # and a blank stare, or every warning sign.
    _rule("crisis_third_person.concept.at_the_edge", THIRD, "other_at_risk",
          [r"\b(?:standing|sitting|been|is|out) (?:out )?on (?:the|a) (?:balcony|roof|ledge|bridge|edge"
           r"|railing)\b[^.?!]{0,40}\b(?:won'?t|wont|refus\w*|will not) (?:come|get|step) (?:back )?(?:in"
           r"|inside|down|off|away)\b",
           r"\bposted (?:something|stuff|a \w+) (?:real |really |very |super |kinda |pretty )?(?:dark"
           r"|worrying|scary|weird|final|like a goodbye)\b[^.?!]{0,60}\b(?:phone'?s? (?:is |has been )?"
           r"(?:off|dead)"
           r"|not answering|won'?t answer|wont answer|can'?t reach|cant reach|no answer|gone quiet)\b",
           r"\b(?:his|her|their) (?:gun|rifle|shotgun|guns)\b[^.?!]{0,40}\b(?:staring|won'?t talk|not talking"
           r"|crying|said goodbye|for hours)\b",
           r"\b(?:showing|shows|has|got|ticking) (?:every one of |all of |all )?(?:the )?warning signs\b"]),
)
CONCEPT_CHECK_RULES += (
    # Seventeenth crisis pass (from the spent twelfth table): seeing the dead again tonight; the lights
    # going out and staying out; a god asked to call one home; razors and one's arms; hurting
    # a body part over and over to punish it.
    _rule("crisis_check.concept.reunion", CHECK, "passive_death_wish",
          r"\b(?:i'?m |i am )?(?:going to|gonna|i'?ll|will) (?:see|be with|join) (?:him|her|them) (?:again )?"
          r"(?:tonight|soon|tomorrow|this week)\b",
          requires=r"\b(?:passed|died|been gone \w+ (?:years?|months?)|lost (?:him|her) \w+"
                   r" (?:years?|months?)|late (?:husband|wife|dad|mum|mom|son|daughter))\b"),
    _rule("crisis_check.concept.reunion_and_dark", CHECK, "passive_death_wish",
          [r"\b(?:lights?|candle) (?:to )?go(?:es)? out and stay(?:s)? out\b",
           r"\b(?:god|lord|allah|waheguru|jesus|father|bhagwan|ram|krishna)\b[^.?!]{0,15}\b(?:call|take|bring)"
           r" me home\b",
           r"\b(?:call|take|bring) me home\b[^.?!]{0,15}\b(?:god|lord|allah|waheguru|jesus|father)\b"]),
    _rule("crisis_check.concept.hurting_on_purpose", CHECK, "self_harm",
          [r"\bthinking about (?:the )?(?:razors?|blades?|knives|cutting)\b[^.?!]{0,20}\b(?:my )?(?:arms?"
           r"|wrists?|legs?|thighs?|skin)\b",
           r"\b(?:hit|hitting|bang\w*|smash\w*|punch\w*|whack\w*) my (?:own |bad )?(?:\w+ )?(?:against|on"
           r"|into|with) (?:the |a |my )?\w+\b[^.?!]{0,20}\b(?:over and over|again and again|to punish"
           r"|on purpose|till it bled|until it bled)\b"]),
)
