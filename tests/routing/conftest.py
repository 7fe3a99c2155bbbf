"""Routing fixtures: the demo store's vocabulary, a hashing embedder, and the real MiniLM router
built once (and once more knowing the demo's categories and some customers' names)."""

from dataclasses import replace

import pytest

from assistant.routing import Router, Vocabulary
from bench.routing import DEMO_VOCABULARY
from predictors.segments import SEGMENT_NAMES
from retrieval.embedder import MiniLMEmbedder
from tests.retrieval.fakes import HashingEmbedder

CLUSTERS = ("cluster: frequent, recent", "cluster: frequent, recent (2)", "cluster: long-standing")


@pytest.fixture(scope="session")
def vocabulary() -> Vocabulary:
    """Like the demo store's: 5-digit zero-padded ids, RFM segments and some clusters."""
    return Vocabulary(segments=SEGMENT_NAMES + CLUSTERS, id_width=5)


@pytest.fixture
def embedder() -> HashingEmbedder:
    """A fast stand-in for MiniLM: words hashed into a vector (tests/retrieval/fakes.py)."""
    return HashingEmbedder()


@pytest.fixture(scope="session")
def minilm_router(vocabulary: Vocabulary) -> Router:
    """The real router: all-MiniLM-L6-v2 from the installed package, offline, once a session."""
    return Router(MiniLMEmbedder(device="cpu", batch_size=64), vocabulary)


CUSTOMER_NAMES = frozenset({"ada lovelace", "grace hopper"})  # the names known_router knows


@pytest.fixture(scope="session")
def known_router(vocabulary: Vocabulary) -> Router:
    """The real router with the demo's categories, asking CUSTOMER_NAMES whether a name typed
    in lower case is a customer's."""
    known = replace(vocabulary, categories=DEMO_VOCABULARY.categories)
    return Router(
        MiniLMEmbedder(device="cpu", batch_size=64),
        known,
        known_name=lambda name: " ".join(name.lower().split()) in CUSTOMER_NAMES,
    )
