"""`retain forecast --segment NAME`: the forecast of one segment's members, named in the text
and the JSON; an unknown segment, or one with --evaluate, is refused."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.settings import Settings
from assistant.tools.data import StoreData
from assistant.tools.forecasting import cached_forecast
from commerce.workspace import Workspace
from tests.tools.store import make_workspace

runner = CliRunner()


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("forecast_segment")
    return make_workspace(folder / "home", folder / "sources").home


@pytest.fixture(autouse=True)
def use_home(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RETAIN_HOME", str(home))


def test_the_segment_forecast_is_the_chat_tools(home: Path) -> None:
    result = runner.invoke(app, ["forecast", "--days", "28", "--segment", "Loyal", "--json"])
    assert result.exit_code == 0, result.output
    forecast = json.loads(result.stdout)["forecast"]
    data = StoreData(Workspace(home), Settings(home=home))
    members = data.segments().members("loyal")
    chat = cached_forecast(data, 28, "loyal")
    data.close()
    assert forecast["segment"] == "loyal" and forecast["customers"] == len(members)
    assert forecast["orders"] == round(chat.orders, 1)
    assert forecast["orders_interval_90"] == [round(v, 1) for v in chat.orders_interval]


def test_the_text_names_the_segment() -> None:
    result = runner.invoke(app, ["forecast", "--days", "28", "--segment", "loyal"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("From the ") and "customers in 'loyal':" in result.stdout


@pytest.mark.parametrize(
    ("args", "why"),
    [
        (["--segment", "big spenders"], "no segment 'big spenders'; known: "),
        (["--segment", "loyal", "--evaluate", "cdnow-sample"], "--segment: applies to the"),
    ],
)
def test_a_segment_it_cannot_forecast_is_refused(args: list[str], why: str) -> None:
    result = runner.invoke(app, ["forecast", *args])
    assert result.exit_code == 2 and why in result.output
