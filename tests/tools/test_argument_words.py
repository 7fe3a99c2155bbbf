"""A number out of its bounds is refused in a user's words, naming the limit and what was
asked, with the argument's name kept for API callers; other refusals keep the tool's name."""

import pytest

from assistant.tools.catalogue import run_tool
from commerce.errors import InvalidInput
from tests.tools.conftest import MakeContext


@pytest.mark.parametrize(
    ("tool", "args", "said"),
    [
        ("top_customers", {"limit": 100000},
         "I can list at most 100 customers at a time; you asked for 100,000 (argument 'limit')."),
        ("plan_budget", {"budget": 1e12},
         "A budget must be at most $100,000,000.00; you asked for $1,000,000,000,000.00 "
         "(argument 'budget')."),
        ("forecast_demand", {"horizon_days": 5000},
         "A forecast's reach must be at most 730 days; you asked for 5,000 days "
         "(argument 'horizon_days')."),
        ("at_risk_customers", {"quiet_days": 0},
         "A quiet spell must be at least 1 day; you asked for 0 days (argument 'quiet_days')."),
    ],
)  # fmt: skip
def test_bounds_read_as_user_words(
    make_ctx: MakeContext, tool: str, args: dict[str, object], said: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        run_tool(make_ctx("operator"), tool, args)
    assert str(refused.value) == said


def test_other_refusals_still_name_the_tool_and_argument(make_ctx: MakeContext) -> None:
    with pytest.raises(InvalidInput, match=r"^top_customers: argument 'limit': .*valid integer"):
        run_tool(make_ctx("operator"), "top_customers", {"limit": "many"})
