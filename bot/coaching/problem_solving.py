"""Guided problem solving (Lorig, CDSMP): name the problem in your own words, list
ideas (yours first, then suggestions), pick one, make it a small plan with a
confidence check, try it, then review: another idea, other resources, or accept
that some problems can wait. Plain Python: no Rasa or database imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.coaching.answers import REJECTS, clauses, pick_number, read_answer, refuses_all
from bot.coaching.barriers import suggest_ideas
from bot.coaching.vocabulary import ORDINALS

MAX_IDEAS = 6
MAX_IDEA_CHARS = 200

NO_IDEAS = re.compile(
    r"^\W*(no(pe|ne)?|nah|nothing|not really|none|no ideas?|no clue|dunno|idk|i don'?t know|"
    r"i dont know|not sure|you (tell me|choose|pick|suggest)|any ideas\??|help|no idea at all)\W*$"
    r"|\b(no idea|no ideas|not a clue|no clue|dunno|don'?t know|dont know|you tell me|"
    r"what do you (suggest|think)|your ideas?|give me (some )?ideas)\b",
    re.I,
)
# "...but maybe I could walk at lunch": an idea inside the problem statement.
# "when I could be answering emails" is part of the problem, not an idea.
IDEA_MARKER = re.compile(
    r"(?<!when )(?<!while )(?<!where )(?<!than )"
    r"\b(maybe i could|i could|perhaps i could|i might|what if i|i guess i could|i suppose i could|"
    r"maybe (i'?ll|i will|try)|i was thinking (of|about|i could))\b(?! be\b| have\b)",
    re.I,
)
SPLIT = re.compile(r"\s*(?:,|;|\n|\bor\b|\band also\b|\bor maybe\b|\balso\b|\d+[.)]\s)\s*", re.I)
LEADING = re.compile(
    r"^(?:and|or|maybe|perhaps|i could|i might|i guess|could|try(?:ing)?|to|just|um+|well)\b\s*", re.I
)
CHANGE_PROBLEM = re.compile(
    r"\b(actually|no wait|on second thoughts?|thinking about it)\b.*\b(problem|issue|thing|real(ly)?)\b"
    r"|\bthe (real|actual|bigger) (problem|issue)\b",
    re.I,
)


@dataclass(frozen=True)
class Idea:
    text: str
    source: str  # "own" (the person's) or "suggested" (barrier library)

    def as_dict(self) -> dict[str, str]:
        return {"text": self.text, "source": self.source}


def has_no_ideas(text: str) -> bool:
    return bool(NO_IDEAS.search((text or "").strip()))


def _clean(part: str) -> str:
    part = part.strip(" .!?-–•*\"'")
    for _ in range(3):
        part = LEADING.sub("", part).strip(" .!?-–•*\"'")
    return part[:MAX_IDEA_CHARS]


def parse_ideas(text: str) -> list[str]:
    """The person's own ideas from one message, in their words, one per item."""
    if has_no_ideas(text):
        return []
    parts = [_clean(part) for part in SPLIT.split(text or "")]
    ideas: list[str] = []
    for part in parts:
        if len(part) >= 3 and part.lower() not in (idea.lower() for idea in ideas):
            ideas.append(part)
    return ideas[:MAX_IDEAS]


def split_problem_and_ideas(text: str) -> tuple[str, list[str]]:
    """A problem that already carries an idea ("no time, maybe I could walk at lunch")."""
    match = IDEA_MARKER.search(text or "")
    if not match or match.start() < 8:
        return (text or "").strip(), []
    problem = text[: match.start()].rstrip(" ,;.-–").rstrip()
    problem = re.sub(r"\s*\b(but|so|and)$", "", problem, flags=re.I).strip()
    idea = _clean(text[match.end():])
    return problem, ([idea] if len(idea) >= 3 else [])


def changes_problem(text: str) -> bool:
    """The person wants to restate the problem itself ("actually the real problem is...")."""
    return bool(CHANGE_PROBLEM.search(text or ""))


_RESTATING_PREFIXES = (
    "actually", "no wait", "on second thoughts", "on second thought", "thinking about it",
    "the real problem is", "the actual problem is", "the bigger problem is", "the problem is",
    "the real issue is", "it's", "its", "is",
)


def restated_problem(text: str) -> str:
    """"actually the real problem is my sleep" -> "my sleep"."""
    cleaned = text.strip()
    changed = True
    while changed:
        changed = False
        for prefix in _RESTATING_PREFIXES:
            if cleaned.lower().startswith(prefix):
                cleaned = cleaned[len(prefix):].lstrip(" ,:-")
                changed = True
    return cleaned or text.strip()


