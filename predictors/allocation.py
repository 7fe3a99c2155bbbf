"""Who gets which offer under a budget: a multiple-choice knapsack over customers.

The uplift of an offer is not in the data, so it is an explicit assumption per discount level
(`OfferAssumptions`, from settings), printed with every plan. For customer i with purchase
probability p, value if retained V and average order A, an offer of discount d with uplift u:

    p' = p + u (1 - p)                    u is the share of would-be non-buyers it converts
    gain = u (1 - p) V                    expected value the offer adds
    cost = contact + d A p'               everyone who buys redeems the discount once
    net = gain - cost

Customers likely to buy anyway gain little from an offer and cost more in discounts, so they get
small discounts or none ("inverse pricing").

Two solvers, neither optimal for the real costs in every case: dynamic programming over the
budget in whole cents ("exact": optimal for the costs rounded up to the cent, which wastes up to
a cent per offer), and the greedy along each customer's convex hull (at most one hull step short
of the LP relaxation). `auto` runs both when the problem is small and keeps the plan that nets
more, so the greedy is never beaten by the plan offered in its place. Every plan carries the LP
relaxation's net (`net_bound`): no plan within the budget can net more, so the plan is within
`net_bound - net` of the best one possible under these assumptions.
"""

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from commerce.errors import InvalidInput

FloatArray = npt.NDArray[np.float64]
EXACT_LIMIT = 20_000_000  # customers x budget cents up to which the exact DP runs


MAX_LEVELS = 20  # the exact solver keeps each customer's chosen level in an int8


@dataclass(frozen=True)
class OfferAssumptions:
    discounts: tuple[float, ...] = (0.0, 5.0, 10.0, 15.0, 20.0)  # percent; 0 = a reminder
    uplift: tuple[float, ...] = (0.02, 0.04, 0.07, 0.09, 0.11)
    cost_per_contact: float = 0.5

    def __post_init__(self) -> None:
        # The ladder comes from settings and reaches here from the API: InvalidInput (422), never
        # a crash (500).
        if len(self.discounts) != len(self.uplift):
            raise InvalidInput("one uplift per discount level is needed")
        if len(self.discounts) > MAX_LEVELS:
            raise InvalidInput(
                f"the offer ladder has {len(self.discounts)} levels; at most {MAX_LEVELS}"
            )
        if any(not 0 <= u <= 1 for u in self.uplift):
            raise InvalidInput("uplifts are shares between 0 and 1")
        if any(not 0 <= d <= 100 for d in self.discounts):
            raise InvalidInput("discounts are percentages between 0 and 100")
        if not (math.isfinite(self.cost_per_contact) and self.cost_per_contact >= 0):
            raise InvalidInput(
                f"the cost per contact must be 0 or more, not {self.cost_per_contact}"
            )

    def capped(self, max_discount: float | None) -> "OfferAssumptions":
        keep = [
            i for i, d in enumerate(self.discounts) if max_discount is None or d <= max_discount
        ]
        return OfferAssumptions(
            tuple(self.discounts[i] for i in keep),
            tuple(self.uplift[i] for i in keep),
            self.cost_per_contact,
        )


@dataclass(frozen=True)
class Plan:
    offers: pd.DataFrame  # customer_id, discount, cost, gain, net, p_before, p_after
    budget: float
    spent: float
    value_without: float
    value_with: float  # expected value with the offers, their costs deducted
    exact: bool  # the dynamic programme's plan (optimal for costs rounded up to the cent)
    net_bound: float  # the LP relaxation's net: no plan within the budget nets more


