"""Deterministic safety lexicon: crisis and medical red-flag detection.

Why a lexicon and not only the NLU model: a missed suicide crisis or cauda
equina warning does real harm, so these checks must be predictable, testable
and run before any learned component. Why the negation/idiom logic: a coach
that answers "this pain is killing me" with a crisis script loses trust.

Levels, in the order ``classify`` prefers them:

* ``crisis``              first-person suicidal thoughts, self-harm, intent, plan,
                          overdose, stockpiling or preparations -> full crisis reply.
* ``red_flag``            possible medical emergency -> urgent medical review.
* ``crisis_third_person`` someone else is at risk -> how to help them.
* ``crisis_check``        a crisis phrase that was negated, reported, hypothetical
                          or idiomatic, or ambiguous hopelessness -> ask gently.
* ``none``                ordinary pain and mood talk.

Safety rule: negation, reported speech, questions and idioms may only DOWNGRADE
a crisis match to ``crisis_check``; they never make it disappear. Separately,
some rules carry a *veto*: a fixed sense that is not about self-harm at all
("cut myself shaving", "walked 5 kms", "take my life back"). A veto means the
phrase was never a crisis match, so it is not a downgrade.

Sources for the concepts (not for exact wording):
* Columbia Suicide Severity Rating Scale (C-SSRS, Posner et al. 2011): wish to
  be dead, active ideation, method, intent, plan, preparatory behaviour.
* Samaritans media guidelines (samaritans.org/about-samaritans/media-guidelines)
  and NHS "Help for suicidal thoughts": terms people use, incl. euphemisms.
* NICE NG59 "Low back pain and sciatica in over 16s" and NICE CKS "Back pain -
  low (without radiculopathy)": red flags (cauda equina, cancer, infection,
  fracture/trauma, inflammatory disease).
* GIRFT "National Suspected Cauda Equina Syndrome Pathway" (NHS England, 2023)
  and NHS "Cauda equina syndrome" page: saddle anaesthesia, bladder/bowel or
  sexual dysfunction, bilateral leg symptoms.
* NHS "Heart attack", "Stroke (FAST)", "DVT", "Sepsis", "Septic arthritis" pages.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

CRISIS = "crisis"
CHECK = "crisis_check"
THIRD = "crisis_third_person"
RED_FLAG = "red_flag"
NONE = "none"

# Higher wins in classify(). Crisis over red flag is required by the product
# brief; a red flag (the user's own emergency) is put above a worry about
# someone else and above a gentle check question.
_PRIORITY = {CRISIS: 5, RED_FLAG: 4, THIRD: 3, CHECK: 2, NONE: 0}


@dataclass(frozen=True)
class SafetyMatch:
    """Result of a safety check: which level fired, which rule, which category."""

    level: str
    rule: str
    category: str
    language: str = ""  # ISO 639-1 code when a non-English crisis phrase matched


NO_MATCH = SafetyMatch(NONE, "", "")


# ---------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------
_ZERO_WIDTH = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_APOSTROPHES = re.compile("[\u2018\u2019\u201a\u201b\u02bb\u02bc\u02b9\u2032\u0060\u00b4]")
_QUOTES = re.compile("[\u201c\u201d\u201e\u00ab\u00bb]")
_DASHES = re.compile("[\u2010-\u2015\u2212]")
# "k!ll" -> "kill": an exclamation mark squeezed between letters is an "i".
_BANG_IN_WORD = re.compile(r"(?<=[a-z])!(?=[a-z])")
# "s u i c i d e", "k.i.l.l", "s-u-1-c-i-d-e": 3+ single characters with one
# separator between them. Digits are allowed so leetspeak inside still works.
_SPACED = re.compile(r"(?<![a-z0-9@$])(?:[a-z0-9@$][ .\-_*]){2,}[a-z0-9@$](?![a-z0-9@$])")
_LEET = str.maketrans({"1": "i", "3": "e", "0": "o", "4": "a", "@": "a", "$": "s",
                       "5": "s", "7": "t"})
_LEET_TOKEN = re.compile(r"[a-z0-9@$]+")
# Numbers with a unit or ordinal ("3am", "10mg", "2nd", "5kms") are not leetspeak.
_NUMBER_UNIT = re.compile(
    r"\d+(?:[.,]\d+)?(?:st|nd|rd|th|am|pm|mg|mcg|ug|ml|l|kg|g|km|kms|k|m|mi|min|mins|hr|hrs|h"
    r"|s|sec|secs|x|yo|yr|yrs|y|lb|lbs|cm|mm|kcal|cal|d|day|days|wk|wks|mo|mth|mths|ish)"
)
_REPEATS = re.compile(r"([a-z])\1{2,}")
_SPACES = re.compile(r"\s+")


def _deleet(match: re.Match[str]) -> str:
    token = match.group(0)
    if not re.search(r"[a-z]", token) or _NUMBER_UNIT.fullmatch(token):
        return token  # plain numbers (phone numbers, doses) and "3am" stay as typed
    return token.translate(_LEET)


def _unspace(match: re.Match[str]) -> str:
    chunk = match.group(0)
    letters = sum(ch.isalpha() for ch in chunk)
    return re.sub(r"[ .\-_*]", "", chunk) if letters >= 2 else chunk


def _normalise(text: str, max_repeat: int) -> str:
    out = unicodedata.normalize("NFKC", text or "")
    out = _ZERO_WIDTH.sub("", out)
    out = _APOSTROPHES.sub("'", out)
    out = _QUOTES.sub('"', out)
    out = _DASHES.sub("-", out)
    out = out.lower()
    # Strip accents: decompose, drop combining marks ("café" -> "cafe").
    out = "".join(
        ch for ch in unicodedata.normalize("NFKD", out) if not unicodedata.combining(ch)
    )
    out = _BANG_IN_WORD.sub("i", out)
    out = _SPACED.sub(_unspace, out)
    out = _LEET_TOKEN.sub(_deleet, out)
    out = _REPEATS.sub(r"\1" * max_repeat, out)
    return _SPACES.sub(" ", out).strip()


def normalise(text: str) -> str:
    """Put a message into one predictable shape so one set of patterns fits all.

    Lowercase, NFKC, accents stripped, zero-width characters removed, curly
    apostrophes unified, leetspeak undone inside words (but not in numbers,
    doses or phone numbers), letters repeated 3+ times cut to 2, and spaced-out
    letters joined ("s u i c i d e" -> "suicide"). Word boundaries are kept.
    """
    return _normalise(text, 2)


# ---------------------------------------------------------------------------
# Shared pattern fragments (applied to normalised text)
# ---------------------------------------------------------------------------
MYSELF = r"(?:my ?-?s[ei]lf|myslef|myslf|mysefl|mysef|mysel|meself|me ?self|mself)"
THEMSELF = r"(?:him|her|them|their) ?-?sel(?:f|ves)"
DONT = r"(?:don'?t|do not|dnt|doesn'?t|does not|didn'?t|did not|no longer)"
CANT = r"(?:can'?t|cannot|can not|cnt|carnt|couldn'?t|could not)"
ANYMORE = r"(?: any ?more| any longer| no more)?"
WANT = r"(?:want(?:ed|s|ing)?|wanna|wana|wnt|wish(?:ed|es|ing)?|would like|'d like|need(?:ed)?)"
MEDS = (
    r"(?:pills?|tablets?|tabs|meds|medications?|medicines?|pain ?killers?|opioids?|opiates?"
    r"|oxy\w*|tramadol|tramal|codeine|co-?codamol|morphine|paracetamol|panadol|panadeine"
    r"|pregabalin|lyrica|gabapentin|neurontin|amitriptyline|diazepam|valium|benzos?"
    r"|sleeping (?:pills|tablets)|sleepers|insulin|fentanyl|tapentadol|endone|hydrocodone"
    r"|percocet|norco|vicodin|ibuprofen|nurofen|tylenol|codral|zopiclone|quetiapine"
    r"|sertraline|antidepressants?|lithium|aspirin|patches)"
)
CONTAINER = r"(?:packets?|packs?|boxe?s?|bottles?|strips?|blister packs?|tubs?|jars?|sheets?)"
# The end of a clause: punctuation, end of text, or a new clause starting.
CLAUSE_END = r"(?=\s*(?:$|[.!?,;:\"')]|\b(?:and|but|i|im|i'm|so|because|cos|coz|lol|tbh|fr)\b))"
NUM_BIG = (
    r"(?:[1-9]\d+|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|a dozen|dozens"
    r"|a hundred|hundreds|loads|lots|heaps|handfuls|a handful)"
)

SAD_BODY = (
    r"(?:saddle(?: area| region)?|groin|genitals?|genital area|private(?:s| parts| area| bits)"
    r"|down there|down below|my bits|bits down there|(?:my |the )?bum\b(?! ?bag)"
    r"|bottom(?! of)|butt(?:ocks?)?\b|backside|arse\b|anus|back passage|rectum|perineum"
    r"|between (?:my|the) legs|inner thighs?|crotch|vagina|vulva|labia|penis|testicles"
    r"|scrotum|nether regions?|undercarriage|sit ?bones|when i wipe|wiping|toilet paper"
    r"|loo roll)"
)
NUMB = (
    r"(?:numb\w*|tingl\w*|pins and needles|no feeling|lost (?:all |the )?(?:feeling|sensation)"
    r"|loss of (?:feeling|sensation)|no sensation|reduced (?:feeling|sensation)"
    rf"|altered (?:feeling|sensation)|{CANT} (?:really )?(?:feel|fell)|anaesthe\w*|anesthe\w*"
    r"|weird feeling|strange feeling|funny feeling|buzzing|dead)"
)
PEE = (
    r"(?:pee|peeing|peed|wee|weeing|weed|urinate|urinating|urinated|piss|pissing|pass (?:urine"
    r"|water)|passing (?:urine|water)|empty (?:my|the) bladder|start (?:peeing|weeing|my wee)"
    r"|do a wee|have a wee|go for a wee|have a pee|do a pee)"
)
FEVER = (
    r"(?:fever\w*|(?<!room )(?<!the )(?<!body )temperature\b|high temp(?:erature)?"
    r"|(?:a|running a|got a|have a|had a) temp(?:erature)?\b"
    r"|temperature of|chills|the shivers|shivering|shivery|rigou?rs|night sweats?"
    r"|sweating (?:at night|all night|buckets)|drenched in sweat|soaking (?:the|my) sheets"
    r"|hot and cold|hot then cold|burning up|the shakes)"
)
PROCEDURE = (
    r"(?:injection|jab|surgery|op\b|operation|procedure|epidural|nerve block|steroid shot"
    r"|cortisone|joint replacement|knee replacement|hip replacement|fusion|discectomy"
    r"|laminectomy|stitches|incision|wound|scar|spinal tap|lumbar puncture|infusion|drain)"
)
SPINE = (
    r"(?:(?<!came )(?<!come )(?<!get )(?<!got )(?<!go )(?<!went )(?<!be )(?<!bring )"
    r"(?<!call )(?<!text )(?<!write )(?<!hear )(?<!go )\bback\b|spine|spinal|neck|lumbar|disc"
    r"|sciatica|tailbone|coccyx)"
)
PAIN_OR_INJURY = (
    r"(?:pain|hurt|sore|agony|ache|aching|injur|bruis|swoll|swell|broke|broken|fractur|crack"
    rf"|{CANT} (?:move|walk|stand|get up)|bleed|killing me|since|yesterday|today|this morning"
    r"|last night|last week|tonight|just now|earlier|\bago\b)"
)


@dataclass(frozen=True)
class Rule:
    """One named pattern. ``veto_*`` mark a different fixed sense (not a downgrade)."""

    id: str
    level: str
    category: str
    pattern: re.Pattern[str]
    requires: re.Pattern[str] | None = None  # must also occur in the message
    veto_before: re.Pattern[str] | None = None  # searched in the ~40 chars before
    veto_after: re.Pattern[str] | None = None  # matched at the start of the text after
    idiom_after: re.Pattern[str] | None = None  # idiomatic sense -> downgrade to check
    subject_check: bool = True  # may the grammatical subject be someone else?
    historical_exempt: bool = False  # red flags: history is the point (cancer)


def _c(pattern: str | Iterable[str]) -> re.Pattern[str]:
    if not isinstance(pattern, str):
        pattern = "|".join(f"(?:{p})" for p in pattern)
    return re.compile(pattern)


def _rule(rule_id: str, level: str, category: str, pattern: str | Iterable[str], *,
          requires: str | None = None, veto_before: str | None = None,
          veto_after: str | None = None, idiom_after: str | None = None,
          subject_check: bool = True, historical_exempt: bool = False) -> Rule:
    return Rule(
        id=rule_id, level=level, category=category, pattern=_c(pattern),
        requires=_c(requires) if requires else None,
        veto_before=_c(veto_before) if veto_before else None,
        veto_after=_c(veto_after) if veto_after else None,
        idiom_after=_c(idiom_after) if idiom_after else None,
        subject_check=subject_check, historical_exempt=historical_exempt,
    )


# ---------------------------------------------------------------------------
# Crisis rules (first person unless the grammatical subject says otherwise)
# ---------------------------------------------------------------------------
# Idioms around "kill myself" ("killing myself at the gym") - downgrade only.
_KILL_IDIOM = (
    r"^\W*(?:at (?:the )?(?:gym|work|office|job)|trying|to (?:get|finish|keep|make|please)"
    r"|over (?:this|that|it|work|nothing)|doing|working|for (?:work|nothing|them|him|her|you)"
    r"|laughing|with (?:work|laughter)|running|walking|out there)"
)
_ACCIDENT = (
    r"^\W*(?:shaving|on (?:a|the|some|my)\b|(?:while|when) (?:i was |i'?m )?(?:cooking"
    r"|chopping|shaving|gardening|slicing|peeling|opening|making|working|fixing|cutting)"
    r"|cooking|chopping|gardening|slicing"
    r"|peeling|opening|by (?:accident|mistake)|accidentally|with (?:a|the) (?:knife|kettle"
    r"|iron|saw)|at work|in the kitchen|on the (?:oven|stove|pan|iron))"
)

CRISIS_RULES: tuple[Rule, ...] = (
    # Suicide named outright, with common misspellings (C-SSRS: active ideation).
    _rule("crisis.suicide_word", CRISIS, "suicide",
          r"\bs(?=[a-z]{0,2}\*)[u*]{1,2}[i*]{1,2}[cs*]{1,2}[i*]{0,2}d(?:e|al)\b|"
          r"\bsu(?:i|y|e|ie)?(?:c|s|cc|ss)(?:i|y)?d(?:e|es|ed|al|ial|ally|ality|ing|le)?\b"
          r"(?! (?:doors?|squad|bomb\w*|mission|run|pact of (?:the|a) (?:band|team)))",
          # suicide as a topic ("suicide risk", "suicide prevention"): only a check question
          veto_before=r"(?:\b(?:doing|did|do|run|ran|running) (?:\w+ )?$|\b(?:deadline|plan|idea|schedule"
                      r"|timeline|task|that|this) (?:is|was|'s|would be) $)",
          idiom_after=r"^\W*(?:risk|prevention|awareness|rates?|statistics|research|training"
                      r"|module|lecture|talk|helplines?|lines?|pass(?:es)?|tackles?|defen[cs]e|defending"
                      r"|this season|move|run|tactics?)\b"),
    # "kill myself" incl. "kill my self", "killmyself", "kil myself".
    _rule("crisis.kill_myself", CRISIS, "suicide", rf"\bk(?:i|\*)l{{1,2}}(?:s|ed|ing|in)? ?{MYSELF}\b",
          idiom_after=_KILL_IDIOM, subject_check=False),
    # Methods said about oneself: hang/shoot/drown/gas/poison/off/top/neck/end myself.
    _rule("crisis.method_myself", CRISIS, "suicide",
          rf"\b(?:hang(?:ing|ed)?|shoot(?:ing)?|shot|drown(?:ing|ed)?|gas(?:sing)?|poison(?:ing)?"
          rf"|electrocute|suffocat\w+|smother(?:ing)?|stab(?:bing)?|off(?:ing)?|top(?:ping)?"
          rf"|neck(?:ing)?|end(?:ing)?|throw(?:ing)? (?:myself )?off) {MYSELF}\b",
          veto_after=r"^\W*(?:in the (?:foot|leg)|up\b|out\b|with (?:work|food|coffee|tea))",
          subject_check=False),
    # Slang and euphemisms used online (Samaritans guidance lists "unalive" etc.).
    _rule("crisis.slang", CRISIS, "suicide",
          [r"\bun-? ?aliv\w*", r"\bsewer ?-?slid\w*", r"\bself ?-?delet\w*",
           rf"\bdelete {MYSELF}\b", r"\b(?:gonna|going to|wanna|want to|might|will|just) rope\b",
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
           r"\bend(?:ing|ed)? (?:it|things|everything) all\b",
           r"\b(?:want|wanna|going|gonna|ready|plan\w*(?: on)?|thinking (?:of|about)|thought about|about"
           r"|decided|time|need|might|will|should|could|'ll|'m|just|gotta) (?:to )?(?:just )?"
           r"end(?:ing)? (?:it|things|everything|this)\b"
           r"(?! (?:with|between|off|up|there|early|for (?:today|the day|now|tonight)|on a"
           r"|at \d|after|before|by))"],
          subject_check=False),
    # Method talk: jumping, traffic, lethal dose questions, painless ways (C-SSRS: method).
    _rule("crisis.method_plan", CRISIS, "suicide",
          [r"\b(?:jump\w*|throw\w* (?:my|him|her)self) off (?:a|the|my|that|this)? ?(?:bridge"
           r"|building|cliff|roof|balcony|car ?park|tower|overpass|flyover)\b",
           r"\b(?:jump\w*|step\w*|throw\w* (?:my|him|her)self|walk\w*|lie down|lay down)"
           r" (?:in front of|under) (?:a|the) (?:train|bus|truck|lorry|car|traffic|tram)\b",
           r"\b(?:drive|driving|crash|crashing|swerve|swerving) (?:my car )?into (?:a tree|a wall"
           r"|traffic|oncoming|a bridge|a truck)\b",
           rf"\bhow (?:many|much) (?:\w+\W+){{0,4}}?(?:would|does|will|did|to|it takes?|until"
           rf"|before)\W+(?:\w+\W+){{0,3}}?(?:kill (?:me|{MYSELF}|you|someone)|die|be dead|be"
           rf" lethal|be fatal|end (?:it|my life)|stop my heart)\b",
           r"\b(?:lethal|fatal|deadly) (?:dose|amount|overdose)\b",
           r"\b(?:painless|easiest|easy|quickest|quick|best|surest) (?:ways?|methods?) (?:to|of)"
           r" (?:die|dying|go|end it|kill)\b",
           rf"\b(?:ways?|methods?|how) (?:to|of) (?:die|dying|kill {MYSELF}|end (?:it all|my"
           r" life)|commit suicide)\b(?! (?:well|with dignity|at home|peacefully))"]),
    # Passive death wish (C-SSRS item 1): want to die / wish I was dead.
    _rule("crisis.want_to_die", CRISIS, "passive_death_wish",
          [rf"\b{WANT} (?:to |2 )?(?:just )?(?:die|dye|be dead|be gone|not exist|stop existing"
           r"|not be alive|cease to exist)\b",
           r"\b(?:ready|deserve|praying|pray|hoping|hope) (?:to |2 )?(?:just )?die\b",
           r"\bwish(?:ing|ed|es)? (?:i|id|i'd) (?:was|were|could be|would be|had been|'d been)"
           r" dead\b",
           r"\bwish(?:ing|ed|es)? (?:i|id|i'd) (?:could|would|'d) (?:just )?die\b",
           r"\bwish(?:ing|ed|es)? i (?:was|were|had) (?:never|not) (?:been )?born\b",
           r"\bwish(?:ing|ed|es)? i (?:wasn'?t|weren'?t|was not|were not) (?:alive|here|around"
           r"|born)\b",
           r"\bwish(?:ing|ed|es)? i (?:didn'?t|did not|didnt|could stop|would stop|could just stop)"
           r" exist"
           r"(?:ing)?\b",
           r"\b(?:i should|might as well|rather|i'd sooner|let me) (?:just )?(?:be dead|die)\b",
           r"\b(?:hope|wish) (?:this|it|the pain|something|someone|god) (?:would |will )?"
           r"(?:just )?kills? me\b",
           r"\b(?:want|wish|need) (?:someone|somebody|something|god) to (?:just )?kill me\b"],
          idiom_after=r"^\W*(?:of (?:embarrassment|shame|boredom|laughter|laughing|cringe"
                      r"|fright)|laughing|from (?:embarrassment|shame)|at home|in (?:my|our)"
                      r" (?:own )?(?:bed|home|sleep) (?:when|one day)|peacefully (?:when|one day)"
                      r"|of old age|one day|when (?:the time comes|i'm old|my time)"
                      r"|than (?:go|do|eat|wear|watch|sit|listen|call|ask|miss|be seen|admit"
                      r"|use|have|miss|phone|drink|take))"),
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
          veto_after=_ACCIDENT, veto_before=r"\baccidentally\W+$", subject_check=False),
    # Hurting oneself with intent ("want to hurt myself", "hurt myself on purpose").
    _rule("crisis.hurt_myself", CRISIS, "self_harm",
          [rf"\b(?:want(?:ed|ing)?|wanna|going|gonna|urges?|tempted|need(?:ed)?|feel like"
           rf"|felt like|thinking about|thought about|thoughts of|try(?:ing)? to|tried to"
           rf"|keep wanting) (?:to )?(?:hurt(?:ing)?|harm(?:ing)?|punish(?:ing)?|injur(?:e|ing))"
           rf" {MYSELF}\b",
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
           r"\bo\.d\.?'?(?:e?d|ing)?\b|\bod'(?:e?d|ing)\b|\bod(?:ed|ing)\b", r"\bod on\b"]),
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
           r"(?:rope|noose)\b(?! (?:for|swing|toy|ladder|bridge))",
           r"\bnoose\b",
           r"\b(?:have|got|made|making|make) (?:a |my |the )?plan (?:to|for|of) (?:kill\w*|end\w*"
           r"|die|dying|how|suicide|doing it)\b",
           r"\b(?:planned|planning|plan|worked out|figured out) (?:how|when|where) (?:i(?:'ll| will"
           r"|'m going to| am going to|m going to| would|'d)|to) (?:do it|die|end it|kill)\b",
           r"\bknow (?:how|when|where) i(?:'d| would| will|'ll| am going to|'m going to"
           r"|m going to) do it\b",
           r"\bsaying (?:my )?goodbyes? to (?:everyone|my family|my kids|the world|everybody)\b",
           r"\bsaid (?:my )?(?:last )?goodbyes?\b"]),
    # Fully squashed spellings that word-level patterns cannot see ("iwanttodie").
    _rule("crisis.compact", CRISIS, "suicide",
          r"\b[a-z]*(?:kil{1,2}my?s[ei]lf|wan(?:t|na)(?:to)?die|endmylife|unalivemyself"
          r"|hurtmyself|harmmyself|sewerslide|endmyself|takemy(?:own)?life|wishiwasdead)[a-z]*\b"
          # "suicide" alone is crisis.suicide_word (which knows "suicide risk", "suicide pass")
          r"|\b[a-z]+suicid[a-z]*\b"),
)

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
          veto_after=_ACCIDENT),
    _rule("crisis_third_person.their_life", THIRD, "suicide",
          [r"\b(?:take|takes|taking|took|taken|end|ends|ending|ended) (?:his|her|their) (?:own )?"
           r"li(?:fe|ves)\b(?! back)",
           r"\bbetter off without (?:him|her|them)\b",
           r"\b(?:he|she|they)(?: \w+){0,2} (?:wish|wishes|wished) (?:he|she|they) (?:was|were"
           r"|could be) dead\b",
           r"\b(?:talk\w*|said|says|saying|text\w*|post\w*|hint\w*|threat\w*) about (?:not being"
           r" here|not wanting to be here|wanting to die|ending (?:it|things))\b"]),
)

# Ambiguous hopelessness: a gentle check question, never the full crisis reply.
CHECK_RULES: tuple[Rule, ...] = (
    _rule("crisis_check.cant_go_on", CHECK, "hopelessness",
          [rf"\b(?:{CANT}|unable to|don'?t think i can|not able to) (?:go on|carry on|keep going"
           rf"|keep doing this|do this|live|cope|take|handle|bear|stand|deal with|face)"
           rf" (?:it |this |this pain |any of this |things |life )?(?:like this|any ?more"
           rf"|any longer|much longer|for much longer|forever|for ever)\b",
           rf"\b{CANT} (?:go on|carry on|keep going|do this)" + CLAUSE_END,
           r"\bno way out\b", r"\btrapped in (?:this|my) (?:body|life|pain)\b"]),
    _rule("crisis_check.whats_the_point", CHECK, "hopelessness",
          [r"\bwhat'?s the point(?: (?:of|in) (?:anything|it all|any of it|any of this|living"
           r"|life|going on|carrying on|trying|everything|being here|me|even trying|getting up"
           r"|waking up|all this|it))?"
           r"(?=\s*(?:$|[.!?,;]|\b(?:any ?more|really|honestly|tbh|lol|i|im|i'm|and|but"
           r"|though)\b))",
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
           r"\b(?:tired|sick|weary) of (?:life|my life)\b"]),
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
          r" (?:dying|death|being dead|not being here|not being around|not existing|my death"
          r"|my funeral)\b"),
    # Hyperbole that is sometimes meant: ask, do not script.
    _rule("crisis_check.kill_me_now", CHECK, "passive_death_wish",
          [r"\b(?:just|someone|somebody|please|god) (?:please )?(?:kill|shoot) me\b",
           r"\b(?:kill|shoot) me now\b"]),
    # "I've been stockpiling" without saying what: ask.
    _rule("crisis_check.stockpiling_unspecified", CHECK, "stockpiling",
          r"\b(?:been|i'?m|im|am|started|keep) stock ?-?pil(?:e|ed|ing)\b"
          r"(?! (?:food|toilet|tins|cans|firewood|wood|up on|for (?:winter|christmas)))"),
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

# ---------------------------------------------------------------------------
# Red flags (urgent medical review)
# ---------------------------------------------------------------------------
RED_FLAG_RULES: tuple[Rule, ...] = (
    # Cauda equina: saddle anaesthesia (GIRFT CES pathway; NICE NG59; NHS CES page).
    _rule("red_flag.saddle_numbness", RED_FLAG, "cauda_equina",
          [rf"\b{NUMB}\W+(?:\w+\W+){{0,5}}?{SAD_BODY}",
           rf"\b{SAD_BODY}\W+(?:\w+\W+){{0,4}}?(?:numb\w*|tingl\w*|pins and needles|gone dead"
           r"|no feeling|lost (?:all )?feeling|anaesthe\w*|anesthe\w*)",
           r"\bsaddle (?:an)?a?esthe\w*\b"]),
    # Cauda equina: new bladder problems (retention, loss of sensation, incontinence).
    _rule("red_flag.bladder", RED_FLAG, "cauda_equina",
          [rf"\b(?:{CANT}|unable to|struggl\w* to|trouble|difficulty|problems?|hard to"
           rf"|haven'?t been able to|not been able to|not able to|haven'?t|havent|hasn'?t)"
           rf" (?:\w+ )?{PEE}\b",
           rf"\b(?:{CANT}|don'?t|didn'?t|not able to|unable to) (?:feel|tell|sense|know)"
           r" (?:when|if|that) (?:i|im|i'm) (?:need|have|want|needed|had|need to) (?:to |the |a )?"
           r"(?:go|pee|wee|toilet|loo|poo|urinate)\b",
           rf"\b{CANT} feel (?:myself |when i )?(?:peeing|weeing|pee|wee|urinate|the pee|the wee"
           r"|urine|my bladder|the urine|it coming)\b",
           r"\bno (?:urge|sensation|feeling) to (?:pee|wee|go|urinate)\b",
           r"\b(?:wet|wetting|peed|peeing|pissed|pissing|weed|weeing) (?:myself|the bed|my pants"
           r"|my knickers|my undies"
           r"|my trousers)\b(?! (?:laughing|with laughter|from laughing|when i (?:laugh|sneeze"
           r"|cough)))",
           r"\bleak(?:ing|ed|s)? (?:urine|pee|wee)\b",
           r"\bincontinen\w+\b",
           r"\b(?:had|having|have) an? (?:\w+ )?accidents? (?:with|from) my (?:bladder|bowels?)\b",
           r"\b(?:lost|lose|losing|no) control (?:of|over) (?:my )?(?:bladder|bowels?|pee|wee)\b",
           rf"\b(?:{CANT}|unable to|struggling to) control (?:my )?(?:bladder|bowels?|pee|wee)\b",
           r"\bbladder (?:is )?(?:not working|stopped working|won'?t empty|retention|problems?"
           r"|issues?|accidents?|changes)\b",
           r"\bdidn'?t (?:know|realise|realize|notice|feel) (?:i'?d|i had|i was|that i"
           r"|i've) (?:wet|peed|weed|pooed|pooped|soiled|leaked)"]),
    # Cauda equina: new bowel problems.
    _rule("red_flag.bowel", RED_FLAG, "cauda_equina",
          [r"\b(?:pooed|pooped|soiled|messed|shat|shit) (?:myself|my pants|my undies"
           r"|my knickers)\b(?! (?:laughing|myself laughing))",
           r"\bbowel (?:accidents?|problems?|changes|issues|control)\b",
           r"\baccidents? (?:in|with) (?:my )?(?:pants|underwear|knickers|undies|bed)\b",
           rf"\b{CANT} (?:feel|tell) (?:when )?i (?:need|have) (?:to )?(?:poo|open my bowels)\b"]),
    _rule("red_flag.continence_sensation", RED_FLAG, "cauda_equina",
          [r"\b(?:didn'?t|did not|don'?t|can'?t|couldn'?t|never) (?:even )?(?:feel|notice|realise"
           r"|realize|know) (?:it|them|that) (?:coming|happening|until)\b",
           rf"\b(?:pee|wee|peeing|weeing|urinat\w+|poo|pooing)\b[^.!?]{{0,20}}\b(?:{CANT}|don'?t)"
           r" (?:really )?feel (?:it|anything|a thing)\b"],
          requires=r"\b(?:accidents?|wet|leak\w*|pee\w*|wee\w*|poo\w*|toilet|loo|bladder|bowels?"
                   r"|knickers|pants|undies)\b"),
    # Cauda equina / nerve roots: symptoms in both legs (GIRFT: bilateral radiculopathy).
    _rule("red_flag.bilateral_legs", RED_FLAG, "cauda_equina",
          [r"\bboth (?:my |of my )?(?:legs|feet|thighs)\b(?:\W+\w+){0,4}?\W+(?:numb\w*|weak\w*"
           r"|tingl\w*|pins and needles|giving way|gave way|give way|gone dead|dead|useless"
           r"|collaps\w*|buckl\w*|floppy|not working|won'?t work)",
           r"\b(?:numb\w*|weak\w*|tingl\w*|pins and needles)\b(?:\W+\w+){0,3}?\W+(?:in|down"
           r"|through|into|of|on) both (?:my )?(?:legs|feet|thighs)\b",
           r"\b(?:sciatica|nerve pain|shooting pains?|burning pain|pain (?:going|shooting|running"
           r"|radiating|travelling|traveling))\b(?:\W+\w+){0,3}?\W+(?:down|in|into|through)"
           r" both (?:my )?legs\b",
           r"\bmy legs (?:are |feel |have gone |went |are going |keep going |both )?(?:so |really"
           r" |very )?(?:weak|numb|dead)\b"]),
    _rule("red_flag.legs_giving_way", RED_FLAG, "cauda_equina",
          r"\blegs? (?:keeps? |kept |just |suddenly |have |has |had |are |is |both )?"
          r"(?:giving way|gave way|give way|given way|giving out|gave out|give out|buckl\w*"
          r"|collaps\w*|went from under me|gone from under me|going from under me)"),
    # Motor deficit: foot drop, progressive weakness (NICE NG59; NICE CKS sciatica).
    _rule("red_flag.foot_drop", RED_FLAG, "neuro_deficit",
          [r"\bfoot ?-?drop\b", r"\bdrop ?-?foot\b",
           r"\bdrag(?:ging|s|ged)? my (?:foot|leg|toes)\b",
           rf"\b{CANT} (?:lift|raise|pick up|bend up|point up|flex) my (?:foot|toes|ankle)\b",
           r"\bfoot (?:is )?(?:slapping|flopping|floppy)\b",
           r"\b(?:numbness|weakness|tingling) (?:is |has been |keeps )?(?:getting worse|spreading"
           r"|travelling|moving up|creeping up)\b",
           r"\bleg (?:is |keeps )?getting weaker\b", r"\bprogressive(?:ly)? (?:weak|numb)\w*"]),
    _rule("red_flag.cauda_equina_named", RED_FLAG, "cauda_equina", r"\bcauda ?-?equina\b"),
    # Chest pain / possible heart attack (NHS "Heart attack"): also arm/jaw spread, breath.
    _rule("red_flag.chest_pain", RED_FLAG, "chest_pain",
          [r"\bchest (?:pains?|tightness|tight|pressure|heaviness|hurts?|hurting|is tight"
           r"|feels tight|is hurting|feels heavy|is heavy|feels like it's being crushed)\b",
           r"\b(?:pains?|tightness|pressure|heaviness|squeezing|crushing) (?:\w+ ){0,2}?in"
           r" (?:my|the) chest\b",
           r"\bcrushing (?:pain|feeling|sensation)\b",
           r"\b(?:weight|elephant|something heavy|band|vice|vise) (?:\w+ ){0,3}?(?:on|around|across"
           r"|squeezing) my chest\b",
           r"\b(?:tight|heavy|painful|sore) chest\b",
           r"\bchest (?:feels|is|went|has gone|has been|getting|keeps getting) (?:\w+ )?(?:tight"
           r"|heavy|crushed|squeezed|painful|sore|hurting)\b"]),
    _rule("red_flag.arm_jaw_radiation", RED_FLAG, "chest_pain",
          [r"\b(?:pain|ache|tightness)\b(?:\W+\w+){0,3}?\W+(?:spreading|going|radiating|moving"
           r"|shooting|travelling|traveling|running) (?:down|up|into|to|through) my jaw\b",
           r"\b(?:pain|ache|tightness)\b(?:\W+\w+){0,3}?\W+(?:spreading|going|radiating|moving"
           r"|shooting|travelling|traveling|running) (?:down|up|into|to|through) my left arm\b"],
          requires=r"\b(?:chest|breath|breathe|jaw|sweat\w*|clammy|sick|nause\w*|heart)\b"),
    _rule("red_flag.breathless", RED_FLAG, "chest_pain",
          [r"\bshort(?:ness)? of breath\b",
           rf"\b(?:{CANT}|struggling to|hard to|difficult to|trouble|unable to) (?:breathe|breath"
           r"|catch my breath|get my breath|get (?:enough )?air)\b"
           r"(?! (?:through|out of|with) (?:my|the) nose| (?:through|with) (?:this|my|the) cold)",
           r"\bbreathless(?:ness)?\b", r"\bgasping for (?:air|breath)\b",
           r"\bout of breath (?:just )?(?:sitting|resting|doing nothing|at rest|lying down)\b"],
          # Breathless on hills/stairs without chest symptoms is deconditioning talk.
          veto_after=r"^\W*(?:\w+\W+){0,3}?(?:going up|walking up|climbing|on (?:the )?(?:stairs"
                     r"|hills?)|after (?:walking|exercise|exercising|climbing|the walk|a walk)"
                     r"|when i (?:walk|exercise|climb|run|swim)|up (?:the )?(?:stairs|hills?))"),
    # Stroke (NHS FAST) and other sudden neurological deficit.
    _rule("red_flag.face_droop", RED_FLAG, "neuro_deficit",
          [r"\bface (?:is |has |has gone |went |looks |feels )?(?:all )?(?:drooping|droopy"
           r"|dropped|lopsided|fallen|numb on one side)\b",
           r"\b(?:droopy|drooping|lopsided) (?:face|mouth|smile|eyelid)\b",
           r"\b(?:smile|mouth) (?:is |has gone |went |looks )?(?:all )?(?:lopsided|droopy|drooping"
           r"|crooked|uneven|dropped)\b",
           r"\b(?:one side of|side of) my (?:face|mouth) (?:is |has |went |has gone )?(?:drooping"
           r"|droopy|dropped|numb|fallen)"]),
    _rule("red_flag.slurred_speech", RED_FLAG, "neuro_deficit",
          [r"\bslurr(?:ed|ing) (?:my )?(?:speech|words)\b",
           r"\bspeech (?:is |has |went |has gone |sounds )?(?:all )?slurr\w*",
           r"\b(?:words|talking|speech) (?:are |is |came out |coming out )?(?:all )?(?:jumbled"
           r"|garbled|wrong|slurr\w*)\b",
           rf"\b{CANT} (?:get (?:my )?words out|speak properly|talk properly|find (?:my|the) words)"
           r"\b(?! in (?:a|the) (?:meeting|email))"],
          veto_before=r"\b(?:drunk|wine|beer|pissed|tipsy)\b.*$"),
    _rule("red_flag.one_sided_weakness", RED_FLAG, "neuro_deficit",
          [r"\bsudden(?:ly)?(?: \w+)? (?:weakness|numbness|weak|numb|paralys\w*|can'?t move)"
           r" (?:\w+ ){0,2}?(?:on|down|in|of) (?:one|my (?:left|right)|the (?:left|right)) side\b",
           r"\b(?:weak|numb|dead|limp|floppy|paralys\w*) (?:on|down) (?:one|my (?:left|right)"
           r"|the (?:left|right)) side\b",
           r"\b(?:arm and leg|face and arm|arm and face) (?:\w+ ){0,2}?(?:weak|numb|dead|limp)\b",
           r"\b(?:suddenly|all of a sudden) (?:\w+ ){0,2}?(?:can'?t|cannot) (?:lift|move|raise|feel)"
           r" my (?:left |right )?(?:arm|leg|hand)\b"]),
    _rule("red_flag.limb_weak_with_stroke_sign", RED_FLAG, "neuro_deficit",
          r"\b(?:arm|leg|hand) (?:suddenly )?(?:went|has gone|gone|is|feels|going) (?:all )?"
          r"(?:weak|numb|dead|limp|floppy)\b",
          requires=r"\b(?:face|smile|mouth|speech|slurr\w*|sudden\w*|one side|vision|words)\b"),
    _rule("red_flag.vision_loss", RED_FLAG, "neuro_deficit",
          [r"\b(?:sudden(?:ly)?|suddenly) (?:\w+ ){0,2}?(?:lost|losing|loss of|lose|can'?t see"
           r"|went blind|blind|blurred|blurry|double) (?:\w+ ){0,3}?(?:vision|sight|eye|see)\b",
           r"\b(?:lost|losing|loss of) (?:the |my |all )?(?:vision|sight) in (?:one|my (?:left"
           r"|right)|an|the (?:left|right)) eye\b",
           r"\bwent blind\b",
           rf"\b{CANT} see (?:out of|with|from|through) (?:my |one )?(?:left |right )?eye\b",
           r"\bsudden(?:ly)? (?:double|blurred) vision\b",
           r"\b(?:curtain|shadow) (?:came )?(?:down|over) (?:my|one) eye\b"]),
    # Possible spinal or post-procedure infection (NICE NG59; NHS sepsis / septic arthritis).
    _rule("red_flag.post_procedure_infection", RED_FLAG, "infection",
          [rf"\b{FEVER}\W+(?:\w+\W+){{0,8}}?(?:after|since|following|from) (?:my |the |an? |that"
           rf" |last )?(?:\w+ )?{PROCEDURE}",
           rf"\b(?:after|since|following) (?:my |the |an? |that |last )?(?:\w+ )?{PROCEDURE}\W+"
           rf"(?:\w+\W+){{0,8}}?{FEVER}"]),
    _rule("red_flag.infection_signs", RED_FLAG, "infection",
          [r"\b(?:hot|warm)\W+(?:(?:and|n)\W+)?(?:red|swollen|inflamed|puffy)\b",
           r"\b(?:red|swollen|inflamed|puffy)\W+(?:(?:and|n)\W+)?(?:hot|warm)\b(?!\s+water)",
           r"\bpus\b", r"\b(?:oozing|weeping) (?:\w+ )?(?:wound|scar|cut|incision|site|pus|fluid"
           r"|yellow|green)\b",
           r"\b(?:wound|scar|incision|cut|stitches|injection site|site)(?: \w+){0,3}? (?:is |are"
           r" |has |looks |went |gone )?(?:infected|oozing|weeping|smelly|smells|leaking|hot|red)\b",
           r"\bred streaks?\b", r"\binfected\b"]),
    # Fever/chills/night sweats with back pain: spinal infection (NICE NG59, CKS).
    _rule("red_flag.fever_back_pain", RED_FLAG, "fever", FEVER, requires=SPINE),
    # Significant trauma followed by pain (NICE NG59: fracture after trauma).
    _rule("red_flag.trauma", RED_FLAG, "trauma",
          [r"\b(?:had|taken|took) (?:a |another )?(?:bad |nasty |big |heavy |hard |little )?"
           r"(?:fall|tumble)\b",
           r"\b(?:fell|fallen|falling) (?:down|over|off|from|onto|out of|backwards|hard|badly|on"
           r"(?! hard times))\b(?! (?:the wagon|my words|laughing|asleep))",
           r"\bi fell\b(?! (?:asleep|behind|apart|in love|for|through|ill|sick|pregnant|short|into"
           r" (?:a|the) (?:routine|habit)|out with|silent|quiet|back asleep|off the wagon))",
           r"\b(?:slipped|tripped) (?:on|over|down|and fell|up on|in|off)\b"
           r"(?! (?:my words|the words))",
           r"\bcame off (?:my|the|a) (?:bike|horse|motorbike|scooter|ladder|skateboard)\b",
           r"\b(?:car|road|traffic|motorbike|motorcycle|bike|cycling|work|workplace|sports?|rugby"
           r"|skiing|riding|bus) (?:accident|crash|collision|smash|prang)\b",
           r"\b(?:crashed|rolled|wrote off|totalled|totaled|pranged) (?:my|the|our) (?:car|bike"
           r"|ute|van)\b",
           r"\bhit by (?:a )?(?:car|bus|truck|van|bike|cyclist|ute)\b",
           r"\bknocked (?:off|over|down) (?:by|my)\b", r"\brear[- ]?ended\b", r"\bt-?boned\b",
           r"\bwhiplash\b", r"\bhead[- ]on (?:collision|crash)\b",
           r"\bwas in an? (?:accident|crash)\b",
           r"\blanded (?:hard |badly |awkwardly |heavily )?on my (?:back|bum|tailbone|coccyx|hip"
           r"|head|neck|spine|side|wrist|bottom)\b",
           r"\bhit my head\b", r"\bsince (?:my|the) (?:fall|accident|crash)\b",
           r"\bafter (?:my|the|a) (?:fall|accident|crash)\b"],
          requires=PAIN_OR_INJURY),
    # Cancer history with new pain; unexplained weight loss (NICE NG59, NICE NG12).
    _rule("red_flag.cancer_history", RED_FLAG, "cancer_history",
          [r"\b(?:history of|hx of|had|have|have had|i've had|ive had|been treated for|treatment"
           r" for|survivor of|survived|in remission from|diagnosed with|recovering from|finished"
           r" treatment for|beat|beaten) (?:\w+ ){0,3}?(?:cancer|tumou?r|lymphoma|leuka?emia"
           r"|myeloma|melanoma|sarcoma|carcinoma)\b",
           r"\bcancer survivor\b", r"\bin remission\b", r"\bsecondaries\b", r"\bmetasta\w+",
           r"\b(?:my|the) cancer (?:came back|has spread|spread|returned|is back)\b",
           r"\b(?:had|finished|after|since) (?:chemo|chemotherapy|radiotherapy|radiation)\b"],
          requires=r"(?:pain|ache|aching|hurt|sore|agony)", historical_exempt=True),
    _rule("red_flag.weight_loss", RED_FLAG, "cancer_history",
          [r"\bunexplained weight loss\b",
           r"\b(?:lost|losing|dropped|dropping|shed) (?:\w+ ){0,3}?(?:weight|kilos|kgs?|pounds"
           r"|lbs|stone|\d+ ?(?:kg|kgs|kilos|lbs|pounds|stone))\b(?:\W+\w+){0,5}?\W+(?:without"
           r" (?:trying|dieting|meaning to)|for no (?:reason|apparent reason)|(?:and )?(?:i'?m"
           r" |im )?not (?:trying|dieting)|unintentional\w*|don'?t know why|can'?t explain"
           r"|haven'?t been trying|no idea why)",
           r"\bweight (?:is )?(?:falling|dropping) off (?:me )?(?:without|for no reason)"]),
    # Night pain that rest/position does not ease (NICE NG59: non-mechanical pain).
    _rule("red_flag.night_pain", RED_FLAG, "night_pain",
          r"\b(?:at night|night ?time|overnight|all night|in the night|in bed|lying down|lie down"
          r"|laying down|when i rest|resting|at rest|every night)\b[^.!?\n]{0,60}?(?:(?:no|any"
          r"|every|whatever|which ?ever) position|(?:doesn'?t|does not|won'?t|will not|never"
          r"|nothing) (?:\w+ )?(?:ease|eases|settle|settles|help|helps|go away|goes away|stop"
          r"|stops|let up|lets up|touch|touches|make (?:it|any|a) (?:difference|better))"
          r"|can'?t get (?:comfortable|comfy)|no relief|unrelenting|relentless|constant"
          r"|wakes? me)"
          r"|\b(?:no|any|every|whatever) position\b[^.!?\n]{0,60}?\b(?:at night|in bed|all night"
          r"|lying down)\b"
          r"|\b(?:pain|it)\b[^.!?\n]{0,30}?\bwakes? me (?:up )?every night\b[^.!?\n]{0,40}?"
          r"\b(?:nothing|no position|can'?t get)"),
    # Pain unlike the usual; sudden worst-ever pain or headache.
    _rule("red_flag.new_severe_pain", RED_FLAG, "new_severe_pain",
          [r"\bworst (?:\w+ )?(?:pain|headache|ache)\b (?:\w+ )?(?:of|in) my (?:entire |whole )?"
           r"life\b",
           r"\bworst (?:pain|headache) (?:i'?ve|i have) ever\b",
           r"\bworst (?:pain|headache) ever\b",
           r"\b(?:pain|headache)\b[^.!?]{0,50}\bworst (?:ever|of my life|i'?ve (?:ever )?had)\b",
           r"\b(?:totally|completely|very|really|so|quite|entirely) (?:different|unlike)"
           r" (?:from |to |than )?(?:my |the )?(?:usual|normal|regular|everyday|typical)\b",
           r"\b(?:totally|completely|very|really|so|quite|entirely|nothing) (?:different|like)"
           r" (?:from|to|than)? ?my (?:usual|normal|regular|everyday|typical) (?:pain|back pain"
           r"|ache|flare)",
           r"\b(?:different|unlike) (?:from |to |than )?(?:my |the )?(?:usual|normal|regular"
           r"|typical) (?:pain|back pain|flare)\b",
           r"\b(?:never|not) (?:ever )?(?:had|felt|experienced|known) (?:pain|anything|a pain"
           r"|a headache) like (?:this|it)\b",
           r"\bnew (?:kind|type|sort) of pain\b",
           r"\bsudden(?:ly)? (?:\w+ )?(?:severe|excruciating|agonising|agonizing|intense"
           r"|unbearable|tearing|ripping) (?:pain|headache)\b",
           r"\bthunderclap headache\b",
           r"\btearing pain\b",
           r"\bpain (?:is |feels )?unlike anything\b"]),
    # Possible DVT: one swollen, hot, red or tender calf/leg (NHS "DVT").
    _rule("red_flag.dvt", RED_FLAG, "dvt",
          [r"\b(?:swollen|swelling|puffy|red|hot|warm|tender)(?: and (?:painful|sore|tender|red|hot"
           r"|warm|swollen))? (?:left |right |one )?calf\b",
           r"\bcalf (?:is |has |feels |looks |went |got |has gone )?(?:all |really |very )?"
           r"(?:swollen|swelling|puffy|red|hot|warm|bigger)\b",
           r"\bone leg (?:is )?(?:more |much )?(?:swollen|puffy|bigger|fatter)\b",
           r"\bswelling in (?:my )?(?:left |right |one )?calf\b"]),
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
           r"|all (?:\d+|of them)"
           r"(?: of my)?|all of it|the lot)\b",
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
           r"\bthis is my last (?:message|post|text)\b",
           r"\b(?:plan|planning|planned|plans) (?:for )?(?:my own|your own|my) death\b",
           r"\bctb\b"]),
    _rule("crisis.self_harm_tools", CRISIS, "self_harm",
          r"\b(?:burn\w*|cut\w*|scratch\w*|slic\w*|carv\w*) (?:myself|my (?:arms?|wrists?|legs?"
          r"|thighs?|skin|stomach))"
          r" (?:with|using|on) (?:a |my |the )?(?:lighter|razor|blade|knife|cigarette|scissors|hot|iron)"),
    _rule("crisis.no_reason", CRISIS, "passive_death_wish",
          [r"\bno (?:reason|point) (?:to|in) (?:keep |keeping |carry on |carrying on )?(?:living"
           r"|live|being alive"
           r"|going on|being here)\b",
           r"\bdeath would (?:honestly |really |just )?be (?:a )?(?:relief|release|mercy|blessing)\b",
           r"\bwish i (?:hadn'?t|had not|didn'?t|did not|hadnt|didnt) (?:woken|wake|woke)(?: up)?\b",
           r"\b(?:go to sleep|sleep|fall asleep) and (?:not|never) wake(?: up)?\b",
           r"\b(?:want|wish|like|love) to (?:just )?(?:not|never) wake up\b",
           r"\bhelp it along\b",
           r"\b(?:want|need) (?:the pain|it|this|everything|me"
           r"|myself) (?:all )?to stop,? (?:permanently|forever"
           r"|for good)\b"]),
    _rule("crisis.jump_or_train", CRISIS, "suicide",
          [r"\b(?:jump|jumping) (?:off|from|in front of)\b",
           r"\b(?:tallest|highest) (?:buildings?|bridges?|places?)\b[^.?!]{0,30}\bjump",
           r"\b(?:step(?:ping)?|walk(?:ing)?|throw(?:ing)? myself) (?:out )?in front of (?:a |the |an )?"
           r"(?:train|bus|truck|lorry|car|one)\b"],
          idiom_after=r"^\W*(?:the (?:bandwagon|queue|gun)|at the chance)"),
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
          r"\bwhen i'?m (?:gone|dead|not here|no longer here|not around)\b",
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

CHECK_RULES += (
    _rule("crisis_check.had_enough_of_life", CHECK, "passive_death_wish",
          r"\bhad enough of (?:this )?(?:life|living|being alive)\b"),
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

RED_FLAG_RULES += (
    _rule("red_flag.legs_wont_move", RED_FLAG, "cauda_equina",
          r"\b(?:can'?t|cannot|cant) (?:move|feel|lift) (?:both |my )?legs\b"),
    _rule("red_flag.foot_flops", RED_FLAG, "neuro_deficit",
          r"\b(?:foot|it) (?:just )?flops (?:down|about|around)\b|\btrip\w* over my (?:\w+ )?foot\b"),
    _rule("red_flag.position_night", RED_FLAG, "night_pain",
          r"\b(?:whatever|no matter (?:what|which)) position\b", requires=r"\bnight|\bsleep|\bwak"),
    _rule("red_flag.chest_lay", RED_FLAG, "chest_pain",
          r"\bpain in my (?:\w+ (?:and|&) )?chest\b|\bchest (?:and|&) (?:jaw|arm)\b|\bjaw and chest\b"),
    _rule("red_flag.eye_black", RED_FLAG, "neuro_deficit",
          r"\b(?:went|goes|gone|going) (?:black|dark|blank) in (?:my|one) (?:left |right )?eye\b"
          r"|\blost (?:the )?(?:vision|sight) in (?:my|one)\b"),
    _rule("red_flag.wound_infection", RED_FLAG, "infection",
          r"\bwound\b[^.?!]{0,40}\b(?:opened|oozing|smells|pus|weeping)\b"
          r"|\binjection\b[^.?!]{0,60}\b(?:temperature|fever)\b"),
    _rule("red_flag.meningitis", RED_FLAG, "infection",
          r"\bstiff neck\b[^.?!]{0,60}\b(?:rash|fever|temperature|light hurts)\b"
          r"|\brash (?:that )?(?:doesn'?t|won'?t|does not) fade\b"),
    _rule("red_flag.both_limbs_worse", RED_FLAG, "neuro_deficit",
          r"\bboth (?:hands|feet|legs)\b[^.?!]{0,60}\b(?:getting worse|spreading|unsteady|weaker"
          r"|giving way)\b"),
    _rule("red_flag.foot_floppy", RED_FLAG, "neuro_deficit",
          r"\bfoot (?:went|has gone|is|going|gone) (?:all )?(?:floppy|limp|dead)\b"
          r"|\b(?:can'?t|cannot|cant) (?:stand|walk) on my (?:heels?|toes)\b"),
    # Possible osteoporotic fracture: long-term steroids and sudden severe pain (NICE NG59).
    _rule("red_flag.steroid_fracture", RED_FLAG, "trauma",
          r"\bsteroids?\b[^.?!]{0,60}\b(?:sudden|severe|agonising|agonizing|excruciating)\b"
          r"|\b(?:sudden|severe)\b[^.?!]{0,40}\bsteroids?\b",
          requires=r"\b(?:back|spine)\b", historical_exempt=True),

    # Foot drop (NICE NG59: progressive neurological deficit).
    _rule("red_flag.foot_drop_lay", RED_FLAG, "neuro_deficit",
          r"\bfoot (?:slaps|slapping|drags|dragging|flops|flopping|is floppy)\b|\b(?:catching|catch) my"
          r" (?:toes|foot)\b"),
    # Fever with back pain as a number (NICE NG59: infection).
    _rule("red_flag.fever_number", RED_FLAG, "fever",
          r"\b(?:temp(?:erature)?|fever) (?:of |is |at |was )?(?:3[89]|4[0-2])(?:[.,]\d)?\b"
          r"|\b(?:3[89]|4[0-2])(?:[.,]\d)? ?(?:degrees|°c?)\b",
          requires=r"\b(?:back|spine|neck|pain|agony|sore)\b"),
    # Significant trauma then pain.
    _rule("red_flag.fall_landed", RED_FLAG, "trauma",
          r"\b(?:fell|fall|slipped|tripped|came off)\b[^.?!]{0,50}\b(?:landed|land|hit) (?:hard |right )?"
          r"(?:on )?(?:my )?(?:back|tailbone|coccyx|bum|hip|neck|head|spine)\b"),
    _rule("red_flag.weight_loss_lay", RED_FLAG, "cancer_history",
          r"\bweight'?s? (?:just )?(?:dropping|falling|coming|melting) off\b|\blosing weight without"
          r" (?:trying|dieting|meaning to)\b"),
    _rule("red_flag.night_pain_position", RED_FLAG, "night_pain",
          r"\bno matter (?:how|what way|which way) (?:i )?(?:lie|lay|sleep|sit|turn|position)\b",
          requires=r"\bnight|\bsleep|\bbed\b"),
    _rule("red_flag.face_numb", RED_FLAG, "neuro_deficit",
          r"\b(?:can'?t|cannot|cant) feel (?:one|the (?:left|right)) side of my face\b|\bone side of my face"
          r" (?:is |has gone |went )?(?:numb|drooping|droopy|dropped)\b"),
    _rule("red_flag.legs_numb_walk", RED_FLAG, "cauda_equina",
          r"\blegs? (?:went|have gone|has gone|gone|are|is|going) (?:all )?(?:numb|weak|dead|to jelly)\b"
          r"[^.?!]{0,50}\b(?:can'?t|cannot|cant|unable to) (?:walk|stand)\b"),
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
_THIRD_NOUN = (r"(?:he|she|they|my (?:best |old |eldest |youngest |teenage )?(?:friend|mate|son|daughter|kid"
               r"|boy|girl|wife|husband|partner|boyfriend|girlfriend|brother|sister|mum|mom|mother|dad"
               r"|father|grandson|granddaughter|grandad|grandma|nan|uncle|aunt|auntie|cousin|neighbour"
               r"|neighbor|flatmate|housemate|colleague|workmate|student|teenager))")
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
           r"|my last"
           r" (?:day|birthday|christmas))\b",
           r"\b(?:it'?s|is) my last (?:day|birthday|christmas)\b(?=[^.?!]{0,20}\b(?:hope|pray|wish))"]),
    # Hopelessness with a time horizon: the horizon plus an ending, in either order.
    _rule("crisis.horizon_ending", CRISIS, "hopelessness", rf"\b{_ENDING}", requires=rf"\b{_HORIZON}\b",
          veto_after=r"^\W*(?:for (?:the|to)day|with (?:work|this job|the (?:walking|plan|exercises)))"),
    # Farewells, final arrangements and giving things away (Samaritans warning signs).
    _rule("crisis.farewell", CRISIS, "farewell",
          [r"\b(?:after|when|once) i'?m (?:gone|dead|not here|no longer (?:here|around)|not around)\b"
           r"(?! (?:on|for|to|away|out|overseas|at|in)\b)",
           r"\bbefore i go\b(?! (?:to|out|on|for|away|back|into|and|home|in|over|shopping)\b)"
           r"(?=[^.?!]{0,0})",
           r"\b(?:where i'?m going|wherever i'?m going)\b",
           r"\b(?:won'?t|wont|will not|not going to) (?:be )?need(?:ing)? (?:it|them|this|that|these|those"
           r"|my \w+|any of (?:it|this)|check ?-?ins|reminders)\b(?! (?:for|until|till|on|at|this week|today"
           r"|tomorrow)\b)",
           r"\b(?:won'?t|wont|will not) be (?:alive|here|around) (?:to|after|for the next|by)\b",
           r"\bnot (?:going to|gonna) be (?:around|here|alive) after (?:tonight|today|this|the weekend)\b",
           r"\blast time (?:you'?ll|you will|anyone will|i'?ll|i will) (?:hear from me|see me|talk to (?:me"
           r"|you)"
           r"|write)\b",
           r"\b(?:tying|tied|tie) up (?:all )?(?:my )?loose ends\b|\bloose ends (?:are )?(?:sorted|tied up"
           r"|done)\b",
           r"\bmy (?:will|funeral)\b (?:is |are |has been |'s )?(?:all )?(?:sorted|done|planned|paid|written"
           r"|ready|organi[sz]ed)\b",
           r"\b(?:sorted|planned|paid for|organi[sz]ed|written|wrote|made|done|arranged) (?:out )?my (?:will"
           r"|funeral|affairs)\b",
           r"\b(?:put|putting|got|have|sorted) (?:everything|it all|all my affairs) in order\b",
           r"\bexplaining why i (?:did|do|'?m doing|am doing) (?:it|this)\b",
           r"\b(?:sorted|decided|worked out|made a list of|written down|wrote down) (?:out )?who (?:gets"
           r"|will get"
           r"|has|should have|can have) (?:my|what)\b",
           r"\bwhoever finds me\b|\bfor (?:the person who|someone to) find me\b",
           r"\b(?:goodbye|farewell) (?:texts?|messages?|emails?|cards?|videos?|posts?)\b",
           r"\b(?:letters?|notes?)\b[^.?!]{0,30}\b(?:after i'?m gone|for after|when i'?m gone"
           r"|for everyone i love"
           r"|in the drawer|for my (?:kids|family|wife|husband|partner|children|mum|dad))\b",
           r"\b(?:left|leaving|wrote|written|writing) (?:a )?(?:letters?|notes?) for (?:everyone|my (?:kids"
           r"|family"
           r"|wife|husband|partner|children))\b",
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
           r"\b(?:keep|kept|hid|hide|hiding|hidden|bought|got|have)\b (?:the |a |my )?rope\b(?! (?:for|swing"
           r"|toy"
           r"|ladder|bridge|course|burn))|\brope i (?:bought|got|have|keep|hid)\b(?! for)",
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
           rf"\b{_SELF_ACT}\b[^.?!]{{0,40}}?\b(?:on purpose|deliberately|intentionally)\b"
           r"(?<!\bgym on purpose)",
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
           r"|racquet"
           r"|bat)|by accident|accidentally))",
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
           r"|when i"
           r"|die|dead|gone)\b)",
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
           r"\bthis is goodbye\b"]),
    # A misspelt "kill myself" ("kll", "kts", "kil"): too unclear for the script, never silence.
    _rule("crisis_check.kill_myself_typo", CHECK, "slang",
          r"\bk[a-z]{1,3}s? (?:my ?self|myslf|myslef"
          r"|meself)\b(?<!kick myself)(?<!keep myself)(?<!kept myself)"),
    _rule("crisis_check.means_ambiguous", CHECK, "method_means",
          [r"\b(?:razor|blade)\b (?:on|to|across) my (?:arms?|legs?|wrists?|thighs?|skin)\b",
           r"\b(?:bought|got) (?:a )?(?:new |packet of )?blades?\b(?! for (?:the|my) (?:mower|saw|knife"
           r"|shaver"
           r"|plane|cutter))",
           r"\bdirt ?nap\b"]),
)

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

# Red flags in lay words: one-sided leg weakness with pain, weight lost, a dragging foot.
RED_FLAG_RULES += (
    _rule("red_flag.leg_weak_lay", RED_FLAG, "neuro_deficit",
          r"\b(?:leg|foot|legs|feet)\b (?:\w+ ){0,2}?(?:feels?|is|are|has gone|have gone|went|going|getting)"
          r" (?:\w+ )?(?:weak|weaker|floppy)\b"),
    _rule("red_flag.weight_loss_more", RED_FLAG, "cancer_history",
          r"\b(?:lost|losing|dropped) (?:\w+ ){0,5}?(?:weight|kilos|kgs?|pounds|stone)\b[^.?!]{0,20}"
          r"\bwithout (?:trying|dieting|meaning to)\b"),
    _rule("red_flag.foot_dragging", RED_FLAG, "neuro_deficit",
          r"\bfoot (?:\w+ ){0,2}?(?:dragging|drags|slapping|slaps|catching|flopping)\b"),
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
           r"|for when i'?m"
           r" gone|to each of|for each of)\b",
           r"\b(?:written|wrote|planned|chosen|picked) (?:what i want|the songs|the music|the readings) (?:at"
           r"|for)"
           r" my funeral\b",
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
THIRD_RULES += (
    _rule("crisis_third_person.more_2", THIRD, "other_at_risk",
          [rf"\b{_THIRD_NOUN}\b[^.?!]{{0,20}}\blocked (?:him|her|them)sel(?:f"
           rf"|ves) in\b[^.?!]{{0,30}}\b(?:pills"
           r"|tablets|meds|knife|razor|rope)\b",
           rf"\b{_THIRD_NOUN}\b[^.?!]{{0,20}}\b(?:wants?|wanting) to (?:disappear|vanish) (?:forever"
           rf"|for good)\b",
           rf"\b{_THIRD_NOUN}\b[^.?!]{{0,30}}\b(?:top|off|kill|hang) (?:him|her|them)sel(?:f|ves)\b"]),
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
                 r"|honestly )?(?:mind|care|fight it)")
_HARM_TO_ME = (r"(?:i (?:got |get |was |were )?(?:hit|run over|killed|struck)|i (?:died"
               r"|didn'?t wake|never woke"
               r"|dropped dead)|my heart (?:gave out|stopped|gives out|stops)|something (?:happened|happens)"
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
           r"\bno vale la pena vivir\b", r"\bmejor (?:estar )?muert[oa]\b"),
    "zh": ("自杀", "自殺", "想死", "不想活", "活不下去", "结束(?:自己的)?生命", "結束(?:自己的)?生命", "轻生",
           "輕生", "自残", "自殘", "割腕", "寻死", "尋死", "跳楼", "跳樓"),
    "hi": ("आत्महत्या", "खुदकुशी", "ख़ुदकुशी", "मरना चाहत", "मर जाना चाहत", "जीना नहीं",
           "अपनी जान (?:ले|दे)", r"\b(?:marna|mar jana|mar jaana) chaht[aie]", r"\b(?:jeena|jina) nahi",
           r"\bkhudkushi\b", r"\ba+tmahatya\b", r"\bapni jaan (?:le|de)"),
    "ar": ("انتحار", "انتحر", "أنتحر", "أريد أن أموت", "اريد ان اموت", "أتمنى الموت", "اتمنى الموت",
           "لا أريد أن أعيش", "لا اريد ان اعيش", "أقتل نفسي", "اقتل نفسي", "أنهي حياتي", "انهي حياتي",
           "إنهاء حياتي", "انهاء حياتي"),
    "mi": (r"\bwhakamomori\b", r"\b(?:pirangi|hiahia)\b[^.?!]{0,20}\bki te mate\b",
           r"\b(?:kaore|kore|kahore)\b[^.?!]{0,15}\b(?:pirangi|hiahia)\b[^.?!]{0,10}\bki te ora\b",
           r"\bhoha (?:au |ahau )?ki te ora\b", r"\b(?:whakamate|patu) i (?:a )?(?:ahau|au)\b"),
    "sm": (r"\bfia oti\b", r"\bpule i (?:le|lo'?u|lou) ola\b",
           r"\b(?:le|leai) toe (?:mana'?o|fia)\b[^.?!]{0,10}\bola\b", r"\bfasi(?:oti)? (?:ia )?a'?u\b"),
}


def _fold(pattern: str) -> str:
    """A pattern in the shape `normalise` gives the text (no accents or combining marks)."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", pattern).lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


