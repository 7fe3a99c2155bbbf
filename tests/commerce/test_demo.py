"""The demo store: real CDNOW orders and real reviews, joined plausibly and reproducibly."""

import json
from pathlib import Path

import pandas as pd
import pytest

from commerce.demo import DEMO_RECIPE, RECIPE_FILE, build_demo, categorise, stale_demo
from commerce.id_rules import MAX_ID_CHARS
from commerce.workspace import Store, Workspace


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return build_demo(Workspace(tmp_path_factory.mktemp("demo")), seed=7)


def test_demo_tables_and_counts(demo: Store) -> None:
    tables = demo.manifest.tables
    assert demo.manifest.customers == 23_570
    assert tables["orders"].rows == 69_659
    assert tables["reviews"].rows == 5_000
    assert tables["products"].rows == 5_000


def test_order_lines_add_up_to_the_real_amounts(demo: Store) -> None:
    items = demo.table("order_items")
    orders = demo.table("orders").set_index("order_id")
    spent = (items["quantity"] * items["price"]).groupby(items["order_id"]).sum()
    units = items.groupby("order_id")["quantity"].sum()
    gap = (spent - orders["amount"].reindex(spent.index)).abs()
    # Unit prices are rounded to cents: at most half a cent off per unit.
    assert (gap <= 0.005 * units + 1e-6).all()


def test_reviewers_bought_the_product_before_reviewing(demo: Store) -> None:
    reviews = demo.table("reviews")
    bought = demo.table("order_items").merge(demo.table("orders"), on="order_id")
    first_purchase = bought.groupby(["customer_id", "product_id"])["ts"].min()
    keys = pd.MultiIndex.from_frame(reviews[["customer_id", "product_id"]])
    purchased_at = first_purchase.reindex(keys).to_numpy()
    assert not pd.isna(purchased_at).any(), "a reviewer never bought the product"
    assert (reviews["ts"].to_numpy() >= purchased_at).all()


def test_contact_details_are_obviously_fake(demo: Store) -> None:
    customers = demo.table("customers")
    assert customers["email"].str.endswith("@example.com").all()
    assert customers["email"].is_unique
    # The address names the customer and ends in their id: "ada.sampleton.00001@example.com".
    local = customers["name"].str.lower().str.replace(" ", ".") + "." + customers["customer_id"]
    assert (customers["email"] == local + "@example.com").all()


def test_each_customer_has_their_own_name(demo: Store) -> None:
    """A support agent finds a demo customer by name: no two share one."""
    assert demo.table("customers")["name"].is_unique


def test_every_id_fits_the_id_limit(demo: Store) -> None:
    """Ingest and events refuse longer ids (commerce/id_rules.py); the demo's are all shorter."""
    for table in ("customers", "orders", "order_items", "products", "reviews"):
        frame = demo.table(table)
        for column in [c for c in frame.columns if c.endswith("_id")]:
            assert frame[column].str.len().max() <= MAX_ID_CHARS, (table, column)


def test_a_fresh_demo_is_of_the_current_recipe(demo: Store) -> None:
    home = demo.path.parent.parent  # <home>/stores/<version>
    assert stale_demo(Workspace(home)) is None
    written = json.loads((home / "demo" / RECIPE_FILE).read_text())
    assert written == {"recipe": DEMO_RECIPE, "seed": 7}


def test_same_seed_same_store(demo: Store, tmp_path: Path) -> None:
    again = build_demo(Workspace(tmp_path), seed=7)
    assert again.version == demo.version


def test_categorise_by_most_mentioned_keywords() -> None:
    assert categorise("My dog loves these treats, the dog eats them all") == ("Pet food", "dog")
    assert categorise("Strong coffee, better than tea") == ("Coffee", "coffee")
    assert categorise("Arrived quickly.") == ("Grocery", None)
