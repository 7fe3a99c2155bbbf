"""`purchase_days_of` tells a store's last purchase day and number of purchase days from two
columns of orders, as the whole history read by `from_store` would: what `retain score
--if-missing` checks a saved forecast calibration against."""

from pathlib import Path

import pandas as pd

from commerce.ingest import IngestRequest, ingest
from commerce.source_file import Source
from commerce.workspace import Workspace
from predictors.history import from_store, purchase_days_of
from tests.factories import simulate_orders, write_csv


def test_purchase_days_are_those_of_the_whole_history(tmp_path: Path) -> None:
    orders = simulate_orders(customers=120, seed=3)
    # A second order of a customer on the same day (another hour) is the same purchase day.
    again = orders.iloc[:40].assign(ts=lambda f: f["ts"] + pd.Timedelta(hours=1))
    orders = pd.concat([orders, again], ignore_index=True)
    workspace = Workspace(tmp_path / "home")
    ingest(workspace, IngestRequest({"orders": Source(write_csv(orders, tmp_path / "o.csv"))}))
    store = workspace.store()
    history = from_store(store)
    assert len(history.days) < len(orders)  # the same-day orders did collapse
    assert purchase_days_of(store) == (history.last_day, len(history.days))
