"""Values chat reads as written so the tool refuses them by name, instead of running with a
value nobody asked for: a count with a minus ("top -5"), an alert number out of range
("alert -3", twenty digits), a month or year out of range ("in month 13", "in 1850").
Also: a customer id with a thousands separator beside another id ("customer 12,345 and 43").
"""

import pytest

from assistant.routing import Memory, Router, Vocabulary, extract


@pytest.mark.parametrize(
    ("text", "tool", "arg", "value"),
    [
        ("top -5 at risk customers", "at_risk_customers", "limit", -5),
        ("top -5 customers by revenue", "top_customers", "limit", -5),
        ("show -3 reviews about coffee", "search_reviews", "k", -3),
        ("top -10 best sellers", "top_products", "limit", -10),
    ],
)
def test_a_count_keeps_its_minus(
    text: str, tool: str, arg: str, value: int, minilm_router: Router
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.kind, route.tool) == ("tool", tool)
    assert route.args[arg] == value


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("top-5 customers", 5),  # a hyphen that joins is no minus
        ("limit=-5 at risk customers", -5),
        ("limit: \u22125 at risk customers", -5),  # the minus sign itself
        ("show 5-10 reviews", 5),  # a range
    ],
)
def test_only_a_minus_that_stands_apart_is_read(
    text: str, count: int, vocabulary: Vocabulary
) -> None:
    assert extract(text, vocabulary).count == count


@pytest.mark.parametrize(
    ("text", "alert"),
    [
        ("explain alert 99999999999999999999", 99999999999999999999),
        ("explain alert -3", -3),
        ("why was alert: -3 raised", -3),
        ("explain alert-3", 3),  # joined: alert 3
        ("explain alert 42", 42),
    ],
)
def test_an_alert_number_is_handed_over_as_written(
    text: str, alert: int, minilm_router: Router
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == ("explain_alert", {"alert_id": alert})


def test_an_alert_number_too_long_to_read_is_still_out_of_range(vocabulary: Vocabulary) -> None:
    alert = extract("explain alert " + "9" * 5000, vocabulary).alert_id
    assert alert is not None and alert > 2**31


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("best sellers in month 13", {"month": "13"}),
        ("best sellers in month 0", {"month": "00"}),
        ("best sellers in 1998-13", {"month": "1998-13"}),
        ("best sellers in 1850", {"year": "1850"}),
        ("best sellers in 2500", {"year": "2500"}),
        # In range, by number: read too.
        ("best sellers in month 3", {"month": "03"}),
        ("best sellers in month 3 of 1998", {"month": "1998-03"}),
        ("best sellers in 1998-03", {"month": "1998-03"}),
    ],
)
def test_a_month_or_year_by_number_reaches_the_tool(
    text: str, period: dict[str, str], minilm_router: Router
) -> None:
    route = minilm_router.route(text, Memory(), "operator")
    assert (route.tool, route.args) == ("top_products", period)


@pytest.mark.parametrize(
    ("text", "amount", "count"),
    [("plan for 1500", 1500.0, None), ("a campaign of 1500", 1500.0, None),
     ("top customers in 1500 customers", None, 1500)],
)  # fmt: skip
def test_money_and_counts_are_no_years(
    text: str, amount: float | None, count: int | None, vocabulary: Vocabulary
) -> None:
    x = extract(text, vocabulary)
    assert (x.year, x.amount, x.count) == (None, amount, count)


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("customer 12,345 and 43", ("12345", "00043")),
        ("customer 12.345 or 00043", ("12345", "00043")),
        ("customer 12,345", ("12345",)),
        ("customers 12,345 and 43", ("12345", "00043")),
        ("customers 42, 431", ("00042", "00431")),  # a space after the comma: two ids
    ],
)
def test_an_id_with_a_thousands_separator_beside_another(
    text: str, ids: tuple[str, ...], vocabulary: Vocabulary
) -> None:
    assert extract(text, vocabulary).customer_ids == ids