def option_table(
    p: FloatArray, value: FloatArray, order_value: FloatArray, offers: OfferAssumptions
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """(N, K) gain, cost and net of every offer level for every customer."""
    d = np.asarray(offers.discounts) / 100.0
    u = np.asarray(offers.uplift)
    p_after = p[:, None] + u[None, :] * (1.0 - p[:, None])
    gain = (p_after - p[:, None]) * value[:, None]
    cost = offers.cost_per_contact + d[None, :] * order_value[:, None] * p_after
    return gain, cost, gain - cost


def allocate(
    customers: pd.DataFrame,
    budget: float,
    offers: OfferAssumptions,
    method: Literal["auto", "exact", "greedy"] = "auto",
) -> Plan:
    """customers: customer_id, p_purchase, value (if retained), order_value. Best offers;
    `auto` runs the dynamic programme too when the problem is small enough (see EXACT_LIMIT)
    and keeps whichever plan nets more (`exact` says which)."""
    if not (math.isfinite(budget) and budget >= 0):
        raise InvalidInput(f"the budget must be a number, 0 or more, not {budget}")
    p = customers["p_purchase"].to_numpy(np.float64)
    value = customers["value"].to_numpy(np.float64)
    order_value = customers["order_value"].to_numpy(np.float64)
    gain, cost, net = option_table(p, value, order_value, offers)
    steps = _hull_steps(cost, net)
    exact = method == "exact" or (method == "auto" and len(customers) * budget * 100 <= EXACT_LIMIT)
    if len(customers) == 0:  # nothing to plan; the exact table would be sized by the budget
        choice = np.empty(0, dtype=np.int64)
    elif method == "auto" and exact:
        # Rounding every cost up to the cent can leave the programme short of the greedy.
        by_programme, by_greedy = _exact(cost, net, budget), _greedy(steps, len(cost), budget)
        exact = _total(net, by_programme) >= _total(net, by_greedy)
        choice = by_programme if exact else by_greedy
    else:
        choice = _exact(cost, net, budget) if exact else _greedy(steps, len(cost), budget)
    chosen = choice >= 0
    rows = np.flatnonzero(chosen)
    level = choice[chosen]
    plan = pd.DataFrame(
        {
            "customer_id": customers["customer_id"].to_numpy()[rows],
            "discount_pct": np.asarray(offers.discounts)[level],
            "cost": cost[rows, level],
            "gain": gain[rows, level],
            "net": net[rows, level],
            "p_before": p[rows],
            "p_after": p[rows] + np.asarray(offers.uplift)[level] * (1 - p[rows]),
        }
    ).sort_values("net", ascending=False, ignore_index=True)
    without = float((p * value).sum())
    return Plan(
        offers=plan,
        budget=budget,
        spent=float(plan["cost"].sum()),
        value_without=without,
        value_with=without + float(plan["net"].sum()),
        exact=exact,
        net_bound=max(_relaxed_net(steps, budget), float(plan["net"].sum())),
    )


def _total(net: FloatArray, choice: npt.NDArray[np.int64]) -> float:
    """The net of a plan given as each customer's level (-1: no offer)."""
    chosen = np.flatnonzero(choice >= 0)
    return float(net[chosen, choice[chosen]].sum())


# efficiency, customer, rank on the customer's hull, level, extra cost, extra net
Step = tuple[float, int, int, int, float, float]


def _hull_steps(cost: FloatArray, net: FloatArray) -> list[Step]:
    """The steps along each customer's upper convex hull of (cost, net), best efficiency first
    (a customer's steps fall in efficiency, so each comes after the ones it builds on)."""
    steps: list[Step] = []
    for i in range(cost.shape[0]):
        previous_cost, previous_net = 0.0, 0.0
        for rank, level in enumerate(_hull(cost[i], net[i])):
            extra_cost = cost[i, level] - previous_cost
            extra_net = net[i, level] - previous_net
            steps.append(
                (extra_net / max(extra_cost, 1e-12), i, rank, level, extra_cost, extra_net)
            )
            previous_cost, previous_net = cost[i, level], net[i, level]
    steps.sort(key=lambda s: -s[0])  # stable: equal efficiencies keep each customer's order
    return steps


def _relaxed_net(steps: list[Step], budget: float) -> float:
    """The LP relaxation's optimum: whole steps in order, then the part of the first one that
    does not fit. An upper bound on the net of every plan within the budget."""
    total, left = 0.0, budget
    for _, _, _, _, extra_cost, extra_net in steps:
        if extra_cost <= left:
            total, left = total + extra_net, left - extra_cost
        else:
            return total + extra_net * left / extra_cost
    return total


def _greedy(steps: list[Step], n: int, budget: float) -> npt.NDArray[np.int64]:
    """Takes the hull steps (`_hull_steps`, best efficiency first) while they fit."""
    choice = np.full(n, -1, dtype=np.int64)
    taken = np.zeros(n, dtype=np.int64)  # hull steps taken per customer
    blocked = np.zeros(n, dtype=bool)
    left = budget
    for _, i, rank, level, extra, _ in steps:
        # Each step's cost assumes the customer's previous steps were taken: a customer whose
        # step did not fit gets no later step.
        if blocked[i] or rank != taken[i]:
            continue
        if extra <= left + 1e-9:
            choice[i] = level
            taken[i] += 1
            left -= extra
        else:
            blocked[i] = True
    return choice


def _hull(cost_row: FloatArray, net_row: FloatArray) -> list[int]:
    """Levels on the upper concave hull of (cost, net) starting at (0, 0), net rising."""
    hull: list[int] = []
    for j in (int(j) for j in np.argsort(cost_row, kind="stable")):
        if net_row[j] <= (net_row[hull[-1]] if hull else 0.0):
            continue  # costs at least as much as a kept level and nets no more
        while hull:
            last = hull[-1]
            prev_c, prev_n = (
                (0.0, 0.0) if len(hull) == 1 else (cost_row[hull[-2]], net_row[hull[-2]])
            )
            cross = (cost_row[last] - prev_c) * (net_row[j] - prev_n) - (net_row[last] - prev_n) * (
                cost_row[j] - prev_c
            )
            if cross >= 0:  # `last` lies on or below the line from the previous point to j
                hull.pop()
            else:
                break
        hull.append(j)
    return hull


def _exact(cost: FloatArray, net: FloatArray, budget: float) -> npt.NDArray[np.int64]:
    """Dynamic programming over the budget in whole cents (costs rounded up, so it never
    overspends)."""
    n, k = cost.shape
    cents = int(np.floor(budget * 100 + 1e-9))
    weights = np.ceil(cost * 100 - 1e-9).astype(np.int64)
    best = np.zeros(cents + 1)
    pick = np.full((n, cents + 1), -1, dtype=np.int8)
    for i in range(n):
        current = best.copy()
        for level in range(k):
            w, value = weights[i, level], net[i, level]
            if value <= 0 or w > cents:
                continue
            candidate = np.full(cents + 1, -np.inf)
            candidate[w:] = best[: cents + 1 - w] + value
            better = candidate > current
            current[better] = candidate[better]
            pick[i, better] = level
        best = current
    choice = np.full(n, -1, dtype=np.int64)
    left = int(np.argmax(best))
    for i in range(n - 1, -1, -1):
        level = int(pick[i, left])
        if level >= 0:
            choice[i] = level
            left -= int(weights[i, level])
    return choice


MIN_P_FOR_VALUE = 0.05  # floor of P(purchase) when turning CLV into value-if-retained


def plan_inputs(scores: pd.DataFrame) -> pd.DataFrame:
    """Allocation inputs from scores: value if retained = CLV / P(purchase in the churn horizon)
    (CLV already discounts by the chance of buying; the floor keeps near-lost customers from
    looking infinitely valuable), and the customer's average order for the discount's cost."""
    p = scores["p_purchase"].clip(0.0, 1.0)
    return pd.DataFrame(
        {
            "customer_id": scores["customer_id"],
            "p_purchase": p,
            "value": scores["clv"] / p.clip(lower=MIN_P_FOR_VALUE),
            "order_value": scores["order_value"],
        }
    )
