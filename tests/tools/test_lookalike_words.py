"""similar_customers says what a lookalike has in common truthfully: the side of the average
customer both are on, with both values (which may differ widely), money as money."""

import pandas as pd

from assistant.tools.customers import similar_customers
from assistant.tools.lookalike_words import alike_words, trait_values
from retrieval.customers import CustomerIndex, SharedTrait
from tests.tools.conftest import MakeContext


def _index() -> CustomerIndex:
    frame = pd.DataFrame(
        {"frequency": [145.0, 31.0, 2.0, 1.0], "spend_total": [13991.0, 2915.0, 40.0, 20.0],
         "weeks_since_last": [1.0, 2.0, 30.0, 40.0]},
        index=["00001", "00002", "00003", "00004"],
    )  # fmt: skip
    return CustomerIndex(frame)


def test_values_that_differ_are_not_called_shared_and_money_reads_as_money() -> None:
    traits = [SharedTrait("frequency", 145.0, 31.0), SharedTrait("spend_total", 13991.0, 2915.0),
              SharedTrait("weeks_since_last", 1.0, 2.0)]  # fmt: skip
    said = alike_words(_index(), "00001", traits, "$")
    assert said == (
        "like 00001, above the average customer in repeat purchase days (145 vs 31) and total "
        "spend ($13,991.00 vs $2,915.00) and below it in weeks since the last purchase (1 vs 2)"
    )
    assert trait_values(traits[1], "€") == "total spend €13,991.00 vs €2,915.00"
    assert alike_words(_index(), "00001", [], "$") == ""


def test_the_answer_says_what_is_alike_not_shares(make_ctx: MakeContext) -> None:
    out = similar_customers(make_ctx(), "42", k=3)
    assert " shares " not in out.answer
    assert "The closest is, like 00042, " in out.answer
    assert " the average customer in " in out.answer
