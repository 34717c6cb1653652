"""Fit the safety net's trained head and write data/safety/semantic_head.json.

    .venv/bin/python scripts/train_safety_head.py          # about three minutes
    .venv/bin/python scripts/train_safety_head.py --check  # exit 1 when the head is stale

Run it after changing data/safety/training/ or data/safety/semantic_exemplars.yml; the test
tests/unit/test_safety_head.py fails until you do. Five one-hidden-layer networks (scikit-learn's
MLPClassifier, installed with Rasa), averaged, on the packaged sentence model's vectors; see
bot/coaching/safety_lexicon/head_training.py for what it learns from.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.coaching.safety_lexicon.head_training import (  # noqa: E402
    ALPHA,
    HIDDEN_UNITS,
    MAX_ITERATIONS,
    SEEDS,
    inputs_digest,
    training_examples,
)
from bot.coaching.safety_lexicon.semantic import HEAD_FILE  # noqa: E402

ENCODER_NAME = "all-MiniLM-L6-v2"


def fit() -> dict:
    import numpy as np
    from sklearn.neural_network import MLPClassifier

    from bot.nlu.sentence_encoder import default_encoder

    examples = training_examples()
    encoder = default_encoder()
    texts = [text for text, _ in examples]
    vectors = np.vstack([encoder.encode(texts[start:start + 64]) for start in range(0, len(texts), 64)])
    labels = np.array([label for _, label in examples])
    members = []
    for seed in SEEDS:
        model = MLPClassifier(hidden_layer_sizes=(HIDDEN_UNITS,), alpha=ALPHA, max_iter=MAX_ITERATIONS,
                              random_state=seed)
        model.fit(vectors, labels)
        (hidden_weights, output_weights), (hidden_bias, output_bias) = model.coefs_, model.intercepts_
        members.append({
            "hidden": {"weights": [[round(float(weight), 4) for weight in row] for row in hidden_weights],
                       "bias": [round(float(weight), 4) for weight in hidden_bias]},
            "bias": round(float(output_bias[0]), 4),
            "weights": [round(float(weight), 4) for weight in output_weights[:, 0]],
        })
    return {
        "encoder": ENCODER_NAME,
        "inputs_sha256": inputs_digest(ENCODER_NAME),
        "examples": {"crisis": int(labels.sum()), "harmless": int(len(labels) - labels.sum())},
        "settings": {"hidden_units": HIDDEN_UNITS, "alpha": ALPHA, "max_iterations": MAX_ITERATIONS,
                     "seeds": list(SEEDS)},
        "members": members,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the stored head is stale")
    args = parser.parse_args()
    if args.check:
        stored = json.loads(HEAD_FILE.read_text(encoding="utf-8")) if HEAD_FILE.exists() else {}
        fresh = stored.get("inputs_sha256") == inputs_digest(ENCODER_NAME)
        print("head is up to date" if fresh else "head is stale: run scripts/train_safety_head.py")
        return 0 if fresh else 1
    head = fit()
    HEAD_FILE.write_text(json.dumps(head, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {HEAD_FILE.relative_to(ROOT)}: {head['examples']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
