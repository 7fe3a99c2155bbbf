"""Per-customer lookups built once per store version, so a tool answers in microseconds.

    Customers       every known id, contact fields, orders and products bought per customer
    CustomerReviews each customer's reviews, newest first (with sentiment from the review index)
    ScoreTable      the latest scores ranked by value at risk (or, asked, by churn risk or
                    predicted value), one row per customer by id
    SegmentIndex    each customer's RFM segment and behaviour cluster, members per name
    product_rows    products with their order counts, most ordered first

Building is pandas and numpy over whole columns; a row's dict and its text (dates, reasons)
are made when a tool asks for that row. The events worker builds these again for every store
version, so building every row up front (over a second on the demo store) was CPU taken
from the requests answered meanwhile. A lookup is a dict access and a slice; a ranking by
churn risk or predicted value sorts the scored customers when asked (a median 3 ms for the
demo's 23,570 and 0.25 s for a million, on 2 cores), cheaper than keeping three orders built
for every store version.
"""

import re
from collections.abc import Callable
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from assistant.tools.decisions import rank_by_value_at_risk
from commerce.errors import InvalidInput, NotFound
from commerce.ids import padded_width
from commerce.workspace import Store
from predictors.segments import SEGMENT_NAMES

Positions = npt.NDArray[np.int64]
CONTACT_COLUMNS = ("name", "email")
# A full name: two words or more, of letters (no digits: "cust 42" is no name).
NAME_SHAPED = re.compile(r"[^\W\d_][\w.'\u2019-]*(?:\s+[^\W\d_][\w.'\u2019-]*)+")
MAX_NAMESAKES = 5  # ids listed when several customers share a name
SCORE_COLUMNS = ["customer_id", "churn_risk", "p_purchase", "expected_purchases", "clv",
                 "clv_low", "clv_high", "value_at_risk", "reasons"]  # fmt: skip
REVIEW_FIELDS = ["review_id", "customer_id", "product_id", "ts", "rating", "text",
                 "sentiment_label", "sentiment_score"]  # fmt: skip


def _seconds(values: "pd.Series[Any]") -> npt.NDArray[np.datetime64]:
    """Timestamps to the second; str() of one is its ISO text ('1997-03-20T00:00:00')."""
    return pd.to_datetime(values).to_numpy("datetime64[s]")


class _Records:
    """A frame's rows as dicts, each made when asked for; `convert` maps a column's values."""

    def __init__(
        self, frame: pd.DataFrame, convert: dict[str, Callable[[Any], Any]] | None = None
    ) -> None:
        self._columns = {str(c): frame[c].tolist() for c in frame.columns}
        self._convert = convert or {}
        self._length = len(frame)

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, i: int) -> dict[str, Any]:
        convert = self._convert
        return {
            c: convert[c](values[i]) if c in convert else values[i]
            for c, values in self._columns.items()
        }


def _groups(keys: "pd.Series[str]") -> dict[str, tuple[int, int]]:
    """Row ranges of each key in a frame sorted by that key."""
    values = keys.to_numpy()
    if len(values) == 0:
        return {}
    starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
    ends = np.r_[starts[1:], len(values)]
    return {str(values[s]): (int(s), int(e)) for s, e in zip(starts, ends, strict=True)}


