"""The budget allocation: the dynamic programme exact for costs in whole cents (against brute
force), `auto` never short of the greedy, the LP bound above every plan, inverse pricing, and the
greedy close to the exact answer."""

import itertools
from typing import Literal

import numpy as np
import pandas as pd
import pytest

from commerce.errors import InvalidInput
from predictors.allocation import OfferAssumptions, allocate, option_table

OFFERS = OfferAssumptions()


def _customers(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "customer_id": [f"c{i}" for i in range(n)],
            "p_purchase": rng.uniform(0.02, 0.95, n),
            "value": rng.lognormal(4.5, 0.8, n),
            "order_value": rng.lognormal(3.5, 0.4, n),
        }
    )


def _brute_force(
    customers: pd.DataFrame, budget: float, in_cents: bool, offers: OfferAssumptions = OFFERS
) -> float:
    """The best net within the budget, trying every combination; `in_cents`: each cost rounded
    up to the cent, as the dynamic programme has it."""
    _, cost, net = option_table(
        customers["p_purchase"].to_numpy(),
        customers["value"].to_numpy(),
        customers["order_value"].to_numpy(),
        offers,
    )
    if in_cents:
        cost = np.ceil(cost * 100 - 1e-9) / 100
    best = 0.0
    levels = range(-1, cost.shape[1])
    for combo in itertools.product(levels, repeat=len(customers)):
        spent = sum(cost[i, c] for i, c in enumerate(combo) if c >= 0)
        if spent <= budget + 1e-9:
            best = max(best, sum(net[i, c] for i, c in enumerate(combo) if c >= 0))
    return best


@pytest.mark.parametrize(("seed", "budget"), [(0, 6.0), (1, 10.0), (2, 3.0), (3, 25.0)])
def test_exact_matches_brute_force_in_cents(seed: int, budget: float) -> None:
    customers = _customers(6, seed)
    plan = allocate(customers, budget, OFFERS, method="exact")
    assert plan.exact
    best = _brute_force(customers, budget, in_cents=True)
    assert plan.offers["net"].sum() == pytest.approx(best, abs=1e-6)
    assert plan.spent <= budget + 1e-9


@pytest.mark.parametrize(("seed", "budget"), [(0, 6.0), (1, 10.0), (2, 3.0), (3, 25.0)])
def test_auto_is_never_short_of_either_solver_and_the_bound_holds(seed: int, budget: float) -> None:
    customers = _customers(6, seed)
    plan = allocate(customers, budget, OFFERS)
    net = plan.offers["net"].sum()
    solvers: tuple[Literal["exact", "greedy"], ...] = ("exact", "greedy")
    for method in solvers:
        assert net >= allocate(customers, budget, OFFERS, method=method).offers["net"].sum()
    assert plan.spent <= budget + 1e-9
    # No plan within the budget, at the real costs, nets more than the bound.
    assert net <= _brute_force(customers, budget, in_cents=False) + 1e-9
    assert _brute_force(customers, budget, in_cents=False) <= plan.net_bound + 1e-9


def test_auto_keeps_the_greedy_plan_when_rounding_to_cents_costs_an_offer() -> None:
    # Each reminder costs 0.3325: three fit in 1.00, but in whole cents (0.34) only two do.
    offers = OfferAssumptions(discounts=(0.0,), uplift=(0.1,), cost_per_contact=0.3325)
    customers = pd.DataFrame(
        {
            "customer_id": ["a", "b", "c"],
            "p_purchase": [0.2, 0.2, 0.2],
            "value": [100.0, 100.0, 100.0],
            "order_value": [40.0, 40.0, 40.0],
        }
    )
    assert len(allocate(customers, 1.0, offers, method="exact").offers) == 2
    plan = allocate(customers, 1.0, offers)
    assert len(plan.offers) == 3 and not plan.exact  # method: greedy
    assert plan.spent == pytest.approx(0.9975)
    assert plan.offers["net"].sum() == pytest.approx(_brute_force(customers, 1.0, False, offers))


def test_greedy_is_close_to_exact() -> None:
    customers = _customers(300, 7)
    exact = allocate(customers, 200.0, OFFERS)
    greedy = allocate(customers, 200.0, OFFERS, method="greedy")
    assert not greedy.exact and greedy.spent <= 200.0 + 1e-9
    assert greedy.offers["net"].sum() >= 0.97 * exact.offers["net"].sum()
    assert greedy.net_bound == pytest.approx(exact.net_bound)
    assert exact.offers["net"].sum() <= exact.net_bound


def test_inverse_pricing_and_policy_cap() -> None:
    customers = pd.DataFrame(
        {
            "customer_id": ["likely", "unlikely"],
            "p_purchase": [0.9, 0.1],
            "value": [400.0, 400.0],
            "order_value": [50.0, 50.0],
        }
    )
    plan = allocate(customers, 1000.0, OFFERS).offers.set_index("customer_id")
    # The customer who would buy anyway gets the smaller discount (or none).
    assert plan["discount_pct"].get("likely", -1) < plan.loc["unlikely", "discount_pct"]
    capped = allocate(customers, 1000.0, OFFERS.capped(10)).offers
    assert capped["discount_pct"].max() <= 10


def test_value_with_and_without_offers() -> None:
    customers = _customers(20, 4)
    plan = allocate(customers, 50.0, OFFERS)
    assert plan.value_with == pytest.approx(plan.value_without + plan.offers["net"].sum())
    assert plan.value_with >= plan.value_without


@pytest.mark.parametrize("budget", [float("nan"), float("inf"), -1.0])
def test_a_budget_that_is_not_a_sum_of_money_is_refused(budget: float) -> None:
    customers = pd.DataFrame(
        {"customer_id": ["a"], "p_purchase": [0.5], "value": [100.0], "order_value": [40.0]}
    )
    with pytest.raises(InvalidInput, match="the budget must be a number, 0 or more"):
        allocate(customers, budget, OfferAssumptions())


def test_a_negative_contact_cost_is_refused() -> None:
    with pytest.raises(InvalidInput, match="cost per contact must be 0 or more"):
        OfferAssumptions(cost_per_contact=-5.0)
    with pytest.raises(InvalidInput, match="at most 20"):
        OfferAssumptions(discounts=(0.0,) * 21, uplift=(0.01,) * 21)


@pytest.mark.parametrize("method", ["auto", "exact"])
def test_no_customers_plan_nothing_whatever_the_budget(method: Literal["auto", "exact"]) -> None:
    # The exact solver's table is sized by the budget: with nobody to plan it is never built.
    plan = allocate(_customers(0, 0), 1e8, OFFERS, method=method)
    assert plan.offers.empty and plan.spent == 0.0 and plan.value_with == plan.value_without == 0
