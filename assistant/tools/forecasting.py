"""The demand tool: expected orders and revenue from existing customers over a horizon, with
90% intervals where the past calibrates one, per week and per category, for the whole store or
one segment's members. `forecast_summary` is also what `retain forecast --json` prints."""

from functools import partial
from typing import Annotated, Any, Literal

import pandas as pd
from pydantic import Field

from assistant.tools.args import SegmentName
from assistant.tools.base import ToolContext, ToolOutput
from assistant.tools.categories import misreadings_said
from assistant.tools.data import StoreData
from assistant.tools.forecast_category import (
    orders_said,
    part_of,
    part_sentence,
    read_categories,
)
from assistant.tools.format import count, money, output
from predictors.forecast import Forecast, trained_from
from predictors.forecast import forecast_demand as forecast_orders
from predictors.forecast_categories import NO_LINES
from predictors.forecast_interval import Calibration, Members, past_calibration
from predictors.forecast_interval_saved import saved_calibration
from predictors.history import History
from predictors.pipeline import check_model_store
from predictors.segment_facts import empty_segment, rfm_members
from predictors.segments import SEGMENT_NAMES

DEFAULT_DAYS = 30


def forecast_summary(
    forecast: Forecast, with_categories: bool, segment: str | None = None
) -> dict[str, Any]:
    """A forecast as rounded numbers: totals with 90% intervals (null, with `interval_note`
    saying why, where the past calibrates none), where the interval comes from, weekly rows,
    and categories (revenue split by money and adding up to the total; orders by the orders
    that hold each category, so one order with two categories counts in both). `segment`: the
    one the forecast was limited to, named with its customer count."""
    calibration = forecast.calibration
    calibrated = calibration.reason is None
    weekly = forecast.weekly.assign(start=forecast.weekly["start"].dt.strftime("%Y-%m-%d"))
    weekly = weekly.round({"orders": 2, "revenue": 2})
    data: dict[str, Any] = {
        "as_of": f"{forecast.cutoff:%Y-%m-%d}",
        "horizon_days": round(forecast.horizon_weeks * 7),
        "orders": round(forecast.orders, 1),
        "orders_interval_90": [round(v, 1) for v in forecast.orders_interval]
        if calibrated
        else None,
        "revenue": round(forecast.revenue, 2),
        "revenue_interval_90": [round(v, 2) for v in forecast.revenue_interval]
        if calibrated
        else None,
        "interval_basis": calibration.basis,
        "spread": round(calibration.spread, 4) if calibrated else None,
        "past_windows": calibration.windows,
        "empty_past_windows": calibration.empty_windows,
        "weekly": weekly.to_dict("records"),
    }
    if calibration.note is not None:
        data["interval_note"] = calibration.note
    if with_categories and forecast.by_category is not None:
        data["by_category"] = forecast.by_category.round(2).to_dict("records")
    elif with_categories:
        # Asked for a split there is none of: say why, rather than answer as if not asked.
        data["note"] = forecast.category_note
    if segment is None:
        return data
    return {"segment": segment, "customers": forecast.customers} | data


# A cluster's members today were chosen by their recent buying (recency and tenure are among
# its features), so replaying their past would look ahead; k-means cannot place them in the past.
CLUSTER_UNCALIBRATED = (
    "a behaviour cluster cannot be found again as it stood in past windows (k-means names its "
    "clusters anew), and its members of today were chosen by how they bought lately, so "
    "replaying their past cannot calibrate one"
)


def _calibration(history: History, days: int, segment: str | None) -> Calibration:
    """The interval's calibration for a forecast of `segment`: an RFM segment counted as it
    stood at each past window's start, since today's members were chosen by those very
    windows; none for a behaviour cluster (CLUSTER_UNCALIBRATED)."""
    if segment is not None and segment not in SEGMENT_NAMES:
        return Calibration(float("nan"), windows=0, reason=CLUSTER_UNCALIBRATED)
    then: Members | None = None
    if segment is not None:
        then = partial(rfm_members, history, name=segment)
    return past_calibration(history, history.last_day, days / 7, then)


