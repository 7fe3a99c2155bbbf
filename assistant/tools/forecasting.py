"""The demand tool: expected orders and revenue from existing customers over a horizon, with
90% intervals, per week and per category. `forecast_summary` is also what `retain forecast
--json` prints."""

from typing import Annotated, Any, Literal

from pydantic import Field

from assistant.tools.base import ToolContext, ToolOutput
from assistant.tools.data import StoreData
from assistant.tools.format import money, output
from predictors.forecast import NO_LINES, Forecast, past_spread
from predictors.forecast import forecast_demand as forecast_orders
from predictors.history import History
from predictors.pipeline import check_model_store

DEFAULT_DAYS = 30


def forecast_summary(forecast: Forecast, with_categories: bool) -> dict[str, Any]:
    """A forecast as rounded numbers: totals with 90% intervals, weekly rows, and categories
    (revenue split by money and adding up to the total; orders by the orders that hold each
    category, so one order with two categories counts in both)."""
    data: dict[str, Any] = {
        "as_of": f"{forecast.cutoff:%Y-%m-%d}",
        "horizon_days": round(forecast.horizon_weeks * 7),
        "orders": round(forecast.orders, 1),
        "orders_interval_90": [round(v, 1) for v in forecast.orders_interval],
        "revenue": round(forecast.revenue, 2),
        "revenue_interval_90": [round(v, 2) for v in forecast.revenue_interval],
        "weekly": forecast.weekly.round(2).to_dict("records"),
    }
    if with_categories and forecast.by_category is not None:
        data["by_category"] = forecast.by_category.round(2).to_dict("records")
    return data


def cached_forecast(data: StoreData, days: int) -> Forecast:
    """The latest model's forecast of the next `days` days, kept per store and model. After
    events grew the store, the forecast of the version before answers while the new one is
    computed (its `cutoff` says which day it starts after). Its interval replays the past
    (most of its time): that part is kept per store alone, so a new model reuses it."""

    def history_and_spread() -> tuple[History, float]:
        history = data.history()
        return history, past_spread(history, history.last_day, days / 7)

    def compute() -> Forecast:
        store = data.store()  # first: with no store, that is what to fix
        model = data.model()
        # A model of another store would forecast that store's customers' habits here.
        check_model_store(model.document, model.folder, store)
        # The history comes with its spread, so the two always describe the same store.
        history, spread = data.memo(f"forecast_spread:{days}", ("store",), history_and_spread)
        return forecast_orders(model.predictor, history, history.last_day, days / 7, spread)

    return data.memo(
        f"forecast:{days}", ("store", "model"), compute, stale_while=("store_root", "model")
    )


def forecast_demand(
    ctx: ToolContext,
    horizon_days: Annotated[
        int, Field(ge=1, le=730, description="Days ahead, e.g. 30 or 90 (a quarter).")
    ] = DEFAULT_DAYS,
    by: Annotated[
        Literal["category"] | None, Field(description="category: split by product category.")
    ] = None,
) -> ToolOutput:
    """Expected orders (purchase days) and revenue from existing customers over the next days,
    with 90% intervals, per week and optionally per product category.

    For "how many orders next month?", "revenue forecast for next quarter" or "demand by
    category".
    """
    symbol = ctx.settings.currency_symbol
    summary = forecast_summary(cached_forecast(ctx.data, horizon_days), by == "category")
    orders_low, orders_high = summary["orders_interval_90"]
    revenue_low, revenue_high = summary["revenue_interval_90"]
    answer = (
        f"Next {horizon_days} days after {summary['as_of']}, from existing customers: "
        f"{summary['orders']:,.0f} orders "
        f"(90% interval {orders_low:,.0f}-{orders_high:,.0f}) and revenue "
        f"{money(summary['revenue'], symbol)} (90% interval {money(revenue_low, symbol)}-"
        f"{money(revenue_high, symbol)})."
    )
    if summary.get("by_category"):
        answer += _categories_sentence(summary["by_category"], symbol)
    card = {"type": "forecast", **summary}
    return output(answer, summary, [card], rows=len(summary["weekly"]))


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
