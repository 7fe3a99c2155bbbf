"""The tool catalogue: every tool with its description and argument model, and `run_tool`, the
one way to call a tool by name with arguments from a router or an LLM.

Arguments are checked against a pydantic model generated from the tool's signature (the
`ctx` parameter left out), so a bad one is refused with its name before the tool runs.
"""

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, get_type_hints

from pydantic import BaseModel, ConfigDict, ValidationError, create_model

from assistant.roles import may_use, scope_refusal
from assistant.tools.alerts import explain_alert, list_alerts
from assistant.tools.args import held_to_numbers
from assistant.tools.argument_errors import argument_errors, only_bounds
from assistant.tools.base import ToolContext, ToolOutput
from assistant.tools.bought_with import bought_with
from assistant.tools.customers import at_risk_customers, customer_profile, similar_customers
from assistant.tools.discount_policy import discount_policy
from assistant.tools.forecasting import forecast_demand
from assistant.tools.model_report import model_report
from assistant.tools.offers import draft_offer
from assistant.tools.planning import plan_budget
from assistant.tools.products import top_products
from assistant.tools.recommendations import recommend_products
from assistant.tools.reviews import review_sentiment, search_reviews
from assistant.tools.segments import list_segments, segment_summary
from assistant.tools.store_metrics import store_metrics
from assistant.tools.top_customers import top_customers
from commerce.errors import Forbidden, InvalidInput, NotFound

Tool = Callable[..., ToolOutput]


@dataclass(frozen=True)
class ToolSpec:
    """A tool as the router and the LLM see it."""

    name: str
    function: Tool
    description: str  # the docstring's first paragraph, on one line
    args_model: type[BaseModel]
    writes_text: bool = False  # the chat model writes text (drafting queue, streaming)

    @property
    def doc(self) -> str:
        """The whole docstring (description and example questions)."""
        return inspect.cleandoc(self.function.__doc__ or "")


def args_model(function: Tool) -> type[BaseModel]:
    """A pydantic model of the tool's arguments after `ctx`: types, defaults, bounds and
    descriptions from the signature; unknown arguments are refused, and so are true/false and
    NaN given for a number (tools/args.py: held_to_numbers)."""
    hints = get_type_hints(function, include_extras=True)
    fields: dict[str, Any] = {}
    for name, parameter in list(inspect.signature(function).parameters.items())[1:]:
        default = ... if parameter.default is inspect.Parameter.empty else parameter.default
        fields[name] = (held_to_numbers(hints[name]), default)
    title = "".join(part.title() for part in function.__name__.split("_")) + "Args"
    model: type[BaseModel] = create_model(
        title, __config__=ConfigDict(extra="forbid"), __doc__=description_of(function), **fields
    )
    return model


def description_of(function: Tool) -> str:
    """The first paragraph of the docstring, as one line."""
    first = inspect.cleandoc(function.__doc__ or "").split("\n\n")[0]
    return " ".join(first.split())


def _spec(function: Tool, writes_text: bool = False) -> ToolSpec:
    return ToolSpec(
        function.__name__, function, description_of(function), args_model(function), writes_text
    )


# In the order of the design's catalogue (docs: ../shared/DESIGN.md, "Tools the assistant
# routes to"), then the tools of later issues.
CATALOGUE: dict[str, ToolSpec] = {
    spec.name: spec
    for spec in (
        _spec(customer_profile),
        _spec(at_risk_customers),
        _spec(similar_customers),
        _spec(search_reviews),
        _spec(review_sentiment),
        _spec(list_segments),
        _spec(segment_summary, writes_text=True),
        _spec(draft_offer, writes_text=True),
        _spec(plan_budget),
        _spec(forecast_demand),
        _spec(model_report),
        _spec(recommend_products),
        _spec(list_alerts),
        _spec(explain_alert),
        _spec(top_products),
        _spec(top_customers),
        _spec(bought_with),
        _spec(discount_policy),
        _spec(store_metrics),
    )
}


def run_tool(ctx: ToolContext, name: str, args: Mapping[str, Any] | None = None) -> ToolOutput:
    """Call tool `name` with `args` for the caller in `ctx`: NotFound for an unknown tool
    (listing the tools), Forbidden when the role may not use it (or not with these arguments:
    assistant.roles.scope_refusal), InvalidInput naming each bad argument (argument_errors.py
    words a number out of its bounds). The caller checks the role first too
    (assistant.roles.may_use); this is the second lock, and the only check of the arguments'
    scope (chat and POST /v1/tools both come here)."""
    spec = CATALOGUE.get(name)
    if spec is None:
        raise NotFound(f"no tool '{name}'; tools: {', '.join(CATALOGUE)}")
    if not may_use(ctx.role, name):
        allowed = [tool for tool in CATALOGUE if may_use(ctx.role, tool)]
        raise Forbidden(f"the {ctx.role} role may not use {name}; it may use: {', '.join(allowed)}")
    if args is not None and not isinstance(args, Mapping):
        raise InvalidInput(f"{name}: arguments must be an object of names and values")
    try:
        parsed = spec.args_model.model_validate(dict(args or {}))
    except ValidationError as error:
        said = argument_errors(error, spec.args_model, ctx.settings.currency_symbol)
        # Bounds are worded for the user, naming their argument; the rest name the tool first.
        raise InvalidInput(f"{said}." if only_bounds(error) else f"{name}: {said}") from None
    values = dict(parsed)
    refusal = scope_refusal(ctx.role, name, values)
    if refusal:  # a tool the role may use, but not this widely (support: one customer)
        raise Forbidden(refusal)
    return spec.function(ctx, **values)