class Customers:
    """Every customer the store knows (customers table and orders), with contacts, orders and
    the products they bought."""

    def __init__(self, store: Store) -> None:
        orders = store.table("orders", ["order_id", "customer_id", "ts", "amount"])
        orders = orders.assign(customer_id=orders["customer_id"].astype(str))
        orders = orders.sort_values(["customer_id", "ts"], kind="stable", ignore_index=True)
        self._order_rows = _groups(orders["customer_id"])
        self._order_ids = orders["order_id"].astype(str).tolist()
        self._order_ts = _seconds(orders["ts"])
        self._amounts = orders["amount"].to_numpy(np.float64)
        self.contacts: dict[str, dict[str, str]] = {}
        self._by_name: dict[str, list[str]] | None = None
        known = set(self._order_rows)
        if store.has("customers"):
            table = store.table("customers")
            # As lists: iterating a pandas column of Arrow strings goes value by value.
            ids = table["customer_id"].astype(str).tolist()
            known |= set(ids)
            for column in (c for c in CONTACT_COLUMNS if c in table.columns):
                for cid, value in zip(ids, table[column].tolist(), strict=True):
                    if isinstance(value, str) and value:
                        self.contacts.setdefault(cid, {})[column] = value
        self.ids = frozenset(known)
        self.example = min(known) if known else "00042"
        self.id_width = padded_width(known)  # the router reads it too (one pass per version)
        self._index_purchases(store, orders)

    def _index_purchases(self, store: Store, orders: pd.DataFrame) -> None:
        """Each customer's products from the order lines (none without them): units and last
        day bought, most units first (then the latest bought), as row ranges per customer."""
        columns = ["customer_id", "product_id", "units", "last"]
        bought = pd.DataFrame({c: [] for c in columns})
        self.has_order_lines = store.has("order_items")
        if self.has_order_lines:
            items = store.table("order_items", ["order_id", "product_id", "quantity"])
            lines = items.astype({"order_id": str, "product_id": str}).merge(
                orders[["order_id", "customer_id", "ts"]].astype({"order_id": str}), on="order_id"
            )
            bought = (
                lines.groupby(["customer_id", "product_id"], sort=False)
                .agg(units=("quantity", "sum"), last=("ts", "max"))
                .reset_index()
                .sort_values(["customer_id", "units", "last", "product_id"],
                             ascending=[True, False, False, True], ignore_index=True)
            )  # fmt: skip
        catalogue = store.table("products") if store.has("products") else pd.DataFrame()
        self._bought_rows = _groups(bought["customer_id"])
        self._bought_ids = bought["product_id"].astype(str).tolist()
        self._bought_units = bought["units"].astype(np.int64).tolist()
        self._bought_last = _seconds(bought["last"])
        self._titles = self._by_product(catalogue, "title")
        self._categories = self._by_product(catalogue, "category")

    @staticmethod
    def _by_product(catalogue: pd.DataFrame, column: str) -> dict[str, str]:
        """The catalogue's non-empty `column` per product id ({} without the column)."""
        if column not in catalogue.columns:
            return {}
        pairs = zip(catalogue["product_id"].astype(str).tolist(), catalogue[column].tolist(),
                    strict=True)  # fmt: skip
        return {pid: value for pid, value in pairs if isinstance(value, str) and value}

    def resolve(self, raw: str, by_name: bool = False) -> str:
        """The store's id for what a person typed ('00042', ' 42', '#00042', '000042'), or,
        `by_name` (a role that sees contacts), a customer's full name ('Ada Lovelace', any
        case) that only one customer has. InvalidInput for a blank one or a name several
        customers share (naming their ids), NotFound for one the store lacks."""
        text = str(raw).strip().lstrip("#")
        if not text:
            raise InvalidInput("customer_id is blank")
        if text in self.ids:
            return text
        # People drop leading zeros ("customer 42") or add some ("000042"), but an id that
        # exists as typed is never changed, and a changed one only where the store has it.
        width = self.id_width
        if width and text.isdigit():
            padded = (text.lstrip("0") or "0").zfill(width)
            if padded in self.ids:
                return padded
        if by_name and NAME_SHAPED.fullmatch(text):
            return self._named(text)
        raise NotFound(f"no customer '{text}'; ids look like '{self.example}'")

    def _named(self, name: str) -> str:
        """The one customer called `name`; InvalidInput naming the ids when several are."""
        by_name = self._by_name
        if by_name is None:  # built on the first lookup by name, not per store version
            by_name = {}
            for cid, contact in sorted(self.contacts.items()):
                if "name" in contact:
                    by_name.setdefault(_name_key(contact["name"]), []).append(cid)
            self._by_name = by_name  # whole, then shared: another request may read it now
        found = by_name.get(_name_key(name), [])
        if len(found) == 1:
            return found[0]
        if found:
            more = ", ..." if len(found) > MAX_NAMESAKES else ""
            shown = ", ".join(found[:MAX_NAMESAKES]) + more
            raise InvalidInput(
                f"{len(found)} customers are named '{name}' ({shown}): ask by customer id"
            )
        raise NotFound(f"no customer named '{name}'; ids look like '{self.example}'")

    def products_bought(self, customer_id: str) -> int:
        """How many different products the customer's order lines hold."""
        start, end = self._bought_rows.get(customer_id, (0, 0))
        return end - start

    def bought(self, customer_id: str, limit: int) -> list[dict[str, Any]]:
        """The customer's `limit` most bought products: id, title and category (None where
        the catalogue lacks them), units, and the day last bought."""
        start, end = self._bought_rows.get(customer_id, (0, 0))
        return [
            {
                "product_id": self._bought_ids[i],
                "title": self._titles.get(self._bought_ids[i]),
                "category": self._categories.get(self._bought_ids[i]),
                "units": self._bought_units[i],
                "last_bought": str(self._bought_last[i])[:10],
            }
            for i in range(start, min(end, start + limit))
        ]

    def orders(self, customer_id: str, limit: int | None = None) -> list[dict[str, Any]]:
        """The customer's orders, oldest first (the last `limit` when given)."""
        start, end = self._order_rows.get(customer_id, (0, 0))
        if limit is not None:
            start = max(start, end - limit)
        return [
            {
                "order_id": self._order_ids[i],
                "ts": str(self._order_ts[i]),
                "amount": self._amounts[i],
            }
            for i in range(start, end)
        ]

    def order_summary(self, customer_id: str) -> dict[str, Any]:
        """Number of orders, total spend, first and last order (ISO timestamps)."""
        start, end = self._order_rows.get(customer_id, (0, 0))
        if start == end:
            return {"orders": 0, "spend_total": 0.0, "first_order": None, "last_order": None}
        return {
            "orders": end - start,
            "spend_total": round(float(self._amounts[start:end].sum()), 2),
            "first_order": str(self._order_ts[start]),
            "last_order": str(self._order_ts[end - 1]),
        }


