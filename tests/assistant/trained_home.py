"""A trained store for the command-line tests: orders (and, when given, a customers file)
ingested into a fresh workspace, and the model trained for the usual 90- and 365-day horizons."""

from pathlib import Path

import pandas as pd

from commerce.ingest import IngestRequest, ingest
from commerce.source_file import Source
from commerce.workspace import Workspace
from predictors.pipeline import Horizons, train_model
from predictors.train import TrainConfig
from tests.factories import write_csv


def trained_home(
    folder: Path, orders: pd.DataFrame, epochs: int, customer_ids: list[str] | None = None
) -> Path:
    """The home of a workspace in `folder` holding `orders` and, when `customer_ids` are given,
    a customers file of them, with the model trained for `epochs` (a few: the tests read what
    the commands say, not how good the model is)."""
    workspace = Workspace(folder / "home")
    sources = {"orders": Source(write_csv(orders, folder / "orders.csv"))}
    if customer_ids is not None:
        customers = pd.DataFrame({"customer_id": customer_ids})
        sources["customers"] = Source(write_csv(customers, folder / "customers.csv"))
    ingest(workspace, IngestRequest(sources))
    train_model(workspace, Horizons(90, 365), TrainConfig(epochs=epochs))
    return workspace.home
