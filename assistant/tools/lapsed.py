"""How long customers have gone without ordering, as at_risk_customers bounds it ("customers
who haven't ordered in 6 months", "regulars who haven't ordered since March"): the arguments
(the descriptions are what the router reads), the day they resolve to and the words that say
them as applied.

Both arguments come to one cutoff day: a customer passes when they placed no order on or after
it. `no_order_since` names the day as top_products' `since` does (period_days.first_day, on the
store's order calendar); `quiet_days` counts back from the store's last order day, that day
included, so 90 quiet days at 1998-06-30 is no order from 1998-04-02 on. Giving both is
refused: two cutoffs are a misread question, and silently keeping one would hide it. A cutoff
no customer could pass, or every customer would (a day after the last order day), is refused
naming the store's span: an empty or unfiltered list would read as an answer.
"""

from typing import Annotated

import pandas as pd
from pydantic import Field

from assistant.tools.customer_totals import store_orders
from assistant.tools.data import StoreData
from assistant.tools.format import count, day
from assistant.tools.period_days import DayRange, first_day
from assistant.tools.periods import MAX_DAYS, WORDS
from commerce.errors import InvalidInput

QuietDays = Annotated[
    int | None,
    Field(
        ge=1,
        le=MAX_DAYS,
        description="Only customers with no order in this many days up to the store's last "
        "order day, that day included: 90 is no order in the 90 days ending on it, so the "
        "last order was 90 days or more before it ('not in the last 90 days', 'for 6 months' "
        "is 180). Not with no_order_since.",
    ),
]
NoOrderSince = Annotated[
    str | None,
    Field(
        max_length=20,
        description="Only customers with no order on or after this day: YYYY-MM-DD, MM-DD "
        "(the latest such day: 03-01 is 'since March'), week_start, month_start, quarter_start, "
        "year_start (of the store's last order day), or today / yesterday (its last day / the "
        "one before). Not with quiet_days.",
    ),
]


def lapsed_bound(
    data: StoreData, quiet_days: int | None, no_order_since: str | None
) -> tuple[pd.Timestamp | None, str]:
    """The cutoff day and its words as applied (lapsed_since, lapsed_words), or (None, "")
    when neither argument is given: the store's orders are then not read for it."""
    if quiet_days is None and no_order_since is None:
        return None, ""
    calendar = store_orders(data).calendar
    cutoff = lapsed_since(calendar, quiet_days, no_order_since)
    assert cutoff is not None
    return cutoff, lapsed_words(cutoff, calendar, quiet_days)


def lapsed_since(
    calendar: DayRange, quiet_days: int | None, no_order_since: str | None
) -> pd.Timestamp | None:
    """The first day a lapsed customer has no order on or after, or None when neither
    argument is given. InvalidInput names the argument: both given, a malformed day, or a
    cutoff outside the store's orders (nobody, or everybody, would pass)."""
    if quiet_days is not None and no_order_since is not None:
        raise InvalidInput(
            f"give quiet_days ({quiet_days:,}) or no_order_since ({no_order_since!r}), not "
            "both: each sets the day from which customers have not ordered"
        )
    first, last = calendar.first_day, calendar.last_day
    history = f"{count((last - first).days + 1, 'day')} from {day(first)} to {day(last)}"
    if quiet_days is not None:
        cutoff = last - pd.Timedelta(days=quiet_days - 1)
        if cutoff <= first:
            raise InvalidInput(
                f"quiet_days ({quiet_days:,}) covers the store's whole order history "
                f"({history}): every customer ordered in it; give fewer days"
            )
        return cutoff
    if no_order_since is None:
        return None
    text = no_order_since.strip()
    cutoff = first_day(calendar, text.lower() if text.lower() in WORDS else text, "no_order_since")
    if cutoff <= first:
        raise InvalidInput(
            f"no_order_since {day(cutoff)} is on or before the store's first order day: every "
            f"customer ordered since (the orders span {history}); give a later day"
        )
    return cutoff


def lapsed_words(cutoff: pd.Timestamp, calendar: DayRange, quiet_days: int | None) -> str:
    """The cutoff as applied: 'have not ordered in the 90 days to 1998-06-30' for quiet days,
    'have not ordered since 1998-03-01' for a day."""
    if quiet_days is not None:
        return f"have not ordered in the {count(quiet_days, 'day')} to {day(calendar.last_day)}"
    return f"have not ordered since {day(cutoff)}"
