"""Per-customer lookups built once per store version, so a tool answers in microseconds.

    Customers       (customer_lookup.py) every known id, contacts, orders, products bought
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

from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from assistant.tools.decisions import rank_by_value_at_risk
from assistant.tools.rows import Records, groups
from commerce.errors import NotFound
from commerce.workspace import Store
from predictors.segments import SEGMENT_NAMES

Positions = npt.NDArray[np.int64]
SCORE_COLUMNS = ["customer_id", "churn_risk", "p_purchase", "expected_purchases", "clv",
                 "clv_low", "clv_high", "value_at_risk", "reasons"]  # fmt: skip
REVIEW_FIELDS = ["review_id", "customer_id", "product_id", "ts", "rating", "text",
                 "sentiment_label", "sentiment_score"]  # fmt: skip


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
        self._rows = groups(frame["customer_id"])
        self._records = Records(
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


Ranking = Literal["value_at_risk", "churn_risk", "clv", "purchase"]


class ScoreTable:
    """The latest scores ranked by value at risk (`frame`), each customer's row by id, and the
    top customers by value at risk, churn risk, predicted value or chance to buy."""

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
        self._records = Records(ranked[present], convert={"reasons": _reasons})

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

    def worth_at_least(self, clv: float, positions: Positions | None = None) -> Positions:
        """Rank positions (among `positions` when given) whose predicted value is at least
        this."""
        chosen = np.arange(len(self)) if positions is None else positions
        return chosen[self._clv[chosen] >= clv]

    def top(
        self, limit: int, positions: Positions | None = None, by: Ranking = "value_at_risk"
    ) -> list[dict[str, Any]]:
        """The `limit` customers first by `by` (value at risk, churn risk, predicted value, or
        the chance to buy: the lowest churn risk; ties in value-at-risk order), among
        `positions` when given."""
        if by == "value_at_risk":
            chosen = positions if positions is not None else np.arange(min(limit, len(self)))
        else:
            pool = positions if positions is not None else np.arange(len(self))
            key = {"churn_risk": self._churn_risk, "clv": self._clv,
                   "purchase": -self._churn_risk}[by]  # fmt: skip
            chosen = pool[np.argsort(-key[pool], kind="stable")]
        return [self._records[int(i)] for i in chosen[:limit]]

    def value_at_risk(self, positions: Positions) -> float:
        return float(self._value_at_risk[positions].sum())

    def clv(self, positions: Positions | None = None) -> npt.NDArray[np.float64]:
        """The predicted values of `positions` (None: everyone), in rank order."""
        return self._clv if positions is None else self._clv[positions]


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