FOREIGN_CRISIS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (language, re.compile(_fold(pattern)))
    for language, patterns in FOREIGN_CRISIS_PHRASES.items()
    for pattern in patterns
)

# ---------------------------------------------------------------------------
# The classifier's second opinion. A `crisis` or `red_flag` guess without a lexicon
# match is only a question (the check question, the red-flag screening question);
# it is dropped when the message is a figure of speech about pain, tiredness,
# sport, work or a device, or, for red flags, names no body symptom at all.
# ---------------------------------------------------------------------------
FIGURES_OF_SPEECH = re.compile("|".join((
    r"\b(?:is|are|was|were|'s|'re|keeps?|kept) (?:\w+ )?(?:killing|murdering|slaying|destroying|wrecking"
    r"|torturing) (?:me|my|us)\b",
    r"\b(?:kill|killed|killing|smash|smashed|crush|crushed|nail|nailed|ace|aced) (?:it|that)\b",
    r"\b(?:i'?d|i would|i could) (?:kill|die) for\b|\bdying (?:to|for)\b|\bto die for\b",
    r"\b(?:the )?death of me\b|\bdead (?:tired|on my feet|to the world|beat|end|last|set on)\b",
    r"\b(?:so|too|that) (?:tired|bored|hungry|embarrassed|sore|full) (?:that )?i could (?:die|drop)\b",
    r"\b(?:phone|battery|batteries|laptop|computer|app|tablet|kindle|watch|fitbit|tens|charger|car|printer"
    r"|router|wifi|telly|tv|heat (?:pack|pad)|hearing aids?|blanket|recliner|dryer|hoover|camera|remote)\b"
    r"[^.?!]{0,25}\b(?:dead|dying|died|kill\w*|murder\w*|crash\w*|froze|fried|shot|last legs|had it|kaput)\b",
    r"\b(?:kill|force quit|restart) (?:the |this )?(?:app|tab|program|process)\b",
    r"\b(?:went|go|going|was|it'?s) (?:\w+ )?(?:on|to) (?:the|my|that|this) (?:last lap|hill|5k|10k|treadmill"
    r"|rower|court|field|pitch|course)\b",
    r"\b(?:died|die|dying|killed|murdered|slaughtered|destroyed|thrashed|hammered|crucified|bombed)"
    r" (?:on|at|in) (?:the )?(?:last|final|second|first|quiz|bowls|darts|tennis|netball|golf|rugby|league"
    r"|half|lap|set|game|match|review|meeting)\b",
    r"\b(?:we|they|our team|the team|you) (?:got )?(?:killed|murdered|slaughtered|destroyed|thrashed"
    r"|hammered|crucified)\b",
    r"\b(?:boss|manager|coworker|co-worker|colleague|job|work|meeting|deadline|commute|shift|project"
    r"|spreadsheet|inbox|overtime|payroll|office)\b[^.?!]{0,30}\b(?:kill\w*|murder\w*|death|dead|die|dying"
    r"|torture|nightmare|hell|bloodbath|drown\w*|sucking the life)\b",
    r"\b(?:kill|murder|strangle) (?:my|the|whoever|him|her) (?:\w+ )?(?:boss|manager|coworker|colleague"
    r"|printer|broke|if)\b",
    r"\b(?:die|died|dying|dead) (?:on|at|in|during) (?:the|my|that|this|a) (?:last lap|hill|5k|10k|run|walk"
    r"|ride|climb|stairs|treadmill|rower|court|field|pitch|course|class|session|workout|game|match)\b",
    r"\b(?:was|is|'s) (?:absolute |pure |sheer |just )?torture\b",
    r"\b(?:sciatica|back|knees?|hips?|neck|shoulders?|body|legs|feet|pain|arthritis|fibro)\b (?:\w+ ){0,2}?"
    r"(?:wants me dead|is trying to kill me|hates me)\b",
    r"\b(?:swing|battery|phone|career|social life|love life|garden|plants?|joke|party|town|team|game)\b"
    r" (?:is|was|'s) (?:\w+ )?dead\b",
    r"\b(?:i'?m|im) (?:so |literally )?dead(?= *(?:$|[.!,]|\blol\b|\bhaha\b))",
    r"\bdoing suicides\b|\bsuicides? (?:drills?|sprints?|runs?)\b",
    r"\b(?:deadline|plan|idea|schedule|timeline) (?:is|was|'s) suicide\b",
    r"\bi'?d rather die than (?:go|do|sit|listen|watch|eat|wear|attend|work)\b",
    r"\bdone with (?:this|my|the) (?:job|work|boss|course|class|project|shift)\b",
    r"\b(?:going to|gonna|will) (?:be )?(?:hurt|hurting|sore|feel it) (?:tomorrow|in the morning|later)\b",
    r"\bcrawl (?:back )?into bed\b",
    r"\bkills? my (?:knees|back|feet|hips?|neck|legs|shoulders?|wrists?|joints|ankles?)\b",
    r"\bshot myself in the foot\b|\bthe pits\b|\bthrough the roof\b|\bgiving me hell\b"
    r"|\bhurts? like hell\b|\bscreaming at me\b|\bhit by a (?:truck|bus)\b",
    # Sixth pass: exercise that "killed" someone, a limb that "went dead", plain tiredness and
    # sleeping positions (the classifier's guesses on tune table 3 and the first tune table).
    r"\b(?:coach|trainer|instructor|class|relay|race|run|hike|ride|session|workout|circuit|bootcamp|spin"
    r"|pilates|yoga|zumba|gym|training|lunges|burpees|squats|parkrun|swim|laps?|rowing machine|treadmill)\b"
    r"[^.?!]{0,30}\b(?:kill(?:ed|s|ing)?|murder\w*|slay\w*|destroy\w*|wreck\w*|finish\w* me off)\b",
    r"\b(?:arm|leg|hand|foot|fingers?|toes?|bum)s? (?:goes|went|go|going|gone|is|was|are|keeps going) dead\b",
    r"\b(?:i'?m|im|i am) (?:so |absolutely |totally |completely )?(?:toast|cooked|knackered|zonked|shattered"
    r"|pooped|buggered|wiped out)\b",
    r"\bneed (?:a|my|some) (?:nap|coffee|sleep|break|holiday|cuppa|lie down)"
    r" or i'?ll (?:die|drop|collapse)\b",
    r"\bsleep(?:s|ing)? on my (?:left|right|back|side|front|stomach|tummy)\b",
)))
RED_FLAG_CUES = re.compile(
    r"\b(?:numb\w*|tingl\w*|pins and needles|bladder|bowel\w*|pee\w*|wee\w*|urin\w*|incontinen\w*"
    r"|weak\w*|giving way|gave way|fever\w*|temperature|sweats?|chills|shiver\w*|fell|fall\w*|accident"
    r"|crash|chest|breath\w*|weight|cancer|tumou?r|chemo|night|worst|sudden\w*|swollen|swelling|red and"
    r"|hot and|calf|slurr\w*|droop\w*|vision|blind|faint\w*|collaps\w*|drag\w*|foot drop|saddle"
    r"|groin|genital\w*|bum|bottom|privates|down there|wound|infect\w*|pus|oozing|jaw|arm)\b"
)


