"""How similar_customers words what a lookalike has in common with the customer.

The customer index names the features on which two customers sit on the same side of the
average customer, the most unusual first (retrieval/customers.py). Their values need not be
close: standard units are clipped, so 145 and 31 repeat purchase days can both be "far above
most". The answer therefore says what is alike (the side of the average both are on) and
gives both values and the average's, each named, money as money, rather than calling the values
shared.
"""

from assistant.tools.format import listing, money
from predictors.reasons import UNKNOWN_WHEN_ZERO
from retrieval.customers import CustomerIndex, SharedTrait
from retrieval.traits import TRAITS

MONEY_FEATURES = frozenset({"spend_total", "spend_mean", "spend_max", "spend_first", "spend_last"})


def trait_values(trait: SharedTrait, symbol: str) -> str:
    """'total spend $13,991.00 vs $2,915.00': the feature in words, the customer's value first."""
    return f"{_words(trait.feature)} {_both(trait, symbol)}"


def alike_words(
    index: CustomerIndex, customer_id: str, neighbour: str, traits: list[SharedTrait], symbol: str
) -> str:
    """'like 00042, above the average customer in total spend (00042: $13,991.00, 00007:
    $2,915.00, average: $106.08)': the side of the average both are on, with each one's value
    named and the average's, since two bare values read as the customer against the average.
    A trait whose value, as shown, equals the average is 'close to' it, never above or below.
    Empty without traits."""
    columns = [str(c) for c in index.features.columns]
    sides: dict[str, list[str]] = {"above": [], "below": [], "close to": []}
    for trait in traits:
        average, whose = _average(index, columns, trait.feature)
        shown = [_value(trait.feature, v, symbol) for v in (trait.customer_value,
                 trait.neighbour_value, average)]  # fmt: skip
        side = ("close to" if shown[2] in shown[:2]
                else "above" if trait.customer_value > average else "below")  # fmt: skip
        figures = f"{customer_id}: {shown[0]}, {neighbour}: {shown[1]}, {whose}: {shown[2]}"
        sides[side].append(f"{_words(trait.feature)} ({figures})")
    said = [
        f"{side} {'it' if said_before else 'the average customer'} in {listing(items, len(items))}"
        for said_before, (side, items) in enumerate((s, i) for s, i in sides.items() if i)
    ]
    return f"like {customer_id}, {' and '.join(said)}" if said else ""


def _average(index: CustomerIndex, columns: list[str], feature: str) -> tuple[float, str]:
    """The average customer's value, and how it is named. A review feature is 0 for a
    customer who wrote none (predictors.features): its average is the reviewers', since
    one over everyone read "average review rating 0.574" where every rating is 1 to 5."""
    if feature not in UNKNOWN_WHEN_ZERO:
        return float(index.mean[columns.index(feature)]), "average"
    values = index.features[feature]
    written = values[values != 0]
    return (float(written.mean()) if len(written) else 0.0), "reviewers' average"


def _words(feature: str) -> str:
    return TRAITS.get(feature, (feature.replace("_", " "), "n"))[0]


def _both(trait: SharedTrait, symbol: str) -> str:
    customer = _value(trait.feature, trait.customer_value, symbol)
    return f"{customer} vs {_value(trait.feature, trait.neighbour_value, symbol)}"


def _value(feature: str, value: float, symbol: str) -> str:
    if feature in MONEY_FEATURES:
        return money(value, symbol)
    kind = TRAITS.get(feature, ("", "n"))[1]
    if kind == "pct":
        return f"{value:.0%}"
    number = f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"
    return f"{number}x" if kind == "x" else number
