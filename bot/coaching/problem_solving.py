"""Guided problem solving (Lorig, CDSMP): name the problem in your own words, list
ideas (yours first, then suggestions), pick one, make it a small plan with a
confidence check, try it, then review: another idea, other resources, or accept
that some problems can wait. Plain Python: no Rasa or database imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.coaching.barriers import suggest_ideas

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
IDEA_MARKER = re.compile(
    r"\b(maybe i could|i could|perhaps i could|i might|what if i|i guess i could|i suppose i could|"
    r"maybe (i'?ll|i will|try)|i was thinking (of|about|i could))\b",
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


def build_ideas(problem: str, own: list[str], limit: int = MAX_IDEAS) -> list[Idea]:
    """Their ideas first, then library suggestions for the barriers they named."""
    ideas = [Idea(text, "own") for text in own[:limit]]
    room = max(0, min(3, limit - len(ideas)))
    if room:
        ideas += [Idea(text, "suggested") for text in suggest_ideas(problem, exclude=own, limit=room)]
    return ideas


ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
            "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "last": -1, "one": 1, "two": 2, "three": 3,
            "four": 4, "five": 5, "six": 6}


COMMON_WORDS = {"that", "this", "with", "your", "what", "when", "just", "think", "maybe", "will", "would",
                "like", "could", "try", "it's", "i'll", "that's", "some", "more", "less", "than", "then"}


def choose_idea(text: str, ideas: list[Idea]) -> Idea | None:
    """Which idea the person picked: a number, an ordinal, words from it, or a new idea of theirs."""
    cleaned = (text or "").strip().lower()
    if not cleaned or not ideas:
        return Idea(_clean(text), "own") if cleaned and not ideas else None
    number = re.fullmatch(r"\D{0,20}?(\d)\D{0,12}", cleaned)
    if number and 1 <= int(number.group(1)) <= len(ideas):
        return ideas[int(number.group(1)) - 1]
    for word, index in ORDINALS.items():
        if re.search(rf"\b(the )?{word}( one| idea)?\b", cleaned) and len(cleaned.split()) <= 5:
            return ideas[index - 1] if index <= len(ideas) else None
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
    if has_no_ideas(cleaned) or len(cleaned) < 3:
        return None
    return Idea(_clean(text), "own")  # a new idea of their own


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
