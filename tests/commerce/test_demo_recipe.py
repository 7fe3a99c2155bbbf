"""A demo store built by an older recipe is told so (make run keeps a workspace's store): one
whose customers share names, from before recipes were written, or of an older recipe; not the
current demo, nor a store of the user's own files."""

import json
from pathlib import Path

import pandas as pd

from commerce.demo import DEMO_RECIPE, RECIPE_FILE, stale_demo
from commerce.ingest import IngestRequest, ingest
from commerce.source_file import Source
from commerce.workspace import Workspace
from tests.factories import make_orders


def _store(home: Path, folder: str, names: list[str]) -> Workspace:
    """A store ingested from `folder` under the workspace, its customers named `names`."""
    workspace = Workspace(home)
    files = home / folder
    files.mkdir(parents=True, exist_ok=True)
    orders = make_orders(customers=len(names))
    ids = sorted(orders["customer_id"].unique())
    customers = pd.DataFrame({"customer_id": ids, "name": names[: len(ids)]})
    orders.to_parquet(files / "orders.parquet", index=False)
    customers.to_parquet(files / "customers.parquet", index=False)
    sources = {t: Source(files / f"{t}.parquet") for t in ("orders", "customers")}
    ingest(workspace, IngestRequest(sources))
    return workspace


def test_a_demo_whose_customers_share_names_is_stale(tmp_path: Path) -> None:
    workspace = _store(tmp_path, "demo", ["Ada Example"] * 10)
    said = stale_demo(workspace)
    assert said is not None and "`retain demo build`" in said and "shared names" in said


def test_the_recipe_written_decides(tmp_path: Path) -> None:
    workspace = _store(tmp_path, "demo", ["Ada Example"] * 10)
    recipe = tmp_path / "demo" / RECIPE_FILE
    recipe.write_text(json.dumps({"recipe": DEMO_RECIPE}))
    assert stale_demo(workspace) is None
    recipe.write_text(json.dumps({"recipe": DEMO_RECIPE - 1}))
    assert stale_demo(workspace) is not None


def test_unique_names_or_the_users_own_files_are_not_stale(tmp_path: Path) -> None:
    assert stale_demo(_store(tmp_path / "a", "demo", [f"Name {i}" for i in range(10)])) is None
    assert stale_demo(_store(tmp_path / "b", "exports", ["Ada Example"] * 10)) is None
