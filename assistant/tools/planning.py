"""The budget tool: who gets which offer under a budget, to maximise expected retained value
net of costs (predictors.allocation), with the assumptions it rests on."""

from typing import Annotated, Any

from pydantic import Field

from assistant.currencies import currency_named
from assistant.tools.args import SegmentName
from assistant.tools.at_risk_bounds import HistoryBounds, within
from assistant.tools.base import ToolContext, ToolOutput
from assistant.tools.customer_totals import Bounds
from assistant.tools.decisions import (
    discount_rows,
    gain_basis,
    offer_assumptions,
    plan_summary,
)
from assistant.tools.format import count, money, output
from assistant.tools.lapsed import NoOrderSince, QuietDays, lapsed_bound
from predictors.allocation import allocate, plan_inputs
from predictors.segment_facts import empty_segment

SHOWN_OFFERS = 20  # offers listed in the result and card (the plan's best first)


def plan_basis(
    gain: float, value_at_risk: float, segment: str | None, symbol: str, lapsed: str = ""
) -> str:
    """What a plan's gain rests on (gain_basis), and, when the gain is more than all its
    customers stand to lose, that it is: the gain then rests on the assumptions, not on value
    the segment (or the customers who `lapsed`: "have not ordered since ...") has. Said by the
    chat answer and `retain plan` alike."""
    said = gain_basis()
    if gain > value_at_risk:
        if lapsed:
            whose = f"the '{segment}' customers" if segment else "the customers"
            whose += f" who {lapsed}"
        else:
            whose = f"'{segment}'" if segment else "every scored customer"
        said += (
            f" The gain is more than the whole value at risk of {whose}, "
            f"{money(value_at_risk, symbol)}."
        )
    return said


def plan_budget(
    ctx: ToolContext,
    budget: Annotated[
        float, Field(ge=0, le=100_000_000, description="Money to spend on contacts and discounts.")
    ],
    segment: SegmentName | None = None,
    max_discount_pct: Annotated[
        float | None,
        Field(ge=0, le=100, description="Highest discount to offer (the policy caps it)."),
    ] = None,
    currency: Annotated[
        str | None,
        Field(
            min_length=1,
            max_length=3,
            description="The currency the budget was written in ($, € or £; USD, EUR or GBP), "
            "when it was: a note says so when it is not the store's (no exchange rate is "
            "applied).",
        ),
    ] = None,
    quiet_days: QuietDays = None,
    no_order_since: NoOrderSince = None,
) -> ToolOutput:
    """Plan a retention campaign under a budget: which customers get which discount (or a plain
    reminder) to maximise expected retained value net of costs, optionally within one segment
    and only among lapsed customers: `quiet_days` (no order in that many days up to the
    store's last order day) or `no_order_since` (no order on or after that day).

    For "how should I spend $5k on retention?", "plan 2,000 for the at-risk segment, at most
    10% off" or "a $5k win-back for customers who haven't ordered in 90 days".
    """
    data, symbol = ctx.data, ctx.settings.currency_symbol
    scores = data.require_scores()
    name = data.segments().resolve(segment) if segment else None
    offers = offer_assumptions(ctx.settings, max_discount_pct)
    # Lapsed customers as the at-risk list reads them (lapsed.py): one cutoff day.
    lapsed, lapsed_said = lapsed_bound(data, quiet_days, no_order_since)

    def compute() -> dict[str, Any]:
        chosen = scores.frame
        if name is not None:
            chosen = chosen[chosen["customer_id"].isin(data.segments().members(name))]
        if lapsed is not None:
            quiet = within(data, HistoryBounds(Bounds(), quiet_days, lapsed, lapsed_said))
            chosen = chosen[chosen["customer_id"].isin(quiet)]
        plan = allocate(plan_inputs(chosen), budget, offers)
        best = plan.offers.head(SHOWN_OFFERS)
        return plan_summary(plan, offers) | {
            "net_gain_bound": round(plan.net_bound, 2),
            "segment": name,
            "lapsed": lapsed_said or None,
            # What the planned customers stand to lose: a gain above it rests on the
            # assumptions, not on value the segment has (said in the answer).
            "value_at_risk": round(float(chosen["value_at_risk"].sum()), 2),
            "by_discount_rows": discount_rows(plan),
            "offers": best[["customer_id", "discount_pct", "cost", "gain", "net"]]
            .round(4)
            .to_dict("records"),
        }

    # An allocation over every customer takes about half a second: repeated questions reuse it.
    key = f"plan:{budget!r}:{name}:{lapsed}:{offers.discounts!r}:{offers.cost_per_contact!r}"
    summary = data.memo(key, ("store", "scores"), compute)
    gain = summary["value_with_offers"] - summary["value_without_offers"]
    levels = [
        f"{r['discount_pct']:g}% to {r['customers']:,}" if r["discount_pct"] else
        f"a reminder to {r['customers']:,}"
        for r in summary["by_discount_rows"]
    ]  # fmt: skip
    where = f" in '{name}'" if name else ""
    if name is not None and len(data.segments().members(name)) == 0:
        where += f" ({empty_segment(name)})"
    if lapsed_said:
        where += f" among customers who {lapsed_said}"
    answer = (
        f"With {money(budget, symbol)}{where}: offers to {count(summary['customers'], 'customer')}"
        f", {money(summary['spent'], symbol)} spent; expected value "
        f"{money(summary['value_without_offers'], symbol)} without offers, "
        f"{money(summary['value_with_offers'], symbol)} with them net of costs "
        f"(+{money(gain, symbol)})."
    )
    if levels:
        answer += " Offers: " + ", ".join(levels) + "."
    bound = money(summary["net_gain_bound"], symbol)
    answer += f" No plan within the budget could add more than +{bound} under these assumptions."
    policy = ctx.settings.max_discount_pct
    if max_discount_pct is not None and max_discount_pct > policy:
        # The cap is silent in the plan itself: say that the discount asked for was not allowed.
        summary = summary | {
            "note": f"Discounts are capped at the policy's {policy:g}%, not the "
            f"{max_discount_pct:g}% asked (RETAIN_MAX_DISCOUNT_PCT)."
        }
        answer += " " + summary["note"]
    written = (currency_named(currency) or currency.strip()) if currency else None
    if written is not None and written not in symbol:
        # No exchange rate is known here: the amount is the store's money, and the answer
        # says so rather than plan 5,000 euros as if they were dollars without a word.
        summary = summary | {
            "currency_note": f"The budget was written in {written}, but this store "
            f"counts in {symbol}: it is planned as {money(budget, symbol)}, with no exchange "
            "rate applied."
        }
        answer += " " + summary["currency_note"]
    answer += " " + plan_basis(gain, summary["value_at_risk"], name, symbol, lapsed_said)
    card = {"type": "plan", **summary}
    return output(answer, summary, [card], rows=int(summary["customers"]))
