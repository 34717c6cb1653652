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

The package keeps the phrases apart from the matching, so a clinician can read
and extend the tables alone:

* ``crisis.py``            the person's own crisis (category per rule)
* ``someone_else.py``      someone else at risk
* ``check.py``             concerning but unclear: the check question
* ``red_flags.py``         medical red flags, their signs and screening questions
* ``other_languages.py``   crisis phrases in the clinic's other languages
* ``figures_of_speech.py`` idioms that withdraw the classifier's guess
* ``fragments.py``         pattern pieces several tables share
* ``rules.py``             how a rule is written (levels, `Rule`)
* ``engine.py``            normalisation, context and scanning (no phrases)

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

from bot.coaching.safety_lexicon.engine import (
    NO_MATCH,
    SafetyMatch,
    classify,
    classify_all,
    crisis_word_in_other_sense,
    describes_settled_symptom,
    figure_of_speech,
    names_red_flag_symptom,
    normalise,
    red_flag_alerts_at_once,
    red_flag_screen_symptoms,
    settled_numbness_only,
)
from bot.coaching.safety_lexicon.rules import CHECK, CRISIS, NONE, RED_FLAG, THIRD

__all__ = [
    "CHECK", "CRISIS", "NONE", "NO_MATCH", "RED_FLAG", "THIRD", "SafetyMatch", "classify", "classify_all",
    "crisis_word_in_other_sense",
    "describes_settled_symptom", "figure_of_speech", "names_red_flag_symptom", "normalise",
    "red_flag_alerts_at_once", "red_flag_screen_symptoms", "settled_numbness_only",
]
