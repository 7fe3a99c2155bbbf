"""Scores across store versions: a model of a version the store grew from still scores it, a
model of another store is refused, and scoring some customers equals scoring everyone."""

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from commerce.errors import InvalidInput
from commerce.workspace import Workspace
from predictors.artifacts import load_predictor
from predictors.history import from_store
from predictors.pipeline import latest_model, latest_scores, score_store, scores_folder
from predictors.rescore import replace_rows, rescore
from predictors.scoring import score_customers, weeks
from tests.tools.store import make_workspace


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("rescore")
    return make_workspace(folder / "home", folder / "sources").home


@pytest.fixture
def workspace(trained: Path, tmp_path: Path) -> Workspace:
    return Workspace(Path(shutil.copytree(trained, tmp_path / "home", symlinks=True)))


def grow_by_one_order(workspace: Workspace, customer: str, days_later: int = 0) -> None:
    day = pd.Timestamp(workspace.store().manifest.last_order) + pd.Timedelta(days=days_later)
    workspace.grow(
        {
            "orders": pd.DataFrame(
                {
                    "order_id": pd.array([f"new-{customer}-{days_later}"], dtype="string"),
                    "customer_id": pd.array([customer], dtype="string"),
                    "ts": pd.to_datetime([day]),
                    "amount": [25.0],
                }
            )
        }
    )


def test_scoring_some_customers_equals_scoring_everyone(workspace: Workspace) -> None:
    store = workspace.store()
    predictor, _ = load_predictor(latest_model(workspace), "cpu")
    history = from_store(store)
    some = ["00003", "00042", "00100", "00250"]
    args = (history.last_day, weeks(90), weeks(365))
    everyone = score_customers(predictor, history, *args).set_index("customer_id")
    few = score_customers(predictor, from_store(store, some), *args).set_index("customer_id")
    assert sorted(few.index) == some
    pd.testing.assert_frame_equal(few, everyone.loc[few.index], check_exact=False, rtol=1e-5)


def test_a_model_of_an_ancestor_scores_the_grown_store(workspace: Workspace) -> None:
    root = workspace.store().version
    grow_by_one_order(workspace, "00042")
    assert workspace.store().version != root
    # until scored again, the ancestor's scores serve
    served = scores_folder(workspace)
    assert served is not None and json.loads((served / "artifact.json").read_text())[
        "store_version"
    ] == root  # fmt: skip
    score_store(workspace, device="cpu")
    marker = json.loads((served / "artifact.json").read_text())
    assert marker["store_version"] == workspace.store().version
    scores = latest_scores(workspace)
    assert scores is not None and scores["customer_id"].is_unique


def test_a_model_of_another_store_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    document_path = latest_model(workspace) / "predictor.json"
    document = json.loads(document_path.read_text())
    document["store_version"] = "0123456789ab"
    document_path.write_text(json.dumps(document))
    with pytest.raises(InvalidInput, match="was trained on store 0123456789ab, but the current"):
        score_store(workspace, device="cpu")


def test_rescore_replaces_the_named_customers_rows_only(workspace: Workspace) -> None:
    before = latest_scores(workspace)
    assert before is not None
    grow_by_one_order(workspace, "00042")
    folder = latest_model(workspace)
    predictor, document = load_predictor(folder, "cpu")
    done = rescore(workspace, predictor, document, folder, ["00042"], rescore_all_days=1)
    assert not done.full and done.customers == ["00042"]
    after = done.after.set_index("customer_id")
    old = before.set_index("customer_id")
    others = old.index.drop("00042")
    pd.testing.assert_frame_equal(after.loc[others], old.loc[others], check_like=True)
    assert after.loc["00042", "weeks_since_last"] == 0

    grow_by_one_order(workspace, "00043", days_later=2)  # the clock moved: everyone again
    again = rescore(workspace, predictor, document, folder, ["00043"], rescore_all_days=1)
    assert again.full and len(again.customers) == len(again.after) == len(before)


def test_replace_rows_appends_customers_not_scored_before() -> None:
    scores = pd.DataFrame({"customer_id": ["a", "b"], "churn_risk": [0.1, 0.2]})
    fresh = pd.DataFrame({"customer_id": ["b", "c"], "churn_risk": [0.5, 0.6]})
    merged = replace_rows(scores, fresh)
    assert merged.to_dict("list") == {"customer_id": ["a", "b", "c"],
                                      "churn_risk": [0.1, 0.5, 0.6]}  # fmt: skip