def cached_forecast(data: StoreData, days: int, segment: str | None = None) -> Forecast:
    """The latest model's forecast of the next `days` days, kept per store and model. After
    events grew the store, the forecast of the version before answers while the new one is
    computed (its `cutoff` says which day it starts after). Its interval replays the past
    (most of its time): that part is kept per store alone, so a new model reuses it, and for
    the whole store it is read from what `retain score` saved when that matches this store
    version (forecast_interval_saved.py).
    `segment`: a resolved segment name; its current members only, each part kept per segment."""
    # The whole store keeps the keys it always had; a segment adds its name to them.
    key = f"{days}" if segment is None else f"{days}:{segment}"

    def members() -> "pd.Index[str] | None":
        return None if segment is None else data.segments().members(segment)

    def history_and_spread() -> tuple[History, Calibration]:
        history = data.history()
        if segment is None:
            # The usual horizons' replay, done by `retain score` for exactly this history.
            version = data.store().version
            saved = saved_calibration(data.workspace, version, history, days)
            if saved is not None:
                return history, saved
        return history, _calibration(history, days, segment)

    def compute() -> Forecast:
        store = data.store()  # first: with no store, that is what to fix
        model = data.model()
        # A model of another store would forecast that store's customers' habits here.
        check_model_store(model.document, model.folder, store)
        # The history comes with its spread, so the two always describe the same store.
        history, spread = data.memo(f"forecast_spread:{key}", ("store",), history_and_spread)
        return forecast_orders(
            model.predictor,
            history,
            history.last_day,
            days / 7,
            spread,
            members(),
            trained_from(model.document, history),
        )

    return data.memo(
        f"forecast:{key}", ("store", "model"), compute, stale_while=("store_root", "model")
    )


def forecast_demand(
    ctx: ToolContext,
    horizon_days: Annotated[
        int, Field(ge=1, le=730, description="Days ahead, e.g. 30 or 90 (a quarter).")
    ] = DEFAULT_DAYS,
    by: Annotated[
        Literal["category"] | None, Field(description="category: split by product category.")
    ] = None,
    segment: SegmentName | None = None,
    category: Annotated[
        str | None,
        Field(
            min_length=1,
            max_length=100,
            description=(
                "Only this product category's part of the demand, e.g. Coffee; several "
                "separated by commas (Tea, Coffee) side by side, saying which sells more."
            ),
        ),
    ] = None,
) -> ToolOutput:
    """Expected orders (purchase days) and revenue from existing customers over the next days,
    with 90% intervals, per week and optionally per product category, optionally only from one
    segment's current members, or only one product category's part of it (with a segment: the
    part its members are expected to buy), or several categories' parts side by side.

    For "how many orders next month?", "revenue forecast for next quarter", "demand by
    category", "how much coffee will we sell next month", "will we sell more tea or coffee
    next month" or "expected revenue from loyal customers next quarter".
    """
    symbol = ctx.settings.currency_symbol
    name = ctx.data.segments().resolve(segment) if segment else None
    # The categories first: an unknown one is refused before a forecast is computed for it.
    readings = read_categories(ctx.data, category) if category else []
    forecast = cached_forecast(ctx.data, horizon_days, name)
    summary = forecast_summary(forecast, by == "category", name)
    who = (
        f"the {count(forecast.customers, 'customer')} in '{name}'" if name else "existing customers"
    )
    orders, revenue = orders_said(summary["orders"]), money(summary["revenue"], symbol)
    if summary["orders_interval_90"] is not None:
        orders_low, orders_high = summary["orders_interval_90"]
        revenue_low, revenue_high = summary["revenue_interval_90"]
        orders += f" (90% interval {orders_low:,.0f}-{orders_high:,.0f})"
        revenue += f" (90% interval {money(revenue_low, symbol)}-{money(revenue_high, symbol)})"
    answer = f"{next_days(horizon_days)} after {summary['as_of']}, "
    if not readings:
        answer += f"from {who}: {orders} and revenue {revenue}."
    else:
        part = part_of(forecast, readings)
        summary |= part
        said = part_sentence(part, who, symbol)
        answer = (
            f"{misreadings_said(readings)}{answer}{said} In all: {orders} and revenue {revenue}."
        )
    if name and forecast.customers == 0:
        # Nothing to forecast: no interval to qualify either.
        answer = f"{empty_segment(name)}: no orders or revenue are expected from it."
    elif "interval_note" in summary:
        answer += f" {summary['interval_note']}"
    if summary.get("by_category"):
        answer += _categories_sentence(summary["by_category"], symbol)
    if "note" in summary:
        answer += f" {summary['note']}"
    card = {"type": "forecast", **summary}
    return output(answer, summary, [card], rows=len(summary["weekly"]))


def next_days(days: int) -> str:
    """'Next 30 days', 'Next day'."""
    return "Next day" if days == 1 else f"Next {days} days"


def _categories_sentence(rows: list[dict[str, Any]], symbol: str) -> str:
    """The top category by revenue, and the revenue no category explains (rows come with
    NO_LINES last, and never alone)."""
    top = rows[0]
    sentence = f" Most revenue from {top['category']} ({money(top['revenue'], symbol)})."
    if rows[-1]["category"] == NO_LINES:
        sentence += (
            f" {money(rows[-1]['revenue'], symbol)} of it follows past orders recorded "
            "without items, which name no category."
        )
    return sentence
