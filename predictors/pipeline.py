"""Training and scoring for a workspace: what `retain train` and `retain score` run.

Training backtests first (train up to `last day - churn horizon`, score the window after), so
the model card reports honest holdout metrics of exactly this recipe on this store, then trains
the model that is kept on all the data.
"""

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from commerce.errors import InvalidInput, NotFound
from commerce.workspace import Workspace
from predictors.artifacts import load_predictor, save_predictor
from predictors.classic import Classic
from predictors.eligibility import check_eligibility
from predictors.evaluate import Evaluation, Split, evaluate
from predictors.features import customer_features
from predictors.history import from_store
from predictors.inputs import InputSpec
from predictors.model import NetConfig, RetentionNet
from predictors.predictor import Calibration, Predictor
from predictors.scoring import score_customers, weeks
from predictors.train import TrainConfig, choose_device, train_predictor


@dataclass(frozen=True)
class Horizons:
    churn_days: int = 90
    clv_days: int = 365


@dataclass(frozen=True)
class TrainResult:
    version: str
    folder: Path
    eligible: bool
    reasons: list[str]
    evaluation: dict[str, Any] | None


def train_model(
    workspace: Workspace,
    horizons: Horizons = Horizons(),
    config: TrainConfig = TrainConfig(),
    progress: Any = None,
) -> TrainResult:
    """Backtest, train on everything, and save under models/<version>/."""
    step = progress or (lambda _: None)
    store = workspace.store()
    history = from_store(store)
    cutoff = history.last_day
    churn_weeks = weeks(horizons.churn_days)
    eligibility = check_eligibility(history, cutoff)
    evaluation: Evaluation | None = None
    if eligibility.eligible:
        step("backtesting on the last churn horizon")
        split = Split(cutoff - pd.Timedelta(days=horizons.churn_days), cutoff)
        evaluation = evaluate(history, split, config)
        step("training on all the data")
        predictor, report = train_predictor(history, cutoff, churn_weeks, config)
        report_dict: dict[str, Any] | None = asdict(report)
    else:
        step("too little data for the network: using the classic models")
        predictor = classic_only(history, cutoff)
        report_dict = None
    version = datetime.now(UTC).strftime("m%Y%m%d-%H%M%S")
    folder = workspace.subdir("models") / version
    meta = {
        "version": version,
        "store_version": store.version,
        "cutoff": f"{cutoff:%Y-%m-%d}",
        "horizons": asdict(horizons),
        "train_config": asdict(config),
        "train_report": report_dict,
        "eligible": eligibility.eligible,
        "fallback_reasons": eligibility.reasons,
        "backtest": evaluation.to_json() if evaluation else None,
        "summary": f"trained on store {store.version} up to {cutoff:%Y-%m-%d}"
        + ("" if eligibility.eligible else " (classic models only: too little data)"),
    }
    save_predictor(folder, predictor, meta, model_card(meta))
    step("saved")
    backtest = evaluation.to_json() if evaluation else None
    return TrainResult(version, folder, eligibility.eligible, eligibility.reasons, backtest)


def classic_only(history: Any, cutoff: pd.Timestamp) -> Predictor:
    """The fallback: an untrained network is exactly BG/NBD + Gamma-Gamma (see model.py)."""
    past = history.until(cutoff)
    features = customer_features(past, cutoff)
    classic = Classic.fit(features)
    frame = features.join(classic.frame(features, 13.0))
    spec = InputSpec.fit(frame)
    net = RetentionNet(NetConfig(len(spec.names)))
    return Predictor(spec, net, Calibration(), classic, choose_device("cpu"))


def latest_model(workspace: Workspace) -> Path:
    folder = workspace.home / "models"
    versions = sorted(p for p in folder.glob("m*") if (p / "predictor.json").is_file())
    if not versions:
        raise NotFound(f"no trained model in {folder}: run `retain train` first")
    return versions[-1]


