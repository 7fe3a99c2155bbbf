"""`retain score` on a store whose customers file holds customers who never ordered: they are
not scored, and the command says how many."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from commerce.workspace import Workspace
from tests.assistant.trained_home import trained_home
from tests.factories import simulate_orders

runner = CliRunner()
WITHOUT_ORDERS = 7


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    orders = simulate_orders(customers=300, seed=3)
    ids = [*sorted(set(orders["customer_id"])), *(f"new{i}" for i in range(WITHOUT_ORDERS))]
    return trained_home(tmp_path_factory.mktemp("score"), orders, epochs=3, customer_ids=ids)


@pytest.fixture(autouse=True)
def use_home(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RETAIN_HOME", str(home))


def test_score_says_how_many_customers_without_orders_are_not_scored(home: Path) -> None:
    customers = Workspace(home).store().manifest.customers
    result = runner.invoke(app, ["score"])
    assert result.exit_code == 0, result.output
    scored = customers - WITHOUT_ORDERS
    assert result.stdout.startswith(
        f"Scored {scored:,} customers ({WITHOUT_ORDERS} customers without orders are not scored): "
    ), result.stdout
    summary = json.loads(runner.invoke(app, ["score", "--json"]).stdout)
    assert (summary["customers"], summary["customers_without_orders"]) == (scored, WITHOUT_ORDERS)
