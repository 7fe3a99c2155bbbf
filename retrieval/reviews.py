"""The review index: every review's embedding in FAISS, with metadata to filter and show hits.

    RETAIN_HOME/index/reviews/
      reviews.faiss      the vectors; vector id = row position in metadata.parquet
      metadata.parquet   faiss_id, review_id, customer_id, product_id, ts, rating,
                         sentiment_score, sentiment_label, text_hash, text
      artifact.json      store_version, embedder, index kind and nprobe, counts

Review text is data: it is kept verbatim (HTML, injected instructions and all), returned as a
plain string, and never rendered or evaluated here. Only what is embedded is cut (the model
reads 256 word pieces). Files are written to temporary names and renamed, artifact.json last.
"""

import hashlib
import io
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from commerce.errors import InvalidInput, Unavailable
from retrieval.artifact import read_artifact, write_artifact, write_atomically
from retrieval.embedder import Embedder
from retrieval.filters import ReviewFilter, matching_rows
from retrieval.sentiment import SentimentHead, review_label
from retrieval.vectors import IndexKind, VectorIndex, choose_kind

REVIEW_COLUMNS = ["review_id", "customer_id", "product_id", "ts", "rating", "text"]
VECTORS_FILE, METADATA_FILE = "reviews.faiss", "metadata.parquet"


@dataclass(frozen=True)
class ReviewHit:
    """One review found by a search; `similarity` is None when no query text was given."""

    review_id: str
    customer_id: str
    product_id: str
    ts: pd.Timestamp
    rating: float | None
    sentiment_score: float
    sentiment_label: str
    similarity: float | None
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"ts": self.ts.isoformat()}


