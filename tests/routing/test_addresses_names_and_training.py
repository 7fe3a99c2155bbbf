"""Review R14 of whom a message names: an e-mail address in a review search is its topic, not
a customer; a capitalised word after "for", "to" or "like" is a customer only where the store
has one of that name; a product after "people like" or "similar to" is no lookalike's
customer; "name of ... customer" is a person's name only when the name is the customer's;
"everyone" is a target only as whom a request is for; only the model's training is refused."""

import pytest

from assistant.roles import CONTACTS_REFUSAL, Role
from assistant.routing import Memory, Router, Vocabulary, extract

PROFILE = Memory().after("customer_profile", {"customer_id": "00003"}, {"customer_id": "00003"})
HIBERNATING = Memory().after("segment_summary", {"segment": "hibernating"}, {"name": "hibernating"})
HOLIDAYS = ["Diwali", "Hanukkah", "Ramadan", "Labor Day", "Prime Day", "Lunar New Year"]


@pytest.mark.parametrize("role", ["operator", "marketer"])
@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("reviews mentioning support@ourshop.com", "support ourshop com"),
        ("any reviews that say to email info@brand.com?", "email info brand com"),
    ],
)
def test_an_address_in_a_review_search_is_its_topic(
    text: str, topic: str, role: Role, minilm_router: Router
) -> None:
    route = minilm_router.route(text, Memory(), role)
    assert (route.kind, route.tool, route.args) == ("tool", "search_reviews", {"query": topic})


@pytest.mark.parametrize(
    "text", ["lynn.sketch.00003@example.com", "who is lynn.sketch.00003@example.com?"]
)
def test_an_address_asked_about_is_still_a_customer(text: str, vocabulary: Vocabulary) -> None:
    assert extract(text, vocabulary).customer_ids == ("lynn.sketch.00003@example.com",)


def test_the_digits_of_an_address_searched_for_are_no_customer(vocabulary: Vocabulary) -> None:
    x = extract("reviews mentioning lynn.sketch.00003@example.com", vocabulary)
    assert x.customer_ids == () and x.topic == "lynn sketch 00003 example com"


@pytest.mark.parametrize(
    ("text", "segment"),
    [
        ("launch a training offer for new customers", "new"),
        ("run a training session for the support team", None),
        ("kick off training for new hires on offers", None),
    ],
)
def test_other_trainings_are_not_refused(
    text: str, segment: str | None, minilm_router: Router
) -> None:
    route = minilm_router.route(text, Memory(), "marketer")
    assert route.kind != "refuse"
    if segment is not None:
        assert (route.tool, route.args) == ("draft_offer", {"segment": segment})


@pytest.mark.parametrize(
    "text", ["retrain", "start model training", "training the churn model", "retrain the predictor"]
)
def test_training_the_model_is_refused(text: str, minilm_router: Router) -> None:
    route = minilm_router.route(text, Memory(), "marketer")
    assert route.kind == "refuse" and "retain train" in route.reason


@pytest.mark.parametrize(
    "text",
    [
        *(f"draft an offer for {day}" for day in HOLIDAYS),
        "draft an offer for Earl Grey",
        "draft an offer like Amazon does",
        "draft an offer to Win back",
    ],
)
def test_a_capitalised_word_that_is_no_customer_keeps_the_customer_talked_about(
    text: str, minilm_router: Router, known_router: Router
) -> None:
    asked: tuple[tuple[Router, Role], ...] = (
        (minilm_router, "marketer"),
        (known_router, "support"),
    )
    for router, role in asked:
        route = router.route(text, PROFILE, role)
        assert (route.tool, route.args.get("customer_id"), route.missing) == (
            "draft_offer",
            "00003",
            (),
        )


def test_a_known_name_after_for_is_the_customer(known_router: Router) -> None:
    route = known_router.route("draft an offer for Ada Lovelace", PROFILE, "support")
    assert (route.tool, route.args.get("customer_id")) == ("draft_offer", "Ada Lovelace")


def test_a_name_after_customers_like_still_counts_without_names(vocabulary: Vocabulary) -> None:
    assert extract("customers like Lynn Sketch", vocabulary).customer_ids == ("Lynn Sketch",)
    assert extract("similar customers to Lynn", vocabulary).unread is not None


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("do buyers like Dark Chocolate", "top_products"),
        ("do people like Earl Grey", "search_reviews"),
    ],
)
def test_a_product_liked_is_no_lookalikes_customer(
    text: str, tool: str, known_router: Router
) -> None:
    route = known_router.route(text, Memory(), "operator")
    assert route.tool == tool and "customer_id" not in route.args
    if tool == "search_reviews":
        assert route.args == {"query": "earl grey"}


def test_products_similar_to_a_product_are_no_lookalikes(known_router: Router) -> None:
    route = known_router.route("what products are similar to Earl Grey", Memory(), "operator")
    assert route.tool != "similar_customers"
    assert extract("customers like Dark Chocolate", known_router.vocabulary).customer_ids == ()


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("name of customer 00003's segment", "customer_profile"),
        ("what is the name of the customer segment with the most revenue", "list_segments"),
    ],
)
def test_the_name_of_a_customers_segment_is_no_contact_detail(
    text: str, tool: str, minilm_router: Router
) -> None:
    route = minilm_router.route(text, Memory(), "marketer")
    assert (route.kind, route.tool) == ("tool", tool)


@pytest.mark.parametrize(
    "text",
    [
        "what is the name of this customer's segment",
        "what is the name of this customer's favourite product",
    ],
)
def test_what_a_customer_has_is_no_contact_detail(text: str, minilm_router: Router) -> None:
    assert minilm_router.route(text, PROFILE, "marketer").reason != CONTACTS_REFUSAL


@pytest.mark.parametrize("text", ["what is 00003 called", "the customer's name"])
def test_a_customers_own_name_is_still_refused(text: str, minilm_router: Router) -> None:
    route = minilm_router.route(text, PROFILE, "marketer")
    assert (route.kind, route.reason) == ("refuse", CONTACTS_REFUSAL)


@pytest.mark.parametrize(
    ("text", "memory", "target"),
    [
        ("draft an offer for everybody there", HIBERNATING, {"segment": "hibernating"}),
        ("draft an offer like the one everyone got", PROFILE, {"customer_id": "00003"}),
    ],
)
def test_everyone_pointing_back_is_no_target_of_its_own(
    text: str, memory: Memory, target: dict[str, str], minilm_router: Router
) -> None:
    route = minilm_router.route(text, memory, "marketer")
    assert route.tool == "draft_offer" and route.missing == ()
    assert {k: v for k, v in route.args.items() if k in target} == target


def test_everyone_gets_is_still_a_target(vocabulary: Vocabulary) -> None:
    target = extract("everyone gets 10% off", vocabulary).unread
    assert target is not None and (target.kind, target.words) == ("everyone", "everyone")
