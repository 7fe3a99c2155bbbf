"""Building and opening the workspace's indexes: `retain index build` and what queries load.

A review index is brought up to date at the least cost: vectors of reviews whose text is
unchanged are reused, only new or edited reviews are embedded. When nothing was removed or
edited and the index type still fits the size, new vectors are appended to the existing index
(no rebuild); otherwise the index is rebuilt from the reused and new vectors. `full=True`
embeds everything again (after a model change, or to re-tune IVF on grown data).
"""

from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from commerce.errors import NotFound, RetainError
from commerce.workspace import Workspace
from retrieval.artifact import check_current, read_artifact
from retrieval.customers import CustomerIndex
from retrieval.embedder import Embedder
from retrieval.reviews import REVIEW_COLUMNS, ReviewIndex, embedder_name, text_hash
from retrieval.sentiment import SentimentHead
from retrieval.vectors import choose_kind

Progress = Callable[[str], None]


@dataclass(frozen=True)
class IndexBuild:
    """What a build did: built (all embedded), updated (appended), rebuilt (vectors reused)."""

    mode: Literal["built", "updated", "rebuilt", "unchanged"]
    embedded: int
    total: int
    reason: str
    store_version: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def reviews_folder(workspace: Workspace) -> Path:
    return workspace.subdir("index") / "reviews"


def customers_folder(workspace: Workspace) -> Path:
    return workspace.subdir("index") / "customers"


def build_review_index(
    workspace: Workspace,
    embedder: Embedder,
    full: bool = False,
    progress: Progress | None = None,
    head: SentimentHead | None = None,
) -> IndexBuild:
    """Bring RETAIN_HOME/index/reviews/ up to date with the current store's reviews."""
    step = progress or (lambda _: None)
    store = workspace.store()
    if not store.has("reviews"):
        raise NotFound(
            f"the store (version {store.version}) has no reviews table: "
            "ingest one with `retain ingest --orders FILE --reviews FILE`"
        )
    reviews = store.table("reviews", columns=REVIEW_COLUMNS)
    reviews = reviews.drop_duplicates("review_id").reset_index(drop=True)
    head = head or SentimentHead.load()
    folder = reviews_folder(workspace)
    existing, reason = (None, "--full asked for") if full else _reusable(folder, embedder)
    if existing is None:
        step(f"embedding {len(reviews):,} reviews ({reason})")
        index = ReviewIndex.build(reviews, embedder, store.version, head)
        index.save(folder)
        return IndexBuild("built", len(reviews), len(reviews), reason, store.version)

    indexed = existing.metadata
    current = dict(zip(reviews["review_id"], (text_hash(t) for t in reviews["text"]), strict=True))
    unchanged = indexed["review_id"].map(current).eq(indexed["text_hash"]).to_numpy()
    fresh = reviews[~reviews["review_id"].isin(indexed["review_id"][unchanged])]
    total = len(reviews)
    if unchanged.all() and choose_kind(total) == existing.vectors.kind:
        step(f"embedding {len(fresh):,} new reviews")
        existing.metadata = _refreshed(indexed, reviews)
        existing.add(fresh, embedder, head)
        existing.store_version = store.version
        existing.save(folder)
        mode: Literal["updated", "unchanged"] = "updated" if len(fresh) else "unchanged"
        return IndexBuild(mode, len(fresh), total, f"{len(fresh):,} new reviews", store.version)

    step(f"embedding {len(fresh):,} new or edited reviews, reusing {int(unchanged.sum()):,}")
    kept_rows = np.flatnonzero(unchanged)
    kept_ids = indexed["review_id"].iloc[kept_rows]
    ordered = pd.concat(
        [reviews.set_index("review_id").loc[kept_ids].reset_index(), fresh], ignore_index=True
    )
    vectors = np.concatenate(
        [existing.embeddings(kept_rows), embedder.embed(fresh["text"].tolist())]
    )
    index = ReviewIndex.from_embeddings(ordered, vectors, store.version, existing.embedder, head)
    index.save(folder)
    why = f"{int((~unchanged).sum()):,} reviews edited or removed, or the index type changed"
    return IndexBuild("rebuilt", len(fresh), total, why, store.version)


def open_review_index(workspace: Workspace) -> ReviewIndex:
    """The review index, refused (InvalidInput, naming both versions) when it is stale."""
    folder = reviews_folder(workspace)
    record = read_artifact(folder, "review index")
    store = workspace.store()
    check_current(record, store.version, "review index", store.manifest.lineage)
    return ReviewIndex.load(folder)


def save_customer_index(workspace: Workspace, index: CustomerIndex, store_version: str) -> None:
    """Write the customer index under RETAIN_HOME/index/customers/."""
    index.save(customers_folder(workspace), store_version)


def open_customer_index(workspace: Workspace) -> CustomerIndex:
    """The saved customer index, refused when built from another store version."""
    folder = customers_folder(workspace)
    record = read_artifact(folder, "customer index")
    store = workspace.store()
    check_current(record, store.version, "customer index", store.manifest.lineage)
    return CustomerIndex.load(folder)


def _reusable(folder: Path, embedder: Embedder) -> tuple[ReviewIndex | None, str]:
    """The existing index when its vectors can be reused, else None and why not."""
    if not (folder / "artifact.json").is_file():
        return None, "no index yet"
    try:
        existing = ReviewIndex.load(folder)
    except RetainError as error:
        return None, f"the old index is unusable: {error}"
    if existing.embedder != embedder_name(embedder):
        return None, f"embedder changed from {existing.embedder} to {embedder_name(embedder)}"
    return existing, "reusing vectors"


def _refreshed(indexed: pd.DataFrame, reviews: pd.DataFrame) -> pd.DataFrame:
    """Metadata with customer, product, date and rating as the new store has them."""
    latest = reviews.set_index("review_id").loc[indexed["review_id"]]
    refreshed = indexed.copy()
    for column in ("customer_id", "product_id", "rating"):
        refreshed[column] = latest[column].to_numpy()
    refreshed["ts"] = pd.to_datetime(latest["ts"]).to_numpy()
    refreshed["rating"] = refreshed["rating"].astype("float64")
    return refreshed
