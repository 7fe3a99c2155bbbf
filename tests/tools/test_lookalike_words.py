"""similar_customers says what a lookalike has in common truthfully: the side of the average
customer both are on, with each one's value and the average's named (two bare values read as
the customer against the average), money as money, and no side for values shown equal."""

import pandas as pd

from assistant.tools.customers import similar_customers
from assistant.tools.lookalike_words import alike_words, trait_values
from retrieval.customers import CustomerIndex, SharedTrait
from tests.tools.conftest import MakeContext


def _index() -> CustomerIndex:
    frame = pd.DataFrame(
        {"frequency": [145.0, 31.0, 2.0, 1.0], "spend_total": [13991.0, 2915.0, 40.0, 20.0],
         "weeks_since_last": [1.0, 2.0, 30.0, 40.0],
         "top_category_share": [0.5, 0.5, 0.9, 1.0], "categories": [4.0, 4.1, 3.9, 4.0]},
        index=["00001", "00002", "00003", "00004"],
    )  # fmt: skip
    return CustomerIndex(frame)


def test_each_value_is_named_and_the_average_given() -> None:
    traits = [SharedTrait("frequency", 145.0, 31.0), SharedTrait("spend_total", 13991.0, 2915.0),
              SharedTrait("weeks_since_last", 1.0, 2.0)]  # fmt: skip
    said = alike_words(_index(), "00001", "00002", traits, "$")
    assert said == (
        "like 00001, above the average customer in repeat purchase days (00001: 145, 00002: 31, "
        "average: 44.8) and total spend (00001: $13,991.00, 00002: $2,915.00, average: "
        "$4,241.50) and below it in weeks since the last purchase (00001: 1, 00002: 2, "
        "average: 18.2)"
    )
    assert trait_values(traits[1], "€") == "total spend €13,991.00 vs €2,915.00"
    assert alike_words(_index(), "00001", "00002", [], "$") == ""


def test_equal_figures_are_below_only_against_a_lower_average_and_never_when_shown_equal() -> None:
    share = alike_words(_index(), "00001", "00002", [SharedTrait("top_category_share", 0.5, 0.5)],
                        "$")  # fmt: skip
    assert share == (
        "like 00001, below the average customer in share of items in their top category "
        "(00001: 50%, 00002: 50%, average: 72%)"
    )
    categories = alike_words(_index(), "00001", "00002", [SharedTrait("categories", 4.0, 4.1)],
                             "$")  # fmt: skip
    assert categories == (
        "like 00001, close to the average customer in categories bought "
        "(00001: 4, 00002: 4.1, average: 4)"
    )


def test_the_answer_says_what_is_alike_not_shares(make_ctx: MakeContext) -> None:
    out = similar_customers(make_ctx(), "42", k=3)
    assert " shares " not in out.answer
    closest = out.result["rows"][0]["customer_id"]
    assert f"The closest, {closest}, is, like 00042, " in out.answer
    assert " the average customer in " in out.answer
    assert "00042: " in out.answer and f"{closest}: " in out.answer and "average: " in out.answer


def test_a_review_feature_is_set_beside_the_reviewers_average() -> None:
    # 0 is "wrote no review": over everyone the average rating read 1.25 beside two 5s.
    frame = pd.DataFrame(
        {"rating_mean": [5.0, 5.0, 0.0, 0.0], "spend_total": [10.0, 20.0, 30.0, 40.0]},
        index=["00001", "00002", "00003", "00004"],
    )
    said = alike_words(
        CustomerIndex(frame), "00001", "00002", [SharedTrait("rating_mean", 5.0, 5.0)], "$"
    )
    assert said == (
        "like 00001, close to the average customer in average review rating "
        "(00001: 5, 00002: 5, reviewers' average: 5)"
    )
    frame.loc["00003", "rating_mean"] = 2.0
    said = alike_words(
        CustomerIndex(frame), "00001", "00002", [SharedTrait("rating_mean", 5.0, 5.0)], "$"
    )
    assert "above the average customer" in said and "reviewers' average: 4" in said
