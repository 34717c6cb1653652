"""Weekly action plans: parse, describe and shrink them.

The shape follows the action plan of the Stanford Chronic Disease
Self-Management Program (Lorig et al.): something the person *wants* to do,
specific about the action, achievable this week, and stating what, how much,
when and how often. Confidence is asked separately (see ``confidence.py``);
below 7/10 the plan is made smaller or easier (``make_easier``) before it is
saved.

The parsers are forgiving on purpose: people in pain type short, lowercase,
misspelled messages, and a coach that says "sorry, I didn't get that" to
"walk 10 mins evry arvo" loses them. Everything here is pure and
deterministic so the Rasa actions can call it without models.

One module per plan part (``how_often``, ``how_much``, ``when``, ``what``), ``parse`` for a
whole message, ``draft`` for ``PlanDraft``; every parser reads numbers, weekdays and times
of day from ``bot.coaching.vocabulary``.
"""

from bot.coaching.action_plan.draft import FIELDS, PlanDraft
from bot.coaching.action_plan.easier import MIN_MINUTES, make_easier
from bot.coaching.action_plan.how_much import amount_quantity, format_quantity, parse_amount
from bot.coaching.action_plan.how_often import EVERY_OTHER_DAY, day_phrase, named_days, parse_days_per_week
from bot.coaching.action_plan.parse import parse_plan
from bot.coaching.action_plan.readback import as_verb_phrase, describe_plan, minutes_per_session
from bot.coaching.action_plan.when import parse_when

__all__ = [
    "EVERY_OTHER_DAY",
    "FIELDS",
    "MIN_MINUTES",
    "PlanDraft",
    "amount_quantity",
    "as_verb_phrase",
    "day_phrase",
    "describe_plan",
    "format_quantity",
    "make_easier",
    "minutes_per_session",
    "named_days",
    "parse_amount",
    "parse_days_per_week",
    "parse_plan",
    "parse_when",
]