def figure_of_speech(text: str) -> bool:
    """An idiom about pain, tiredness, sport, work or a device ("my knees are killing me")."""
    return bool(FIGURES_OF_SPEECH.search(normalise(text)))


def names_red_flag_symptom(text: str) -> bool:
    """Does the message name any body symptom a red flag is made of? (screening gate)"""
    return bool(RED_FLAG_CUES.search(normalise(text)))


# Which clinical sign each red-flag rule detects (several rules can word one sign).
RED_FLAG_SIGNS: dict[str, str] = {
    "red_flag.saddle_numbness": "saddle",
    "red_flag.bladder": "continence", "red_flag.bowel": "continence",
    "red_flag.continence_sensation": "continence",
    "red_flag.bilateral_legs": "legs", "red_flag.legs_giving_way": "legs", "red_flag.legs_wont_move": "legs",
    "red_flag.legs_numb_walk": "legs", "red_flag.leg_weak_lay": "legs", "red_flag.both_limbs_worse": "legs",
    "red_flag.foot_drop": "legs", "red_flag.foot_flops": "legs", "red_flag.foot_floppy": "legs",
    "red_flag.foot_drop_lay": "legs", "red_flag.foot_dragging": "legs",
    "red_flag.chest_pain": "chest", "red_flag.chest_lay": "chest",
    "red_flag.breathless": "chest_with", "red_flag.arm_jaw_radiation": "chest_with",
    "red_flag.face_droop": "stroke_face", "red_flag.face_numb": "stroke_face",
    "red_flag.slurred_speech": "stroke_speech",
    "red_flag.one_sided_weakness": "stroke_limb", "red_flag.limb_weak_with_stroke_sign": "stroke_limb",
}
# Combinations that are unambiguous on their own (GIRFT cauda equina pathway; NHS heart
# attack and FAST stroke pages): the clinic is alerted without a screening question.
UNAMBIGUOUS_SIGNS: tuple[frozenset[str], ...] = (
    frozenset({"saddle", "continence"}), frozenset({"legs", "continence"}), frozenset({"saddle", "legs"}),
    frozenset({"chest", "chest_with"}), frozenset({"stroke_face"}),
    frozenset({"stroke_speech", "stroke_limb"}),
)


