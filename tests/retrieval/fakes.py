"""A deterministic hashing embedder: words hashed into 384 signed buckets, L2-normalised.

Texts that share words get similar vectors, which is all the index, filter and theme tests need;
no weights, no torch, microseconds a text.
"""

import hashlib
import itertools
import re
from collections.abc import Sequence

import numpy as np


class HashingEmbedder:
    """The `Embedder` seam, faked: bag of hashed words and word pairs."""

    dimension = 384

    def __init__(self) -> None:
        self.calls: list[list[str]] = []  # what was asked, for tests that count embeddings

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            words = re.findall(r"\w+", text.lower()[:10_000])
            for token in words + [f"{a}_{b}" for a, b in itertools.pairwise(words)]:
                digest = hashlib.blake2b(token.encode(), digest_size=4).digest()
                bucket = int.from_bytes(digest[:3], "little") % self.dimension
                vectors[row, bucket] += 1.0 if digest[3] & 1 else -1.0
            if not vectors[row].any():
                vectors[row, 0] = 1.0  # an empty text still gets a unit vector
        # norm() is typed Any (a scalar without axis=), so the dtype is stated here.
        return np.asarray(vectors / np.linalg.norm(vectors, axis=1, keepdims=True), np.float32)

    @property
    def embedded(self) -> int:
        return sum(len(call) for call in self.calls)
