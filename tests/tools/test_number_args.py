"""Every count and amount a tool takes refuses what JSON lets pass for a number: true/false
(pydantic would read true as 1) and, for amounts, NaN and infinity (which the bounds would
misreport as "less than or equal to ...")."""

import math

import pytest
from pydantic import ValidationError

from assistant.tools.args import held_to_numbers, number_kind
from assistant.tools.base import ToolContext
from assistant.tools.catalogue import CATALOGUE, run_tool
from commerce.errors import InvalidInput
from tests.tools.conftest import MakeContext


def number_arguments(kind: type) -> list[tuple[str, str]]:
    """(tool, argument) for every argument of every tool that takes a number of `kind`."""
    return [
        (name, argument)
        for name, spec in CATALOGUE.items()
        for argument, field in spec.args_model.model_fields.items()
        if number_kind(field.annotation) is kind
    ]


WHOLE = number_arguments(int)
AMOUNTS = number_arguments(float)


def problem(tool: str, argument: str, value: object) -> str | None:
    """What the tool's argument model says about `argument` given `value`, or None."""
    try:
        CATALOGUE[tool].args_model.model_validate({argument: value})
    except ValidationError as error:
        errors = [e for e in error.errors() if e["loc"][:1] == (argument,)]
        return str(errors[0]["msg"]) if errors else None
    return None


def test_the_number_arguments_are_found() -> None:
    # The checks below cover these (and any added later): a sample proves they are not empty.
    counts = {("at_risk_customers", "limit"), ("search_reviews", "min_rating"),
              ("explain_alert", "alert_id"), ("top_customers", "offset")}  # fmt: skip
    amounts = {("plan_budget", "budget"), ("plan_budget", "max_discount_pct"),
               ("draft_offer", "discount_pct"), ("top_customers", "min_revenue")}  # fmt: skip
    assert counts <= set(WHOLE) and amounts <= set(AMOUNTS)


@pytest.mark.parametrize(("tool", "argument"), WHOLE)
@pytest.mark.parametrize("flag", [True, False])
def test_a_count_refuses_true_and_false(tool: str, argument: str, flag: bool) -> None:
    assert problem(tool, argument, flag) == "must be a whole number, not true/false"


@pytest.mark.parametrize(("tool", "argument"), AMOUNTS)
@pytest.mark.parametrize("flag", [True, False])
def test_an_amount_refuses_true_and_false(tool: str, argument: str, flag: bool) -> None:
    assert problem(tool, argument, flag) == "must be a number, not true/false"


@pytest.mark.parametrize(("tool", "argument"), AMOUNTS)
@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, "nan", " -Infinity "])
def test_an_amount_refuses_nan_and_infinity_as_not_finite(
    tool: str, argument: str, value: object
) -> None:
    # The same words pydantic gives for a count (at_risk_customers' limit).
    assert problem(tool, argument, value) == "Input should be a finite number"
    assert problem("at_risk_customers", "limit", math.nan) == "Input should be a finite number"


@pytest.mark.parametrize(("tool", "argument"), [*WHOLE, *AMOUNTS])
def test_numbers_written_as_numbers_or_text_still_pass(tool: str, argument: str) -> None:
    assert problem(tool, argument, 1) is None and problem(tool, argument, "1") is None


def test_other_types_are_left_as_they_are() -> None:
    assert held_to_numbers(str) is str and held_to_numbers(bool) is bool


def test_plan_budget_with_nan_says_the_budget_is_not_finite(make_ctx: MakeContext) -> None:
    ctx: ToolContext = make_ctx("operator")
    with pytest.raises(InvalidInput) as caught:
        run_tool(ctx, "plan_budget", {"budget": math.nan})
    assert str(caught.value) == (
        "plan_budget: argument 'budget': Input should be a finite number (got nan)"
    )
    with pytest.raises(InvalidInput, match="argument 'limit': must be a whole number, not true/"):
        run_tool(ctx, "at_risk_customers", {"limit": True})
