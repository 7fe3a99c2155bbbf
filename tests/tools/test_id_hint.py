"""The hint of an unknown customer ("ids look like '...'") shows a normal id, even from a store
ingested before ids were held to printable characters (one holding a lookalike or a path)."""

from typing import cast

import pandas as pd
import pytest

from assistant.tools.customer_lookup import Customers
from commerce.errors import NotFound
from commerce.workspace import Store


class OlderStore:
    """A store whose orders name customers no ingest accepts now."""

    def __init__(self, customer_ids: list[str]) -> None:
        n = len(customer_ids)
        self.orders = pd.DataFrame(
            {"order_id": [f"o{i}" for i in range(n)], "customer_id": customer_ids,
             "ts": pd.to_datetime(["2024-01-01"] * n), "amount": [5.0] * n}
        )  # fmt: skip

    def has(self, name: str) -> bool:
        return name == "orders"

    def table(self, name: str, columns: list[str] | None = None) -> pd.DataFrame:
        return self.orders[columns] if columns else self.orders


@pytest.mark.parametrize("odd", ["../../etc/passwd", "000\n77", "\x0700042"])  # each sorts first
def test_the_hint_is_built_from_a_normal_id(odd: str) -> None:
    customers = Customers(cast(Store, OlderStore([odd, "00042", "00007"])))
    with pytest.raises(NotFound) as caught:
        customers.resolve("99999")
    assert str(caught.value) == "no customer '99999'; ids look like '00007'"
