"""What the customers who bought one product also bought (the numbers behind bought_with):
for each other product, how many of the product's buyers bought it too, against how many of
all the period's customers did, and the ratio of the two shares (its lift).

Counted per customer, not per order: a cross-sell offer goes to a customer, whose next order
may be weeks after the one that held the product; and orders are small (2 lines on average
on the demo store, 4 at most), so pairs in one order are too rare to rank. A customer counts
once per product however often they bought it, so a heavy buyer does not outweigh many.

Ranked by lift rather than by how many bought both: the best sellers are bought by many of
anyone's buyers, so a count would put them first for every product. Lift is 1 for a product
the buyers buy as often as everyone does, so only products above 1 are listed; and only
those bought by at least `shared_floor` of the buyers, so that one or two customers'
baskets are not read as a pattern. A product with fewer than MIN_BUYERS buyers is not
ranked at all.
"""

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from assistant.tools.periods import Period
from assistant.tools.product_sales import SalesLines, lines_in

MIN_BUYERS = 10  # buyers of the product needed before what else they bought means anything
MIN_SHARED = 3  # customers who bought both, at the least...
MIN_SHARE = 0.01  # ...and at least this share of the product's buyers (a popular product's)


@dataclass(frozen=True)
class Baskets:
    """Which products each customer bought in a period, each pair once.

    customer, product: one entry per (customer, product) pair, as codes.
    products: the product id of each product code.
    buyers: how many customers bought each product (by product code).
    customers: how many customers bought anything in the period.
    """

    customer: np.ndarray  # (pairs,) int64
    product: np.ndarray  # (pairs,) int64
    products: pd.Index
    buyers: np.ndarray  # (products,) int64
    customers: int

    def buyers_of(self, product_id: str) -> int:
        """How many customers bought `product_id` in the period (0: none did)."""
        code = self._code(product_id)
        return 0 if code is None else int(self.buyers[code])

    def bought_with(self, product_id: str) -> pd.DataFrame:
        """Per other product bought by at least one buyer of `product_id`: `together` (its
        buyers who bought it too) and `buyers` (all who bought it); product_id index,
        unordered. Empty when nobody bought `product_id`."""
        code = self._code(product_id)
        if code is None:
            return pd.DataFrame({"together": [], "buyers": []}, index=pd.Index([], dtype=object))
        buyer = np.zeros(self.customers, dtype=bool)
        buyer[self.customer[self.product == code]] = True
        together = np.bincount(self.product[buyer[self.customer]], minlength=len(self.products))
        together[code] = 0  # the product itself
        held = np.flatnonzero(together)
        return pd.DataFrame(
            {"together": together[held], "buyers": self.buyers[held]},
            index=pd.Index(self.products[held], name="product_id"),
        )

    def _code(self, product_id: str) -> int | None:
        found = self.products.get_indexer(pd.Index([product_id]))[0]
        return None if found < 0 else int(found)


def baskets(sales: SalesLines, when: Period) -> Baskets:
    """Who bought what in the period, from the store's order lines."""
    lines = lines_in(sales, when, None)
    customer, _ = pd.factorize(lines["customer_id"])
    product, products = pd.factorize(lines["product_id"])
    width = max(len(products), 1)
    pairs = np.unique(customer.astype(np.int64) * width + product)
    customer_codes, product_codes = pairs // width, pairs % width
    return Baskets(
        customer_codes,
        product_codes,
        pd.Index(products.astype(str), dtype=object),
        np.bincount(product_codes, minlength=len(products)),
        int(customer.max()) + 1 if len(customer) else 0,
    )


def shared_floor(buyers: int) -> int:
    """The fewest of a product's `buyers` who must have bought another product for it to be
    ranked: MIN_SHARED, or MIN_SHARE of them when that is more."""
    return max(MIN_SHARED, math.ceil(MIN_SHARE * buyers))


def ranked_with(basket: Baskets, product_id: str) -> pd.DataFrame:
    """The products `product_id`'s buyers bought more often than the period's customers did,
    each bought by at least shared_floor of them, highest lift first (then more customers in
    common, then the id): together, buyers, share_of_buyers (together over the product's
    buyers), share_of_customers (buyers over the period's customers) and lift (the first
    share over the second)."""
    bought = basket.buyers_of(product_id)
    table = basket.bought_with(product_id)
    table = table[table["together"] >= shared_floor(bought)]
    share_of_buyers = table["together"] / bought if bought else table["together"] * 0.0
    share_of_customers = table["buyers"] / basket.customers
    table = table.assign(
        share_of_buyers=share_of_buyers,
        share_of_customers=share_of_customers,
        lift=share_of_buyers / share_of_customers,
    )
    table = table[table["lift"] > 1].reset_index()
    order = table.sort_values(
        ["lift", "together", "product_id"], ascending=[False, False, True], kind="stable"
    )
    return order.reset_index(drop=True)
