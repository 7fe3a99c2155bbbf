"""The served recommender follows the store as events grow it, without retraining: what a
customer bought (not repeatable) or rated 1-2 stars since training is never offered, their
newer orders shape their picks, and `retain status` says what the product vectors lack."""

import shutil
from pathlib import Path

import pandas as pd
import pytest

from assistant.settings import Settings
from assistant.status import workspace_status
from assistant.tools.catalogue import run_tool
from assistant.tools.data import StoreData
from commerce.workspace import Workspace
from retrieval.recs.build import build_recommender, open_recommender
from retrieval.recs.model import ModelConfig
from tests.retrieval.fakes import HashingEmbedder
from tests.retrieval.recs.factories import TITLES, write_shop
from tests.tools.conftest import context

SMALL = ModelConfig(dim=16, negatives=32, epochs=30, patience=0, lr=0.02, cuts_per_user=4)
EVERYTHING = len(TITLES)  # k large enough that only exclusions keep a product out
DAY = pd.Timestamp("2024-06-01")  # after every order of the shop


@pytest.fixture(scope="module")
def shop_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("recs-events")
    workspace = write_shop(home / "retain", home / "sources")
    build_recommender(
        workspace, HashingEmbedder(), config=SMALL, repeatable_categories=("Coffee", "Tea")
    )
    return workspace.home


@pytest.fixture
def workspace(shop_home: Path, tmp_path: Path) -> Workspace:
    return Workspace(Path(shutil.copytree(shop_home, tmp_path / "home", symlinks=True)))


def picks(data: StoreData, customer: str) -> list[str]:
    return [r.product_id for r in data.recommender().recommend(customer, EVERYTHING)]


def grow(
    workspace: Workspace,
    customer: str,
    bought: list[str],
    disliked: str,
) -> None:
    """One order of `bought` and a 1-star review of `disliked` by `customer`, as events add
    them (a new customer row too when they are new)."""
    delta = {
        "customers": pd.DataFrame({"customer_id": [customer]}),
        "reviews": pd.DataFrame(
            {
                "review_id": [f"rv-{customer}"],
                "customer_id": [customer],
                "product_id": [disliked],
                "ts": [DAY],
                "rating": [1],
                "text": ["Never again."],
            }
        ),
    }
    if bought:
        order = f"o-{customer}-events"
        delta["orders"] = pd.DataFrame(
            {"order_id": [order], "customer_id": [customer], "ts": [DAY], "amount": [10.0]}
        )
        delta["order_items"] = pd.DataFrame(
            {"order_id": order, "product_id": bought, "quantity": 1, "price": 5.0}
        )
    workspace.grow(delta)


def test_an_order_and_a_bad_review_by_events_are_excluded(workspace: Workspace) -> None:
    data = StoreData(workspace, Settings(home=workspace.home))
    before = picks(data, "t01")
    trained = open_recommender(workspace).recommend("t01", EVERYTHING)
    assert before == [r.product_id for r in trained]  # nothing newer: served as trained
    tea = next(p for p in before if p.startswith("tea-"))  # bought before: Tea is repeatable
    assert "grinder" in before and tea in before
    grow(workspace, "t01", ["grinder"], disliked=tea)  # Kitchen is not repeatable
    after = picks(data, "t01")  # the same StoreData, as the server keeps it
    assert "grinder" not in after and tea not in after
    assert set(after) == set(before) - {"grinder", tea}


def test_a_customer_who_joined_by_events_is_scored_on_their_order(workspace: Workspace) -> None:
    grow(workspace, "zz-new", ["coffee-c2", "grinder"], disliked="coffee-c3")
    data = StoreData(workspace, Settings(home=workspace.home))
    found = run_tool(context(data), "recommend_products", {"customer_id": "zz-new", "k": 3})
    rows = found.result["rows"]
    # Their coffee order leads to coffee, without retraining (no popularity fallback).
    assert {row["category"] for row in rows} == {"Coffee"}
    assert not any("popular" in row["reasons"][0] for row in rows)
    everything = picks(data, "zz-new")
    assert "grinder" not in everything and "coffee-c3" not in everything
    assert "coffee-c2" in everything  # Coffee is bought again


def test_a_customer_without_orders_gets_popular_picks_minus_their_dislikes(
    workspace: Workspace,
) -> None:
    popular = [r.product_id for r in open_recommender(workspace).popular(EVERYTHING)]
    grow(workspace, "zz-quiet", [], disliked=popular[0])
    data = StoreData(workspace, Settings(home=workspace.home))
    found = data.recommender().recommend("zz-quiet", EVERYTHING)
    assert all(r.reasons[0].startswith("popular across the store") for r in found)
    assert [r.product_id for r in found] == popular[1:]


def test_status_says_what_the_product_vectors_have_not_learned(workspace: Workspace) -> None:
    def products_index() -> dict[str, object]:
        artifacts = workspace_status(workspace)["artifacts"]
        return next(a for a in artifacts if a["kind"] == "index" and a["name"] == "products")

    assert "predate" not in str(products_index()["detail"])
    grow(workspace, "t02", ["grinder", "kettle"], disliked="tea-t1")
    shown = products_index()
    assert shown["stale"] is False
    assert "current for ranking" in str(shown["detail"])
    assert "predate 2 order lines added by events" in str(shown["detail"])
