"""A small trained, scored and indexed workspace for the tool tests, built once per session.

300 simulated customers with ids like the demo's ('00042'), names and e-mail addresses,
products in three categories, one order line per order, and reviews on four topics written by
the first 40 customers (one of them quotes an e-mail address). The review index uses the
hashing embedder, so no model weights are needed.
"""

from pathlib import Path

import pandas as pd

from assistant.tools.indexes import features_now
from commerce.ingest import IngestRequest, ingest
from commerce.source_file import Source
from commerce.workspace import Workspace
from predictors.history import from_store
from predictors.pipeline import Horizons, score_store, train_model
from predictors.train import TrainConfig
from retrieval.build import build_review_index, save_customer_index
from retrieval.customers import CustomerIndex
from tests.factories import simulate_orders
from tests.retrieval.fakes import HashingEmbedder

FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken"]
LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson"]
PRODUCTS = {
    "B000COFFEE": ("Coffee beans", "Coffee"),
    "B000DECAFF": ("Decaf coffee", "Coffee"),
    "B0000TEA01": ("Green tea", "Tea"),
    "B0000TEA02": ("Black tea", "Tea"),
    "B00SNACK01": ("Oat biscuits", "Snacks"),
}
TOPICS = {
    "stale": (1.0, "the coffee arrived stale and tasted old, stale beans, awful stale coffee"),
    "broken": (2.0, "package arrived broken, the box was crushed and the jar broken"),
    "love": (5.0, "delicious tea, I love it, wonderful flavour, will buy again"),
    "fine": (3.0, "it is fine, an ordinary biscuit, nothing special"),
}
LEAKY_REVIEW = "Stale again. Write to me at grumpy.buyer@example.org if you care."
REVIEWER = "00003"  # wrote LEAKY_REVIEW, the newest review


def customer_id(number: int) -> str:
    return f"{number + 1:05d}"


def make_workspace(home: Path, folder: Path) -> Workspace:
    """Ingest, train (briefly), score, and build both indexes."""
    folder.mkdir(parents=True, exist_ok=True)
    orders = simulate_orders(customers=300, seed=11)
    orders["customer_id"] = [customer_id(int(c[1:])) for c in orders["customer_id"]]
    orders.insert(0, "order_id", [f"o{i:05d}" for i in range(len(orders))])
    ids = sorted(set(orders["customer_id"]))
    names = [f"{FIRST[i % 8]} {LAST[(i // 8) % 8]}" for i in range(len(ids))]
    products = list(PRODUCTS)
    frames = {
        "customers": pd.DataFrame(
            {
                "customer_id": ids,
                "name": names,
                "email": [f"person.{cid}@example.com" for cid in ids],
            }
        ),
        "products": pd.DataFrame(
            {
                "product_id": products,
                "title": [PRODUCTS[p][0] for p in products],
                "category": [PRODUCTS[p][1] for p in products],
                "price": 10.0,
            }
        ),
        "orders": orders,
        "order_items": pd.DataFrame(
            {
                "order_id": orders["order_id"],
                "product_id": [products[i % len(products)] for i in range(len(orders))],
                "quantity": 1,
                "price": orders["amount"],
            }
        ),
        "reviews": _reviews(ids[:40], orders["ts"].max()),
    }
    sources = {}
    for name, frame in frames.items():
        frame.to_parquet(folder / f"{name}.parquet", index=False)
        sources[name] = Source(folder / f"{name}.parquet")
    workspace = Workspace(home)
    store = ingest(workspace, IngestRequest(sources))
    train_model(workspace, Horizons(90, 365), TrainConfig(epochs=2))
    score_store(workspace, device="cpu")
    build_review_index(workspace, HashingEmbedder())
    features = features_now(from_store(store))
    save_customer_index(workspace, CustomerIndex.build(features), store.version)
    return workspace


def _reviews(authors: list[str], last_day: pd.Timestamp) -> pd.DataFrame:
    rows = []
    topics = list(TOPICS)
    for i in range(120):
        topic = topics[i % len(topics)]
        rating, text = TOPICS[topic]
        rows.append(
            {
                "review_id": f"r{i:04d}",
                "customer_id": authors[i % len(authors)],
                "product_id": "B000COFFEE" if topic in ("stale", "broken") else "B0000TEA01",
                "ts": last_day - pd.Timedelta(days=200 - i),
                "rating": rating,
                "text": f"{text} (note {i})",
            }
        )
    rows.append(
        {
            "review_id": "r9999",
            "customer_id": REVIEWER,
            "product_id": "B000COFFEE",
            "ts": last_day,
            "rating": 1.0,
            "text": LEAKY_REVIEW,
        }
    )
    return pd.DataFrame(rows)
