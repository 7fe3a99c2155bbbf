"""What a conversation is about, so follow-ups resolve: "draft an offer for them" after a
profile means that customer, "and the next one?" the next of the last list shown, "same for
champions" the last tool again with another segment, "reviews of the second one" after the
best sellers that product.

Memory is a small immutable value: `after()` returns the memory a finished tool call leaves,
and `to_dict()` / `from_dict()` store it with the conversation as JSON.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

Subject = Literal["customer", "segment", "product", "customers", "products"]
SUBJECTS: tuple[Subject, ...] = ("customer", "segment", "product", "customers", "products")
MAX_LISTED = 200  # ids kept from the last list; more is never paged through in a chat
# One customer's card: the products and reviews in it are that customer's own, not a list to
# pick from, so "the second one" after a profile still means the last list's second.
ONE_CUSTOMER_CARDS = frozenset({"customer_profile"})


@dataclass(frozen=True)
class Memory:
    """The last customer, segment and product talked about, the last tool call, the ids of the
    last list shown (customers, or products: a new list replaces the other kind) and the rank
    of its first (a page further down a ranking, after "and the next 10?", starts past 1), and
    which of these the last turn was about (`subject`), and the call that showed that list."""

    customer_id: str | None = None
    segment: str | None = None
    product_id: str | None = None
    tool: str | None = None
    args: dict[str, Any] = field(default_factory=dict)
    customer_ids: tuple[str, ...] = ()
    product_ids: tuple[str, ...] = ()
    subject: Subject | None = None
    first_rank: int = 1
    # The call that showed the last list, for "back to the list" after a profile or two.
    list_tool: str | None = None
    list_args: dict[str, Any] = field(default_factory=dict)

    def after(self, tool: str, args: Mapping[str, Any], result: Mapping[str, Any]) -> "Memory":
        """The memory once `tool` ran with `args` and returned `result` (the tool's JSON)."""
        customer = _text(args.get("customer_id")) or _text(result.get("customer_id"))
        if tool in ONE_CUSTOMER_CARDS:
            result = {"customer_id": customer} if customer else {}
        # A profile lists its own reviews: a list is other customers, not the one asked about.
        rows = _listed_rows(result, "customer_id")
        listed = [i for i in _ids(rows, "customer_id") if i != customer]
        # Rows of products alone (best sellers); a review names a product and its customer, so
        # a list of reviews stays a list of customers.
        product_rows = [] if rows else _listed_rows(result, "product_id")
        products = _ids(product_rows, "product_id")
        segment = _text(args.get("segment"))
        product = _text(args.get("product_id")) or _text(result.get("product_id"))
        # A list of one customer ("the top customer") is that customer: "why is their risk so
        # high?" next asks about them. The list is kept, so "the first one" is them too.
        alone = listed[0] if len(listed) == 1 and not customer else None
        subject: Subject | None = self.subject
        if alone or (customer and not listed):
            subject = "customer"
        elif listed:
            subject = "customers"
        elif products:
            subject = "products"
        elif segment:
            subject = "segment"
        elif product:
            subject = "product"
        if listed and not customer and tool != "similar_customers":
            customer = None  # a new list: "the next one" starts from its top
        kept_products = self.product_ids
        shown = bool(listed or products)
        if products:
            kept_products = tuple(products[:MAX_LISTED])
        elif listed and product not in self.product_ids:
            kept_products = ()
        return replace(
            self,
            customer_id=customer or alone or (None if listed else self.customer_id),
            segment=segment or self.segment,
            product_id=product or self.product_id,
            tool=tool,
            args={k: v for k, v in args.items() if v is not None},
            # The last list shown is the one a place in it ("the second one") refers to; the
            # reviews of one product of a product list keep that list beside them, so "and the
            # third one?" can still walk it (args.py tries the reviews first).
            customer_ids=tuple(listed[:MAX_LISTED]) if listed or products else self.customer_ids,
            product_ids=kept_products,
            subject=subject,
            first_rank=_first_rank(rows or product_rows) if shown else self.first_rank,
            list_tool=tool if shown else self.list_tool,
            list_args={k: v for k, v in args.items() if v is not None} if shown else self.list_args,
        )

    def focus(self, customer_id: str) -> "Memory":
        """The memory once the conversation turned to one customer of the last list."""
        return replace(self, customer_id=customer_id, subject="customer")

    def next_customer(self) -> str | None:
        """The customer after the current one in the last list (the first if none is current)."""
        if not self.customer_ids:
            return None
        if self.customer_id not in self.customer_ids:
            return self.customer_ids[0]
        at = self.customer_ids.index(self.customer_id)
        return self.customer_ids[at + 1] if at + 1 < len(self.customer_ids) else None

    def listed(self, position: int) -> str | None:
        """The customer at a 1-based position of the last list (-1: the last one). On a page
        further down ("customers 11-20"), a rank it shows means that row, as numbered on the
        cards ("number 12 on the list"); any other number is a place on the page ("the second
        one" is rank 12)."""
        return _at(self.customer_ids, position, self.first_rank)

    def listed_product(self, position: int) -> str | None:
        """The product at a place of the last list, when that list was of products."""
        return _at(self.product_ids, position, self.first_rank)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, for storing with the conversation."""
        return {
            "customer_id": self.customer_id,
            "segment": self.segment,
            "product_id": self.product_id,
            "tool": self.tool,
            "args": dict(self.args),
            "customer_ids": list(self.customer_ids),
            "product_ids": list(self.product_ids),
            "subject": self.subject,
            "first_rank": self.first_rank,
            "list_tool": self.list_tool,
            "list_args": dict(self.list_args),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> "Memory":
        """Read back what to_dict wrote; unknown keys and wrong types are dropped, not fatal,
        so a conversation stored by an older version still loads."""
        if not data:
            return cls()
        ids = data.get("customer_ids")
        products = data.get("product_ids")
        args = data.get("args")
        subject = data.get("subject")
        first = data.get("first_rank")
        list_args = data.get("list_args")
        return cls(
            customer_id=_text(data.get("customer_id")),
            segment=_text(data.get("segment")),
            product_id=_text(data.get("product_id")),
            tool=_text(data.get("tool")),
            args=dict(args) if isinstance(args, Mapping) else {},
            customer_ids=tuple(str(i) for i in ids) if isinstance(ids, list | tuple) else (),
            product_ids=(
                tuple(str(i) for i in products) if isinstance(products, list | tuple) else ()
            ),
            subject=subject if subject in SUBJECTS else None,
            first_rank=first if isinstance(first, int) and first >= 1 else 1,
            list_tool=_text(data.get("list_tool")),
            list_args=dict(list_args) if isinstance(list_args, Mapping) else {},
        )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _at(ids: tuple[str, ...], position: int, first_rank: int) -> str | None:
    if not ids:
        return None
    index = len(ids) - 1 if position == -1 else position - 1
    if first_rank <= position < first_rank + len(ids):
        index = position - first_rank
    return ids[index] if 0 <= index < len(ids) else None


def _listed_rows(result: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    """The first list of rows in a result that carry `key` as text (at any depth)."""
    for value in result.values():
        rows = isinstance(value, list) and all(isinstance(row, Mapping) for row in value)
        if rows and any(isinstance(row.get(key), str) for row in value):
            return list(value)
        if isinstance(value, Mapping):
            nested = _listed_rows(value, key)
            if nested:
                return nested
    return []


def _ids(rows: list[Mapping[str, Any]], key: str) -> list[str]:
    ids = [row[key] for row in rows if isinstance(row.get(key), str)]
    return list(dict.fromkeys(ids))


def _first_rank(rows: list[Mapping[str, Any]]) -> int:
    """The rank the tool gave the list's first row (1 when it gives none)."""
    rank = rows[0].get("rank") if rows else None
    return rank if isinstance(rank, int) and not isinstance(rank, bool) and rank >= 1 else 1