def red_flag_alerts_at_once(matches: Iterable[SafetyMatch]) -> bool:
    """Unambiguous without asking: a combination of red-flag signs in one message (new
    bladder loss with saddle numbness; chest pain with breathlessness; a drooping face).
    One sign alone gets the screening question first."""
    signs = {RED_FLAG_SIGNS.get(m.rule, m.rule) for m in matches if m.level == RED_FLAG}
    return any(combination <= signs for combination in UNAMBIGUOUS_SIGNS)


# What the red-flag screening question asks about, by category (NICE NG59 red flags;
# GIRFT cauda equina pathway; NHS heart attack, stroke, sepsis and DVT pages).
RED_FLAG_SCREEN_SYMPTOMS: dict[str, str] = {
    "cauda_equina": "new numbness around your bottom or genitals, new trouble peeing or controlling your"
                    " bladder or bowels, or weakness or numbness in both legs",
    "neuro_deficit": "weakness in a leg or foot that is new or getting worse, a foot that drags or slaps,"
                     " numbness that is spreading, or a drooping face or slurred speech",
    "chest_pain": "chest pain, pressure or tightness right now, pain spreading to your arm or jaw, or"
                  " shortness of breath",
    "infection": "a temperature, chills or night sweats, or a wound or injection site that is hot, red or"
                 " oozing",
    "fever": "a temperature, chills or night sweats together with your back or neck pain",
    "trauma": "a fall, accident or heavy knock shortly before this pain, with pain that is severe or"
              " getting worse",
    "cancer_history": "a past cancer, weight loss you can't explain, or pain that is new and different"
                      " from your usual",
    "night_pain": "pain at night that no position eases, with a temperature, weight loss or feeling"
                  " generally unwell",
    "new_severe_pain": "pain that came on suddenly, is severe and unlike your usual pain, or is getting"
                       " rapidly worse",
    "dvt": "one calf or leg that is swollen, warm, red or tender, or any shortness of breath",
}
RED_FLAG_SCREEN_DEFAULT = ("new numbness around your bottom or genitals, new bladder or bowel problems,"
                           " weakness in your legs, a temperature with your back pain, or chest pain")


