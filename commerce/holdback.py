"""Holding the last days of a store's sources back as events, so replaying them shows the store
grow (`retain demo build --hold-back-days N`, then `retain events replay`).

Orders (with their lines) and reviews dated after the last order day minus N days leave the
source files and become events in a JSON Lines file, oldest first. Customers and products stay
whole: an order event may name a customer who has not bought yet.
"""

import json
from pathlib import Path
from typing import Any

import pandas as pd

from commerce.errors import InvalidInput

EVENT_FILE = "events.jsonl"


def hold_back(files: dict[str, Path], days: int, out: Path) -> tuple[int, int]:
    """Cut the last `days` days out of the Parquet sources in `files` (rewritten in place) and
    write them to `out` as events; returns (orders, reviews) held back."""
    if days < 1:
        raise InvalidInput(f"--hold-back-days {days}: expected 1 or more")
    orders = pd.read_parquet(files["orders"])
    cutoff = orders["ts"].max().normalize() - pd.Timedelta(days=days - 1)
    late = orders["ts"] >= cutoff
    if bool(late.all()):
        raise InvalidInput(f"--hold-back-days {days} would hold back every order")
    events = _order_events(orders[late], _lines(files, orders[late]))
    orders[~late].to_parquet(files["orders"], index=False)
    if "order_items" in files:
        items = pd.read_parquet(files["order_items"])
        items[~items["order_id"].isin(orders.loc[late, "order_id"])].to_parquet(
            files["order_items"], index=False
        )
    held_reviews = 0
    if "reviews" in files:
        reviews = pd.read_parquet(files["reviews"])
        recent = reviews["ts"] >= cutoff
        events += _review_events(reviews[recent])
        reviews[~recent].to_parquet(files["reviews"], index=False)
        held_reviews = int(recent.sum())
    events.sort(key=lambda e: (e["ts"], e["kind"] != "order"))  # an order before its review
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for event in events:
            handle.write(json.dumps(event, ensure_ascii=False) + "\n")
    return int(late.sum()), held_reviews


def _lines(files: dict[str, Path], orders: pd.DataFrame) -> dict[str, list[dict[str, Any]]]:
    if "order_items" not in files:
        return {}
    items = pd.read_parquet(files["order_items"])
    items = items[items["order_id"].isin(orders["order_id"])]
    lines: dict[str, list[dict[str, Any]]] = {}
    for row in _records(items):
        lines.setdefault(str(row["order_id"]), []).append(
            {"product_id": str(row["product_id"]), "quantity": int(row["quantity"]),
             "price": float(row["price"])}
        )  # fmt: skip
    return lines


def _order_events(
    orders: pd.DataFrame, lines: dict[str, list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    return [
        {
            "event_id": f"demo-{row['order_id']}",
            "kind": "order",
            "ts": _iso(row["ts"]),
            "customer_id": str(row["customer_id"]),
            "order_id": str(row["order_id"]),
            "amount": float(row["amount"]),
            "items": lines.get(str(row["order_id"]), []),
        }
        for row in _records(orders)
    ]


def _review_events(reviews: pd.DataFrame) -> list[dict[str, Any]]:
    events = []
    for row in _records(reviews):
        rating = None if pd.isna(row["rating"]) else float(row["rating"])
        events.append(
            {
                "event_id": f"demo-{row['review_id']}",
                "kind": "review",
                "ts": _iso(row["ts"]),
                "customer_id": str(row["customer_id"]),
                "review_id": str(row["review_id"]),
                "product_id": str(row["product_id"]),
                "rating": rating,
                "text": str(row["text"]),
            }
        )
    return events


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def _iso(ts: Any) -> str:
    return f"{pd.Timestamp(ts):%Y-%m-%dT%H:%M:%S}Z"
