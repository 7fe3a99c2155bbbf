"""The model tool: which predictor is in use, what data it saw, how fresh everything is, and
how it did on its holdout (with the classic models beside it) and how well calibrated it is."""

from typing import Any, Literal

import pandas as pd

from assistant.tools.base import ToolContext, ToolOutput
from assistant.tools.data import StoreData, index_folder
from assistant.tools.format import output
from commerce.errors import RetainError
from commerce.workspace import Store
from predictors.features import customer_features, window_labels
from predictors.metrics import calibration_curve
from predictors.scoring import weeks
from retrieval.artifact import check_current, read_artifact

METRICS = ("auc", "brier", "ece", "mae", "rmse", "corr", "gini", "spearman", "decile_mape",
           "tracking_error")  # fmt: skip
BASELINES = ("bgnbd", "pareto_nbd")


def model_report(ctx: ToolContext) -> ToolOutput:
    """The churn and value model in use: its version, when and on which data it was trained,
    whether it and the scores and indexes are current, its holdout metrics beside the classic
    BG/NBD and Pareto/NBD models, and its calibration.

    For "how good is the model?", "when was it trained?" or "is the data up to date?".
    """
    data = ctx.data
    loaded = data.model()
    document = loaded.document
    store = data.store()
    backtest = document.get("backtest") or {}
    models = backtest.get("models", {})
    metrics = {k: models["retain"].get(k) for k in METRICS} if "retain" in models else {}
    baselines = {
        name: {k: models[name].get(k) for k in METRICS} for name in BASELINES if name in models
    }
    calibration, source = _calibration(data, backtest)
    scores = data.scores()
    freshness = {
        "store_version": store.version,
        "store_created_at": store.manifest.created_at,
        "last_order": store.manifest.last_order,
        "model_is_current": store.derives_from(document.get("store_version")),
        "scored_customers": None if scores is None else len(scores),
        "review_index": _index_state(data, "review_index", store),
        "customer_index": _index_state(data, "customer_index", store),
    }
    result = {
        "version": document.get("version", loaded.folder.name),
        "store_version": document.get("store_version"),
        "trained_at": loaded.created_at,
        "data_until": document.get("cutoff"),
        "horizons": document.get("horizons"),
        "network_trained": document.get("eligible"),
        "fallback_reasons": document.get("fallback_reasons") or [],
        "holdout": backtest.get("split"),
        "metrics": metrics,
        "baselines": baselines,
        "calibration": calibration,
        "calibration_source": source,
        "freshness": freshness,
    }
    current = "the current store" if freshness["model_is_current"] else (
        f"store {result['store_version']}, not the current {store.version} (run `retain train`)"
    )  # fmt: skip
    answer = (
        f"Model {result['version']} was trained"
        + (f" on {str(loaded.created_at)[:10]}" if loaded.created_at else "")
        + f" from {current}, with data up to {result['data_until']}."
    )
    if metrics.get("auc") is not None:
        answer += (
            f" On its holdout: AUC {metrics['auc']:.3f}, Brier {metrics['brier']:.3f}, "
            f"calibration error {metrics['ece']:.3f}"
            + (f" (BG/NBD AUC {baselines['bgnbd']['auc']:.3f})." if "bgnbd" in baselines else ".")
        )
    elif not result["network_trained"] and result["fallback_reasons"]:
        answer += " It uses the classic models only: " + "; ".join(result["fallback_reasons"]) + "."
    if scores is None:
        answer += " The current store is not scored yet: run `retain score`."
    card = {"type": "model_report", "version": result["version"],
            "store_version": result["store_version"], "trained_at": result["trained_at"],
            "metrics": metrics, "calibration": calibration}  # fmt: skip
    return output(answer, result, [card], rows=1)


def _calibration(data: StoreData, backtest: dict[str, Any]) -> tuple[list[dict[str, Any]], str]:
    """Reliability points {predicted, observed, n}: the backtest's when training saved them
    (`backtest.calibration` as [predicted, observed, n] triples), else replayed here."""
    saved = backtest.get("calibration")
    if saved:
        return [_point(p) for p in saved], "backtest holdout"
    # A replay scores every customer (seconds): while events grow the store, the replay of the
    # version before answers and the new one is computed in the background, as for forecasts.
    points = data.memo(
        "calibration",
        ("store", "model"),
        lambda: _replayed(data),
        stale_while=("store_root", "model"),
    )
    horizon = data.model().document.get("horizons", {}).get("churn_days", 90)
    return points, (
        f"in-sample: the saved model's purchase probabilities {horizon} days before the last "
        "order day against what customers did since (these days were in its training data)"
    )


def _replayed(data: StoreData) -> list[dict[str, Any]]:
    history = data.history()
    loaded = data.model()
    days = int(loaded.document.get("horizons", {}).get("churn_days", 90))
    end = history.last_day
    start = end - pd.Timedelta(days=days)
    features = customer_features(history.until(start), start)
    if features.empty:
        return []
    predicted = loaded.predictor.predict(features, weeks(days))["p_purchase"].to_numpy()
    bought = window_labels(history, start, end)["purchases"].reindex(features.index).fillna(0.0)
    return [_point(p) for p in calibration_curve((bought > 0).to_numpy(), predicted)]


def _point(point: Any) -> dict[str, Any]:
    predicted, observed, n = point
    return {"predicted": round(float(predicted), 4), "observed": round(float(observed), 4),
            "n": int(n)}  # fmt: skip


def _index_state(
    data: StoreData, index: Literal["review_index", "customer_index"], store: Store
) -> str:
    """ "current", or why not (none yet, or built from another store version). An index built
    from a version the store grew from by events counts as current."""
    what = index.replace("_", " ")
    try:
        record = read_artifact(index_folder(data.workspace, index), what)
        check_current(record, store.version, what, store.manifest.lineage)
    except RetainError as error:
        return str(error)
    return "current"
