"""The catalogue, run_tool's argument checks and role lock, and the LangChain tools."""

import pytest
from langchain_core.messages import ToolMessage

from assistant.roles import ROLES, TOOL_ROLES, may_use
from assistant.tools.base import ToolOutput
from assistant.tools.catalogue import CATALOGUE, run_tool
from assistant.tools.langchain import as_langchain_tools
from commerce.errors import Forbidden, InvalidInput, NotFound
from tests.tools.conftest import MakeContext

DESIGN_ORDER = ["customer_profile", "at_risk_customers", "similar_customers", "search_reviews",
                "review_sentiment", "list_segments", "segment_summary", "draft_offer",
                "plan_budget", "forecast_demand", "model_report", "recommend_products",
                "list_alerts", "explain_alert", "top_products", "top_customers",
                "bought_with", "discount_policy", "store_metrics"]  # fmt: skip


def test_catalogue_follows_the_design() -> None:
    assert list(CATALOGUE) == DESIGN_ORDER
    assert [n for n in TOOL_ROLES if n in CATALOGUE] == DESIGN_ORDER  # roles know every tool
    assert {n for n, s in CATALOGUE.items() if s.writes_text} == {"segment_summary", "draft_offer"}
    for spec in CATALOGUE.values():
        assert spec.description and "\n" not in spec.description
        assert spec.doc.startswith(spec.description.split()[0]) and "For " in spec.doc
        assert "ctx" not in spec.args_model.model_fields


def test_args_models_carry_types_defaults_and_bounds() -> None:
    fields = CATALOGUE["at_risk_customers"].args_model.model_fields
    bounds = {"min_revenue", "max_revenue", "min_orders", "max_orders", "min_average_order",
              "max_average_order"}  # fmt: skip
    lapsed = {"quiet_days", "no_order_since"}
    floors = {"min_churn_risk", "min_clv"}
    assert set(fields) == {"segment", "by", "limit", "offset", *bounds, *lapsed, *floors, "lead"}
    assert fields["limit"].default == 10
    schema = CATALOGUE["at_risk_customers"].args_model.model_json_schema()
    assert schema["properties"]["limit"]["maximum"] == 100
    assert schema["properties"]["offset"]["minimum"] == 0 and fields["offset"].default == 0
    offer = CATALOGUE["draft_offer"].args_model.model_json_schema()["properties"]
    assert offer["channel"]["enum"] == ["email", "sms"] and offer["channel"]["default"] == "email"
    assert CATALOGUE["plan_budget"].args_model.model_json_schema()["required"] == ["budget"]


def test_run_tool_validates_and_calls(make_ctx: MakeContext) -> None:
    ctx = make_ctx("operator")
    out = run_tool(ctx, "at_risk_customers", {"limit": "3"})
    assert isinstance(out, ToolOutput) and out.rows == 3
    assert run_tool(ctx, "customer_profile", {"customer_id": 42}).result["customer_id"] == "00042"
    with pytest.raises(
        InvalidInput,
        match=r"^I can list at most 100 customers at a time"
        r"; you asked for 5,000 \(argument 'limit'\)\.$",
    ):
        run_tool(ctx, "at_risk_customers", {"limit": 5000})
    with pytest.raises(
        InvalidInput,
        match=r"unknown argument 'top' \(valid: segment, by, limit, offset, min_revenue, "
        r"max_revenue, min_orders, max_orders, min_average_order, max_average_order, quiet_days, "
        r"no_order_since, min_churn_risk, "
        r"min_clv, lead\)",
    ):
        run_tool(ctx, "at_risk_customers", {"top": 3})
    with pytest.raises(InvalidInput, match=r"plan_budget: argument 'budget' is required"):
        run_tool(ctx, "plan_budget", {})
    with pytest.raises(InvalidInput, match=r"argument 'horizon_days': .*valid integer"):
        run_tool(ctx, "forecast_demand", {"horizon_days": "next quarter"})
    with pytest.raises(NotFound, match=r"no tool 'delete_everything'; tools: customer_profile, "):
        run_tool(ctx, "delete_everything", {})


def test_run_tool_refuses_a_role_its_tools(make_ctx: MakeContext) -> None:
    with pytest.raises(Forbidden, match=r"the marketer role may not use plan_budget; it may use: "):
        run_tool(make_ctx("marketer"), "plan_budget", {"budget": 10})
    with pytest.raises(Forbidden, match="support role may not use at_risk_customers"):
        run_tool(make_ctx("support"), "at_risk_customers", {})


def test_langchain_tools_per_role(make_ctx: MakeContext) -> None:
    for role in ROLES:
        names = [tool.name for tool in as_langchain_tools(make_ctx(role))]
        assert names == [n for n in DESIGN_ORDER if may_use(role, n)]
    tool = {t.name: t for t in as_langchain_tools(make_ctx("operator"))}["at_risk_customers"]
    assert tool.description == CATALOGUE["at_risk_customers"].doc
    assert tool.args_schema is CATALOGUE["at_risk_customers"].args_model


def test_langchain_tools_answer_and_never_raise(make_ctx: MakeContext) -> None:
    tools = {t.name: t for t in as_langchain_tools(make_ctx("support"))}
    profile = tools["customer_profile"]
    answer = profile.invoke({"customer_id": "00042"})
    assert isinstance(answer, str) and answer.startswith("Customer 00042")
    call = {"name": "customer_profile", "args": {"customer_id": "42"}, "id": "c1",
            "type": "tool_call"}  # fmt: skip
    message = profile.invoke(call)
    assert isinstance(message, ToolMessage) and isinstance(message.artifact, ToolOutput)
    assert message.artifact.result["customer_id"] == "00042"
    assert profile.invoke({"customer_id": "999999"}) == (
        "Error: no customer '999999'; ids look like '00001'"
    )
    bad = profile.invoke({"customer_id": "42", "limit": 3})
    assert bad.startswith("Error: customer_profile: unknown argument 'limit'")
    missing = tools["search_reviews"].invoke({"k": 0})
    assert (
        missing == "Error: search_reviews: I list at least 1 review; you asked for 0 (argument 'k')"
    )


def test_a_tool_that_breaks_answers_with_text(
    make_ctx: MakeContext, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object) -> ToolOutput:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("assistant.tools.langchain.run_tool", broken)
    tool = as_langchain_tools(make_ctx("operator"))[0]
    answer = tool.invoke({"customer_id": "00042"})
    assert answer == f"Error: {tool.name} failed unexpectedly; try other arguments or ask again."
    assert "disk on fire" in caplog.text
