"""One customer's offer, shaped like the demo store's: Ada, who last bought Coffee on March 5,
1998 ($23.50), offered 15% off until May 1, 2026.

The drafting tests (tests/drafting/factories.py) and the checker bench (bench/checker.py) use
these same facts, so what the bench times is what the tests check. It lives in bench/ because
tests may import bench scripts' data (tests/routing/conftest.py does) while bench scripts
import nothing from tests/.
"""

from dataclasses import replace
from datetime import date
from typing import Any

from assistant.drafting import Catalogue, OfferFacts, Product

COFFEE = Product("B000EYLDYE", "Coffee product B000EYLDYE")
CATALOGUE = Catalogue(
    {
        COFFEE.product_id: COFFEE.title,
        "B0000691JF": "Grocery product B0000691JF",
        "B000084E9M": "Dog product B000084E9M",
    },
    categories=("Coffee", "Grocery", "Pet food", "Sauces & spices", "Tea"),
)


def offer_facts(**changes: Any) -> OfferFacts:
    """Ada's offer, with any field replaced by `changes` (e.g. gone_quiet=False)."""
    facts = OfferFacts(
        customer_id="00001",
        channel="email",
        discount_pct=15,
        offer_expires=date(2026, 5, 1),
        customer_name="Ada",
        favourite_category="Coffee",
        last_order_date=date(1998, 3, 5),
        last_order_amount=23.5,
        last_order_products=(COFFEE,),
        recent_review="Lovely coffee, arrived quickly.",
        churn_risk=0.82,
        predicted_value=143.27,
        gone_quiet=True,  # her last order was in 1998: copy may say it missed her
    )
    return replace(facts, **changes)
