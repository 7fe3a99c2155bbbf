"""`retain forecast`: expected orders and revenue from existing customers, or from one
segment's current members."""

from typing import Annotated, Any

import numpy as np
import typer
from rich.table import Table

from assistant.cli.console import command_settings, fail, literal, out, print_json, steps
from assistant.tools.forecasting import forecast_summary, replayed_members
from assistant.tools.lookups import SegmentIndex
from commerce.errors import InvalidInput, RetainError
from commerce.workspace import Workspace
from predictors.artifacts import load_predictor
from predictors.evaluate import CDNOW_SPLIT
from predictors.features import customer_features, window_labels
from predictors.forecast import (
    NO_LINES,
    forecast_demand,
    past_spread,
    trained_from,
    weekly_actuals,
)
from predictors.history import cdnow_history, from_store
from predictors.pipeline import check_model_store, latest_model
from predictors.segment_facts import customer_segments
from predictors.train import TrainConfig, train_predictor
from predictors.windows import shortest_window_weeks


def forecast_command(
    days: Annotated[int, typer.Option(min=1, max=730, help="Horizon in days")] = 30,
    by: Annotated[str | None, typer.Option(help="category: split by product category")] = None,
    segment: Annotated[
        str | None,
        typer.Option(help="Only this segment's current members (an RFM segment or cluster)"),
    ] = None,
    evaluate: Annotated[
        str | None,
        typer.Option(
            help="cdnow-sample or cdnow: forecast CDNOW's 1997-10..1998-06 holdout "
            "from a model trained to 1997-09-30 and compare with what happened"
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON")] = False,
) -> None:
    """Expected orders (purchase days) and revenue over the horizon, with a 90% interval."""
    settings = command_settings()
    try:
        if by not in (None, "category"):
            raise InvalidInput(f"--by {by}: only 'category' is supported")
        if segment is not None and evaluate:
            raise InvalidInput("--segment: applies to the store's forecast, not to --evaluate")
        with steps("Forecasting", enabled=not as_json):
            if evaluate:
                result = _evaluate_on_cdnow(evaluate, settings.train_seed)
            else:
                workspace = Workspace(settings.home)
                folder = latest_model(workspace)
                predictor, document = load_predictor(folder, settings.device)
                store = workspace.store()
                check_model_store(document, folder, store)
                history = from_store(store)
                name, members = None, None
                if segment is not None:
                    # The segments as the chat has them: RFM rules at the store's last day.
                    segments = SegmentIndex(customer_segments(history, history.last_day))
                    name = segments.resolve(segment)
                    members = segments.members(name)
                then = replayed_members(history, name, members)  # as the chat's tool does
                spread = past_spread(history, history.last_day, days / 7, then)
                forecast = forecast_demand(
                    predictor,
                    history,
                    history.last_day,
                    days / 7,
                    spread,
                    customers=members,
                    trained_from_weeks=trained_from(document, history),
                )
                result = {"forecast": forecast_summary(forecast, by == "category", name)}
    except RetainError as error:
        fail(error)
    if as_json:
        print_json(result)
        return
    _show(result)


def _evaluate_on_cdnow(dataset: str, seed: int) -> dict[str, Any]:
    if dataset not in ("cdnow-sample", "cdnow"):
        raise InvalidInput(f"--evaluate {dataset}: expected cdnow-sample or cdnow")
    cutoff, end = CDNOW_SPLIT.calibration_end, CDNOW_SPLIT.holdout_end
    weeks = CDNOW_SPLIT.holdout_weeks
    history = cdnow_history(sample=dataset == "cdnow-sample")
    predictor, _ = train_predictor(history, cutoff, weeks, TrainConfig(seed=seed))
    past = history.until(cutoff)
    shortest = shortest_window_weeks(past.first_day, cutoff, weeks)  # as train_predictor's
    forecast = forecast_demand(predictor, past, cutoff, weeks, trained_from_weeks=shortest)
    customers = customer_features(past, cutoff).index
    actual = window_labels(history, cutoff, end).reindex(customers).fillna(0.0)
    weekly = weekly_actuals(history, customers, cutoff, weeks)
    predicted = forecast.weekly["orders"].to_numpy()
    low, high = forecast.orders_interval
    return {
        "forecast": forecast_summary(forecast, False),
        "actual": {
            "orders": float(actual["purchases"].sum()),
            "revenue": round(float(actual["spend"].sum()), 2),
        },
        "errors": {
            "orders_total": round(forecast.orders / float(actual["purchases"].sum()) - 1, 4),
            "revenue_total": round(forecast.revenue / float(actual["spend"].sum()) - 1, 4),
            "weekly_orders_mape": round(
                float(np.mean(np.abs(predicted - weekly) / np.maximum(weekly, 1))), 4
            ),
            "orders_interval_covers": bool(low <= actual["purchases"].sum() <= high),
        },
    }


def _show(result: dict[str, Any]) -> None:
    forecast = result["forecast"]
    orders_low, orders_high = forecast["orders_interval_90"]
    revenue_low, revenue_high = forecast["revenue_interval_90"]
    if "segment" in forecast:
        out.print(
            f"From the {forecast['customers']:,} customers in '{literal(forecast['segment'])}':"
        )
    out.print(
        f"Next {forecast['horizon_days']} days: {forecast['orders']:,.0f} orders "
        f"(90%: {orders_low:,.0f}-{orders_high:,.0f}), revenue {forecast['revenue']:,.2f} "
        f"(90%: {revenue_low:,.2f}-{revenue_high:,.2f})"
    )
    out.print(_weekly_table(forecast))
    if "note" in forecast:
        out.print(forecast["note"])
    if "by_category" in forecast:
        table = Table(title="By category")
        for column in ("category", "orders", "revenue"):
            table.add_column(column, justify="left" if column == "category" else "right")
        for row in forecast["by_category"]:
            table.add_row(
                literal(row["category"]), f"{row['orders']:,.1f}", f"{row['revenue']:,.2f}"
            )
        out.print(table)
        out.print("An order with several categories counts in each; revenue adds up to the total.")
        if _has_no_lines(forecast):
            out.print(f"{NO_LINES}: what follows orders recorded without items.")
    if "actual" in result:
        actual = result["actual"]
        out.print(f"Actual: {actual['orders']:,.0f} orders, revenue {actual['revenue']:,.2f}")
        out.print(f"Errors: {result['errors']}")


def _weekly_table(forecast: dict[str, Any]) -> Table:
    """Expected orders and revenue per week of the horizon; the last week may be shorter."""
    table = Table(title="Per week")
    for column in ("days", "orders", "revenue"):
        table.add_column(column, justify="left" if column == "days" else "right")
    horizon = forecast["horizon_days"]
    for number, row in enumerate(forecast["weekly"]):
        first, last = number * 7 + 1, min((number + 1) * 7, horizon)
        days = f"{first}-{last}" if last > first else f"{first}"
        table.add_row(days, f"{row['orders']:,.1f}", f"{row['revenue']:,.2f}")
    return table


def _has_no_lines(forecast: dict[str, Any]) -> bool:
    return any(row["category"] == NO_LINES for row in forecast["by_category"])
