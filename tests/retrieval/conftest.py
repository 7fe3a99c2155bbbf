"""The real MiniLM, loaded once for the few tests that need it."""

import pytest

from retrieval.embedder import MiniLMEmbedder


@pytest.fixture(scope="session")
def minilm() -> MiniLMEmbedder:
    return MiniLMEmbedder(device="cpu", batch_size=16)
