"""Training and scoring for a workspace: what `retain train` and `retain score` run.

Training backtests first (train up to `last day - churn horizon`, score the window after), so
the model card reports honest holdout metrics of exactly this recipe on this store, then trains
the model that is kept on all the data.
"""

import json
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from commerce.errors import InvalidInput, NotFound
from commerce.workspace import Store, Workspace
from predictors.artifacts import load_predictor, save_predictor
from predictors.classic import Classic
from predictors.eligibility import check_eligibility, check_predictable
from predictors.evaluate import Evaluation, Split, evaluate
from predictors.features import customer_features
from predictors.history import History, from_store
from predictors.inputs import InputSpec
from predictors.model import NetConfig, RetentionNet
from predictors.predictor import Calibration, Predictor
from predictors.scoring import score_customers, weeks
from predictors.train import TrainConfig, choose_device, train_predictor
from predictors.windows import shortest_window_weeks


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
        # Below this horizon forecasts shape the network's figures by BG/NBD (horizons.py).
        "trained_from_weeks": shortest_window_weeks(history.first_day, cutoff, churn_weeks)
        if eligibility.eligible
        else None,
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
    check_predictable(history, cutoff)
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


def check_model_store(document: dict[str, Any], folder: Path, store: Store) -> None:
    """Refuse a model trained on another store. A model trained on a version the store grew
    from (by events) is fine: the store holds all that it saw."""
    if not store.derives_from(document.get("store_version")):
        raise InvalidInput(
            f"model {folder.name} was trained on store {document.get('store_version')}, but the "
            f"current store is {store.version}; run `retain train` to train on the current store"
        )


def score_store(
    workspace: Workspace,
    model: Path | None = None,
    device: str = "auto",
    history: History | None = None,
) -> Path:
    """Score every customer of the current store with a model trained on that same store.
    `history`: the current store's, when the caller has read it already (`retain score` reads
    it once for the scores and the forecast calibration after them)."""
    store = workspace.store()
    folder = model or latest_model(workspace)
    predictor, document = load_predictor(folder, device)
    check_model_store(document, folder, store)
    if history is None:
        history = from_store(store)
    horizons = Horizons(**document["horizons"])
    scores = score_customers(
        predictor,
        history,
        history.last_day,
        weeks(horizons.churn_days),
        weeks(horizons.clv_days),
    )
    return save_scores(workspace, folder.name, scores, store.version)


def save_scores(
    workspace: Workspace,
    model_version: str,
    scores: pd.DataFrame,
    store_version: str,
    **extra: Any,
) -> Path:
    """Write a model's scores of a store version under scores/<model>/, replacing the model's
    earlier ones; scores.parquet and then artifact.json (with `extra` fields) are each
    replaced in one rename."""
    out = workspace.subdir("scores") / model_version
    out.mkdir(parents=True, exist_ok=True)
    temporary = out / ".scores.parquet.tmp"
    scores.to_parquet(temporary, index=False)
    os.replace(temporary, out / "scores.parquet")
    marker = {
        "kind": "scores",
        "store_version": store_version,
        "model_version": model_version,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "detail": f"{len(scores):,} customers scored with model {model_version}",
    } | extra
    (out / ".artifact.json.tmp").write_text(json.dumps(marker, indent=2))
    os.replace(out / ".artifact.json.tmp", out / "artifact.json")
    return out / "scores.parquet"


_NETWORK_CORRECTED = [
    "BG/NBD (purchases) and Gamma-Gamma (spend) fitted on this store, corrected per customer",
    "by a small multi-task network (purchase probability, expected purchases, zero-inflated",
    "lognormal spend) trained on past windows of this store's own history. Probabilities are",
    "Platt-calibrated on held-out customers.",
]
_CLASSIC_ONLY = [
    "BG/NBD (purchases) and Gamma-Gamma (spend) fitted on this store, used as they are: no",
    "network corrects them and their probabilities are not recalibrated (see Fallback).",
]


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
        *(_NETWORK_CORRECTED if meta["eligible"] else _CLASSIC_ONLY),
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


def scores_folder(workspace: Workspace, model_version: str | None = None) -> Path | None:
    """The folder of the newest scores of the current store (of one model, when given): scores
    of the current version first, else of the nearest version the store grew from."""
    store = workspace.store()
    lineage = {v: i for i, v in enumerate(store.manifest.lineage)}
    best, rank = None, -1
    pattern = f"{model_version}/artifact.json" if model_version else "*/artifact.json"
    for marker in sorted((workspace.home / "scores").glob(pattern), reverse=True):
        version = json.loads(marker.read_text()).get("store_version")
        if version == store.version:
            return marker.parent
        if version in lineage and lineage[version] > rank:
            best, rank = marker.parent, lineage[version]
    return best


def latest_scores(workspace: Workspace) -> pd.DataFrame | None:
    """The newest scores of the current store, or None when it has not been scored yet.

    After events grew the store, the scores of the version it grew from serve until the
    changed customers are scored again."""
    folder = scores_folder(workspace)
    return None if folder is None else pd.read_parquet(folder / "scores.parquet")
