"""Days written with slashes ("since 01/03/1998", "2/1/98 - 2/28/98"): read month first, as US
stores write them, unless the first number cannot be a month; they were dropped, and the
answer covered the default period without a word."""

import pytest

from assistant.routing import Memory, Router
from assistant.routing.written_days import slashed


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("01/03/1998", "1998-01-03"),
        ("2/1/98", "1998-02-01"),
        ("13/2/1998", "1998-02-13"),
        ("12/31/97", "1997-12-31"),
        ("3/5/05", "2005-03-05"),
        ("2/30/98", "1998-02-30"),  # no such day: the tool refuses it by name
        ("13/13/98", None),
        ("0/5/98", None),
    ],
)
def test_a_slashed_day(text: str, iso: str | None) -> None:
    assert slashed(text) == iso


@pytest.mark.parametrize(
    ("message", "tool", "args"),
    [
        (
            "customers who haven't ordered since 01/03/1998",
            "at_risk_customers",
            {"no_order_since": "1998-01-03"},
        ),
        (
            "sales from 2/1/98 - 2/28/98",
            "top_products",
            {"since": "1998-02-01", "until": "1998-02-28"},
        ),
        (
            "sales between 2/1/1998 and 2/28/1998",
            "top_products",
            {"since": "1998-02-01", "until": "1998-02-28"},
        ),
        ("revenue since 13/2/1998", "top_products", {"since": "1998-02-13"}),
        # With no word before it: that day, or that month (R20 got the default 90 days).
        ("sales 3/5/98", "top_products", {"since": "1998-03-05", "until": "1998-03-05"}),
        ("sales 2/30/98", "top_products", {"since": "1998-02-30", "until": "1998-02-30"}),
        ("best sellers in 2/98", "top_products", {"month": "1998-02"}),
        (
            "top products 12/1/97-12/31/97",  # "products 12" is no product id
            "top_products",
            {"since": "1997-12-01", "until": "1997-12-31"},
        ),
    ],
)
def test_the_period_reaches_the_tool(
    minilm_router: Router, message: str, tool: str, args: dict[str, str]
) -> None:
    route = minilm_router.route(message, Memory(), "operator")
    assert (route.tool, route.args) == (tool, args)


@pytest.mark.parametrize("message", ["top products 1/2/3", "reviews 10/15", "spent 1/2 of it"])
def test_a_fraction_is_no_day(minilm_router: Router, message: str) -> None:
    route = minilm_router.route(message, Memory(), "operator")
    assert not {"since", "until", "month"} & set(route.args)
