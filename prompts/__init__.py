"""Prompt templates as files, and the pure functions that render them.

    load_template(name) -> Template        read and check prompts/templates/NAME.txt
    render(template, facts) -> Prompt      fill it; facts go in one fenced block, quoted as data
    render_fallback(name, values) -> str   plain copy used when a model's draft fails its checks

Imports nothing heavy: no model, no pandas. Errors: MissingFacts, TemplateError (InvalidInput).
"""

from prompts.errors import MissingFacts, TemplateError
from prompts.fallback import fallback_names, render_fallback
from prompts.render import (
    FENCE_CLOSE,
    FENCE_OPEN,
    FactValue,
    Prompt,
    PromptMessage,
    clean_text,
    fact_block,
    format_number,
    quote,
    render,
)
from prompts.template import Template, load_template, parse_template, template_names

__all__ = [
    "FENCE_CLOSE",
    "FENCE_OPEN",
    "FactValue",
    "MissingFacts",
    "Prompt",
    "PromptMessage",
    "Template",
    "TemplateError",
    "clean_text",
    "fact_block",
    "fallback_names",
    "format_number",
    "load_template",
    "parse_template",
    "quote",
    "render",
    "render_fallback",
    "template_names",
]
