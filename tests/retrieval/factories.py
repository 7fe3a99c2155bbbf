"""Small review tables and stores for the retrieval tests."""

from pathlib import Path

import numpy as np
import pandas as pd

from commerce.ingest import IngestRequest, ingest
from commerce.source_file import Source
from commerce.workspace import Store, Workspace

TOPICS = {
    "stale": "the coffee arrived stale and tasted old, stale beans, awful stale coffee",
    "broken": "package arrived broken, the box was crushed and the jar broken, shipping damage",
    "sweet": "far too sweet, sugary syrup taste, way too much sugar in this sweet snack",
    "love": "delicious tea, I love it, wonderful flavour, my favourite, will buy again",
}


def make_reviews(n: int = 120, seed: int = 0, customers: int = 12) -> pd.DataFrame:
    """n reviews cycling through TOPICS, by `customers` customers over 2024, ratings 1-5."""
    rng = np.random.default_rng(seed)
    topics = list(TOPICS)
    rows = []
    for i in range(n):
        topic = topics[i % len(topics)]
        rows.append(
            {
                "review_id": f"r{i:04d}",
                "customer_id": f"c{i % customers}",
                "product_id": f"p{topic}{i % 3}",
                "ts": pd.Timestamp("2024-01-01") + pd.Timedelta(days=int(rng.integers(0, 365))),
                "rating": 5.0 if topic == "love" else float(rng.integers(1, 4)),
                "text": f"{TOPICS[topic]} (note {i})",
            }
        )
    return pd.DataFrame(rows)


def write_store(home: Path, reviews: pd.DataFrame, folder: Path) -> Store:
    """Ingest orders of the reviews' customers and the reviews themselves (Parquet sources)."""
    folder.mkdir(parents=True, exist_ok=True)
    customers = sorted(set(reviews["customer_id"]))
    orders = pd.DataFrame(
        {
            "order_id": [f"o{i}" for i in range(len(customers))],
            "customer_id": customers,
            "ts": pd.Timestamp("2023-12-01"),
            "amount": 10.0,
        }
    )
    orders.to_parquet(folder / "orders.parquet", index=False)
    reviews.to_parquet(folder / "reviews.parquet", index=False)
    sources = {
        "orders": Source(folder / "orders.parquet"),
        "reviews": Source(folder / "reviews.parquet"),
    }
    return ingest(Workspace(home), IngestRequest(sources))
