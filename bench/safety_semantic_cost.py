"""What the safety net's semantic layer costs per message: p50/p95 milliseconds for 5-, 20- and
60-word messages (clause split, one forward pass over all clauses, scoring), and the one-off
load (weights and the exemplar bank) that rasa pays at start.

    .venv/bin/python bench/safety_semantic_cost.py [--repeats 60]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Ordinary check-in talk (no crisis): the layer's usual work, since it runs when the rules are silent.
WORDS = ("walked to the letterbox and back then sat down for a while because my lower back was "
         "stiff after sleeping on the couch, had some lunch, did two of the stretches from the "
         "physio sheet, the pain was about a five most of the afternoon and my daughter rang so "
         "we talked about the grandkids and the weather, then i watered the tomatoes and went to "
         "bed early with the heat pack").split()


def message(words: int, variant: int) -> str:
    start = variant % 7
    return " ".join((WORDS[start:] + WORDS)[:words])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=60)
    args = parser.parse_args()
    from bot.coaching.safety_lexicon.semantic import clauses, semantic_crisis
    from bot.nlu.safety_net import semantic_bank

    started = time.perf_counter()
    bank = semantic_bank()
    assert bank is not None, "the sentence model package is not installed"
    print(f"load (weights + {len(bank.crisis_categories) + len(bank.counter_vectors)} exemplars): "
          f"{time.perf_counter() - started:.2f} s")
    for words in (5, 20, 60):
        semantic_crisis(message(words, 0), bank)  # warm
        times = []
        for variant in range(args.repeats):
            text = message(words, variant)
            began = time.perf_counter()
            semantic_crisis(text, bank)
            times.append((time.perf_counter() - began) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
        print(f"{words:>3} words ({len(clauses(message(words, 0)))} pieces): "
              f"p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
