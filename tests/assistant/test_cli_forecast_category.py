"""`retain forecast --category NAME`: the chat tool's figures for one product category (its row
of the split, no interval of its own), leading the text before the whole forecast; an unknown
category is refused with the tool's words, and --evaluate takes none."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from assistant.cli import app
from assistant.settings import Settings
from assistant.tools.catalogue import run_tool
from assistant.tools.data import StoreData
from assistant.tools.forecast_category import NO_CATEGORY_INTERVAL
from commerce.workspace import Workspace
from tests.tools.conftest import context
from tests.tools.store import make_workspace

CATEGORY_FIELDS = (
    "category",
    "category_orders",
    "category_revenue",
    "category_bought",
    "category_interval_note",
)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tool tests' kind of store: products in Coffee, Tea and Snacks."""
    folder = tmp_path_factory.mktemp("forecast_category")
    return make_workspace(folder / "home", folder / "sources").home


def _forecast(home: Path, *args: str) -> Result:
    """`retain forecast ARGS` on `home` (each test's own RETAIN_HOME is an empty one)."""
    return CliRunner().invoke(app, ["forecast", *args], env={"RETAIN_HOME": str(home)})


def _tool(home: Path, args: dict[str, object]) -> dict[str, object]:
    data = StoreData(Workspace(home), Settings(home=home))
    try:
        return run_tool(context(data, "operator"), "forecast_demand", args).result
    finally:
        data.close()


def test_the_category_is_the_chat_tools(home: Path) -> None:
    result = _forecast(home, "--days", "28", "--category", "tea", "--json")
    assert result.exit_code == 0, result.output
    forecast = json.loads(result.stdout)["forecast"]
    tool = _tool(home, {"horizon_days": 28, "category": "tea"})
    assert {k: forecast[k] for k in CATEGORY_FIELDS} == {k: tool[k] for k in CATEGORY_FIELDS}
    assert forecast["category"] == "Tea" and forecast["category_bought"]
    # The whole forecast stays beside it, as in the tool's result.
    assert (forecast["orders"], forecast["revenue"]) == (tool["orders"], tool["revenue"])


def test_the_text_leads_with_the_category(home: Path) -> None:
    result = _forecast(home, "--days", "28", "--category", "Tea")
    assert result.exit_code == 0, result.output
    tool = _tool(home, {"horizon_days": 28, "category": "tea"})
    text = " ".join(result.stdout.split())  # the console wraps long lines
    orders = f"{tool['category_orders']:,.0f}"
    assert text.startswith(
        f"Next 28 days, Tea from existing customers: {orders} orders holding it and revenue "
        f"{tool['category_revenue']:,.2f}. {NO_CATEGORY_INTERVAL} In all: "
    )
    assert "Per week" in text


def test_a_misspelt_category_is_read_and_said(home: Path) -> None:
    result = _forecast(home, "--days", "28", "--category", "cofee")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("(Read 'cofee' as Coffee.)\nNext 28 days, Coffee from ")


def test_with_a_segment_it_is_the_members_part(home: Path) -> None:
    args = ("--days", "28", "--segment", "loyal", "--category", "tea")
    result = _forecast(home, *args)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("From the ") and lines[1].startswith(
        "Next 28 days, Tea from these customers: "
    )
    forecast = json.loads(_forecast(home, *args, "--json").stdout)["forecast"]
    tool = _tool(home, {"horizon_days": 28, "segment": "loyal", "category": "tea"})
    assert forecast["segment"] == "loyal"
    assert forecast["category_revenue"] == tool["category_revenue"]


@pytest.mark.parametrize(
    ("args", "why"),
    [
        (["--category", "catnip"], "no category 'catnip'; known: Coffee, Snacks, Tea"),
        (["--category", "tea", "--evaluate", "cdnow-sample"], "--category: applies to the"),
    ],
)
def test_a_category_it_cannot_forecast_is_refused(home: Path, args: list[str], why: str) -> None:
    result = _forecast(home, *args)
    assert result.exit_code == 2 and why in " ".join(result.output.split())


def test_several_categories_are_the_chat_tools_side_by_side(home: Path) -> None:
    result = _forecast(home, "--days", "28", "--category", "tea, cofee", "--json")
    assert result.exit_code == 0, result.output
    forecast = json.loads(result.stdout)["forecast"]
    tool = _tool(home, {"horizon_days": 28, "category": "Tea, Coffee"})
    assert forecast["categories"] == tool["categories"]
    assert [row["category"] for row in forecast["categories"]] == ["Tea", "Coffee"]
    text = _forecast(home, "--days", "28", "--category", "tea, cofee").stdout
    lines = text.splitlines()
    assert lines[0] == "(Read 'cofee' as Coffee.)"
    assert lines[1].startswith("Next 28 days, from existing customers: Tea ")
    assert "is expected to sell more by revenue" in " ".join(text.split())
