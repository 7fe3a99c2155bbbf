"""Growing a store by new rows: a new version with its lineage, unchanged tables shared by hard
link, rows already held dropped, readers' versions kept a while."""

import os
from pathlib import Path

import pandas as pd
import pytest

from commerce import manifest as manifest_module
from commerce import workspace as workspace_module
from commerce.errors import InvalidInput, Unavailable
from commerce.ingest import IngestRequest, ingest
from commerce.source_file import Source
from commerce.workspace import Store, Workspace
from tests.factories import make_customers, make_orders, write_csv


def ingested(home: Path, tmp_path: Path) -> Store:
    orders = make_orders(40, seed=3)
    ids = sorted(set(orders["customer_id"]))
    sources = {
        "orders": Source(write_csv(orders, tmp_path / "orders.csv")),
        "customers": Source(write_csv(make_customers(ids), tmp_path / "customers.csv")),
        "products": Source(
            write_csv(pd.DataFrame({"product_id": ["p1"], "title": ["Tea"]}), tmp_path / "p.csv")
        ),
    }
    return ingest(Workspace(home), IngestRequest(sources))


def new_orders(*ids: str, customer: str = "c1") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "order_id": pd.array(list(ids), dtype="string"),
            "customer_id": pd.array([customer] * len(ids), dtype="string"),
            "ts": pd.to_datetime(["2025-01-02"] * len(ids)),
            "amount": [10.0] * len(ids),
        }
    )


def test_grow_writes_a_child_version_and_links_unchanged_tables(
    retain_home: Path, tmp_path: Path
) -> None:
    root = ingested(retain_home, tmp_path)
    workspace = Workspace(retain_home)
    customers = pd.DataFrame({"customer_id": pd.array(["c1", "new"], dtype="string")})
    grown = workspace.grow({"orders": new_orders("n1", "n2"), "customers": customers})

    assert workspace.store().version == grown.version != root.version
    assert grown.manifest.parent == root.version and grown.manifest.lineage == [root.version]
    assert grown.derives_from(root.version) and not root.derives_from(grown.version)
    orders = grown.table("orders")
    assert len(orders) == len(root.table("orders")) + 2
    assert orders.dtypes.to_dict() == root.table("orders").dtypes.to_dict()
    assert grown.manifest.last_order == "2025-01-02 00:00:00"
    # only the new customer was added; the products table is the parent's very file
    assert grown.table("customers")["customer_id"].tolist()[-1] == "new"
    assert grown.manifest.customers == root.manifest.customers + 1
    same = os.stat(grown.path / "products.parquet").st_ino
    assert same == os.stat(root.path / "products.parquet").st_ino
    assert (
        os.stat(grown.path / "orders.parquet").st_ino
        != os.stat(root.path / "orders.parquet").st_ino
    )


def test_growing_by_rows_already_held_changes_nothing(retain_home: Path, tmp_path: Path) -> None:
    ingested(retain_home, tmp_path)
    workspace = Workspace(retain_home)
    once = workspace.grow({"orders": new_orders("n1")})
    again = workspace.grow({"orders": new_orders("n1")})  # a retry after a crash
    assert again.version == once.version
    assert (again.table("orders")["order_id"] == "n1").sum() == 1
    # a delta of old and new rows adds only the new ones
    third = workspace.grow({"orders": new_orders("n1", "n2")})
    assert third.manifest.parent == once.version
    assert third.table("orders")["order_id"].tolist()[-2:] == ["n1", "n2"]


def test_the_version_depends_on_the_parent_and_the_rows_only(
    retain_home: Path, tmp_path: Path
) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
    ingested(retain_home, tmp_path / "a")
    first = Workspace(retain_home).grow({"orders": new_orders("n1")}).version
    other_home = tmp_path / "other"
    ingested(other_home, tmp_path / "b")  # the same data in another workspace
    assert Workspace(other_home).grow({"orders": new_orders("n1")}).version == first