def build_ideas(problem: str, own: list[str], limit: int = MAX_IDEAS) -> list[Idea]:
    """Their ideas first, then library suggestions for the barriers they named."""
    ideas = [Idea(text, "own") for text in own[:limit]]
    room = max(0, min(3, limit - len(ideas)))
    if room:
        ideas += [Idea(text, "suggested") for text in suggest_ideas(problem, exclude=own, limit=room)]
    return ideas




COMMON_WORDS = {"that", "this", "with", "your", "what", "when", "just", "think", "maybe", "will", "would",
                "like", "could", "try", "it's", "i'll", "that's", "some", "more", "less", "than", "then"}


_QUESTION = re.compile(
    r"\?\s*$|^\s*(what|why|how|where|who|which|(can|could|would|will) you|should i|is it|are you)\b", re.I
)


def choose_idea(text: str, ideas: list[Idea]) -> Idea | None:
    """Which idea the person picked: a number, an ordinal, words from it, or a new idea of theirs.

    Read with the shared answer parser (``bot.coaching.answers``): "2. actually no wait, 1"
    is idea 1, an option they reject ("number 1 makes no sense") is never their choice,
    and a refusal, a question or chatter is never kept as a new idea.
    """
    cleaned = (text or "").strip().lower()
    if not cleaned or refuses_all(cleaned) or has_no_ideas(cleaned):
        return None
    if not ideas:
        return _own_idea(text)
    number = pick_number(cleaned, len(ideas))
    if number is not None:
        return ideas[number - 1]
    if re.search(r"\d|\b(" + "|".join(ORDINALS) + r")\b", cleaned) and len(cleaned.split()) <= 6:
        return None  # a number we could not place (two options, one out of range): ask
    words = set(re.findall(r"[a-z']{4,}", cleaned)) - COMMON_WORDS
    best, best_share = None, 0.0
    for idea in ideas:
        idea_words = set(re.findall(r"[a-z']{4,}", idea.text.lower())) - COMMON_WORDS
        if idea_words:
            share = len(words & idea_words) / len(idea_words)
            if share > best_share:
                best, best_share = idea, share
    if best is not None and best_share >= 0.5:
        return best
    return _own_idea(text)


_OPENERS = re.compile(r"^\W*(?:(?:hmm+|um+|so|ok(?:ay)?|but|and|well|yeah|right)\b[\s,.]*)+", re.I)


def _without_questions(text: str) -> str:
    """The message without its questions ("hmm but what about the cost?")."""
    sentences = re.split(r"(?<=[.!?])\s+", text or "")
    kept = [s for s in sentences
            if not s.rstrip().endswith("?") and not _QUESTION.search(_OPENERS.sub("", s))]
    return " ".join(kept)


def _own_idea(text: str) -> Idea | None:
    """A new idea in their words, or None when the message is a question, a rejection or chatter."""
    answer = read_answer(_without_questions(text))
    if not answer.text or answer.unsure:
        return None
    parts = [part for part in clauses(answer.text)
             if not _QUESTION.search(_OPENERS.sub("", part)) and not REJECTS.search(part)]
    idea = _clean(", ".join(parts))
    if len(idea) < 3 or has_no_ideas(idea):
        return None
    return Idea(idea, "own")


def numbered(ideas: list[Idea]) -> str:
    return "\n".join(f"{i}. {idea.text}" for i, idea in enumerate(ideas, start=1))


# --- review at the next check-in -------------------------------------------------

WORKED = re.compile(r"\b(worked|went (well|great|fine|ok)|great|good|brilliant|did it|managed|helped|"
                    r"success\w*|yes|yep|yeah|better)\b", re.I)
PARTLY = re.compile(r"\b(partly|part of|some of|a bit|sort of|kind of|kinda|half|mixed|so-?so|"
                    r"a little|sometimes|once or twice|not fully|mostly)\b", re.I)
NOT_WORKED = re.compile(r"\b(didn'?t|didnt|did not|no|nope|nah|not really|failed|missed|couldn'?t|"
                        r"couldnt|worse|didn'?t work|waste|nothing|never|wasn'?t|wasnt)\b", re.I)


def classify_review(text: str) -> str | None:
    """worked | partly | not_worked, from a free-text answer; None when unclear."""
    text = text or ""
    if PARTLY.search(text):
        return "partly"
    if NOT_WORKED.search(text):
        return "not_worked"
    if WORKED.search(text):
        return "worked"
    return None


def untried_ideas(ideas: list[dict[str, str]], tried: list[str]) -> list[Idea]:
    tried_keys = {t.strip().lower() for t in tried}
    return [Idea(i["text"], i.get("source", "own")) for i in ideas
            if i["text"].strip().lower() not in tried_keys]


def review_options(outcome: str, ideas_left: int) -> list[str]:
    """CDSMP after trying an idea: keep it, substitute another, other resources, or accept."""
    if outcome == "worked":
        return ["keep_going"]
    options = ["next_idea"] if ideas_left else []
    return options + ["other_resources", "accept"]
