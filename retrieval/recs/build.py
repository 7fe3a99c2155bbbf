"""Training the recommender on the workspace's store, and saving and opening it.

    RETAIN_HOME/index/products/
      artifact.json         store version, model settings, signal weights, losses (last)
      model.pt              the model's weights (state dict)
      interactions.parquet  the signals histories are read from; customers.parquet, disliked.parquet
      catalogue.parquet     product ids, titles, categories, buyers, listed, borrowed vectors
      products.faiss        product vectors (output embedding + bias), inner product
      text.faiss            products' text embeddings (cold start: neighbours by description)
      segments.parquet      customer -> segment, for cold-start popularity (when given)

A product nobody bought has no learned output vector: it borrows the mean vector of the
BORROW_FROM bought products whose descriptions are nearest to its own, and the lowest of their
biases, so a new coffee can be offered to coffee drinkers before anyone bought it.
"""

import io
from collections.abc import Callable, Mapping
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import torch

from commerce.errors import NotFound, RetainError, Unavailable
from commerce.workspace import Store, Workspace
from retrieval.artifact import read_artifact, write_artifact, write_atomically
from retrieval.embedder import Embedder
from retrieval.recs.candidates import CandidateIndex
from retrieval.recs.catalogue import Catalogue, catalogue_frame, catalogue_of
from retrieval.recs.examples import EventLog
from retrieval.recs.interactions import Interactions, SignalWeights
from retrieval.recs.model import ModelConfig, TwoTower
from retrieval.recs.reading import from_store
from retrieval.recs.recommender import Recommender
from retrieval.recs.signals import StoreSignals
from retrieval.recs.train import train
from retrieval.recs.trained import DEFAULT_REPEATABLE, ExclusionRules, TrainedParts
from retrieval.reviews import embedder_name

Progress = Callable[[str], None]
BUILD_COMMAND = "retain index build"
BORROW_FROM = 5
TEXT_COLUMNS = ("title", "category", "description")
# An optional products column that marks what cannot be bought now (out of stock, withdrawn).
STOCK_COLUMNS = ("in_stock", "available")
UNAVAILABLE = {"false", "0", "no", "n", "f"}


def recommender_folder(workspace: Workspace) -> Path:
    return workspace.subdir("index") / "products"


def build_recommender(
    workspace: Workspace,
    embedder: Embedder,
    *,
    seed: int = 0,
    repeatable_categories: tuple[str, ...] = DEFAULT_REPEATABLE,
    segments: Mapping[str, str] | None = None,
    config: ModelConfig | None = None,
    weights: SignalWeights | None = None,
    progress: Progress | None = None,
) -> Recommender:
    """Train on the current store's purchases (reviews, events as weaker signals) and save."""
    step = progress or (lambda _: None)
    store = workspace.store()
    if not store.has("order_items"):
        raise NotFound(
            f"the store (version {store.version}) has no order_items table: recommendations "
            "need to know which products each order held (ingest with --order-items FILE)"
        )
    step("reading purchases, reviews and events")
    interactions = from_store(store, weights)
    products = _products(store, interactions.items)
    config = replace(config or ModelConfig(), seed=seed)
    recommender, losses = train_recommender(
        interactions,
        products,
        embedder,
        config,
        ExclusionRules(tuple(repeatable_categories)),
        segments,
        step,
        weights,
    )
    _save(recommender_folder(workspace), recommender, store, embedder, losses)
    return recommender


