"""A four-customer store with a customers table, for the tests of lookups by name and e-mail
and of what a profile says is on file: one order each, the people as each test gives them."""

from pathlib import Path

import pandas as pd

from commerce.ingest import IngestRequest, ingest
from commerce.source_file import Source
from commerce.workspace import Store, Workspace

ORDERS = pd.DataFrame(
    {
        "order_id": ["o1", "o2", "o3", "o4"],
        "customer_id": ["00001", "00002", "00003", "00004"],
        "ts": pd.to_datetime(["1998-01-05", "1998-03-01", "1998-02-10", "1998-01-01"]),
        "amount": [30.0, 12.0, 8.0, 5.0],
    }
)


def people_store(folder: Path, people: pd.DataFrame) -> Store:
    """Ingest ORDERS and `people` (a customers table for 00001-00004) into `folder`/home."""
    sources = {}
    for name, frame in {"orders": ORDERS, "customers": people}.items():
        frame.to_parquet(folder / f"{name}.parquet", index=False)
        sources[name] = Source(folder / f"{name}.parquet")
    return ingest(Workspace(folder / "home"), IngestRequest(sources))