def red_flag_screen_symptoms(category: str | None) -> str:
    """The symptoms the screening question names for a red-flag category."""
    return RED_FLAG_SCREEN_SYMPTOMS.get(category or "", RED_FLAG_SCREEN_DEFAULT)


ALL_RULES: tuple[Rule, ...] = CRISIS_RULES + THIRD_RULES + CHECK_RULES + RED_FLAG_RULES

# ---------------------------------------------------------------------------
# Context: clauses, negation, reported/historical speech, questions, subjects
# ---------------------------------------------------------------------------
_SENTENCE_BREAK = re.compile(r"[.!?\n]")
_CLAUSE_BREAK = re.compile(
    r"[.!?;,\n]|\b(?:but|and|because|cos|coz|cause|though|although|however|yet|whereas|now)\b"
)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")
_NEGATORS = frozenset({
    "not", "never", "no", "nor", "neither", "without", "nope", "cannot", "hardly", "dont",
    "wont", "wouldnt", "cant", "couldnt", "shouldnt", "didnt", "doesnt", "isnt", "arent",
    "wasnt", "werent", "havent", "hasnt", "hadnt", "aint", "nah",
})
_FIRST_SUBJECTS = frozenset({"i", "i'm", "im", "i've", "ive", "i'd", "i'll", "we", "we're"})
_FIRST_ANY = _FIRST_SUBJECTS | {"me", "myself", "us"}
_THIRD_SUBJECTS = frozenset({
    "he", "she", "they", "he's", "she's", "they're", "hes", "shes", "theyre", "he'd", "she'd",
    "they'd", "he'll", "she'll", "they'll", "him", "her", "them", "someone", "somebody",
    "friend", "friends", "mate", "mates", "bestie", "son", "daughter", "wife", "husband",
    "partner", "boyfriend", "girlfriend", "bf", "gf", "hubby", "missus", "mum", "mom", "mother",
    "dad", "father", "brother", "sister", "sibling", "kid", "kids", "child", "children",
    "grandson", "granddaughter", "grandchild", "nephew", "niece", "cousin", "aunt", "auntie",
    "uncle", "neighbour", "neighbor", "colleague", "coworker", "workmate", "flatmate",
    "roommate", "housemate", "teenager", "teen", "ex", "fiance", "fiancee", "stepson",
    "stepdaughter", "student", "client", "grandma", "grandad", "grandpa", "nan", "nana",
    "guy", "man", "woman", "lady", "bloke", "boy", "girl", "mother-in-law", "father-in-law",
})
_GENERIC_SUBJECTS = frozenset({"people", "anyone", "anybody", "folks", "patients", "you"})
_PRONOUNS = frozenset({
    "he", "she", "they", "he's", "she's", "they're", "hes", "shes", "theyre", "he'd", "she'd",
    "they'd", "he'll", "she'll", "they'll", "someone", "somebody", "you",
})
_OBJECT_PRONOUNS = frozenset({"him", "her", "them"})
# After a noun, these show it is the subject ("my son is", "my wife who", "my mate keeps").
_SUBJECT_FOLLOWERS = frozenset({
    "is", "was", "were", "are", "has", "had", "have", "keeps", "kept", "says", "said", "saying",
    "wants", "wanted", "thinks", "thought", "feels", "felt", "tried", "tries", "took", "takes",
    "talks", "talked", "talking", "told", "tells", "texted", "seems", "seemed", "sounds",
    "might", "may", "will", "would", "could", "should", "can", "can't", "cannot", "isn't",
    "wasn't", "doesn't", "didn't", "won't", "who", "that", "just", "also", "been", "messaged",
    "mentioned", "admitted", "confessed", "threatened", "still", "always", "often",
    "sometimes", "really", "recently", "actually", "now", "once",
})
# Phrases with a negator that do not negate what follows.
_NEUTRAL = re.compile(
    r"\b(?:not|no) (?:joking|kidding|lying|exaggerating|being dramatic|gonna lie|going to lie"
    r"|lie|joke|word of a lie|even joking)\b"
    r"|\bno ?-?(?:one|body)\b|\bnobody\b"
    r"|\bnot (?:sure|okay|ok|fine|coping|good|well|great|alright|right|safe|doing (?:well|ok"
    r"|okay|great|good))\b"
    r"|\b(?:can'?t|cannot|cant) (?:sleep|cope|stand|take|bear|lie|think|breathe|handle|do)\b"
    r"|\b(?:\w+n'?t|not|never|cannot|cant|dont|wont)\s+(?:\w+\s+){0,2}?(?:stop|stopped|help"
    r"|shake|shift|get rid of|escape|quit|resist|fight|control|get (?:it|this) out of)\b"
    r"|\bno matter\b|\bno (?:idea|clue)\b|\bnot (?:anymore|any more)\b"
)
_NOT_THAT_I = re.compile(r"\bnot that i\b")
_REPORTED = re.compile(
    r"\bused to\b|\b(?:years?|decades?|months) (?:ago|back)\b|\blong (?:time )?ago\b"
    r"|\bin the past\b|\blast (?:year|summer|winter|spring|autumn)\b|\bin (?:19|20)\d\d\b"
    r"|\bwhen i was (?:a |in )?(?:young|younger|kid|child|teen|teenager|little|student|at"
    r" (?:school|uni|university|college)|my (?:teens|twenties|20s)|\d+)\b"
    r"|\bas a (?:kid|child|teen|teenager|young (?:man|woman|person|adult))\b"
    r"|\bin my (?:teens|twenties|20s|youth)\b|\bback (?:then|in the day)\b|\bhistory of\b"
    r"|\bprevious(?:ly)?\b"
    r"|\b(?:documentary|show|tv|telly|series|movie|film|news|article|book|novel|podcast"
    r"|episode|song|lyrics|video|tiktok|reel|character|research|studies|statistics|stats"
    r"|rates|awareness|prevention|campaign|lecture|newspaper|headline)\b"
    r"|\b(?:read|heard|learned|learnt|watched|watching|reading) (?:about|a|an|that|something"
    r"|the)\b|\b(?:asked|asks|asking) (?:me )?(?:if|whether)\b|\bscreening\b|\bquestionnaire\b"
)
# "I stopped self-harming": only right before the match ("stopped my meds so I can..." is not).
_STOPPED = re.compile(
    r"\b(?:stopped|quit|gave up|recovered from|got over|(?:been )?clean from|free from)"
    r"\s+(?:\w+\s+)?$"
)
_HYPOTHETICAL = tuple(re.compile(p) for p in (
    r"\bis it (?:normal|common|ok|okay|bad|weird|wrong|usual|natural|possible|true|dangerous"
    r"|safe)\b",
    r"\b(?:do|does|can|could|would|why do|why would|how do|how does|how often|how common is"
    r"|what makes) (?:other )?(?:people|someone|somebody|anyone|a person|patients|folks"
    r"|chronic pain|pain|persistent pain|long term pain|it)\b",
    r"\banyone else\b",
    r"\bwhat (?:if|happens if|happens when|should i do if|do i do if|to do if|can i do if)\b",
    r"\bhypothetically\b",
    r"\bif (?:i|you|someone|somebody|a person) (?:ever|were|was|feel|felt|start|started|get|got"
    r"|become|became|ever feel|ever get|ever start)\b",
    r"\bin case (?:i|you) (?:ever )?(?:feel|get|start)?\b",
    r"\bhow (?:do|would|can) (?:i|you) (?:know|tell) if\b",
    r"\b(?:signs|symptoms|warning signs) of\b",
    r"\b(?:worried|scared|afraid|concerned|nervous|careful|risk|danger|chance)"
    r" (?:about|of|not to)\b",
))
_SPEECH = re.compile(
    r"\b(?:said|says|saying|told me|tells me|texted|texts|text me|messaged|wrote|posted|keeps"
    r" saying|kept saying|screamed|yelled|shouted|sent me|snapchatted|dm'?d)\b(?: me)?(?: that)?"
    r"[\s:\"'-]*$"
)
_SOMEONE_I_KNOW = re.compile(
    r"\b(someone|somebody|people|a friend|friends|a guy|a girl|a man|a woman|a lady|a bloke"
    r"|person|a mate|kids?|a colleague)(?: that| who)? i (?:know|love|work with|care about|met"
    r"|live with|look after)\b"
)
_ME_TOO = re.compile(
    r"\b(?:so do i|so am i|so would i|so have i|me too|me as well|same here|i do too|i am too"
    r"|i feel the same|i have too|i've thought about it too|i want to too|same for me"
    r"|and (?:honestly |sometimes |tbh )?(?:so|same) (?:do|am|would|have) i)\b"
)
# "... no I don't mean that" / "just kidding" after the match: ask, don't script.
_RETRACTED = re.compile(
    r"\b(?:i )?(?:don'?t|do not|didn'?t|did not) (?:really |actually )?mean (?:it|that)\b"
    r"|\b(?:just|only) (?:joking|kidding)\b|\bjk\b"
)
_RED_FLAG_NEGATORS = re.compile(
    r"\b(?:no|not|never|without|denies|deny|haven'?t|havent|hasn'?t|don'?t|dont|didn'?t|didnt"
    r"|doesn'?t|isn'?t|aren'?t|none|free of|no signs? of|ruled out|rule out|negative for)\b"
)
_RED_FLAG_AFTER_NEG = re.compile(
    r"^\W*(?:\w+\W+){0,3}?(?:ruled out|was fine|is fine|are fine|came back (?:clear|normal|fine)"
    r"|all clear|negative|was normal|is normal|gone now|has gone|went away|settled)"
)
_HISTORICAL = re.compile(
    r"\b(?:\d+|a few|few|several|many|two|three|four|five|six|ten|twenty) (?:years|yrs|decades)"
    r" (?:ago|back)\b|\b(?:years|decades|a year|a decade) ago\b|\bin (?:19|20)\d\d\b"
    r"|\bback in (?:19|20)?\d\d\b|\b(?:long|good) (?:time|while) ago\b"
    r"|\bwhen i was (?:young|younger|a kid|a child|a teen|a teenager|little|at school)\b"
    r"|\bas a (?:kid|child|teen|teenager)\b|\bused to\b|\bfor (?:years|ages|decades)\b"
    r"|\bsince (?:i had )?(?:the |my )?(?:kids|babies|children|pregnancy)\b"
)


