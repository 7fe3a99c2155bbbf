"""Events: orders, reviews and browsing sent as they happen, checked like file ingest, and
turned into rows of the store's tables.

    {"event_id": "e-1", "kind": "order", "ts": "2024-05-01T10:00:00Z", "customer_id": "c1",
     "order_id": "o-9", "amount": 42.5, "items": [{"product_id": "B0001", "quantity": 2,
     "price": 10.0}]}
    {"event_id": "e-2", "kind": "review", "ts": "...", "customer_id": "c1",
     "product_id": "B0001", "review_id": "r-7", "rating": 2, "text": "Arrived stale."}
    {"event_id": "e-3", "kind": "browse", "ts": "...", "customer_id": "c1", "type": "cart",
     "product_id": "B0001"}

Each event is checked on its own (so a bad one is named by its place in the batch and why),
with the rules of file ingest: ids are non-empty printable text without "/" or "\\"
(commerce/id_rules.py), dates parse and are not in the future, amounts are finite and 0 or
more, quantities whole and 1 or more, ratings whole stars 1 to 5, product ids known when the
store has products. Text is data: kept verbatim, only its length is limited.
The events that pass then go through `validate_table`, the very function file ingest uses,
which types the rows exactly as ingested ones are typed.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

import pandas as pd

from commerce.errors import InvalidInput
from commerce.event_fields import (
    MAX_ID_CHARS,
    BadEvent,
    ident,
    items,
    number,
    product,
    rating,
    show,
    text,
    timestamp,
)
from commerce.schema import EVENTS, ORDER_ITEMS, ORDERS, REVIEWS, TableSpec
from commerce.source_file import Source
from commerce.validate import ROW, validate_table

EventKind = Literal["order", "review", "browse"]
KINDS: tuple[EventKind, ...] = get_args(EventKind)


@dataclass(frozen=True)
class Rejection:
    """A refused event: its 0-based place in the batch, its id when it had one, and why."""

    index: int
    event_id: str | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "event_id": self.event_id, "reason": self.reason}


@dataclass(frozen=True)
class EventContext:
    """What checking needs to know about the store.

    products: the store's product ids (None: it has no products table, any id goes).
    orders, reviews: ids the store already holds; an event may not reuse them. Applying passes
    them too, less the ids a crashed first try of the same application may have stored, so that
    retry goes through (the store drops the rows it already has instead).
    """

    now: pd.Timestamp
    products: frozenset[str] | None = None
    orders: frozenset[str] = frozenset()
    reviews: frozenset[str] = frozenset()


@dataclass
class CheckedEvents:
    """The outcome of checking a batch: the good events (with their places) and the store
    rows they make, the refused ones, and the places of repeated event ids."""

    accepted: list[dict[str, Any]] = field(default_factory=list)
    indexes: list[int] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    repeats: list[int] = field(default_factory=list)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def customers(self) -> list[str]:
        """The customers the accepted events are about, sorted."""
        return sorted({str(e["customer_id"]) for e in self.accepted})


def check_events(events: Sequence[object], context: EventContext) -> CheckedEvents:
    """Check a batch: each event on its own, then the good ones as store rows together."""
    result = CheckedEvents()
    seen_ids: dict[str, int] = {}
    seen_keys: dict[tuple[str, str], int] = {}
    normalised: list[tuple[int, dict[str, Any]]] = []
    for index, raw in enumerate(events):
        event_id = event_id_of(raw)
        try:
            event = normalise(raw, context)
        except BadEvent as problem:
            result.rejected.append(Rejection(index, event_id, str(problem)))
            continue
        if event["event_id"] in seen_ids:
            result.repeats.append(index)  # the same event sent twice: one is kept
            continue
        key = _entity_key(event)
        if key is not None and key in seen_keys:
            reason = f"{key[0]} {key[1]!r} is also in event {seen_keys[key]} of this batch"
            result.rejected.append(Rejection(index, event["event_id"], reason))
            continue
        seen_ids[event["event_id"]] = index
        if key is not None:
            seen_keys[key] = index
        normalised.append((index, event))
    _to_tables(normalised, context, result)
    result.rejected.sort(key=lambda r: r.index)
    return result


def normalise(raw: object, context: EventContext) -> dict[str, Any]:
    """One event with every field checked and in canonical form; BadEvent says what is wrong."""
    if not isinstance(raw, Mapping):
        raise BadEvent(f"an event is a JSON object, not {type(raw).__name__}")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise BadEvent(f"kind {show(kind)}: expected one of {', '.join(KINDS)}")
    event: dict[str, Any] = {
        "event_id": ident(raw, "event_id"),
        "kind": kind,
        "ts": timestamp(raw, "ts", context.now),
        "customer_id": ident(raw, "customer_id"),
    }
    if kind == "order":
        event["order_id"] = ident(raw, "order_id", default=event["event_id"])
        if event["order_id"] in context.orders:
            raise BadEvent(f"order {event['order_id']!r} is already in the store")
        event["amount"] = number(raw, "amount", "amount")
        event["items"] = items(raw.get("items"), context.products)
    elif kind == "review":
        event["review_id"] = ident(raw, "review_id", default=event["event_id"])
        if event["review_id"] in context.reviews:
            raise BadEvent(f"review {event['review_id']!r} is already in the store")
        event["product_id"] = product(raw, "product_id", context.products, required=True)
        event["rating"] = rating(raw.get("rating"))
        event["text"] = text(raw, "text")
    else:
        event["type"] = ident(raw, "type")
        event["product_id"] = product(raw, "product_id", context.products, required=False)
    return event


def event_rows(events: Sequence[Mapping[str, Any]]) -> dict[str, pd.DataFrame]:
    """Store rows of normalised events, untyped: orders, order_items, reviews, events
    (browsing, keyed by event_id), customers (every customer an event names)."""
    orders, items, reviews, browsing = [], [], [], []
    for e in events:
        if e["kind"] == "order":
            orders.append({k: e[k] for k in ("order_id", "customer_id", "ts", "amount")})
            items += [{"order_id": e["order_id"], **item} for item in e["items"]]
        elif e["kind"] == "review":
            reviews.append({k: e[k] for k in REVIEWS.names})
        else:
            browsing.append({k: e[k] for k in (*EVENTS.names, "event_id")})
    frames = {
        "orders": (orders, ORDERS.names),
        "order_items": (items, ORDER_ITEMS.names),
        "reviews": (reviews, REVIEWS.names),
        "events": (browsing, [*EVENTS.names, "event_id"]),
    }
    tables = {
        name: pd.DataFrame(rows, columns=columns, dtype=object)
        for name, (rows, columns) in frames.items()
        if rows
    }
    ids = sorted({str(e["customer_id"]) for e in events})
    if ids:
        tables["customers"] = pd.DataFrame({"customer_id": pd.array(ids, dtype="string")})
    return tables


# ---- turning the good events into typed rows ----------------------------------------------


@dataclass(frozen=True)
class _Rows(Source):
    """A stand-in source for validate_table: it names the kind of event, and remembers which
    row a failure was about so that event alone can be refused."""

    kind: str = "event"
    asked: list[int] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.kind} events"

    def where(self, row: int) -> str:
        self.asked.append(row)
        return f"{self.kind} event"


SPECS: dict[str, TableSpec] = {
    "orders": ORDERS, "order_items": ORDER_ITEMS, "reviews": REVIEWS, "events": EVENTS,
}  # fmt: skip


def _to_tables(
    normalised: list[tuple[int, dict[str, Any]]], context: EventContext, result: CheckedEvents
) -> None:
    """Type the good events' rows with validate_table; any event it still refuses is moved to
    `rejected` (its checks are the authority), and the rest are typed again without it."""
    good = dict(normalised)
    while True:
        rows = event_rows(list(good.values()))
        places = list(good)
        try:
            result.tables = _typed(rows, places, good, context)
        except _Refused as refused:
            event = good.pop(refused.index)
            result.rejected.append(Rejection(refused.index, event["event_id"], refused.reason))
            continue
        break
    result.indexes = list(good)
    result.accepted = list(good.values())


class _Refused(Exception):
    def __init__(self, index: int, reason: str) -> None:
        super().__init__(reason)
        self.index, self.reason = index, reason


def _typed(
    rows: dict[str, pd.DataFrame],
    places: list[int],
    good: dict[int, dict[str, Any]],
    context: EventContext,
) -> dict[str, pd.DataFrame]:
    # Which batch place each row came from: one row per event, except order lines.
    owner = {
        "orders": [i for i in places if good[i]["kind"] == "order"],
        "reviews": [i for i in places if good[i]["kind"] == "review"],
        "events": [i for i in places if good[i]["kind"] == "browse"],
        "order_items": [i for i in places if good[i]["kind"] == "order" for _ in good[i]["items"]],
    }
    typed = {}
    for name, frame in rows.items():
        if name == "customers":
            typed[name] = frame
            continue
        source = _Rows(Path(name), kind=name.rstrip("s").replace("_", " "))
        frame = frame.assign(ts=pd.to_datetime(frame["ts"])) if "ts" in frame else frame
        try:
            # Ids are kept as sent: an event's "7.0" is no export's float-typed column.
            clean, _ = validate_table(frame, SPECS[name], source, context.now, float_ids=False)
        except InvalidInput as error:
            row = source.asked[-1] if source.asked else 0
            raise _Refused(owner[name][row], str(error)) from None
        typed[name] = clean.drop(columns=[ROW]).reset_index(drop=True)
    return typed


# ---- one field at a time -------------------------------------------------------------------


def event_id_of(raw: object) -> str | None:
    """The event id of a raw event as it will be logged, when it has a usable one."""
    if isinstance(raw, Mapping):
        value = raw.get("event_id")
        if isinstance(value, str | int) and not isinstance(value, bool):
            text = str(value).strip()
            return text if 0 < len(text) <= MAX_ID_CHARS else None
    return None


def _entity_key(event: Mapping[str, Any]) -> tuple[str, str] | None:
    if event["kind"] == "order":
        return ("order_id", str(event["order_id"]))
    if event["kind"] == "review":
        return ("review_id", str(event["review_id"]))
    return None
