"""Refinements of the last call ("what if we had 10k instead", "now cap discounts at 10%", "and
the next 10?"): the last tool again, with its arguments and what the message changes."""

import pytest

from assistant.routing import Memory, Router, Vocabulary
from assistant.routing.followup import next_count, refines
from tests.retrieval.fakes import HashingEmbedder

EXAMPLES = {
    "customer_profile": ["show customer profile"],
    "at_risk_customers": ["which customers are at risk of churning"],
    "similar_customers": ["customers similar to customer"],
    "draft_offer": ["draft an offer", "write an offer"],
    "plan_budget": ["plan a budget"],
    "forecast_demand": ["forecast demand"],
    "greeting": ["hello"],
}
BUDGET = Memory().after("plan_budget", {"segment": "champions", "budget": 5000.0}, {})
TOP_5 = Memory().after(
    "at_risk_customers",
    {"segment": "champions", "limit": 5},
    {"rows": [{"customer_id": f"0000{i}"} for i in range(1, 6)]},
)
PROFILE = Memory().after("customer_profile", {"customer_id": "00042"}, {"customer_id": "00042"})


@pytest.fixture
def router(embedder: HashingEmbedder, vocabulary: Vocabulary) -> Router:
    return Router(embedder, vocabulary, examples=EXAMPLES, threshold=0.3)


def test_what_if_keeps_the_segment_of_the_plan(router: Router, embedder: HashingEmbedder) -> None:
    before = embedder.embedded
    route = router.route("what if we had 10k instead", BUDGET, "operator")
    assert (route.kind, route.tool) == ("tool", "plan_budget")
    assert route.args == {"segment": "champions", "budget": 10000.0}
    assert embedder.embedded == before  # memory decided
    other = router.route("what if we had 10k for the loyal segment", BUDGET, "operator")
    assert other.args == {"segment": "loyal", "budget": 10000.0}


def test_a_cap_refines_the_plan_rather_than_drafting_an_offer(router: Router) -> None:
    for role in ("operator", "admin"):
        route = router.route("now cap discounts at 10%", BUDGET, role)
        assert (route.kind, route.tool) == ("tool", "plan_budget"), role
        assert route.args == {"segment": "champions", "budget": 5000.0, "max_discount_pct": 10.0}


@pytest.mark.parametrize(
    ("message", "changed"),
    [
        ("what about 20% max", {"max_discount_pct": 20.0}),
        ("max 10% discount", {"max_discount_pct": 10.0}),
        ("what about 15 percent tops", {"max_discount_pct": 15.0}),
        ("what if we only had 2000?", {"budget": 2000.0}),
        ("and with 3000?", {"budget": 3000.0}),
        # a number beside a discount's words is the cap, not a budget of $15
        ("now cap discounts at 15", {"max_discount_pct": 15.0}),
        ("limit discounts to 10", {"max_discount_pct": 10.0}),
    ],
)
def test_a_bound_or_a_bare_number_refines_the_plan(
    router: Router, message: str, changed: dict[str, float]
) -> None:
    route = router.route(message, BUDGET, "operator")
    assert (route.kind, route.tool) == ("tool", "plan_budget")
    assert route.args == {"segment": "champions", "budget": 5000.0, **changed}


def test_a_bare_number_is_no_budget_after_other_answers(router: Router) -> None:
    route = router.route("and with 3000?", TOP_5, "operator")
    assert "budget" not in route.args


def test_the_next_ten_is_the_next_page(router: Router) -> None:
    route = router.route("and the next 10?", TOP_5, "operator")
    assert (route.kind, route.tool, route.args) == (
        "tool",
        "at_risk_customers",
        {"segment": "champions", "limit": 10, "offset": 5},
    )
    unlimited = Memory().after(  # the tool's default count (10) was shown
        "at_risk_customers", {}, {"rows": [{"customer_id": "00001"}, {"customer_id": "00002"}]}
    )
    route = router.route("show me the next twenty", unlimited, "operator")
    assert route.args == {"limit": 20, "offset": 10}


def test_a_value_the_last_tool_cannot_take_is_no_refinement(router: Router) -> None:
    route = router.route("now the next 10 days", BUDGET, "operator")
    assert "max_discount_pct" not in route.args and "horizon_days" not in route.args
    offer = router.route("now draft an sms for them", BUDGET, "marketer")
    assert (offer.tool, offer.args) == ("draft_offer", {"segment": "champions", "channel": "sms"})


