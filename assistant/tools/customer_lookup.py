"""Every customer the store knows, built once per store version: ids (read as people type
them, or by full name for the roles that see contacts), contact fields and orders. Lookups
are dict accesses and slices (see lookups.py on why rows are made only when asked for).
What each customer bought is purchases.py's."""

import re
from typing import Any

import numpy as np

from assistant.tools.rows import groups, seconds
from commerce.errors import InvalidInput, NotFound
from commerce.id_rules import is_plain_id
from commerce.ids import padded_width
from commerce.workspace import Store

CONTACT_COLUMNS = ("name", "email")
# A full name: two words or more, of letters (no digits: "cust 42" is no name).
NAME_SHAPED = re.compile(r"[^\W\d_][\w.'\u2019-]*(?:\s+[^\W\d_][\w.'\u2019-]*)+")
MAX_NAMESAKES = 5  # ids listed when several customers share a name


class Customers:
    """Every customer the store knows (customers table and orders), with contacts and
    orders (what each bought is purchases.py's, read only when a profile asks)."""

    def __init__(self, store: Store) -> None:
        orders = store.table("orders", ["order_id", "customer_id", "ts", "amount"])
        orders = orders.assign(customer_id=orders["customer_id"].astype(str))
        orders = orders.sort_values(["customer_id", "ts"], kind="stable", ignore_index=True)
        self._order_rows = groups(orders["customer_id"])
        self._order_ids = orders["order_id"].astype(str).tolist()
        self._order_ts = seconds(orders["ts"])
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
        # The hint of "no customer 'x'; ids look like '...'": never a lookalike or a path an
        # older store may hold ("../x" sorts before "00001").
        self.example = min((i for i in known if is_plain_id(i)), default="00042")
        self.id_width = padded_width(known)  # the router reads it too (one pass per version)

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


def _name_key(name: str) -> str:
    return " ".join(name.lower().split())
