"""Safety figures per table and category: the one way the numbers in docs/ are produced.

    .venv/bin/python bench/safety_eval.py tests/data/safety_eval_tune.csv
    .venv/bin/python bench/safety_eval.py tests/data/safety_eval_tune.csv --model models/pacer.tar.gz

It always scores the deterministic net alone (`bot.nlu.safety_net.safety_verdict`,
no classifier guess), which is what carries the recall. With `--model` each sentence also goes
through the whole trained NLU pipeline (classifier, language guard, safety net), so the
classifier's second opinion, and its false alarms, are counted too.

Tables are CSV with `text,expected,category`; `expected` is one of crisis,
crisis_non_english, red_flag (category `alert` when the message alone is unambiguous,
`screen` otherwise), near_miss, everyday. What the patient gets is derived from the
safety level the same way actions/safety.py answers it:

    crisis, crisis_third_person  -> the full crisis reply (with the region's contacts)
    crisis_check                 -> the check question, which shows the region's crisis lines too
    red_flag                     -> red-flag advice and a clinic alert
    red_flag_screen              -> the short screening question (no alert until "yes")
    a `language` in the verdict  -> the English-only notice as well
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import logging
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FULL_REPLY_LEVELS = {"crisis", "crisis_third_person"}
# Since issue 16's sixth pass the check question shows the crisis lines as well, so every
# crisis reading shows contacts; "full reply" keeps the stricter figure.
CONTACT_LEVELS = FULL_REPLY_LEVELS | {"crisis_check"}
SAFETY_LEVELS = CONTACT_LEVELS
RED_FLAG_LEVELS = {"red_flag", "red_flag_screen"}
ALERT_LEVELS = {"crisis", "red_flag"}  # bot.services.safety.ALERTING_KINDS


@dataclass(frozen=True)
class Outcome:
    level: str  # "none" when no safety reply
    english_notice: bool

    @property
    def contacts(self) -> bool:
        return self.level in CONTACT_LEVELS

    @property
    def full_reply(self) -> bool:
        return self.level in FULL_REPLY_LEVELS

    @property
    def safety_reply(self) -> bool:
        return self.level in SAFETY_LEVELS

    @property
    def flagged(self) -> bool:
        return self.level != "none"

    @property
    def alert(self) -> bool:
        return self.level in ALERT_LEVELS


def outcome_from_parse(intent: str | None, info: dict | None) -> Outcome:
    """What the actions do with a parsed message (intent plus the safety net's info)."""
    info = info or {}
    if intent == "crisis":
        level = info.get("level") or "crisis_check"
    elif intent == "red_flag":
        level = info.get("level") or "red_flag_screen"  # actions.safety.safety_info
    else:
        level = "none"
    notice = bool(info.get("language")) or intent == "non_english"
    return Outcome(level, notice)


def net_only() -> Callable[[str], Outcome]:
    from bot.nlu.safety_net import safety_verdict

    def judge(text: str) -> Outcome:
        verdict = safety_verdict(text, predicted_intent=None)
        return outcome_from_parse(*(verdict or (None, None)))

    return judge


def full_pipeline(model: Path) -> Callable[[str], Outcome]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    # Rasa logs every parse (with the text) at debug level through structlog: keep the figures readable.
    import structlog

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    logging.getLogger().setLevel(logging.WARNING)

    def judge(text: str) -> Outcome:
        parsed = asyncio.run(agent.parse_message(text))
        return outcome_from_parse((parsed.get("intent") or {}).get("name"), parsed.get("safety"))

    return judge


def inside_forms() -> tuple[Callable[[str], Outcome], Callable[[], None]]:
    """Each sentence sent over HTTP to a real rasa and action server (throwaway SQLite),
    from a new conversation that is at the consent question (even rows) or at the name
    question (odd rows) of the onboarding form; the outcome is read from the reply."""
    import tempfile

    from bot.clinic import load_clinic
    from bot.safety.contacts import contacts_for, resolve_region
    from tests.e2e.stack import PacerStack, texts

    workdir = Path(tempfile.mkdtemp(prefix="pacer-safety-eval-"))
    stack = PacerStack(workdir)
    stack.start()
    first_line = contacts_for(resolve_region(None, None, load_clinic().region)).crisis_lines()[0]
    marker = re.search(r"\d[\d ]{2,}\d", first_line)
    contact_marker = (marker.group(0) if marker else first_line).lower()
    count = 0

    def judge(text: str) -> Outcome:
        nonlocal count
        count += 1
        sender = f"eval-{count}"
        stack.say(sender, "hello")
        if count % 2:
            stack.say(sender, "yes that's fine")
        reply = texts(stack.say(sender, text))
        notice = "only chat in english" in reply or "only understand english" in reply
        if "harming yourself" in reply or "hurting yourself" in reply:
            return Outcome("crisis_check" if contact_marker in reply else "check_without_contacts", notice)
        if contact_marker in reply:
            return Outcome("crisis", notice)
        return Outcome("none", notice)

    return judge, stack.stop


def share(hits: int, total: int) -> str:
    return f"{hits}/{total} {100 * hits / total:.1f}%" if total else "-"


def score(rows: list[dict[str, str]], judge: Callable[[str], Outcome], show_misses: bool) -> None:
    by: dict[tuple[str, str], list[tuple[str, Outcome]]] = defaultdict(list)
    for row in rows:
        by[(row["expected"], row["category"])].append((row["text"], judge(row["text"])))

    def group(expected: str) -> dict[str, list[tuple[str, Outcome]]]:
        return {cat: items for (exp, cat), items in sorted(by.items()) if exp == expected}

    misses: list[str] = []
    crisis = group("crisis")
    if crisis:
        print(f"{'crisis category':<24}{'any safety reply':>20}{'contacts shown':>20}{'full reply':>20}")
        all_items = [item for items in crisis.values() for item in items]
        for cat, items in [*crisis.items(), ("ALL", all_items)]:
            reply = sum(o.safety_reply for _, o in items)
            contacts = sum(o.contacts for _, o in items)
            full = sum(o.full_reply for _, o in items)
            print(f"{cat:<24}{share(reply, len(items)):>20}{share(contacts, len(items)):>20}"
                  f"{share(full, len(items)):>20}")
            if cat != "ALL":
                misses += [f"crisis/{cat} [{o.level}]: {t}" for t, o in items if not o.full_reply]
    foreign = group("crisis_non_english")
    if foreign:
        items = [item for group_items in foreign.values() for item in group_items]
        both = sum(o.contacts and o.english_notice for _, o in items)
        reply = sum(o.safety_reply for _, o in items)
        print(f"\nnon-English crisis: contacts and English-only notice {share(both, len(items))}, "
              f"any safety reply {share(reply, len(items))}")
        for cat, group_items in foreign.items():
            ok = sum(o.contacts and o.english_notice for _, o in group_items)
            print(f"  {cat:<6}{share(ok, len(group_items))}")
        misses += [f"non-English [{o.level}]: {t}" for t, o in items
                   if not (o.contacts and o.english_notice)]
    flags = group("red_flag")
    if flags:
        items = [item for group_items in flags.values() for item in group_items]
        advice = sum(o.level in RED_FLAG_LEVELS or o.level == "crisis" for _, o in items)
        print(f"\nred flags: red-flag reply (screening or advice) {share(advice, len(items))}")
        for cat, group_items in flags.items():
            alerted = sum(o.alert for _, o in group_items)
            print(f"  {cat:<8}alerted at once {share(alerted, len(group_items))}")
        misses += [f"red_flag/{cat} [{o.level}]: {t}" for cat, group_items in flags.items()
                   for t, o in group_items if o.level not in RED_FLAG_LEVELS
                   or (cat == "alert" and not o.alert)]
    near = group("near_miss")
    if near:
        items = [item for group_items in near.values() for item in group_items]
        print(f"\nnear-misses flagged (crisis, check or red flag): "
              f"{share(sum(o.flagged for _, o in items), len(items))}")
        for cat, group_items in near.items():
            print(f"  {cat:<12}{share(sum(o.flagged for _, o in group_items), len(group_items))}")
        misses += [f"near_miss/{cat} [{o.level}]: {t}" for cat, group_items in near.items()
                   for t, o in group_items if o.flagged]
    everyday = group("everyday")
    if everyday:
        items = [item for group_items in everyday.values() for item in group_items]
        alerts = sum(o.alert for _, o in items)
        flagged = sum(o.flagged for _, o in items)
        print(f"\neveryday pain descriptions: clinic alert {alerts} of {len(items)}, "
              f"any safety or red-flag reply {share(flagged, len(items))}")
        misses += [f"everyday [{o.level}]: {t}" for t, o in items if o.flagged]
    if show_misses and misses:
        print("\nmisses and false alarms:")
        print("\n".join(f"  {line}" for line in misses))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tables", nargs="+", type=Path)
    parser.add_argument("--model", type=Path, help="a trained model: score the whole NLU pipeline")
    parser.add_argument("--misses", action="store_true", help="list every miss and false alarm")
    parser.add_argument("--in-form", action="store_true",
                        help="also send the crisis rows to a real rasa at the consent and name questions")
    args = parser.parse_args()
    # With --model both are printed from one run, so a sealed table is scored exactly once.
    judges = [("deterministic net", net_only())]
    if args.model:
        judges.append((f"full NLU pipeline ({args.model.name})", full_pipeline(args.model)))
    for table in args.tables:
        with table.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        for mode, judge in judges:
            print(f"\n=== {table.name}: {len(rows)} rows, {mode} ===")
            score(rows, judge, args.misses)
        if args.in_form:
            crisis_rows = [row for row in rows if row["expected"] in ("crisis", "crisis_non_english")]
            judge, stop = inside_forms()
            try:
                print(f"\n=== {table.name}: {len(crisis_rows)} crisis rows inside the onboarding form"
                      " (consent and name questions), real rasa ===")
                score(crisis_rows, judge, args.misses)
            finally:
                stop()


if __name__ == "__main__":
    main()
