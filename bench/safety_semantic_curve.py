"""The semantic safety layer's threshold curve: crisis recall against near-misses flagged.

    .venv/bin/python bench/safety_semantic_curve.py tests/data/safety_eval_tune*.csv

For each table row the deterministic rules answer first (as in `safety_verdict`); rows they
leave alone are scored once by the semantic layer (every clause), and each (threshold, margin)
pair of the grid is then applied to the stored scores. Printed per pair: crisis rows with any
safety reply (rules or semantic), near-miss and everyday rows flagged (net alone, no classifier).
Prints figures only, never a row's text.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

THRESHOLDS = (0.42, 0.45, 0.48, 0.5, 0.52, 0.55, 0.6)
MARGINS = (0.05, 0.08, 0.1, 0.12, 0.15)


def main() -> None:
    from bot.coaching.safety_lexicon.semantic import clauses
    from bot.nlu.language_guard import is_clearly_not_english
    from bot.nlu.safety_net import safety_verdict, semantic_bank

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tables", nargs="+", type=Path)
    args = parser.parse_args()
    bank = semantic_bank()
    assert bank is not None, "the sentence model package is not installed"
    rows = []
    for table in args.tables:
        with table.open(newline="", encoding="utf-8") as handle:
            rows += [row for row in csv.DictReader(handle)
                     if row["expected"] in ("crisis", "near_miss", "everyday")]
    scored = []  # (expected, ruled, [(similarity, counter_similarity), ...])
    for row in rows:
        text = row["text"]
        ruled = safety_verdict(text, None, semantic=False) is not None
        pieces = [] if ruled or is_clearly_not_english(text) else clauses(text)
        scores = [(m.similarity, m.counter_similarity) for m in bank.score(pieces)]
        scored.append((row["expected"], ruled, scores))
    totals = {kind: sum(1 for e, _, _ in scored if e == kind) for kind in ("crisis", "near_miss", "everyday")}
    rules_only = {kind: sum(1 for e, r, _ in scored if e == kind and r) for kind in totals}
    print(f"rows: {totals}; rules alone: " + ", ".join(
        f"{kind} {100 * rules_only[kind] / max(1, totals[kind]):.1f}%" for kind in totals))
    print(f"{'threshold':>9}{'margin':>8}{'crisis any reply':>18}{'near-miss flagged':>19}"
          f"{'everyday flagged':>18}")
    for threshold in THRESHOLDS:
        for margin in MARGINS:
            hit = {kind: 0 for kind in totals}
            for expected, ruled, scores in scored:
                if ruled or any(s >= threshold and s - c >= margin for s, c in scores):
                    hit[expected] += 1
            print(f"{threshold:>9.2f}{margin:>8.2f}" + "".join(
                f"{100 * hit[kind] / max(1, totals[kind]):>17.1f}%" for kind in totals))


if __name__ == "__main__":
    main()