class CustomerReviews:
    """Each customer's reviews, newest first. `frame` holds REVIEW_FIELDS; sentiment columns
    are None when no current review index scored them."""

    def __init__(self, frame: pd.DataFrame) -> None:
        frame = frame.assign(customer_id=frame["customer_id"].astype(str))
        for column in ("sentiment_label", "sentiment_score"):
            if column not in frame.columns:
                frame[column] = None
        frame = frame.sort_values(["customer_id", "ts"], ascending=[True, False], kind="stable")
        frame = frame.reset_index(drop=True)
        self._rows = _groups(frame["customer_id"])
        self._records = _Records(
            frame[[f for f in REVIEW_FIELDS if f != "customer_id"]],
            convert={
                "review_id": str,
                "product_id": str,
                "ts": lambda t: f"{pd.Timestamp(t):%Y-%m-%dT%H:%M:%S}",
                "rating": lambda v: None if pd.isna(v) else float(v),
                "text": str,
            },
        )

    @classmethod
    def empty(cls) -> "CustomerReviews":
        return cls(pd.DataFrame({column: [] for column in REVIEW_FIELDS}))

    def of(self, customer_id: str, limit: int = 5) -> list[dict[str, Any]]:
        start, end = self._rows.get(customer_id, (0, 0))
        return [self._records[i] for i in range(start, min(end, start + limit))]

    def count(self, customer_id: str) -> int:
        start, end = self._rows.get(customer_id, (0, 0))
        return end - start

    def most_reviewed(self) -> str | None:
        """The customer who wrote the most reviews (the first id of a tie); None without any."""
        if not self._rows:
            return None
        return min(self._rows, key=lambda cid: (self._rows[cid][0] - self._rows[cid][1], cid))


Ranking = Literal["value_at_risk", "churn_risk", "clv"]