def _clause_start(text: str, pos: int) -> int:
    start = 0
    for m in _CLAUSE_BREAK.finditer(text, 0, pos):
        start = m.end()
    return start


def _clause_end(text: str, pos: int) -> int:
    m = _CLAUSE_BREAK.search(text, pos)
    return m.start() if m else len(text)


def _sentence_start(text: str, pos: int) -> int:
    start = 0
    for m in _SENTENCE_BREAK.finditer(text, 0, pos):
        start = m.end()
    return start


def _is_negator(token: str) -> bool:
    return token in _NEGATORS or token.endswith("n't")


def _negated(text: str, start: int, window: int = 5) -> bool:
    """A negator scopes over the match: close before it, same clause, no new "I" after it."""
    clause = text[_clause_start(text, start):start]
    if _NOT_THAT_I.search(clause):
        return True
    clause = _NEUTRAL.sub(" ", clause)
    tokens = _WORD.findall(clause)[-window:]
    for i in range(len(tokens) - 1, -1, -1):
        if _is_negator(tokens[i]):
            return not any(t in _FIRST_SUBJECTS for t in tokens[i + 1:])
    return False


# Sentence-wide context that makes a crisis word past or a topic of study; it only
# ever downgrades to the check question.
_PAST_AND_BETTER = re.compile(
    r"\b(?:years ago|in the past|back in (?:\d{4}|the day)|when i was (?:younger|a teen\w*|at school))\b"
    r"[^.?!]*\b(?:better (?:place )?now|doing (?:well|better|ok|okay) now|i'?m (?:ok|okay|fine|good|well) now"
    r"|much better|long time ago)\b"
)
_TEACHING_BEFORE = re.compile(
    r"\b(?:module|course|training|lecture|seminar|workshop|documentary|article|podcast|essay"
    r"|research|statistics|first aid)\b[^.?!]{0,40}$"
)


