"""The numpy all-MiniLM-L6-v2 encoder against sentence-transformers' own output.

tests/unit/data/minilm_reference.json holds embeddings that sentence-transformers (with torch,
in a throwaway venv outside the repo) computed from the same packaged model folder; how they
were made is in docs/decisions/0076-semantic-safety-layer.md.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from bot.nlu.sentence_encoder import MAX_TOKENS, default_encoder

REFERENCE = Path(__file__).resolve().parent / "data" / "minilm_reference.json"


@pytest.fixture(scope="module")
def reference() -> tuple[list[str], np.ndarray]:
    data = json.loads(REFERENCE.read_text(encoding="utf-8"))
    vectors = np.array(data["embeddings"], dtype=np.float32)
    return data["sentences"], vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_batched_embeddings_match_sentence_transformers(reference) -> None:  # noqa: ANN001
    sentences, expected = reference
    got = default_encoder().encode(sentences)
    assert got.shape == (len(sentences), 384) and got.dtype == np.float32
    assert np.all(np.sum(got * expected, axis=1) > 0.9999)


def test_one_sentence_at_a_time_gives_the_same_vectors_as_a_batch(reference) -> None:  # noqa: ANN001
    sentences, expected = reference
    encoder = default_encoder()
    for sentence, vector in zip(sentences, expected, strict=True):
        assert float(encoder.encode([sentence])[0] @ vector) > 0.9999


def test_vectors_are_unit_length_and_order_is_kept() -> None:
    encoder = default_encoder()
    texts = ["a much longer sentence about walking the dog around the block twice today", "hi"]
    both = encoder.encode(texts)
    assert np.allclose(np.linalg.norm(both, axis=1), 1.0, atol=1e-5)
    assert float(both[1] @ encoder.encode(["hi"])[0]) > 0.9999
    assert encoder.encode([]).shape == (0, 384)


def test_long_input_is_truncated_not_refused() -> None:
    encoder = default_encoder()
    long_text = " ".join(["my back was sore after the walk"] * 60)
    assert len(encoder.tokenizer.encode(long_text).ids) == MAX_TOKENS
    assert encoder.encode([long_text]).shape == (1, 384)


def test_the_model_is_loaded_once_per_process() -> None:
    assert default_encoder() is default_encoder()


def test_the_graph_forward_pass_is_the_numpy_reference() -> None:
    """The TensorFlow graph and the numpy reference compute the same hidden states, padding included."""
    encoder = default_encoder()
    texts = ["hi", "my back was stiff after sleeping on the couch",
             "i cant see the point of any of it anymore"]
    encodings = encoder.tokenizer.encode_batch(texts)
    ids = np.array([e.ids for e in encodings], dtype=np.int64)
    mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
    assert mask.min() == 0.0  # the batch is padded
    graph, reference = encoder._forward(ids, mask), encoder._forward_numpy(ids, mask)
    assert graph.shape == reference.shape == (3, ids.shape[1], 384)
    assert np.allclose(graph, reference, atol=1e-4)
