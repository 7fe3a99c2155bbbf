"""`retain plan` and `retain at-risk`: decisions from the scores."""

import math
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.table import Table

from assistant.cli.console import command_settings, fail, literal, out, print_json
from assistant.settings import Settings
from assistant.spreadsheet_csv import write_csv
from assistant.tools.at_risk_bounds import HistoryBounds, within
from assistant.tools.customer_totals import Bounds
from assistant.tools.data import StoreData
from assistant.tools.decisions import (
    AT_RISK_COLUMNS,
    discount_rows,
    offer_assumptions,
    plan_summary,
    rank_by_value_at_risk,
    require_scores,
)
from assistant.tools.lapsed import lapsed_bound
from assistant.tools.periods import MAX_DAYS
from assistant.tools.planning import plan_basis
from commerce.errors import InvalidInput, RetainError
from commerce.workspace import Workspace
from predictors.allocation import allocate, plan_inputs
from predictors.history import from_store
from predictors.pipeline import latest_scores
from predictors.segment_facts import segment_members

QuietDaysOption = Annotated[
    int | None,
    typer.Option(
        min=1,
        max=MAX_DAYS,
        help="Only customers with no order in this many days up to the store's last order day",
    ),
]
NoOrderSinceOption = Annotated[
    str | None,
    typer.Option(
        help="Only customers with no order on or after this day: YYYY-MM-DD, MM-DD, "
        "week_start, month_start, quarter_start, year_start, today or yesterday (of the store's "
        "last day)"
    ),
]


def _scores(
    settings: Settings,
    segment: str | None,
    quiet_days: int | None = None,
    no_order_since: str | None = None,
) -> tuple[pd.DataFrame, str]:
    """The scores of the customers asked for (a segment's, lapsed ones: as the chat reads
    `quiet_days` and `no_order_since`), and the lapse in words ('' without one)."""
    workspace = Workspace(settings.home)
    scores = require_scores(latest_scores(workspace))
    if segment:
        history = from_store(workspace.store())
        members = segment_members(history, history.last_day, segment)
        scores = scores[scores["customer_id"].isin(members)]
    data = StoreData(workspace, settings)
    lapsed, said = lapsed_bound(data, quiet_days, no_order_since)
    if lapsed is not None:
        quiet = within(data, HistoryBounds(Bounds(), quiet_days, lapsed, said))
        scores = scores[scores["customer_id"].isin(quiet)]
    return scores, said


