"""The catalogue as LangChain tools, for the LLM's tool-calling fallback.

Each tool's call returns the answer text (the computed facts) as its content and the whole
ToolOutput as its artifact. It never raises: a bad argument or a failed tool comes back as
text that says what is wrong, so the model can correct itself (as langgraph's ToolNode does
with handle_tool_errors), and no request ends in a 500.
"""

import logging
from collections.abc import Callable
from typing import Any

from langchain_core.tools import BaseTool, StructuredTool
from pydantic import ValidationError

from assistant.roles import may_use
from assistant.tools.argument_errors import argument_errors
from assistant.tools.base import ToolContext, ToolOutput
from assistant.tools.catalogue import CATALOGUE, ToolSpec, run_tool
from commerce.errors import RetainError

log = logging.getLogger(__name__)


def as_langchain_tools(ctx: ToolContext) -> list[BaseTool]:
    """One StructuredTool per tool the caller's role may use, in catalogue order, bound to
    `ctx` (its role, data and streaming callback)."""
    return [_tool(ctx, spec) for spec in CATALOGUE.values() if may_use(ctx.role, spec.name)]


def _tool(ctx: ToolContext, spec: ToolSpec) -> BaseTool:
    def call(**args: Any) -> tuple[str, ToolOutput | None]:
        try:
            result = run_tool(ctx, spec.name, args)
        except RetainError as error:
            return f"Error: {error}", None
        except Exception:
            # Whatever broke, the model gets a sentence and the log gets the traceback.
            log.exception("tool %s failed with %s", spec.name, args)
            return (
                f"Error: {spec.name} failed unexpectedly; try other arguments or ask again.",
                None,
            )
        return result.answer, result

    return StructuredTool.from_function(
        func=call,
        name=spec.name,
        description=spec.doc,
        args_schema=spec.args_model,
        response_format="content_and_artifact",
        handle_validation_error=_validation_text(spec),
    )


def _validation_text(spec: ToolSpec) -> Callable[[ValidationError], str]:
    def text(error: ValidationError) -> str:
        return f"Error: {spec.name}: {argument_errors(error, spec.args_model)}"

    return text