def test_a_new_table_is_created_and_an_events_table_is_keyed_by_event_id(
    retain_home: Path, tmp_path: Path
) -> None:
    ingested(retain_home, tmp_path)
    browsing = pd.DataFrame(
        {"customer_id": ["c1"], "ts": pd.to_datetime(["2025-01-01"]), "type": ["cart"],
         "product_id": ["p1"], "event_id": ["b1"]}
    )  # fmt: skip
    grown = Workspace(retain_home).grow({"events": browsing})
    assert grown.table("events")["event_id"].tolist() == ["b1"]
    assert Workspace(retain_home).grow({"events": browsing}).version == grown.version


def test_rows_without_their_key_are_refused_in_words(retain_home: Path, tmp_path: Path) -> None:
    ingested(retain_home, tmp_path)
    with pytest.raises(InvalidInput, match="rows for orders need an order_id column"):
        Workspace(retain_home).grow({"orders": new_orders("n1").drop(columns=["order_id"])})


def test_grow_refuses_when_the_store_changed_meanwhile(retain_home: Path, tmp_path: Path) -> None:
    root = ingested(retain_home, tmp_path)
    workspace = Workspace(retain_home)
    workspace.grow({"orders": new_orders("n1")})
    with pytest.raises(Unavailable, match=f"the store changed from {root.version} to "):
        workspace.grow({"orders": new_orders("n2")}, parent=root.version)


def test_the_lineage_is_bounded_and_keeps_its_root(
    retain_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(manifest_module, "LINEAGE_LIMIT", 3)
    root = ingested(retain_home, tmp_path)
    workspace = Workspace(retain_home)
    versions = [root.version]
    for n in range(5):
        versions.append(workspace.grow({"orders": new_orders(f"n{n}")}).version)
    lineage = workspace.store().manifest.lineage
    assert lineage == [root.version, versions[-3], versions[-2]]
    assert workspace.store().derives_from(root.version)
    assert not workspace.store().derives_from(versions[1])  # fell out: treated as another store


def test_replaced_versions_are_kept_while_readers_may_hold_them(
    retain_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = ingested(retain_home, tmp_path)
    workspace = Workspace(retain_home)
    for n in range(5):
        workspace.grow({"orders": new_orders(f"n{n}")})
    assert root.path.is_dir()  # replaced seconds ago: a request may still be reading it
    monkeypatch.setattr(workspace_module, "MIN_STORE_AGE_S", 0.0)
    workspace.grow({"orders": new_orders("last")})
    kept = [p for p in workspace.stores_dir.iterdir() if not p.name.startswith(".")]
    assert len(kept) == workspace_module.KEEP_STORES and not root.path.exists()


def test_abandoned_versions_go_first_and_do_not_count_among_those_kept(
    retain_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Versions grown by events that failed and were put back are pruned once old enough,
    and do not push real older versions out; growing the same rows again revives one."""
    root = ingested(retain_home, tmp_path)
    workspace = Workspace(retain_home)
    real = [workspace.grow({"orders": new_orders("a")}).version]
    for n in range(4):  # four failed applications on top of `real`, each put back
        failed = workspace.grow({"orders": new_orders(f"bad{n}")}, parent=real[0])
        workspace.write_store({}, Store(workspace.stores_dir / real[0]).manifest)
        workspace.abandon(failed.version)
    monkeypatch.setattr(workspace_module, "MIN_STORE_AGE_S", 0.0)
    revived = workspace.grow({"orders": new_orders("bad0")})  # the first one, now applied
    kept = {p.name for p in workspace.stores_dir.iterdir() if not p.name.startswith(".")}
    assert kept == {root.version, real[0], revived.version}
    assert not (revived.path / workspace_module.ABANDONED).exists()
    workspace.abandon(revived.version)  # the current version is never marked
    assert not (revived.path / workspace_module.ABANDONED).exists()


def test_reading_only_some_customers_rows(retain_home: Path, tmp_path: Path) -> None:
    store = ingested(retain_home, tmp_path)
    some = store.table("orders", where_in=("customer_id", ["c1", "c2", "nobody"]))
    everyone = store.table("orders")
    expected = everyone[everyone["customer_id"].isin(["c1", "c2"])].reset_index(drop=True)
    pd.testing.assert_frame_equal(some, expected)