def _reported(text: str, start: int, end: int) -> bool:
    """Historical, media or research context in the same clause ("used to", "a show about")."""
    clause_start = _clause_start(text, start)
    if _STOPPED.search(text[clause_start:start]):
        return True
    if _TEACHING_BEFORE.search(text[_sentence_start(text, start):start]):
        return True
    if _PAST_AND_BETTER.search(text):
        return True
    return bool(_REPORTED.search(text[clause_start:_clause_end(text, end)]))


def _hypothetical(text: str, start: int) -> bool:
    """A question about people in general, or an "if I ever...", close before the match."""
    prefix = text[_sentence_start(text, start):start]
    for pattern in _HYPOTHETICAL:
        hits = list(pattern.finditer(prefix))
        if not hits:
            continue
        found = hits[-1]
        between = _WORD.findall(prefix[found.end():])
        if len(between) <= 6 and not any(t in _FIRST_SUBJECTS for t in between):
            return True
    return False


def _subject(text: str, start: int) -> str:
    """Nearest grammatical subject before the match in its sentence: first/third/generic."""
    prefix = _SOMEONE_I_KNOW.sub(r"\1", text[_sentence_start(text, start):start])
    tokens = _WORD.findall(prefix)
    for i in range(len(tokens) - 1, -1, -1):
        tok = tokens[i]
        if tok in _FIRST_ANY:
            # "my son texted me 'i want to die'": the "I" is quoted speech of someone else.
            if tok in _FIRST_SUBJECTS and _quoted_third(prefix, tokens, i):
                return "third"
            return "first"
        if not _acts_as_subject(tok, tokens[i + 1:]):
            continue  # an object ("I hate people and want to die")
        if tok in _GENERIC_SUBJECTS:
            return "generic"
        return "third"
    return "first"