class ScoreTable:
    """The latest scores ranked by value at risk (`frame`), each customer's row by id, and the
    top customers by value at risk, churn risk or predicted value."""

    def __init__(self, scores: pd.DataFrame) -> None:
        ranked = rank_by_value_at_risk(scores.assign(customer_id=scores["customer_id"].astype(str)))
        present = [c for c in SCORE_COLUMNS if c in ranked.columns]
        self.frame = ranked
        self.ids = ranked["customer_id"].to_numpy()
        self.position = {cid: i for i, cid in enumerate(self.ids)}
        self._value_at_risk = ranked["value_at_risk"].to_numpy(np.float64)
        self.total_value_at_risk = float(self._value_at_risk.sum())
        self._churn_risk = ranked["churn_risk"].to_numpy(np.float64)
        self._clv = ranked["clv"].to_numpy(np.float64)
        if "reasons" not in present:  # scores saved without reasons: every row has none
            ranked, present = ranked.assign(reasons=None), [*present, "reasons"]
        self._records = _Records(ranked[present], convert={"reasons": _reasons})

    def __len__(self) -> int:
        return len(self._records)

    def row(self, customer_id: str) -> dict[str, Any] | None:
        position = self.position.get(customer_id)
        return None if position is None else self._records[position]

    def positions(self, customer_ids: "pd.Index[str]") -> Positions:
        """Rank positions (most value at risk first) of those of these customers scored."""
        found = [self.position[c] for c in customer_ids if c in self.position]
        return np.sort(np.asarray(found, dtype=np.int64))

    def at_risk(self, threshold: float, positions: Positions | None = None) -> Positions:
        """Rank positions (among `positions` when given) whose churn risk is at least this."""
        chosen = np.arange(len(self)) if positions is None else positions
        return chosen[self._churn_risk[chosen] >= threshold]

    def top(
        self, limit: int, positions: Positions | None = None, by: Ranking = "value_at_risk"
    ) -> list[dict[str, Any]]:
        """The `limit` customers first by `by` (value at risk, churn risk or predicted value;
        ties in value-at-risk order), among `positions` when given."""
        if by == "value_at_risk":
            chosen = positions if positions is not None else np.arange(min(limit, len(self)))
        else:
            pool = positions if positions is not None else np.arange(len(self))
            key = self._churn_risk if by == "churn_risk" else self._clv
            chosen = pool[np.argsort(-key[pool], kind="stable")]
        return [self._records[int(i)] for i in chosen[:limit]]

    def value_at_risk(self, positions: Positions) -> float:
        return float(self._value_at_risk[positions].sum())


def _reasons(text: Any) -> list[str]:
    """The scores' "; "-joined reasons as a list (none for an empty or missing value)."""
    return [r for r in str(text).split("; ") if r] if isinstance(text, str) and text else []


class SegmentIndex:
    """Each customer's RFM segment and behaviour cluster (predictors.segment_facts), by name.
    Every segment RULES define is known, with no members when no customer is in it now."""

    def __init__(self, segments: pd.DataFrame) -> None:
        ids = segments.index.astype(str).tolist()  # lists: see Customers
        self.segment_of = dict(zip(ids, segments["segment"].astype(str).tolist(), strict=True))
        self.cluster_of = dict(zip(ids, segments["cluster"].astype(str).tolist(), strict=True))
        nobody: pd.Index[str] = pd.Index([], dtype=object)
        self._members: dict[str, pd.Index[str]] = dict.fromkeys(SEGMENT_NAMES, nobody)
        for column in ("segment", "cluster"):
            for name, group in segments.groupby(column, observed=True):
                self._members[str(name)] = group.index.astype(str)
        self._names = {name.lower(): name for name in self._members}
        self._sets = {name: frozenset(ids.tolist()) for name, ids in self._members.items()}

    @property
    def names(self) -> list[str]:
        return sorted(self._members)

    def resolve(self, name: str) -> str:
        """The segment or cluster called `name` (any case); NotFound listing the names."""
        match = self._names.get(name.strip().lower())
        if match is None:
            raise NotFound(f"no segment '{name}'; known: {', '.join(self.names)}")
        return match

    def members(self, name: str) -> "pd.Index[str]":
        return self._members[self.resolve(name)]

    def member_set(self, name: str) -> frozenset[str]:
        """The members as a set, built once (review filters take sets)."""
        return self._sets[self.resolve(name)]


def product_rows(store: Store) -> list[dict[str, Any]]:
    """Products with their order counts, most ordered first (from order items when the store
    has them; a store of bare transactions has no products and gives an empty list)."""
    if not store.has("products"):
        return []
    products = store.table("products")
    if store.has("order_items"):
        items = store.table("order_items", ["order_id", "product_id"])
        orders = items.drop_duplicates().groupby("product_id").size().rename("orders")
        products = products.join(orders, on="product_id")
    products["orders"] = products.get("orders", 0)
    products["orders"] = products["orders"].fillna(0).astype(int)
    ranked = products.sort_values(["orders", "product_id"], ascending=[False, True])
    clean = ranked.astype(object).where(ranked.notna(), None)
    return [{str(k): v for k, v in row.items()} for row in clean.to_dict("records")]


def _name_key(name: str) -> str:
    return " ".join(name.lower().split())