def test_cue_words_do_not_turn_a_refinement_into_a_refusal(
    embedder: HashingEmbedder, vocabulary: Vocabulary
) -> None:
    """An offer and a plan read the same here; only the offer's cue word ("offers") and the
    percentage put it ahead. The operator refining a plan gets the plan; an admin, who may
    draft, gets what scored best."""
    same = {"draft_offer": ["now cap the offers at"], "plan_budget": ["now cap the offers at"]}
    router = Router(embedder, vocabulary, examples=same, threshold=0.3)
    route = router.route("now cap the offers at 10%", BUDGET, "operator")
    assert (route.kind, route.tool) == ("tool", "plan_budget")
    assert route.args == {"segment": "champions", "budget": 5000.0, "max_discount_pct": 10.0}
    assert router.route("now cap the offers at 10%", BUDGET, "admin").tool == "draft_offer"


def test_an_asked_for_tool_the_role_may_not_use_is_still_refused(router: Router) -> None:
    route = router.route("now draft an offer for customer 43", PROFILE, "operator")
    assert (route.kind, route.tool) == ("refuse", "draft_offer")


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("and the next 10?", 10),
        ("next twenty please", 20),
        ("show me the next 5 customers", 5),
        ("and the next one?", None),  # the next customer, not a count
        ("forecast the next 10 days", None),
        ("the next 2 weeks", None),
        ("next 10k", None),
        ("next 15%", None),
        ("next 1.5", None),
        ("show me 10 more", 10),
        ("5 more please", 5),
        ("5 more dollars", None),
        ("two more weeks", None),
        ("3 more than last month", None),
    ],
)
def test_next_count(text: str, count: int | None) -> None:
    assert next_count(text) == count


def test_refinement_wordings() -> None:
    for text in ("what if we had 10k", "now cap discounts at 10%", "make it sms instead"):
        assert refines(text), text
    assert not refines("plan a budget of 5000 for champions")


def test_the_real_router_on_the_refinements_it_suggests(minilm_router: Router) -> None:
    """The conversations from the review, with the real MiniLM router."""
    plan = minilm_router.route("plan a $5k budget for champions", Memory(), "operator")
    after = Memory().after(plan.tool or "", plan.args, {})
    more = minilm_router.route("what if we had 10k instead", after, "operator")
    assert (more.tool, more.args) == ("plan_budget", {"segment": "champions", "budget": 10000.0})
    cap = minilm_router.route("now cap discounts at 10%", after, "operator")
    assert (cap.kind, cap.tool) == ("tool", "plan_budget")
    assert cap.args == {"segment": "champions", "budget": 5000.0, "max_discount_pct": 10.0}
    top = minilm_router.route("top 5 at risk champions", Memory(), "operator")
    rows = {"rows": [{"customer_id": f"0000{i}"} for i in range(1, 6)]}
    listed = Memory().after(top.tool or "", top.args, rows)
    nxt = minilm_router.route("and the next 10?", listed, "operator")
    assert (nxt.kind, nxt.tool, nxt.args) == (
        "tool",
        "at_risk_customers",
        {"segment": "champions", "limit": 10, "offset": 5},
    )


def test_the_next_few_count_on_only_for_the_last_tool(router: Router) -> None:
    route = router.route("the next 3 customers similar to customer 42", TOP_5, "operator")
    assert (route.tool, route.args) == ("similar_customers", {"customer_id": "00042", "k": 3})


def test_a_grouping_alone_regroups_the_last_answer(minilm_router: Router) -> None:
    forecast = Memory().after("forecast_demand", {}, {})
    route = minilm_router.route("by category", forecast, "operator")
    assert (route.tool, route.args) == ("forecast_demand", {"by": "category"})


@pytest.mark.parametrize("text", ["and for 3 segments?", "same but 2 channels"])
def test_a_number_of_something_is_no_budget(router: Router, text: str) -> None:
    assert router.route(text, BUDGET, "operator").args.get("budget", 5000.0) == 5000.0


def test_by_the_way_is_no_regrouping() -> None:
    assert not refines("by the way, what's our repeat rate in 1998?")
    assert refines("by category")