def plan_command(
    budget: Annotated[float, typer.Option(help="Money to spend on contacts and discounts")],
    segment: Annotated[str | None, typer.Option(help="Only customers of this segment")] = None,
    max_discount: Annotated[float | None, typer.Option(help="Highest discount in percent")] = None,
    cost_per_contact: Annotated[float | None, typer.Option(help="Cost of one contact")] = None,
    quiet_days: QuietDaysOption = None,
    no_order_since: NoOrderSinceOption = None,
    csv: Annotated[Path | None, typer.Option(dir_okay=False, help="Write the plan as CSV")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON")] = False,
) -> None:
    """Choose who gets which offer to maximise expected retained value minus cost (only among
    lapsed customers with --quiet-days or --no-order-since)."""
    settings = command_settings()
    try:
        if not (math.isfinite(budget) and budget >= 0):
            raise InvalidInput(f"--budget must be a number, 0 or more, not {budget}")
        if max_discount is not None and not 0 <= max_discount <= 100:
            raise InvalidInput(
                f"--max-discount must be a percentage from 0 to 100, not {max_discount}"
            )
        if csv is not None and not csv.parent.is_dir():
            # Checked before the plan is computed, so a typo costs nothing.
            raise InvalidInput(f"--csv {csv}: the folder {csv.parent} does not exist")
        offers = offer_assumptions(settings, max_discount, cost_per_contact)
        scores, lapsed = _scores(settings, segment, quiet_days, no_order_since)
        plan = allocate(plan_inputs(scores), budget, offers)
    except (RetainError, ValueError) as error:
        fail(error if isinstance(error, RetainError) else InvalidInput(str(error)))
    if csv is not None:
        try:
            write_csv(plan.offers, csv)  # ids are quoted where a spreadsheet would run them
        except OSError as error:
            fail(InvalidInput(f"--csv {csv}: cannot write it ({error.strerror or error})"))
    summary = plan_summary(plan, offers) | {
        "net_gain_bound": round(plan.net_bound, 2),
        # What the planned customers stand to lose, as the chat's plan gives it.
        "value_at_risk": round(float(scores["value_at_risk"].sum()), 2),
        "lapsed": lapsed or None,
    }
    if max_discount is not None and max_discount > settings.max_discount_pct:
        summary["note"] = (
            f"Discounts are capped at the policy's {settings.max_discount_pct:g}%, not the "
            f"{max_discount:g}% asked (RETAIN_MAX_DISCOUNT_PCT)."
        )
    if as_json:
        print_json(summary | {"offers": plan.offers.head(1000).to_dict("records")})
        return
    if "note" in summary:
        out.print(summary["note"])
    out.print(
        "Assumed uplift (share of would-be non-buyers an offer converts): "
        + ", ".join(
            f"{d:g}% -> {u:.0%}" for d, u in zip(offers.discounts, offers.uplift, strict=True)
        )
        + f"; {offers.cost_per_contact:g} per contact. Set them with RETAIN_OFFER_* settings."
    )
    among = f" among customers who {lapsed}" if lapsed else ""
    out.print(
        f"Plan{among}: {len(plan.offers):,} customers, {plan.spent:,.2f} of {plan.budget:,.2f} "
        "spent. "
        f"Expected value {plan.value_without:,.2f} without offers, {plan.value_with:,.2f} with "
        f"(net of costs, +{plan.value_with - plan.value_without:,.2f}). No plan within the "
        f"budget could add more than +{plan.net_bound:,.2f} under these assumptions."
    )
    gain = summary["value_with_offers"] - summary["value_without_offers"]
    out.print(plan_basis(gain, summary["value_at_risk"], segment, settings.currency_symbol))
    table = Table(title="Offers by discount")
    for column in ("discount", "customers", "cost", "net gain"):
        table.add_column(column, justify="right")
    for row in discount_rows(plan):
        table.add_row(f"{row['discount_pct']:g}%", f"{row['customers']:,}",
                      f"{row['cost']:,.2f}", f"{row['net']:,.2f}")  # fmt: skip
    out.print(table)
    if csv is not None:
        out.print(f"Plan written to {literal(csv)}")


def at_risk_command(
    segment: Annotated[str | None, typer.Option(help="Only customers of this segment")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000, help="How many")] = 20,
    quiet_days: QuietDaysOption = None,
    no_order_since: NoOrderSinceOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON")] = False,
) -> None:
    """Customers ranked by value at risk (churn risk x predicted CLV), with the reasons (only
    lapsed customers with --quiet-days or --no-order-since)."""
    settings = command_settings()
    try:
        scores, lapsed = _scores(settings, segment, quiet_days, no_order_since)
    except RetainError as error:
        fail(error)
    top = rank_by_value_at_risk(scores).head(limit)
    if as_json:
        print_json(top[AT_RISK_COLUMNS].to_dict("records"))
        return
    title = "Most value at risk" + (f" among customers who {lapsed}" if lapsed else "")
    table = Table(title=title)
    for column in ("customer", "churn risk", "CLV (80% interval)", "value at risk", "reasons"):
        table.add_column(column)
    for row in top.itertuples():
        table.add_row(literal(row.customer_id), f"{row.churn_risk:.0%}",
                      f"{row.clv:,.2f} ({row.clv_low:,.2f}-{row.clv_high:,.2f})",
                      f"{row.value_at_risk:,.2f}", literal(row.reasons))  # fmt: skip
    out.print(table)
