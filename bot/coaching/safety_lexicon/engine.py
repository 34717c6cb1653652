"""The matching engine: normalisation, context (negation, reported speech, who the
subject is), and scanning the rule tables. The tables themselves are the other
modules of this package; the engine never holds a phrase."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from bot.coaching.safety_lexicon.check import CHECK_RULES
from bot.coaching.safety_lexicon.concepts import CONCEPT_CHECK_RULES, CONCEPT_THIRD_RULES
from bot.coaching.safety_lexicon.crisis import CRISIS_RULES
from bot.coaching.safety_lexicon.figures_of_speech import FIGURES_OF_SPEECH
from bot.coaching.safety_lexicon.other_languages import (
    FOREIGN_CRISIS_ACTS,
    FOREIGN_CRISIS_CONCEPTS,
    FOREIGN_CRISIS_PHRASES,
)
from bot.coaching.safety_lexicon.red_flags import (
    CUE_OTHER_SENSES,
    POSITIONAL_SENSORY_RULES,
    RED_FLAG_CUES,
    RED_FLAG_RULES,
    RED_FLAG_SCREEN_DEFAULT,
    RED_FLAG_SCREEN_SYMPTOMS,
    RED_FLAG_SIGNS,
    SETTLED_SYMPTOM,
    STILL_CONCERNING,
    UNAMBIGUOUS_SIGNS,
)
from bot.coaching.safety_lexicon.rules import CHECK, CRISIS, NONE, RED_FLAG, THIRD, Rule
from bot.coaching.safety_lexicon.someone_else import THIRD_RULES

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


# Swearing and autocorrect's version of it between words ("i want to fucking die", "want to
# ducking die"), and three or more words joined by hyphens ("my wish-i-was-dead score"): the rules are also
# read on the message without them (sixteenth crisis pass). Added matches only: a veto in the
# plain reading cannot take away a match of the message as written.
_INTENSIFIER = re.compile(r"\b(?:fucking|fuckin|fkn|fking|effing|ducking|freaking|freakin|frigging|friggin"
                          r"|fricking|frickin|bloody|flipping|flippin|bleeding|bleedin|f\*+ing|f\*+kin)\s+")
_HYPHENATED = re.compile(r"\b[a-z']+(?:-[a-z']+){2,}\b")  # three words or more: not "in-laws"


def _plain(norm: str) -> str:
    return _HYPHENATED.sub(lambda m: m.group().replace("-", " "), _INTENSIFIER.sub("", norm))


ANYMORE = r"(?: any ?more| any longer| no more)?"


def _fold(pattern: str) -> str:
    """A pattern in the shape `normalise` gives the text (no accents or combining marks)."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", pattern).lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


FOREIGN_CRISIS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (language, re.compile(_fold(pattern)))
    for table in (FOREIGN_CRISIS_PHRASES, FOREIGN_CRISIS_CONCEPTS, FOREIGN_CRISIS_ACTS)
    for language, patterns in table.items()
    for pattern in patterns
)


def figure_of_speech(text: str) -> bool:
    """An idiom about pain, tiredness, sport, work or a device ("my knees are killing me")."""
    return bool(FIGURES_OF_SPEECH.search(normalise(text)))


def crisis_word_in_other_sense(text: str) -> bool:
    """A crisis rule's words used in the sense its veto names ("a rope of garlic", "cut myself a
    slice", "the printer committed suicide"): evidence against a crisis reading, as an idiom is."""
    norm = normalise(text)
    for rule in CRISIS_RULES:
        if rule.requires and not rule.requires.search(norm):
            continue
        if any(_vetoed(rule, norm, match) for match in rule.pattern.finditer(norm)):
            return True
    return False


def names_red_flag_symptom(text: str) -> bool:
    """Does the message name any body symptom a red flag is made of? (screening gate) A cue word in
    a sense that names no symptom ("by accident", "the barn fell down", "poker night") is not one."""
    return bool(RED_FLAG_CUES.search(CUE_OTHER_SENSES.sub(" ", normalise(text))))


def describes_settled_symptom(text: str) -> bool:
    """Does the message say its symptom is unchanged, long-standing or positional ("numb heel,
    same as always", "pins and needles if i sleep on my arm")? Weighs the classifier's guess."""
    return bool(SETTLED_SYMPTOM.search(normalise(text)))


def red_flag_alerts_at_once(matches: Iterable[SafetyMatch]) -> bool:
    """Unambiguous without asking: a combination of red-flag signs in one message (new
    bladder loss with saddle numbness; chest pain with breathlessness; a drooping face).
    One sign alone gets the screening question first."""
    signs = {RED_FLAG_SIGNS.get(m.rule, m.rule) for m in matches if m.level == RED_FLAG}
    return any(combination <= signs for combination in UNAMBIGUOUS_SIGNS)


def settled_numbness_only(matches: Iterable[SafetyMatch], text: str) -> bool:
    """The only red-flag signs are numbness the patient says is settled or positional ("numb bum
    after the long drive, fine once i walked"): no screening question (POSITIONAL_SENSORY_RULES)."""
    signs = [m for m in matches if m.level == RED_FLAG]
    return (bool(signs) and all(m.rule in POSITIONAL_SENSORY_RULES for m in signs)
            and describes_settled_symptom(text) and not STILL_CONCERNING.search(normalise(text)))


def red_flag_screen_symptoms(category: str | None) -> str:
    """The symptoms the screening question names for a red-flag category."""
    return RED_FLAG_SCREEN_SYMPTOMS.get(category or "", RED_FLAG_SCREEN_DEFAULT)


ALL_RULES: tuple[Rule, ...] = (CRISIS_RULES + THIRD_RULES + CHECK_RULES + CONCEPT_THIRD_RULES
                              + CONCEPT_CHECK_RULES + RED_FLAG_RULES)

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
    # "back has gone" is a back that gave out, not a symptom that went away
    r"|all clear|negative|was normal|is normal|gone now"
    r"|(?<!back )(?<!knee )(?<!neck )(?<!hip )has gone(?: away| now)?(?=\s*(?:[.,;!?]|$))"
    r"|has gone away|went away|settled)"
)
_HISTORICAL = re.compile(
    r"\b(?:\d+|a few|few|several|many|two|three|four|five|six|ten|twenty) (?:years|yrs|decades)"
    r" (?:ago|back)\b|\b(?:years|decades|a year|a decade) ago\b|\bin (?:19|20)\d\d\b"
    r"|\bback in (?:19|20)?\d\d\b|\b(?:long|good) (?:time|while) ago\b"
    r"|\bwhen i was (?:young|younger|a kid|a child|a teen|a teenager|little|at school)\b"
    r"|\bas a (?:kid|child|teen|teenager)\b|(?<!never )(?<!didnt )(?<!didn't )\bused to\b"
    r"|\bfor (?:years|ages|decades)\b"
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
            if subject == "third" and _says_i_inside(m.group()) and not _quoted_speech(text, m.start()):
                subject = "first"  # "my kids will be better once ive gone": the one gone is me
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


def _says_i_inside(matched: str) -> bool:
    return any(token in _FIRST_SUBJECTS for token in _WORD.findall(matched))


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
            if skip_third and rule.subject_check and _subject(text, m.start()) == "third":
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
    found += _scan_simple(text, CONCEPT_THIRD_RULES, skip_third=False)
    found += _scan_simple(text, CONCEPT_CHECK_RULES, skip_third=True)
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
    plain = _plain(norm)
    if plain != norm:
        found += _scan(plain)
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
