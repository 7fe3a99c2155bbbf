"""`retain eval`, `retain train`, `retain score`: the predictor's commands."""

from pathlib import Path
from typing import Annotated, Literal

import pandas as pd
import typer
from rich.table import Table

from assistant.cli.console import (
    command_settings,
    err,
    fail,
    literal,
    out,
    print_json,
    say_waiting,
    steps,
)
from assistant.settings import Settings
from commerce.errors import InvalidInput, RetainError
from commerce.workspace import Workspace
from predictors.eligibility import check_eligibility
from predictors.evaluate import CDNOW_SPLIT, MODELS, Evaluation, Split, evaluate
from predictors.forecast_interval_saved import USUAL_HORIZON_DAYS, calibrate_for_scores
from predictors.history import History, cdnow_history, from_store
from predictors.pipeline import (
    Horizons,
    model_of_current_store,
    score_store,
    scores_folder,
    train_model,
)
from predictors.report import write_report
from predictors.train import TrainConfig

Dataset = Literal["store", "cdnow-sample", "cdnow"]
ROWS = ["mae", "rmse", "corr", "auc", "brier", "ece", "gini", "spearman", "decile_mape",
        "tracking_error", "loglik"]  # fmt: skip


def eval_command(
    dataset: Annotated[
        str, typer.Option(help="store (the workspace's), cdnow-sample or cdnow (packaged)")
    ] = "store",
    calibration_end: Annotated[
        str | None,
        typer.Option(
            help="YYYY-MM-DD; default: CDNOW's 1997-09-30, or the store's "
            "last day minus the churn horizon"
        ),
    ] = None,
    holdout_end: Annotated[
        str | None, typer.Option(help="YYYY-MM-DD; default: 1998-06-30, or the store's last day")
    ] = None,
    seed: Annotated[int | None, typer.Option(help="Training seed")] = None,
    report: Annotated[
        Path | None,
        typer.Option(dir_okay=False, help="HTML report path (default under RETAIN_HOME/reports)"),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the table as JSON")] = False,
) -> None:
    """Fit BG/NBD, Pareto/NBD and Retain's model on a time split and compare them on the holdout."""
    settings = command_settings()
    try:
        history, default_split = _dataset(dataset, settings)
        split = Split(
            pd.Timestamp(calibration_end) if calibration_end else default_split.calibration_end,
            pd.Timestamp(holdout_end) if holdout_end else default_split.holdout_end,
        )
        config = TrainConfig(
            seed=settings.train_seed if seed is None else seed, device=settings.device
        )
        split.check(history)
        eligibility = check_eligibility(history, split.calibration_end)
        if not eligibility.eligible:
            # The column is still the network: it is what is being evaluated. But `retain
            # train` on this little data would not use it, and the user should know.
            err.print(
                "note: at the calibration end, " + literal("; ".join(eligibility.reasons)) + ". "
                "`retain train` on this little data uses the classic models alone; "
                "the retain column shows the network trained anyway."
            )
        with steps("Evaluating", enabled=not as_json) as progress:
            progress("fitting the classic models and training Retain's")
            result = evaluate(history, split, config)
    except (RetainError, ValueError) as error:
        fail(error if isinstance(error, RetainError) else InvalidInput(str(error)))
    path = (
        report or settings.home / "reports" / f"eval-{dataset}-{split.calibration_end:%Y%m%d}.html"
    )
    _write_report(path, dataset, result)
    if as_json:
        print_json(result.to_json())
    else:
        _show(result)
        out.print(f"Report: {literal(path)}")
    if as_json:
        err.print(f"report: {literal(path)}")


def train_command(
    seed: Annotated[int | None, typer.Option(help="Training seed")] = None,
    if_missing: Annotated[
        bool, typer.Option("--if-missing", help="Do nothing when a model of this store exists")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON")] = False,
) -> None:
    """Train the predictor on the current store (backtest first) and save it under models/."""
    settings = command_settings()
    config = TrainConfig(seed=settings.train_seed if seed is None else seed, device=settings.device)
    horizons = Horizons(settings.churn_horizon_days, settings.clv_horizon_days)
    workspace = Workspace(settings.home)
    try:
        if if_missing and (current := model_of_current_store(workspace)) is not None:
            out.print(f"Model {literal(current.name)} was trained on the current store; kept it.")
            return
        with steps("Training", enabled=not as_json) as progress:
            result = train_model(workspace, horizons, config, progress)
    except RetainError as error:
        fail(error)
    summary = {
        "version": result.version,
        "folder": str(result.folder),
        "eligible": result.eligible,
        "fallback_reasons": result.reasons,
        "backtest": result.evaluation,
    }
    if as_json:
        print_json(summary)
        return
    out.print(f"Model [bold]{literal(result.version)}[/] saved in {literal(result.folder)}")
    if not result.eligible:
        out.print("[yellow]Classic models only:[/] " + literal("; ".join(result.reasons)))
    if result.evaluation:
        _show_models(result.evaluation["models"], "Backtest on the last churn horizon")


def score_command(
    model: Annotated[
        Path | None, typer.Option(file_okay=False, help="Model folder (default: the latest)")
    ] = None,
    if_missing: Annotated[
        bool, typer.Option("--if-missing", help="Do nothing when the current store is scored")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print a summary as JSON")] = False,
) -> None:
    """Score every customer: churn risk, expected purchases, CLV with interval, value at risk."""
    settings = command_settings()
    workspace = Workspace(settings.home)
    try:
        # The folder, not the scores: whether they exist needs no read of the parquet.
        if if_missing and scores_folder(workspace) is not None:
            # Scores kept: the forecast's interval may still be missing or of an older store.
            with workspace.lock(say_waiting), steps("Scoring", enabled=not as_json) as progress:
                calibration = calibrate_for_scores(workspace, progress, only_if_stale=True)
            out.print("The current store is already scored; kept the scores.")
            if calibration is not None:
                out.print(_calibrated(calibration))
            return
        with workspace.lock(say_waiting), steps("Scoring", enabled=not as_json) as progress:
            progress("every customer")
            store = workspace.store()
            customers = store.table("customers")["customer_id"]
            # Read once: the scores and the calibration after them are of the same history.
            history = from_store(store)
            path = score_store(workspace, model, settings.device, history)
            # The replay the first forecast of this store version would otherwise wait for.
            calibration = calibrate_for_scores(workspace, progress, history=history)
    except RetainError as error:
        fail(error)
    scores = pd.read_parquet(path)
    # A customer is scored from their orders: one without any has nothing to score from.
    without_orders = int((~customers.isin(scores["customer_id"])).sum())
    summary = {
        "path": str(path),
        "customers": len(scores),
        "customers_without_orders": without_orders,
        "mean_churn_risk": round(float(scores["churn_risk"].mean()), 4),
        "total_clv": round(float(scores["clv"].sum()), 2),
        "total_value_at_risk": round(float(scores["value_at_risk"].sum()), 2),
        "forecast_calibration": None if calibration is None else str(calibration),
    }
    if as_json:
        print_json(summary)
        return
    unscored = (
        f" ({without_orders:,} customer{'s' if without_orders != 1 else ''} without orders "
        f"{'are' if without_orders != 1 else 'is'} not scored)"
        if without_orders
        else ""
    )
    out.print(f"Scored {len(scores):,} customers{unscored}: {literal(path)}")
    if calibration is not None:
        out.print(_calibrated(calibration))
    top = scores.nlargest(10, "value_at_risk")
    table = Table(title="Most value at risk")
    for column in ("customer", "churn risk", "CLV", "value at risk", "reasons"):
        table.add_column(column)
    for row in top.itertuples():
        table.add_row(literal(row.customer_id), f"{row.churn_risk:.0%}", f"{row.clv:,.2f}",
                      f"{row.value_at_risk:,.2f}", literal(row.reasons))  # fmt: skip
    out.print(table)


def _calibrated(path: Path) -> str:
    days = " and ".join(str(d) for d in USUAL_HORIZON_DAYS)
    return f"Forecast interval calibrated for the next {days} days: {literal(path)}"


def _dataset(name: str, settings: Settings) -> tuple[History, Split]:
    if name in ("cdnow-sample", "cdnow"):
        return cdnow_history(sample=name == "cdnow-sample"), CDNOW_SPLIT
    if name != "store":
        raise InvalidInput(f"--dataset {name}: expected store, cdnow-sample or cdnow")
    history = from_store(Workspace(settings.home).store())
    last = history.last_day
    return history, Split(last - pd.Timedelta(days=settings.churn_horizon_days), last)


def _write_report(path: Path, dataset: str, result: Evaluation) -> None:
    split = result.to_json()["split"]
    models = {
        name: {k: v for k, v in metrics.items() if isinstance(v, float) or v is None}
        for name, metrics in result.models.items()
    }
    for metrics in models.values():
        metrics.pop("params", None)
    write_report(path, f"Retain evaluation: {dataset}", {k: str(v) for k, v in split.items()},
                 models, result.curves)  # fmt: skip


def _show(result: Evaluation) -> None:
    split = result.to_json()["split"]
    _show_models(
        result.models,
        f"Calibration to {split['calibration_end']}, holdout to {split['holdout_end']} "
        f"({split['customers']:,} customers)",
    )


def _show_models(models: dict[str, dict[str, object]], title: str) -> None:
    table = Table(title=title)
    table.add_column("metric")
    names = [m for m in MODELS if m in models]
    for name in names:
        table.add_column(name, justify="right")
    for metric in ROWS:
        values = [models[n].get(metric) for n in names]
        table.add_row(metric, *("—" if v is None else f"{v:.4f}" for v in values))
    out.print(table)