def _acts_as_subject(tok: str, following: list[str]) -> bool:
    """Is this third-person/generic word plausibly the subject of what follows it?"""
    base = tok[:-2] if tok.endswith("'s") else tok
    if tok in _PRONOUNS:
        return True
    if tok in _OBJECT_PRONOUNS:
        return not following  # "makes her want to die"
    if base not in _THIRD_SUBJECTS and tok not in _GENERIC_SUBJECTS:
        return False
    if not following or base != tok:  # "my son wants to die", "my brother's suicidal"
        return True
    nxt = following[0]
    return nxt in _SUBJECT_FOLLOWERS or (nxt.endswith(("s", "ed")) and nxt not in {"his", "was"})


def _quoted_third(prefix: str, tokens: list[str], i: int) -> bool:
    head = " ".join(tokens[:i])
    if not _SPEECH.search(head + " "):
        return False
    before = _WORD.findall(_SPEECH.sub("", head + " "))
    for tok in reversed(before[-4:]):
        if tok in _FIRST_ANY:
            return False
        base = tok[:-2] if tok.endswith("'s") else tok
        if base in _THIRD_SUBJECTS:
            return True
    return False


def _vetoed(rule: Rule, text: str, m: re.Match[str]) -> bool:
    if rule.veto_before and rule.veto_before.search(text[max(0, m.start() - 40):m.start()]):
        return True
    return bool(rule.veto_after and rule.veto_after.match(text[m.end():]))


# ---------------------------------------------------------------------------
# Scanning
# ---------------------------------------------------------------------------
def _scan_crisis(text: str) -> list[SafetyMatch]:
    out: list[SafetyMatch] = []
    for rule in CRISIS_RULES:
        if rule.requires and not rule.requires.search(text):
            continue
        for m in rule.pattern.finditer(text):
            if _vetoed(rule, text, m):
                continue
            subject = _subject(text, m.start())
            if subject == "third" and (rule.subject_check or _quoted_speech(text, m.start())):
                out.append(SafetyMatch(THIRD, rule.id.replace("crisis.", THIRD + ".", 1),
                                       rule.category))
                continue
            reason = None
            if _negated(text, m.start()):
                reason = "negation"
            elif _reported(text, m.start(), m.end()):
                reason = "reported"
            elif rule.idiom_after and rule.idiom_after.match(text[m.end():]):
                reason = "idiom"
            elif _RETRACTED.search(text, m.end()):
                reason = "retracted"
            elif _hypothetical(text, m.start()):
                reason = "hypothetical"
            elif subject == "generic" and rule.subject_check:
                reason = "generic"
            if reason:
                out.append(SafetyMatch(CHECK, f"crisis.downgraded.{reason}", rule.category))
            else:
                out.append(SafetyMatch(CRISIS, rule.id, rule.category))
    return out


def _quoted_speech(text: str, start: int) -> bool:
    """True when the first-person words are someone else's quoted speech."""
    prefix = _SOMEONE_I_KNOW.sub(r"\1", text[_sentence_start(text, start):start])
    tokens = _WORD.findall(prefix)
    for i in range(len(tokens) - 1, -1, -1):
        if tokens[i] in _FIRST_SUBJECTS:
            return _quoted_third(prefix, tokens, i)
    return False


def _scan_simple(text: str, rules: Iterable[Rule], skip_third: bool) -> list[SafetyMatch]:
    out: list[SafetyMatch] = []
    for rule in rules:
        if rule.requires and not rule.requires.search(text):
            continue
        for m in rule.pattern.finditer(text):
            if _vetoed(rule, text, m):
                continue
            if skip_third and _subject(text, m.start()) == "third":
                continue
            out.append(SafetyMatch(rule.level, rule.id, rule.category))
            break
    return out


def _scan_red_flags(text: str) -> list[SafetyMatch]:
    out: list[SafetyMatch] = []
    historical = bool(_HISTORICAL.search(text))
    for rule in RED_FLAG_RULES:
        if rule.requires and not rule.requires.search(text):
            continue
        for m in rule.pattern.finditer(text):
            if _vetoed(rule, text, m):
                continue
            clause = _NEUTRAL.sub(" ", text[_clause_start(text, m.start()):m.start()])
            tail = _WORD.findall(clause)[-4:]
            if _RED_FLAG_NEGATORS.search(" ".join(tail)) and not any(
                t in _FIRST_SUBJECTS for t in tail[1:]
            ) or _RED_FLAG_AFTER_NEG.match(text[m.end():]):
                out.append(SafetyMatch(NONE, "red_flag.negated", ""))
                continue
            if historical and not rule.historical_exempt:
                out.append(SafetyMatch(NONE, "red_flag.historical", ""))
                continue
            if rule.id == "red_flag.cancer_history" and _subject(text, m.start()) == "third":
                continue  # family history ("my mum had cancer") is not this red flag
            out.append(SafetyMatch(RED_FLAG, rule.id, rule.category))
            break
    return out


def _scan_foreign(text: str) -> list[SafetyMatch]:
    """Crisis phrases in other languages: the phrase carries its own negation, so no context rules."""
    for language, pattern in FOREIGN_CRISIS:
        if pattern.search(text):
            return [SafetyMatch(CRISIS, f"crisis.foreign.{language}", "non_english", language)]
    return []


def _scan(text: str) -> list[SafetyMatch]:
    if not text:
        return []
    found = _scan_crisis(text)
    found += _scan_foreign(text)
    found += _scan_simple(text, THIRD_RULES, skip_third=False)
    found += _scan_simple(text, CHECK_RULES, skip_third=True)
    found += _scan_red_flags(text)
    # A third-person crisis plus "so do I" / "me too" is a first-person crisis.
    if any(f.level == THIRD for f in found) and _ME_TOO.search(text):
        found.append(SafetyMatch(CRISIS, "crisis.me_too", "suicide"))
    return found


def classify_all(text: str) -> list[SafetyMatch]:
    """Every distinct match, best first (for logging and for combined replies)."""
    norm = normalise(text)
    found = _scan(norm)
    squeezed = _normalise(text, 1)  # "diiiie" -> "die" as well as "diie"
    if squeezed != norm:
        found += _scan(squeezed)
    unique = list(dict.fromkeys(found))
    unique.sort(key=lambda s: _PRIORITY[s.level], reverse=True)
    return unique


def classify(text: str) -> SafetyMatch:
    """The single most urgent safety level for a message (crisis > red_flag > ... > none)."""
    found = classify_all(text)
    for match in found:
        if match.level != NONE:
            return match
    return found[0] if found else NO_MATCH


__all__ = [
    "SafetyMatch", "classify", "classify_all", "figure_of_speech", "names_red_flag_symptom", "normalise",
    "red_flag_alerts_at_once", "red_flag_screen_symptoms",
]
