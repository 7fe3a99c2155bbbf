"""The trained recommender on disk: where it lives, saving it, and opening it again (refused,
with the command that fixes it, when it is missing, stale or of another embedder).

    RETAIN_HOME/index/products/
      artifact.json         store version, model settings, signal weights, losses (last)
      model.pt              the model's weights (state dict)
      interactions.parquet  the signals histories are read from; customers.parquet, disliked.parquet
      catalogue.parquet     product ids, titles, categories, buyers, listed, borrowed vectors
      products.faiss        product vectors (output embedding + bias), inner product
      text.faiss            products' text embeddings (cold start: neighbours by description)
      segments.parquet      customer -> segment, for cold-start popularity (when given)
"""

import io
from collections.abc import Mapping
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import pandas as pd
import torch

from commerce.errors import NotFound, RetainError, Unavailable
from commerce.workspace import Store, Workspace
from retrieval.artifact import read_artifact, write_artifact, write_atomically
from retrieval.embedder import Embedder
from retrieval.recs.candidates import CandidateIndex
from retrieval.recs.catalogue import catalogue_frame, catalogue_of
from retrieval.recs.interactions import Interactions, SignalWeights
from retrieval.recs.model import ModelConfig, TwoTower
from retrieval.recs.recommender import Recommender
from retrieval.recs.signals import StoreSignals
from retrieval.recs.trained import ExclusionRules, TrainedParts
from retrieval.reviews import embedder_name

BUILD_COMMAND = "retain index build"


def recommender_folder(workspace: Workspace) -> Path:
    """Where the recommender is saved (the layout above)."""
    return workspace.subdir("index") / "products"


def open_recommender(
    workspace: Workspace,
    embedder: Embedder | None = None,
    *,
    repeatable_categories: tuple[str, ...] | None = None,
    segments: Mapping[str, str] | None = None,
) -> Recommender:
    """The saved recommender of the current store.

    NotFound when none was built, Unavailable when it was built from another store version or
    with another embedder than `embedder` (when given); both name the command that fixes it.
    `repeatable_categories` and `segments` override what was saved (settings change without
    retraining).
    """
    folder = recommender_folder(workspace)
    try:
        record = read_artifact(folder, "recommender")
    except NotFound as error:
        raise NotFound(f"no recommender in {folder}: run `{BUILD_COMMAND}`") from error
    except RetainError as error:
        raise Unavailable(f"{error}".replace("retain index build", BUILD_COMMAND)) from error
    store = workspace.store()
    # A store grown by events since the build still holds everything the recommender saw.
    if not store.manifest.derives_from(record.get("store_version")):
        raise Unavailable(
            f"the recommender was built from store {record.get('store_version')} but the "
            f"current store is {store.version}: run `{BUILD_COMMAND}` to retrain it"
        )
    if embedder is not None and record.get("embedder") != embedder_name(embedder):
        raise Unavailable(
            f"the recommender's product texts were embedded by {record.get('embedder')}, not "
            f"{embedder_name(embedder)}: run `{BUILD_COMMAND}`"
        )
    try:
        return _load(folder, record, repeatable_categories, segments)
    except (OSError, ValueError, KeyError, RuntimeError) as error:
        raise Unavailable(
            f"the recommender in {folder} is unreadable ({error}): run `{BUILD_COMMAND}`"
        ) from error


def save_recommender(
    folder: Path, recommender: Recommender, store: Store, embedder: Embedder, losses: list[float]
) -> None:
    """Write the trained recommender into `folder`; artifact.json last, so a folder whose
    writing broke off is never opened."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "artifact.json").unlink(missing_ok=True)  # half-written folders are never opened
    trained, interactions = recommender.trained, recommender.signals.interactions
    buffer = io.BytesIO()
    torch.save(trained.model.state_dict(), buffer)
    write_atomically(folder / "model.pt", buffer.getvalue())
    _write_parquet(folder / "interactions.parquet", interactions.frame)
    _write_parquet(
        folder / "customers.parquet", pd.DataFrame({"customer_id": interactions.users.astype(str)})
    )
    _write_parquet(folder / "disliked.parquet", interactions.disliked)
    _write_parquet(folder / "catalogue.parquet", catalogue_frame(trained.catalogue))
    _write_parquet(
        folder / "segments.parquet",
        pd.DataFrame(
            {
                "customer_id": list(trained.segments),
                "segment": list(trained.segments.values()),
            },
            dtype=str,
        ),
    )
    trained.index.save(folder / "products.faiss")
    trained.text_index.save(folder / "text.faiss")
    write_artifact(
        folder,
        store.version,
        f"{interactions.n_users:,} customers, {interactions.n_items:,} products, "
        f"{len(interactions.purchases):,} order lines",
        name="products",
        config=trained.config.to_dict(),
        as_of=trained.as_of,
        embedder=embedder_name(embedder),
        repeatable_categories=list(trained.rules.repeatable_categories),
        signal_weights=asdict(trained.weights),
        # The store's order lines when built: `retain status` tells how many came after.
        store_order_lines=store.manifest.tables["order_items"].rows,
        losses=[round(x, 4) for x in losses],
    )


def _load(
    folder: Path,
    record: dict[str, Any],
    repeatable: tuple[str, ...] | None,
    segments: Mapping[str, str] | None,
) -> Recommender:
    config = ModelConfig(
        **record["config"] | {"trend_windows": tuple(record["config"]["trend_windows"])}
    )
    catalogue = catalogue_of(pd.read_parquet(folder / "catalogue.parquet"))
    users = pd.read_parquet(folder / "customers.parquet")["customer_id"].to_numpy(dtype=object)
    interactions = Interactions(
        users,
        catalogue.product_ids,
        pd.read_parquet(folder / "interactions.parquet"),
        pd.read_parquet(folder / "disliked.parquet"),
    )
    model = TwoTower(len(catalogue.product_ids), config.dim, len(config.trend_windows))
    state = torch.load(folder / "model.pt", map_location="cpu", weights_only=True)
    model.load_state_dict(state)
    if segments is None:
        saved = pd.read_parquet(folder / "segments.parquet")
        segments = dict(zip(saved["customer_id"], saved["segment"], strict=True))
    rules = ExclusionRules(
        tuple(record["repeatable_categories"]) if repeatable is None else tuple(repeatable)
    )
    weights = SignalWeights(**record["signal_weights"]) if "signal_weights" in record else None
    trained = TrainedParts(
        interactions,
        model,
        replace(config, device="cpu"),
        CandidateIndex.load(folder / "products.faiss"),
        CandidateIndex.load(folder / "text.faiss"),
        catalogue,
        float(record["as_of"]),
        rules,
        segments,
        weights,
    )
    return Recommender(trained, StoreSignals(interactions))


def _write_parquet(path: Path, frame: pd.DataFrame) -> None:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    write_atomically(path, buffer.getvalue())