def score_store(workspace: Workspace, model: Path | None = None, device: str = "auto") -> Path:
    """Score every customer of the current store with a model trained on that same store."""
    store = workspace.store()
    folder = model or latest_model(workspace)
    predictor, document = load_predictor(folder, device)
    if document["store_version"] != store.version:
        raise InvalidInput(
            f"model {folder.name} was trained on store {document['store_version']}, but the "
            f"current store is {store.version}; run `retain train` to train on the current store"
        )
    history = from_store(store)
    horizons = Horizons(**document["horizons"])
    scores = score_customers(
        predictor,
        history,
        history.last_day,
        weeks(horizons.churn_days),
        weeks(horizons.clv_days),
    )
    out = workspace.subdir("scores") / folder.name
    out.mkdir(parents=True, exist_ok=True)
    scores.to_parquet(out / "scores.parquet", index=False)
    marker = {
        "kind": "scores",
        "store_version": store.version,
        "model_version": folder.name,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "detail": f"{len(scores):,} customers scored with model {folder.name}",
    }
    (out / "artifact.json").write_text(json.dumps(marker, indent=2))
    return out / "scores.parquet"


def model_card(meta: dict[str, Any]) -> str:
    """The model card in words: what it is, what it saw, how it did, where it falls short."""
    lines = [
        f"# Retain predictor {meta['version']}",
        "",
        f"Trained on store `{meta['store_version']}` with data up to {meta['cutoff']}.",
        f"Churn horizon: {meta['horizons']['churn_days']} days; CLV horizon: "
        f"{meta['horizons']['clv_days']} days.",
        "",
        "## What it is",
        "BG/NBD (purchases) and Gamma-Gamma (spend) fitted on this store, corrected per customer",
        "by a small multi-task network (purchase probability, expected purchases, zero-inflated",
        "lognormal spend) trained on past windows of this store's own history. Probabilities are",
        "Platt-calibrated on held-out customers.",
        "",
    ]
    if not meta["eligible"]:
        lines += [
            "## Fallback",
            "The network was not trained: "
            + "; ".join(meta["fallback_reasons"])
            + ". Predictions are the classic models' alone.",
            "",
        ]
    backtest = meta.get("backtest")
    if backtest:
        split = backtest["split"]
        lines += [
            "## Backtest",
            f"Calibration up to {split['calibration_end']}, holdout to {split['holdout_end']}, "
            f"{split['customers']:,} customers.",
            "",
            "| metric | " + " | ".join(backtest["models"]) + " |",
            "|---|" + "---|" * len(backtest["models"]),
        ]
        metrics = ["mae", "rmse", "corr", "auc", "brier", "ece", "gini", "spearman"]
        for metric in metrics:
            values = [backtest["models"][m].get(metric) for m in backtest["models"]]
            cells = ["—" if v is None else f"{v:.4f}" for v in values]
            lines.append(f"| {metric} | " + " | ".join(cells) + " |")
        lines.append("")
    lines += [
        "## Limits",
        "- Learns only from this store's history; a change in the business (prices, catalogue,",
        "  channels) after the cutoff is not in it. Retrain after each ingest.",
        "- The uplift of an offer is not modelled: scores describe customers as they are.",
        "- Reasons are gradient x input attributions: associations, not causes.",
    ]
    return "\n".join(lines) + "\n"


def model_of_current_store(workspace: Workspace) -> Path | None:
    """The newest model trained on the current store, if any."""
    store = workspace.store()
    for folder in sorted((workspace.home / "models").glob("m*"), reverse=True):
        marker = folder / "artifact.json"
        if (
            marker.is_file()
            and json.loads(marker.read_text()).get("store_version") == store.version
        ):
            return folder
    return None


def latest_scores(workspace: Workspace) -> pd.DataFrame | None:
    """The newest scores of the current store, or None when it has not been scored yet."""
    store = workspace.store()
    folder = workspace.home / "scores"
    for marker in sorted(folder.glob("*/artifact.json"), reverse=True):
        if json.loads(marker.read_text()).get("store_version") == store.version:
            return pd.read_parquet(marker.parent / "scores.parquet")
    return None
