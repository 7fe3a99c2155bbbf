"""Paging in chat: "and the next 10?" asks for the next page (an offset and a count, not a longer
list), memory keeps the page's ids and first rank, so "the second one" and "next one" point at
the customers shown."""

import json

import pytest

from assistant.routing import SIGNATURES, Memory, Router, Vocabulary
from tests.retrieval.fakes import HashingEmbedder

EXAMPLES = {
    "customer_profile": ["show customer profile"],
    "at_risk_customers": ["which customers are at risk of churning"],
    "search_reviews": ["find reviews mentioning"],
    "list_alerts": ["any new alerts"],
    "greeting": ["hello"],
}


def _page(first: int, size: int) -> dict[str, list[dict[str, object]]]:
    """An at-risk result whose rows are ranks first..first+size-1 (ids are the ranks)."""
    return {"rows": [{"rank": r, "customer_id": f"{r:05d}"} for r in range(first, first + size)]}


TOP_5 = Memory().after("at_risk_customers", {"segment": "champions", "limit": 5}, _page(1, 5))


@pytest.fixture
def router(embedder: HashingEmbedder, vocabulary: Vocabulary) -> Router:
    return Router(embedder, vocabulary, examples=EXAMPLES, threshold=0.3)


def test_the_next_ten_after_five_are_ranks_6_to_15(router: Router) -> None:
    route = router.route("and the next 10?", TOP_5, "operator")
    assert (route.kind, route.tool, route.args) == (
        "tool",
        "at_risk_customers",
        {"segment": "champions", "limit": 10, "offset": 5},
    )
    page_2 = TOP_5.after("at_risk_customers", route.args, _page(6, 10))
    again = router.route("show me the next twenty", page_2, "operator")
    assert again.args == {"segment": "champions", "limit": 20, "offset": 15}
    more = router.route("show me 10 more", page_2, "operator")
    assert more.args == {"segment": "champions", "limit": 10, "offset": 15}


def test_without_a_count_the_tool_default_was_shown(router: Router) -> None:
    unlimited = Memory().after("at_risk_customers", {}, _page(1, 10))
    assert router.route("next 5 please", unlimited, "operator").args == {"limit": 5, "offset": 10}
    reviews = Memory().after("search_reviews", {"query": "shipping"}, {"hits": []})
    route = router.route("and the next 5", reviews, "operator")
    assert (route.tool, route.args) == (
        "search_reviews",
        {"query": "shipping", "k": 5, "offset": 5},
    )


def test_a_page_is_kept_only_by_paging(router: Router) -> None:
    page_2 = TOP_5.after("at_risk_customers", {"segment": "champions", "limit": 10, "offset": 5},
                         _page(6, 10))  # fmt: skip
    route = router.route("same for loyal", page_2, "operator")
    assert route.args == {"segment": "loyal", "limit": 10}  # the top of loyal, not ranks 6-15


def test_a_page_down_the_list_is_what_positions_point_at() -> None:
    page_2 = Memory().after("at_risk_customers", {"limit": 10, "offset": 5}, _page(6, 10))
    assert page_2.first_rank == 6 and page_2.customer_ids[0] == "00006"
    assert page_2.listed(2) == "00007"  # "the second one": the second row shown
    assert page_2.listed(8) == "00008"  # "number 8 on the list": the row ranked 8
    assert page_2.listed(-1) == "00015"
    assert page_2.next_customer() == "00006"  # "the next one": the page's first
    assert page_2.focus("00006").next_customer() == "00007"
    stored = Memory.from_dict(json.loads(json.dumps(page_2.to_dict())))
    assert stored == page_2
    assert Memory.from_dict({**page_2.to_dict(), "first_rank": "6"}).first_rank == 1


def test_the_second_one_after_a_page_is_the_second_customer_shown(router: Router) -> None:
    page_2 = Memory().after("at_risk_customers", {"limit": 10, "offset": 5}, _page(6, 10))
    route = router.route("tell me about the second one", page_2, "operator")
    assert (route.tool, route.args) == ("customer_profile", {"customer_id": "00007"})
    nxt = router.route("and the next one?", page_2, "operator")
    assert (nxt.tool, nxt.args) == ("customer_profile", {"customer_id": "00006"})


def test_count_tools_default_as_the_tools_do() -> None:
    """The router counts on from a tool's default count: the two must agree. The sentiment
    summary's k is None unless asked (every complaint theme); its pages, products ranked by
    their reviews, are RANKED_SHOWN long then."""
    import inspect

    from assistant.tools.catalogue import CATALOGUE
    from assistant.tools.sentiment import RANKED_SHOWN

    for name, signature in SIGNATURES.items():
        for arg in signature.args:
            if arg.name in ("limit", "k"):
                default = inspect.signature(CATALOGUE[name].function).parameters[arg.name].default
                if name == "review_sentiment":
                    assert default is None
                    default = RANKED_SHOWN
                assert arg.default == default, (name, arg.name)
        if "offset" in signature.arg_names:
            assert any(n in signature.arg_names for n in ("limit", "k")), name


@pytest.mark.parametrize("text", ["next page", "more", "show me more please", "keep going"])
def test_next_page_or_more_is_a_page_as_long_as_the_last(router: Router, text: str) -> None:
    route = router.route(text, TOP_5, "operator")
    assert (route.kind, route.tool) == ("tool", "at_risk_customers")
    assert route.args == {"segment": "champions", "limit": 5, "offset": 5}


def test_more_with_no_list_shown_is_no_page(router: Router) -> None:
    assert router.route("more", Memory(), "operator").kind != "tool"
