"""The top-customers card with a floor and a category (top_customers' min_revenue and category)
against the stub API: the floor shows to the cent as applied, with how many customers met it,
and the units bought of the category beside the spend."""

from typing import TYPE_CHECKING, Any

import pytest

from tests.e2e import stub
from tests.e2e.pages import ask, sign_in

pytestmark = pytest.mark.e2e

if TYPE_CHECKING:  # playwright may be missing: the conftest then skips every test
    from playwright.sync_api import Page


def tea_spenders(_customer: str) -> dict[str, Any]:
    """What top_customers returns for who spent over $1,000 on Tea (1 of 40 who bought it)."""
    rows = [
        {"rank": 1, "customer_id": "07592", "revenue": 1250.5, "orders": 14, "units": 96,
         "last_order": "1997-12-12", "share_of_revenue": 0.081, "segment": "champions",
         "churn_risk": None, "clv": None, "value_at_risk": None},
    ]  # fmt: skip
    return {"type": "top_customers", "since": None, "until": None, "month": None,
            "quarter": None, "year": None, "days": None, "from": "1997-01-01",
            "to": "1998-06-30", "segment": None, "segment_size": None, "category": "Tea",
            "product_id": None, "by": "revenue", "min_revenue": 1000.01, "min_orders": None,
            "period_revenue": 15438.2, "ordered": 40, "total": 1, "offset": 0,
            "rows": rows}  # fmt: skip


@pytest.fixture
def tea_routes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stub answers "tea over 1000", and operators may ask it."""
    route = ("tea over 1000", "top_customers", {"category": "Tea"}, tea_spenders, "1 customer.")
    monkeypatch.setattr(stub, "ROUTES", [route, *stub.ROUTES])
    monkeypatch.setitem(stub.TOOLS, "operator", [*stub.TOOLS["operator"], "top_customers"])


@pytest.mark.usefixtures("tea_routes")
def test_the_floor_and_the_category_are_shown(desktop: "Page", stub_url: str) -> None:
    sign_in(desktop, stub_url, "op-key")
    card = ask(desktop, "tea over 1000").locator(".card-top_customers")
    assert card.locator(".card-title").inner_text() == "Top spenders of Tea"
    assert card.locator(".card-sub").inner_text() == (
        "1997-01-01 to 1998-06-30 · by spend · of Tea · spent $1,000.01 or more"
    )
    heads = card.locator("thead th").all_inner_texts()
    assert "Units" in heads
    assert "96" in card.locator("tbody tr").first.locator("td").all_inner_texts()
    text = card.inner_text()
    assert "1 of 40 customers spent $1,000.01 or more" in text
    assert "40 customers bought Tea" in text
