"""No tool leaves one customer out: "top customers by orders in 1998 excluding 07592" is the
ranking with a note that the list may include them, and a tool that lists no customers says it
covers every customer."""

from assistant.routing import Memory, Router


def test_a_customer_left_out_of_a_ranking_is_noted(minilm_router: Router) -> None:
    question = "top customers by orders in 1998 excluding 07592"
    route = minilm_router.route(question, Memory(), "operator")
    assert (route.tool, route.args) == ("top_customers", {"year": "1998", "by": "orders"})
    assert route.reason == "I can't leave out one customer ('07592'), so the list may include them."


def test_a_customer_left_out_of_best_sellers_is_noted(minilm_router: Router) -> None:
    route = minilm_router.route("best sellers excluding customer 42", Memory(), "operator")
    assert route.tool == "top_products"
    assert (
        route.reason == "I can't leave out one customer ('00042'), so this covers every customer."
    )
