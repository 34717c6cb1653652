"""What the safety net's trained head learns from, and a digest of it.

The head (`semantic.TrainedHead`) is fitted by scripts/train_safety_head.py and stored in
data/safety/semantic_head.json with the digest of its inputs; tests/unit/test_safety_head.py
compares that digest with the files as they are now, so a changed corpus or exemplar file cannot
ship with a head trained on the old one.

Inputs, all written for training and never copied from an evaluation table (the test checks
that too):
- data/safety/training/*.csv: `text,label,kind`, label `crisis` or `harmless`, by twenty
  writers who read neither the rules nor the evaluation tables (data/safety/training/README.md);
- data/safety/semantic_exemplars.yml: crisis exemplars (1) and counter-exemplars (0);
- the NLU training examples (data/nlu/*.yml): `crisis` (1) and every other intent (0). These are
  the coach's own words ("show me my plans", "end the check-ins", "a flare-up plan"): without
  them the head read "what plans have i got saved" as a suicide plan;
- the clauses of every harmless message, as harmless too: the layer scores a message clause by
  clause, so a harmless message must not have a clause that reads as crisis. A crisis message's
  clauses are not used: one of them alone may well be harmless ("walked the dog this morning").
"""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

import yaml

from bot.coaching.safety_lexicon.semantic import EXEMPLARS_FILE, clauses

TRAINING_DIR = EXEMPLARS_FILE.parent / "training"
NLU_DIR = EXEMPLARS_FILE.parents[1] / "nlu"
_ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")  # [Perth](place) -> Perth
LABELS = {"crisis": 1, "harmless": 0}
# scikit-learn's MLPClassifier settings: 64 hidden ReLU units, L2 penalty `alpha`, fixed seeds so
# a retrain gives the same head. Chosen on the spent tables (docs/safety-evaluation.md, decision
# 0079): against logistic regression it caught 1.4 points more crisis rows and half the
# near-misses; early stopping, 32 or 128 units and a larger alpha were no better.
# Five such networks from seeds 0-4, averaged: as good as one on the spent tables, and steadier.
HIDDEN_UNITS = 64
ALPHA = 1e-3
MAX_ITERATIONS = 500
SEEDS = (0, 1, 2, 3, 4)


def corpus_files(directory: Path = TRAINING_DIR) -> list[Path]:
    return sorted(directory.glob("*.csv"))


def corpus(directory: Path = TRAINING_DIR) -> list[tuple[str, int]]:
    """(text, 1 for crisis / 0 for harmless) for every row of the training corpus."""
    rows: list[tuple[str, int]] = []
    for path in corpus_files(directory):
        with path.open(newline="", encoding="utf-8") as handle:
            rows += [(row["text"], LABELS[row["label"]]) for row in csv.DictReader(handle)]
    return rows


def nlu_examples(directory: Path = NLU_DIR) -> list[tuple[str, int]]:
    """(example, 1 for the crisis intent / 0 for any other) from Rasa's NLU training files."""
    examples: list[tuple[str, int]] = []
    for path in sorted(directory.glob("*.yml")):
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            if "intent" not in item:
                continue
            label = int(item["intent"] == "crisis")
            lines = (line.strip() for line in item.get("examples", "").splitlines())
            examples += [(_ANNOTATION.sub(r"\1", line[2:].strip()), label) for line in lines
                         if line.startswith("- ") and line[2:].strip()]
    return examples


def training_examples(directory: Path = TRAINING_DIR, exemplars: Path = EXEMPLARS_FILE,
                      nlu: Path = NLU_DIR) -> list[tuple[str, int]]:
    """Every (sentence, label) the head is fitted on, without repeats (first label wins)."""
    examples = corpus(directory)
    data = yaml.safe_load(exemplars.read_text(encoding="utf-8"))
    examples += [(text, 1) for items in data["crisis"].values() for text in items]
    examples += [(text, 0) for items in data["counter"].values() for text in items]
    examples += nlu_examples(nlu)
    examples += [(piece, 0) for text, label in list(examples) if label == 0
                 for piece in clauses(text) if piece != text]
    seen: dict[str, int] = {}
    for text, label in examples:
        seen.setdefault(text, label)
    return list(seen.items())


def inputs_digest(encoder_name: str, directory: Path = TRAINING_DIR, exemplars: Path = EXEMPLARS_FILE,
                  nlu: Path = NLU_DIR) -> str:
    """sha256 of everything that decides the head: the files, the encoder and the settings."""
    settings = f"mlp|{HIDDEN_UNITS}|{ALPHA}|{MAX_ITERATIONS}|{SEEDS}"
    digest = hashlib.sha256(f"{encoder_name}|{settings}".encode())
    for path in [*corpus_files(directory), exemplars, *sorted(nlu.glob("*.yml"))]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
