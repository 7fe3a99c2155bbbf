"""customer_profile's answer in words, from its result: who the customer is with their churn
risk, predicted value and segment; what is on file to reach them (for the roles that see
contacts); their orders (and what the last one held, asked about); what they bought most; the top
reasons for their risk.

Asked about one part (`about`: "their orders?", "why is 07592 at risk?", "what is 00042's
clv"), the answer opens with that part in a sentence or two, then goes on as it would without
it, less the sentence the opening has said: the part asked is read first, not somewhere in the
profile ("why is their risk high" found the reasons at its tail). The card is the same either
way.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import Field

from assistant.roles import CONTACTS_REFUSAL, Role, sees_contacts
from assistant.tools.format import chance, count, day, money, pct
from assistant.tools.review_quote import quoted_opening
from predictors.predictor import INTERVAL

ProfilePart = Literal["orders", "last_order", "contact", "risk", "value", "reviews", "products"]
About = Annotated[
    ProfilePart | None,
    Field(
        description="The part of the profile asked about, which the answer opens with: "
        "orders, last_order (what their latest order held), contact (e-mail and phone), risk "
        "(churn risk and why), value (predicted value), reviews or products (bought most)."
    ),
]

MAX_REASONS = 3
PRODUCTS_SAID = 3  # of the products on the card, the answer names these
LINES_SAID = 5  # of the last order's lines, the answer names these
INTERVAL_LABEL = f"{round((INTERVAL[1] - INTERVAL[0]) * 100)}% interval"
# The sentence of the whole profile that each opening says again, left out after it.
SAID_AGAIN: dict[ProfilePart, str] = {
    "orders": "orders",
    "last_order": "orders",
    "contact": "contact",
    "risk": "reasons",
    "products": "products",
}


@dataclass(frozen=True)
class ProfileWords:
    """A profile's `result` in words for `role`, money with `symbol`. The result's orders are
    the latest only; `first_order_amount` is the customer's first order's, where they have one."""

    result: Mapping[str, Any]
    role: Role
    symbol: str
    first_order_amount: float | None = None

    def answer(self, about: ProfilePart | None = None) -> str:
        """The whole profile, opening with the part `about` when one is asked."""
        told = self._sentences(about)
        if about is None:
            return " ".join(told.values())
        first = self._openings()[about]()
        rest = [s for key, s in told.items() if key != SAID_AGAIN.get(about) and s != first]
        return " ".join([first, *rest])

    def _sentences(self, about: ProfilePart | None = None) -> dict[str, str]:
        """The whole profile's sentences by what each is about, in the order said; the first
        leaves out the score that an opening about risk or value has just said."""
        told = {"who": self._who(about)}
        if sees_contacts(self.role):  # a marketer gets nothing of what is on file
            told["contact"] = self._on_file()
        summary = self.result["order_summary"]
        if summary["orders"]:
            told["orders"] = (
                f"{count(summary['orders'], 'order')} totalling "
                f"{money(summary['spend_total'], self.symbol)}, the last on "
                f"{day(summary['last_order'])} for "
                f"{money(summary['last_order_amount'], self.symbol)}."
            )
        if self.result["products"] and self.result["products_bought"]:
            told["products"] = most_bought(self.result["products"], self.result["products_bought"])
        if self._reasons():
            told["reasons"] = "Top reasons: " + "; ".join(self._reasons()) + "."
        return told

    def _openings(self) -> dict[ProfilePart, Callable[[], str]]:
        return {
            "orders": self._orders,
            "last_order": self._last_order,
            "contact": self._contact,
            "risk": self._risk,
            "value": self._value,
            "reviews": self._reviews,
            "products": self._products,
        }

    def _who(self, said: ProfilePart | None = None) -> str:
        """'Customer 00042 (Ada Lovelace): churn risk 72% (90 days), predicted value $X over
        365 days (...), ...; segment 'x'.',
        without the churn risk or the value where the opening `said` it."""
        cid, score = self.result["customer_id"], self.result["scores"]
        name = self.result.get("name")
        who = f"Customer {cid}" + (f" ({name})" if name and sees_contacts(self.role) else "")
        if score is not None:
            days = self.result["horizons"]
            scores = {
                "risk": f"churn risk {chance(score['churn_risk'])} ({days['churn_days']} days)",
                "value": (
                    f"predicted value {money(score['clv'], self.symbol)} over "
                    f"{days['clv_days']} days ({self._interval()}), "
                    f"value at risk {money(score['value_at_risk'], self.symbol)}"
                ),
            }
            facts = f"{who}: " + ", ".join(s for part, s in scores.items() if part != said)
        elif self.result["order_summary"]["orders"]:
            facts = f"{who}: no predictions yet (run `retain train` and `retain score`)"
        else:
            facts = f"{who} has no orders yet"
        segment = self.result["segment"]
        return facts + (f"; segment '{segment}'." if segment else ".")

    def _on_file(self) -> str:
        """What the store holds to reach the customer: 'E-mail on file: ada@example.com; no
        phone on file; signed up on 1997-01-02.'"""
        email, phone = self.result.get("email"), self.result.get("phone")
        signed_up = self.result.get("signup_date")
        said = f"E-mail on file: {email}" if email else "No e-mail on file"
        said += f"; phone on file: {phone}" if phone else "; no phone on file"
        return said + (f"; signed up on {signed_up}." if signed_up else ".")

    def _reasons(self) -> list[str]:
        score = self.result["scores"]
        return list(score["reasons"][:MAX_REASONS]) if score else []

    def _interval(self) -> str:
        """The CLV interval in words. An upper end of 0 means the customer will most likely buy
        nothing: the predicted value is then an average above the whole interval, which reads
        as a mistake unless said."""
        score = self.result["scores"]
        if score["clv_high"] <= 0:
            return f"an average: at least a {pct(INTERVAL[1])} chance of buying nothing"
        low, high = money(score["clv_low"], self.symbol), money(score["clv_high"], self.symbol)
        return f"{INTERVAL_LABEL} {low}-{high}"

    # The openings, one per part asked about.

    def _orders(self) -> str:
        """'Customer 00042 placed 3 orders totalling $480.49: the first on 1997-01-12 for
        $40.00, the last on 1997-11-07 for $400.62.'"""
        summary, cid = self.result["order_summary"], self.result["customer_id"]
        orders, first = summary["orders"], self.first_order_amount
        if not orders or first is None:
            return f"Customer {cid} has no orders yet."
        first_said = f"on {day(summary['first_order'])} for {money(first, self.symbol)}"
        if orders == 1:
            return f"Customer {cid} placed 1 order, {first_said}."
        return (
            f"Customer {cid} placed {count(orders, 'order')} totalling "
            f"{money(summary['spend_total'], self.symbol)}: the first {first_said}, the last "
            f"on {day(summary['last_order'])} for "
            f"{money(summary['last_order_amount'], self.symbol)}."
        )

    def _last_order(self) -> str:
        """'Customer 00042's last order, 1234 on 1997-11-07 for $400.62, held 2 lines: 2 x
        Earl Grey (Tea) at $5.00; 1 x Mug at $8.00.' What it held is unknown where the store
        has no order lines, or this order was recorded without them."""
        cid, last = self.result["customer_id"], self.result["last_order"]
        if last is None:
            return f"Customer {cid} has no orders yet."
        head = (
            f"Customer {cid}'s last order, {last['order_id']} on {day(last['ts'])} for "
            f"{money(last['amount'], self.symbol)},"
        )
        if self.result["products_bought"] is None:
            return f"{head} is all the store knows of it: its orders have no order lines."
        lines = last["lines"]
        if not lines:
            return f"{head} was recorded without order lines, so what it held is unknown."
        said = [
            f"{line['quantity']:,} x {_product_name(line)} at {money(line['price'], self.symbol)}"
            for line in lines[:LINES_SAID]
        ]
        more = f"; and {len(lines) - len(said):,} more" if len(lines) > len(said) else ""
        return f"{head} held {count(len(lines), 'line')}: {'; '.join(said)}{more}."

    def _contact(self) -> str:
        # A marketer asking for them is told what is withheld, as the router tells them.
        return self._on_file() if sees_contacts(self.role) else CONTACTS_REFUSAL

    def _risk(self) -> str:
        """'Customer 00042's churn risk is 72% (the chance of no order in the next 90 days);
        top reasons: ...; ...'"""
        cid, score = self.result["customer_id"], self.result["scores"]
        if score is None:
            return f"No churn risk for customer {cid} yet."
        days = self.result["horizons"]["churn_days"]
        risk = (
            f"Customer {cid}'s churn risk is {chance(score['churn_risk'])} (the chance of no "
            f"order in the next {days} days)"
        )
        reasons = self._reasons()
        return risk + (f"; top reasons: {'; '.join(reasons)}." if reasons else ".")

    def _value(self) -> str:
        """'Customer 00042's predicted value (CLV) is $1,234.00 over the next 365 days (80%
        interval $900.00-$1,500.00); value at risk $300.00.'"""
        cid, score = self.result["customer_id"], self.result["scores"]
        if score is None:
            return f"No predicted value for customer {cid} yet."
        days = self.result["horizons"]["clv_days"]
        return (
            f"Customer {cid}'s predicted value (CLV) is {money(score['clv'], self.symbol)} "
            f"over the next {days} days ({self._interval()}); value at risk "
            f"{money(score['value_at_risk'], self.symbol)}."
        )

    def _reviews(self) -> str:
        """'Customer 00003 wrote 2 reviews; the latest, on 1998-02-01 (2 stars): "Stale..."'"""
        cid, written = self.result["customer_id"], self.result["reviews_total"]
        if not written:
            return f"Customer {cid} has written no reviews."
        latest = self.result["reviews"][0]
        rating = latest["rating"]
        stars = f" ({count(round(rating), 'star')})" if rating is not None else ""
        quoted = quoted_opening(latest["text"], self.role)  # masked for a marketer
        return (
            f"Customer {cid} wrote {count(written, 'review')}; the latest, on "
            f"{day(latest['ts'])}{stars}: {quoted}."
        )

    def _products(self) -> str:
        cid = self.result["customer_id"]
        if self.result["products_bought"] is None:
            return f"The store's orders have no order lines: what customer {cid} bought is unknown."
        if not self.result["products"]:
            return f"Customer {cid} has bought nothing yet."
        return most_bought(self.result["products"], self.result["products_bought"])


def most_bought(bought: list[dict[str, Any]], products: int) -> str:
    """The sentence on what the customer bought most, of the `products` they bought: 'Most
    bought of 14 products: Green tea (Tea): 12 units, last 1998-05-01; ...; and 11 more.'"""
    said = [
        f"{_product_name(p)}: {count(p['units'], 'unit')}, last {p['last_bought']}"
        for p in bought[:PRODUCTS_SAID]
    ]
    more = f"; and {products - len(said):,} more" if products > len(said) else ""
    # "Most bought" only when some were bought more than others: one unit each is a list.
    ranked = len({p["units"] for p in bought}) > 1
    head = (
        f"{'Most bought of' if ranked else 'Bought'} {count(products, 'product')}"
        if more
        else "Bought"
    )
    return f"{head}: {'; '.join(said)}{more}."


def _product_name(product: Mapping[str, Any]) -> str:
    """A product as people read it: its title (else its id), with its category when known."""
    name = product["title"] or product["product_id"]
    return f"{name} ({product['category']})" if product["category"] else name
