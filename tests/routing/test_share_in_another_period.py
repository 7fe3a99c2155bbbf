"""The same count of "them" in another period ("and in 1998?" after "how many of them ordered
more than 5 times?") keeps `share_of`: of those within the same bounds, then, not of everyone
who ordered."""

from assistant.routing import Memory, Router

ROWS = {"rows": [{"customer_id": "00001"}, {"customer_id": "00002"}]}


def _talk(router: Router, *questions: str) -> dict[str, object]:
    """The last question's arguments, each answer remembered as a list of customers."""
    memory, args = Memory(), {}
    for question in questions:
        route = router.route(question, memory, "operator")
        assert route.tool == "top_customers", question
        memory, args = memory.after("top_customers", route.args, ROWS), route.args
    return args


def test_a_new_period_keeps_the_share_of_them(minilm_router: Router) -> None:
    args = _talk(
        minilm_router,
        "customers who spent over $500 in 1997",
        "how many of them ordered more than 5 times?",
        "and in 1998?",
    )
    assert args == {
        "min_revenue": 500.01,
        "min_orders": 6,
        "lead": "share",
        "year": "1998",
        "share_of": "min_revenue",
    }


def test_a_bound_of_theirs_replaced_drops_the_share(minilm_router: Router) -> None:
    args = _talk(
        minilm_router,
        "customers who spent over $500 in 1997",
        "how many of them ordered more than 5 times?",
        "and with over $800 in 1998?",
    )
    assert "share_of" not in args and args["min_revenue"] == 800.01


def test_a_list_in_a_new_period_gets_no_share(minilm_router: Router) -> None:
    args = _talk(minilm_router, "customers who spent over $500 in 1997", "and in 1998?")
    assert args == {"min_revenue": 500.01, "year": "1998"}
