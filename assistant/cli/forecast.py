"""`retain forecast`: expected orders and revenue from existing customers, or from one
segment's current members, optionally led by one product category's part of them, or several
categories' side by side ("--category 'Tea, Coffee'")."""

from typing import Annotated, Any

import numpy as np
import typer
from rich.table import Table

from assistant.cli.console import command_settings, fail, literal, out, print_json, steps
from assistant.tools.categories import Reading, misreadings_said
from assistant.tools.data import StoreData
from assistant.tools.forecast_category import (
    part_of,
    part_sentence,
    read_categories,
)
from assistant.tools.forecasting import cached_forecast, forecast_summary, next_days
from assistant.tools.format import count
from commerce.errors import InvalidInput, RetainError
from commerce.workspace import Workspace
from predictors.evaluate import CDNOW_SPLIT
from predictors.features import customer_features, window_labels
from predictors.forecast import NO_LINES, forecast_demand, weekly_actuals
from predictors.history import cdnow_history
from predictors.segment_facts import empty_segment
from predictors.train import TrainConfig, train_predictor
from predictors.windows import shortest_window_weeks


def forecast_command(
    days: Annotated[int, typer.Option(min=1, max=730, help="Horizon in days")] = 30,
    by: Annotated[str | None, typer.Option(help="category: split by product category")] = None,
    segment: Annotated[
        str | None,
        typer.Option(help="Only this segment's current members (an RFM segment or cluster)"),
    ] = None,
    category: Annotated[
        str | None,
        typer.Option(
            help="Lead with this product category's part of the demand, e.g. Coffee; several "
            "separated by commas side by side, e.g. 'Tea, Coffee'"
        ),
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
    readings: list[Reading] = []
    try:
        if by not in (None, "category"):
            raise InvalidInput(f"--by {by}: only 'category' is supported")
        for option, given in (("--segment", segment), ("--category", category)):
            if given is not None and evaluate:
                raise InvalidInput(f"{option}: applies to the store's forecast, not to --evaluate")
        with steps("Forecasting", enabled=not as_json):
            if evaluate:
                result = _evaluate_on_cdnow(evaluate, settings.train_seed)
            else:
                # The chat tool's forecast, so the two never differ (segments, short
                # horizons, the interval's replay).
                data = StoreData(Workspace(settings.home), settings)
                try:
                    name = data.segments().resolve(segment) if segment is not None else None
                    # As the tool: an unknown category is refused before any forecast.
                    if category is not None:
                        readings = read_categories(data, category)
                    forecast = cached_forecast(data, days, name)
                finally:
                    data.close()
                summary = forecast_summary(forecast, by == "category", name)
                if readings:
                    summary |= part_of(forecast, readings)
                result = {"forecast": summary}
    except RetainError as error:
        fail(error)
    if as_json:
        print_json(result)
        return
    misread = misreadings_said(readings)
    if misread:
        out.print(literal(misread.strip()))
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
    if "segment" in forecast:
        out.print(
            f"From the {count(forecast['customers'], 'customer')} in "
            f"'{literal(forecast['segment'])}':"
        )
        if forecast["customers"] == 0:
            out.print(f"{empty_segment(forecast['segment'])}: no orders or revenue are expected.")
    orders, revenue = f"{forecast['orders']:,.0f} orders", f"revenue {forecast['revenue']:,.2f}"
    if forecast["orders_interval_90"] is not None:
        orders_low, orders_high = forecast["orders_interval_90"]
        revenue_low, revenue_high = forecast["revenue_interval_90"]
        orders += f" (90%: {orders_low:,.0f}-{orders_high:,.0f})"
        revenue += f" (90%: {revenue_low:,.2f}-{revenue_high:,.2f})"
    when = next_days(forecast["horizon_days"])
    if "category" in forecast or "categories" in forecast:
        # The categories lead, in the tool's words; the whole forecast follows as their context.
        who = "these customers" if "segment" in forecast else "existing customers"
        out.print(literal(f"{when}, {part_sentence(forecast, who, '')}"))
        when = "In all"
    out.print(f"{when}: {orders}, {revenue}")
    if "interval_note" in forecast:
        out.print(forecast["interval_note"])
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
    """Expected orders and revenue per week of the horizon, by its days ("29-30": the last
    week is shorter) and the date it starts on."""
    table = Table(title="Per week")
    for column in ("days", "from", "orders", "revenue"):
        table.add_column(column, justify="right" if column in ("orders", "revenue") else "left")
    first = 1
    for row in forecast["weekly"]:
        last = first + row["days"] - 1
        days = f"{first}-{last}" if last > first else f"{first}"
        table.add_row(days, row["start"], f"{row['orders']:,.1f}", f"{row['revenue']:,.2f}")
        first = last + 1
    return table


def _has_no_lines(forecast: dict[str, Any]) -> bool:
    return any(row["category"] == NO_LINES for row in forecast["by_category"])
