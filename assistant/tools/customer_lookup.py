"""Every customer the store knows, built once per store version: ids (read as people type
them, or by full name or e-mail address for the roles that see contacts), contact fields,
signup dates and orders. Lookups are dict accesses and slices (see lookups.py on why rows are
made only when asked for). What each customer bought is purchases.py's."""

import math
import re
from typing import Any

import numpy as np
import pandas as pd

from assistant.roles import CONTACTS_REFUSAL, EMAIL
from assistant.tools.rows import groups, seconds
from commerce.errors import Forbidden, InvalidInput, NotFound
from commerce.id_rules import is_plain_id
from commerce.ids import padded_width
from commerce.workspace import Store

# The schema's contact columns, and a phone where a store's customers file carries one (ingest
# keeps columns the schema does not name).
CONTACT_COLUMNS = ("name", "email", "phone")
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
        self.signed_up: dict[str, str] = {}  # YYYY-MM-DD, where the store has a signup date
        self._by_contact: dict[str, dict[str, list[str]]] = {}  # field -> key -> ids
        known = set(self._order_rows)
        if store.has("customers"):
            table = store.table("customers")
            # As lists: iterating a pandas column of Arrow strings goes value by value.
            ids = table["customer_id"].astype(str).tolist()
            known |= set(ids)
            for column in (c for c in CONTACT_COLUMNS if c in table.columns):
                for cid, value in zip(ids, table[column].tolist(), strict=True):
                    text = _contact_text(value)
                    if text:
                        self.contacts.setdefault(cid, {})[column] = text
            if "signup_date" in table.columns:
                days = pd.to_datetime(table["signup_date"]).dt.strftime("%Y-%m-%d").tolist()
                self.signed_up = {
                    cid: day for cid, day in zip(ids, days, strict=True) if isinstance(day, str)
                }
        self.ids = frozenset(known)
        # The hint of "no customer 'x'; ids look like '...'": never a lookalike or a path an
        # older store may hold ("../x" sorts before "00001").
        self.example = min((i for i in known if is_plain_id(i)), default="00042")
        self.id_width = padded_width(known)  # the router reads it too (one pass per version)

    def resolve(self, raw: str, by_name: bool = False) -> str:
        """The store's id for what a person typed ('00042', ' 42', '#00042', '000042'), or,
        `by_name` (a role that sees contacts), a customer's full name ('Ada Lovelace', any
        case) or e-mail address (any case) that only one customer has. InvalidInput for a
        blank one or a name or address several customers share (naming their ids), NotFound
        for one the store lacks (without `by_name`, a name is not looked up and the error says
        why), Forbidden for an e-mail address without `by_name` (a marketer's lookup by
        contact details)."""
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
        if EMAIL.fullmatch(text):
            if not by_name:
                raise Forbidden(CONTACTS_REFUSAL)
            return self._one_with("email", text, f"no customer with the e-mail address '{text}'")
        if NAME_SHAPED.fullmatch(text):
            if by_name:
                return self._one_with("name", text, f"no customer named '{text}'")
            # "no customer 'Ada Lovelace'" would be untrue where she is one, and telling
            # whether she is would answer a contact question: say what this role looks up by.
            raise NotFound(
                f"'{text}' is not a customer id; names are contact details, so this role looks "
                f"customers up by id, e.g. '{self.example}'"
            )
        raise NotFound(f"no customer '{text}'; ids look like '{self.example}'")

    def _one_with(self, field: str, value: str, unknown: str) -> str:
        """The one customer whose contact `field` is `value` (any case and spacing);
        InvalidInput naming the ids when several are, NotFound (`unknown`) when none is."""
        index = self._by_contact.get(field)
        if index is None:  # built on the first lookup by it, not per store version
            index = {}
            for cid, contact in sorted(self.contacts.items()):
                if field in contact:
                    index.setdefault(_contact_key(contact[field]), []).append(cid)
            self._by_contact[field] = index  # whole, then shared: another request may read it
        found = index.get(_contact_key(value), [])
        if len(found) == 1:
            return found[0]
        if found:
            more = ", ..." if len(found) > MAX_NAMESAKES else ""
            shown = ", ".join(found[:MAX_NAMESAKES]) + more
            share = "are named" if field == "name" else "have the e-mail address"
            raise InvalidInput(
                f"{len(found)} customers {share} '{value}' ({shown}): ask by customer id"
            )
        raise NotFound(f"{unknown}; ids look like '{self.example}'")

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
        """Number of orders, total spend, first and last order (ISO timestamps) and the last
        order's amount ("when was her last order and how much was it?")."""
        start, end = self._order_rows.get(customer_id, (0, 0))
        if start == end:
            return {"orders": 0, "spend_total": 0.0, "first_order": None, "last_order": None,
                    "last_order_amount": None}  # fmt: skip
        return {
            "orders": end - start,
            "spend_total": round(float(self._amounts[start:end].sum()), 2),
            "first_order": str(self._order_ts[start]),
            "last_order": str(self._order_ts[end - 1]),
            "last_order_amount": round(float(self._amounts[end - 1]), 2),
        }


def _contact_text(value: Any) -> str | None:
    """A contact field as text; None when blank. A phone column a spreadsheet kept as numbers
    (442079460958, or 442079460958.0 beside a missing one) is still a phone on file."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return str(int(value)) if value == int(value) else str(value)
    return None


def _contact_key(value: str) -> str:
    """A name or address as compared: any case, runs of spaces as one."""
    return " ".join(value.lower().split())