def train_recommender(
    interactions: Interactions,
    products: pd.DataFrame,
    embedder: Embedder,
    config: ModelConfig,
    rules: ExclusionRules | None = None,
    segments: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    weights: SignalWeights | None = None,
) -> tuple[Recommender, list[float]]:
    """Train the model and index the products, without a workspace (the store's path and bench).

    `products` is aligned with interactions.items: title, category (None where unknown) and
    listed (whether it can be bought now). `weights`: what `interactions` were read with (the
    served recommender reads newer signals with them). Purchases repeat in a store, so the
    model always learns re-orders (`repeats`) one basket at a time; exclusions decide what is
    offered.
    """
    step = progress or (lambda _: None)
    config = replace(config, repeats=True, window=1)
    step(f"training on {len(interactions.purchases):,} order lines")
    model, losses = train(EventLog.of(interactions), config, step)
    step(f"embedding {interactions.n_items:,} product descriptions")
    text = embedder.embed(_texts(products)).astype(np.float32)
    buyers = interactions.popularity()
    catalogue = Catalogue(
        interactions.items,
        _text_column(products, "title"),
        _text_column(products, "category"),
        products["listed"].to_numpy(dtype=bool),
        buyers.astype(np.int64),
        _borrow(model, text, buyers),
    )
    step("indexing product vectors")
    as_of = float(interactions.frame["ts"].max()) if len(interactions.frame) else 0.0
    trained = TrainedParts(
        interactions,
        model,
        config,
        None,
        CandidateIndex.build(text),
        catalogue,
        as_of,
        rules,
        segments,
        weights,
    )
    return Recommender(trained, StoreSignals(interactions)), losses


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


def _save(
    folder: Path, recommender: Recommender, store: Store, embedder: Embedder, losses: list[float]
) -> None:
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


def _products(store: Store, items: np.ndarray) -> pd.DataFrame:
    """Title, category (and description) of each item; `listed`: it can be bought now.

    Not listed: missing from the products table, or marked false in an `in_stock` or
    `available` column when the table has one.
    """
    frame = pd.DataFrame({"product_id": items.astype(str)})
    if not store.has("products"):
        return frame.assign(title=None, category=None, listed=True)
    products = store.table("products").drop_duplicates("product_id")
    products["product_id"] = products["product_id"].astype(str)
    sellable = pd.Series(True, index=products.index)
    for column in STOCK_COLUMNS:
        if column in products.columns:
            marked = products[column].astype(str).str.strip().str.lower()
            sellable &= ~marked.isin(UNAVAILABLE)
    columns = ["product_id", *(c for c in TEXT_COLUMNS if c in products.columns)]
    merged = frame.merge(products[columns], on="product_id", how="left")
    merged["listed"] = frame["product_id"].isin(products.loc[sellable, "product_id"]).to_numpy()
    for column in TEXT_COLUMNS[:2]:
        if column not in merged.columns:
            merged[column] = None
    return merged


def _texts(products: pd.DataFrame) -> list[str]:
    present = [c for c in TEXT_COLUMNS if c in products.columns]
    texts = []
    for row in products[["product_id", *present]].itertuples(index=False):
        parts = [str(v) for v in row[1:] if v is not None and not pd.isna(v) and str(v)]
        texts.append(". ".join(parts) or f"product {row[0]}")
    return texts


def _text_column(products: pd.DataFrame, column: str) -> np.ndarray:
    values = products[column].astype(object).to_numpy()
    return np.array([None if v is None or pd.isna(v) else str(v) for v in values], dtype=object)


def _borrow(model: TwoTower, text: np.ndarray, buyers: np.ndarray) -> np.ndarray:
    """Give never-bought products the vectors of their nearest bought ones (by description).

    Returns, per product, the bought product it borrowed most from (-1: it has its own).
    """
    borrowed = np.full(len(buyers), -1, dtype=np.int64)
    cold, warm = np.flatnonzero(buyers == 0), np.flatnonzero(buyers > 0)
    if len(cold) == 0 or len(warm) == 0:
        return borrowed
    index = CandidateIndex.build(text[warm])
    _, nearest = index.search(text[cold], min(BORROW_FROM, len(warm)))
    donors = torch.as_tensor(warm[nearest])  # (C, BORROW_FROM)
    rows = torch.as_tensor(cold)
    with torch.no_grad():
        out, bias, inner = model.item_out.weight, model.bias.weight, model.item_in.weight
        out[rows] = out[donors].mean(dim=1)
        inner[rows] = inner[donors].mean(dim=1)
        bias[rows] = bias[donors].min(dim=1).values
    borrowed[cold] = donors[:, 0].numpy()
    return borrowed


def _write_parquet(path: Path, frame: pd.DataFrame) -> None:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    write_atomically(path, buffer.getvalue())