class ReviewIndex:
    """Reviews' vectors and metadata, searched by meaning and filtered by who, what and when."""

    def __init__(
        self, vectors: VectorIndex, metadata: pd.DataFrame, store_version: str, embedder: str
    ) -> None:
        if vectors.count != len(metadata):
            raise Unavailable(
                f"the review index is damaged ({vectors.count} vectors, {len(metadata)} "
                "metadata rows): run `retain index build --full`"
            )
        self.vectors = vectors
        self.metadata = metadata.reset_index(drop=True)
        self.store_version = store_version
        self.embedder = embedder

    @classmethod
    def build(
        cls,
        reviews: pd.DataFrame,
        embedder: Embedder,
        store_version: str,
        head: SentimentHead | None = None,
        kind: IndexKind | None = None,
    ) -> "ReviewIndex":
        """Embed and index every review (columns as in the store's reviews table)."""
        reviews = reviews[REVIEW_COLUMNS].reset_index(drop=True)
        embeddings = embedder.embed(reviews["text"].tolist())
        name = embedder_name(embedder)
        return cls.from_embeddings(reviews, embeddings, store_version, name, head, kind)

    @classmethod
    def from_embeddings(
        cls,
        reviews: pd.DataFrame,
        embeddings: np.ndarray,
        store_version: str,
        embedder: str,
        head: SentimentHead | None = None,
        kind: IndexKind | None = None,
    ) -> "ReviewIndex":
        """Index reviews whose vectors are already known (row i of `embeddings` = review i)."""
        reviews = reviews[REVIEW_COLUMNS].reset_index(drop=True)
        metadata = describe(reviews, embeddings, head or SentimentHead.load())
        vectors = VectorIndex.build(embeddings, kind or choose_kind(len(reviews)))
        return cls(vectors, metadata, store_version, embedder)

    def add(
        self, reviews: pd.DataFrame, embedder: Embedder, head: SentimentHead | None = None
    ) -> int:
        """Embed and append reviews not indexed yet, without a rebuild; returns how many."""
        if embedder_name(embedder) != self.embedder:
            raise InvalidInput(
                f"this index holds {self.embedder} vectors; {embedder_name(embedder)} vectors "
                "cannot join it: run `retain index build --full`"
            )
        fresh = reviews.loc[~reviews["review_id"].isin(self.metadata["review_id"]), REVIEW_COLUMNS]
        fresh = fresh.drop_duplicates("review_id").reset_index(drop=True)
        if fresh.empty:
            return 0
        embeddings = embedder.embed(fresh["text"].tolist())
        added = describe(fresh, embeddings, head or SentimentHead.load(), start=len(self.metadata))
        self.vectors.add(embeddings)
        self.metadata = pd.concat([self.metadata, added], ignore_index=True)
        return len(fresh)

    def search(
        self, query: str | None, embedder: Embedder, k: int = 10, where: ReviewFilter | None = None
    ) -> list[ReviewHit]:
        """The k reviews nearest in meaning to `query` that pass `where`, best first.

        Without a query, the k most recent reviews that pass `where` ("what did this customer
        write?"). Returns k hits whenever at least k reviews pass the filter.
        """
        if k < 1:
            raise InvalidInput(f"k must be at least 1, got {k}")
        where = where or ReviewFilter()
        allowed = None if where.is_empty else matching_rows(self.metadata, where)
        if query is None or not query.strip():
            rows = self.metadata if allowed is None else self.metadata.iloc[allowed]
            latest = rows.sort_values(["ts", "faiss_id"], ascending=False).head(k)
            return [self.hit(int(i), None) for i in latest["faiss_id"]]
        if allowed is not None and len(allowed) == 0:
            return []
        scores, ids = self.vectors.search(embedder.embed([query]), k, allowed)
        return [
            self.hit(int(i), float(s)) for s, i in zip(scores[0], ids[0], strict=True) if i >= 0
        ]

    def embeddings(self, rows: np.ndarray) -> np.ndarray:
        """The stored vectors of these metadata rows."""
        return self.vectors.vectors(rows)

    def save(self, folder: Path) -> None:
        """Write the index under `folder`; artifact.json goes last."""
        folder.mkdir(parents=True, exist_ok=True)
        self.vectors.save(folder / f".{VECTORS_FILE}.tmp")
        (folder / f".{VECTORS_FILE}.tmp").replace(folder / VECTORS_FILE)
        write_atomically(folder / METADATA_FILE, _parquet_bytes(self.metadata))
        write_artifact(
            folder,
            self.store_version,
            f"{len(self.metadata):,} reviews, {self._kind_detail()}",
            name="reviews",
            embedder=self.embedder,
            dimension=self.vectors.dimension,
            index_kind=self.vectors.kind,
            nprobe=self.vectors.nprobe,
            reviews=len(self.metadata),
        )

    @classmethod
    def load(cls, folder: Path) -> "ReviewIndex":
        """Read an index folder as it is (see `open_review_index` for the staleness check)."""
        record = read_artifact(folder, "review index")
        try:
            vectors = VectorIndex.load(folder / VECTORS_FILE, int(record.get("nprobe", 1)))
            metadata = pd.read_parquet(folder / METADATA_FILE)
        except (OSError, RuntimeError, ValueError) as error:
            raise Unavailable(
                f"the review index in {folder} is unreadable ({error}): "
                "run `retain index build --full`"
            ) from error
        return cls(vectors, metadata, str(record["store_version"]), str(record["embedder"]))

    def _kind_detail(self) -> str:
        if self.vectors.kind == "flat":
            return "exact (flat inner product)"
        return f"IVF {self.vectors.cells} cells, nprobe {self.vectors.nprobe}"

    def hit(self, row: int, similarity: float | None = None) -> ReviewHit:
        """The review at metadata row `row` (= vector id) as a search hit."""
        meta = self.metadata.iloc[row]
        rating = float(meta["rating"])
        return ReviewHit(
            review_id=str(meta["review_id"]),
            customer_id=str(meta["customer_id"]),
            product_id=str(meta["product_id"]),
            ts=pd.Timestamp(meta["ts"]),
            rating=None if np.isnan(rating) else rating,
            sentiment_score=float(meta["sentiment_score"]),
            sentiment_label=str(meta["sentiment_label"]),
            similarity=similarity,
            text=str(meta["text"]),
        )


def describe(
    reviews: pd.DataFrame, embeddings: np.ndarray, head: SentimentHead, start: int = 0
) -> pd.DataFrame:
    """Metadata rows for reviews and their embeddings: ids, sentiment and a hash of the text."""
    scores = head.scores(embeddings)
    blank = ~reviews["text"].str.strip().astype(bool).to_numpy()
    scores[blank] = 0.0  # no words, no sentiment (as `sentiment.analyse` says)
    metadata = reviews.assign(
        faiss_id=np.arange(start, start + len(reviews), dtype=np.int64),
        rating=reviews["rating"].astype("float64"),
        ts=pd.to_datetime(reviews["ts"]),
        sentiment_score=scores,
        sentiment_label=[
            review_label(float(s), r, head.neutral_band)
            for s, r in zip(scores, reviews["rating"].astype("float64"), strict=True)
        ],
        text_hash=[text_hash(t) for t in reviews["text"]],
    )
    return metadata[["faiss_id", *REVIEW_COLUMNS[:-1], "sentiment_score", "sentiment_label",
                     "text_hash", "text"]]  # fmt: skip


def text_hash(text: str) -> str:
    """A short fingerprint of a review's text: an edited review must be embedded again."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def embedder_name(embedder: Embedder) -> str:
    """What made the vectors: class name and dimension (vectors of two embedders never mix)."""
    return f"{type(embedder).__name__}/{embedder.dimension}"


def _parquet_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()
