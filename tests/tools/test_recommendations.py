"""recommend_products through the catalogue, and the offer that may name its picks."""

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.roles import ROLES, may_use
from assistant.settings import Settings
from assistant.tools.catalogue import run_tool
from assistant.tools.data import StoreData
from commerce.errors import Forbidden, NotFound, Unavailable
from commerce.workspace import Workspace
from retrieval.recs.build import build_recommender
from retrieval.recs.model import ModelConfig
from tests.retrieval.fakes import HashingEmbedder
from tests.tools.conftest import context, sent_model

SMALL = ModelConfig(dim=8, negatives=16, epochs=3, patience=0, lr=0.02, cuts_per_user=2)


@pytest.fixture(scope="module")
def recs_home(tools_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = Path(shutil.copytree(tools_home, tmp_path_factory.mktemp("recs") / "h", symlinks=True))
    build_recommender(Workspace(home), HashingEmbedder(), config=SMALL)
    return home


@pytest.fixture
def data(recs_home: Path) -> StoreData:
    return StoreData(Workspace(recs_home), Settings(home=recs_home))


def _a_customer(data: StoreData) -> str:
    return str(data.require_scores().top(1)[0]["customer_id"])


def test_recommendations_come_with_reasons_and_a_card(data: StoreData) -> None:
    cid = _a_customer(data)
    found = run_tool(context(data, "marketer"), "recommend_products", {"customer_id": cid, "k": 3})
    rows = found.result["rows"]
    assert 1 <= len(rows) <= 3 and found.rows == len(rows)
    assert all(row["reasons"] and row["product_id"] for row in rows)
    assert found.cards[0]["type"] == "recommendations" and found.cards[0]["customer_id"] == cid
    assert cid in found.answer and rows[0]["product_id"] in found.answer
    scores = [row["score"] for row in rows]
    assert scores == sorted(scores, reverse=True)


def test_recommendations_page_on(data: StoreData) -> None:
    cid = _a_customer(data)
    first = run_tool(context(data), "recommend_products", {"customer_id": cid, "k": 4})
    page = run_tool(context(data), "recommend_products", {"customer_id": cid, "k": 2, "offset": 2})
    rows = page.result["rows"]
    assert [r["product_id"] for r in rows] == [r["product_id"] for r in first.result["rows"][2:]]
    assert [r["rank"] for r in rows] == [3, 4]
    assert f"For {cid}, the most likely next purchases (picks 3-4): " in page.answer
    beyond = run_tool(context(data), "recommend_products", {"customer_id": cid, "offset": 100})
    assert beyond.rows == 0 and beyond.answer.startswith("There are only ")


def test_unknown_customer_and_disallowed_role(data: StoreData) -> None:
    with pytest.raises(NotFound):
        run_tool(context(data), "recommend_products", {"customer_id": "nobody-here"})
    # Roles may change; whichever role may not use it is refused by name.
    refused = [role for role in ROLES if not may_use(role, "recommend_products")]
    for role in refused:
        with pytest.raises(Forbidden):
            run_tool(context(data, role), "recommend_products", {"customer_id": "x"})


def test_without_a_recommender_the_tool_says_what_to_run(tools_home: Path) -> None:
    data = StoreData(Workspace(tools_home), Settings(home=tools_home))
    with pytest.raises((NotFound, Unavailable), match="retain index build"):
        run_tool(context(data), "recommend_products", {"customer_id": _a_customer(data)})


def test_an_offer_may_name_a_recommended_product(data: StoreData) -> None:
    cid = _a_customer(data)
    pick = run_tool(context(data), "recommend_products", {"customer_id": cid, "k": 1})
    title = pick.result["rows"][0]["title"]
    draft = (
        f"Subject: 10% off for you\nHi there,\nWe think you'd like {title}. Enjoy 10% off "
        "your next order.\nThe team"
    )
    ctx = context(data, "marketer", answers=[draft])
    found = run_tool(ctx, "draft_offer", {"customer_id": cid, "discount_pct": 10})
    prompt = " ".join(m["content"] for m in sent_model(ctx).sent[0][0])
    assert "recommended_products" in prompt and title in prompt
    assert title in found.result["facts"]["recommended_products"]
    assert not any(v["kind"] == "invented_product" for v in found.result["violations"])


def test_cli_recommend_prints_json(recs_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RETAIN_HOME", str(recs_home))
    cid = _a_customer(StoreData(Workspace(recs_home), Settings(home=recs_home)))
    result = CliRunner().invoke(app, ["recommend", cid, "-k", "2", "--json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert shown["customer_id"] == cid and len(shown["rows"]) == 2
    missing = CliRunner().invoke(app, ["recommend", "nobody-here"])
    assert missing.exit_code != 0 and "nobody-here" in missing.output


def test_a_customer_newer_than_the_recommender_gets_what_is_popular(
    recs_home: Path, tmp_path: Path
) -> None:
    home = Path(shutil.copytree(recs_home, tmp_path / "grown", symlinks=True))
    workspace = Workspace(home)
    last = workspace.store().table("orders")["ts"].max()
    workspace.grow(
        {
            "customers": pd.DataFrame({"customer_id": ["brand-new"]}),
            "orders": pd.DataFrame(
                {
                    "order_id": ["o-new"],
                    "customer_id": ["brand-new"],
                    "ts": [last],
                    "amount": [12.0],
                }
            ),
        }
    )
    data = StoreData(workspace, Settings(home=home))
    found = run_tool(context(data), "recommend_products", {"customer_id": "brand-new", "k": 2})
    rows = found.result["rows"]
    assert len(rows) == 2 and all("popular" in row["reasons"][0] for row in rows)


def test_a_reorder_counts_orders_and_units_from_the_order_lines(data: StoreData) -> None:
    # The signals alone count order lines, weighed ("29 times" for a product in 26 orders, 35
    # units): the tool passes the order lines counted, so the reason gives the profile's counts.
    store = data.store()
    orders = store.table("orders", ["order_id", "customer_id"]).astype(str)
    items = store.table("order_items", ["order_id", "product_id", "quantity"])
    lines = items.astype({"order_id": str, "product_id": str}).merge(orders, on="order_id")
    checked = 0
    for row in data.require_scores().top(40):
        cid = str(row["customer_id"])
        found = run_tool(context(data), "recommend_products", {"customer_id": cid, "k": 20})
        for pick in found.result["rows"]:
            reason = pick["reasons"][0]
            assert not re.match(r"bought it \d+ times?\b", reason)
            said = re.match(r"bought it in ([\d,]+) orders? \(([\d,]+) units?\), last ", reason)
            if said:
                mine = lines[
                    (lines["customer_id"] == cid) & (lines["product_id"] == pick["product_id"])
                ]
                assert int(said[1]) == mine["order_id"].nunique()
                assert int(said[2]) == int(mine["quantity"].sum())
                checked += 1
    assert checked  # the small store has re-orders among the picks
