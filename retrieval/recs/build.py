"""Training the recommender on the workspace's store (build_recommender), or on interactions
given without a workspace (train_recommender); saved.py saves and opens what it trained, under
RETAIN_HOME/index/products/.

A product nobody bought has no learned output vector: it borrows the mean vector of the
BORROW_FROM bought products whose descriptions are nearest to its own, and the lowest of their
biases, so a new coffee can be offered to coffee drinkers before anyone bought it.
"""

from collections.abc import Callable, Mapping
from dataclasses import replace

import numpy as np
import pandas as pd
import torch

from commerce.errors import NotFound
from commerce.workspace import Store, Workspace
from retrieval.embedder import Embedder
from retrieval.recs.candidates import CandidateIndex
from retrieval.recs.catalogue import Catalogue
from retrieval.recs.examples import EventLog
from retrieval.recs.interactions import Interactions, SignalWeights
from retrieval.recs.model import ModelConfig, TwoTower
from retrieval.recs.reading import from_store
from retrieval.recs.recommender import Recommender
from retrieval.recs.saved import open_recommender as open_recommender
from retrieval.recs.saved import recommender_folder as recommender_folder
from retrieval.recs.saved import save_recommender
from retrieval.recs.signals import StoreSignals
from retrieval.recs.train import train
from retrieval.recs.trained import DEFAULT_REPEATABLE, ExclusionRules, TrainedParts

Progress = Callable[[str], None]
BORROW_FROM = 5
TEXT_COLUMNS = ("title", "category", "description")
# An optional products column that marks what cannot be bought now (out of stock, withdrawn).
STOCK_COLUMNS = ("in_stock", "available")
UNAVAILABLE = {"false", "0", "no", "n", "f"}


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
    save_recommender(recommender_folder(workspace), recommender, store, embedder, losses)
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
