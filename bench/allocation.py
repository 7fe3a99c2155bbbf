"""Budget allocation speed on 100,000 customers, beside a sort-only baseline in the same run.

    python -m bench.allocation [--customers 100000] [--budget 5000]

The baseline ("top value at risk, one fixed 10% offer until the budget is spent") is what a team
does by hand; the table shows what the optimiser costs in time and gains in expected value.
"""

import argparse
import time

import numpy as np
import pandas as pd

from predictors.allocation import OfferAssumptions, allocate, option_table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--budget", type=float, default=5000.0)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    n = args.customers
    customers = pd.DataFrame(
        {
            "customer_id": [f"c{i}" for i in range(n)],
            "p_purchase": rng.beta(1.2, 2.5, n),
            "value": rng.lognormal(4.0, 1.0, n),
            "order_value": rng.lognormal(3.4, 0.5, n),
        }
    )
    offers = OfferAssumptions()

    began = time.perf_counter()
    _, cost, net = option_table(
        customers["p_purchase"].to_numpy(),
        customers["value"].to_numpy(),
        customers["order_value"].to_numpy(),
        offers,
    )
    level = offers.discounts.index(10.0)
    risk = (1 - customers["p_purchase"]) * customers["value"]
    order = np.argsort(-risk.to_numpy())
    within = np.cumsum(cost[order, level]) <= args.budget
    baseline_net = float(net[order[within], level].sum())
    baseline_s = time.perf_counter() - began

    began = time.perf_counter()
    plan = allocate(customers, args.budget, offers)
    ours_s = time.perf_counter() - began
    print(f"{n:,} customers, budget {args.budget:,.0f}, ladder {offers.discounts}%")
    print(f"{'method':<44}{'seconds':>9}{'customers':>11}{'net value':>12}")
    method = "exact DP" if plan.exact else "hull greedy"
    rows = [
        ("baseline: top value at risk, 10% each", baseline_s, int(within.sum()), baseline_net),
        (f"retain plan ({method})", ours_s, len(plan.offers), float(plan.offers["net"].sum())),
    ]
    for name, seconds, count, value in rows:
        print(f"{name:<44}{seconds:>9.2f}{count:>11,}{value:>12,.0f}")


if __name__ == "__main__":
    main()
