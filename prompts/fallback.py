"""Fallback copy: plain texts filled by code when the model's drafts fail verification.

A fallback file (prompts/templates/fallback/NAME.txt) is the final text with `{name}` slots and
optional defaults (`{customer_name|there}`). A line whose slot has no value and no default is
left out, so a missing optional fact drops its sentence instead of leaving a hole. Values are
cleaned to one line each (render.clean_text); no model reads this text, so nothing is quoted.
"""

import re
from collections.abc import Mapping
from importlib import resources

from prompts.errors import TemplateError
from prompts.render import clean_text

SLOT = re.compile(r"\{([a-z_][a-z0-9_]*)(?:\|([^{}]*))?\}")


def fallback_names() -> list[str]:
    """The names of the packaged fallback texts."""
    folder = resources.files("prompts") / "templates" / "fallback"
    return sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt"))


def render_fallback(name: str, values: Mapping[str, str | None]) -> str:
    """The fallback text NAME with values filled in; lines with an unfilled slot are dropped."""
    if name not in fallback_names():
        raise TemplateError(f"no fallback text '{name}' (valid: {', '.join(fallback_names())})")
    source = resources.files("prompts") / "templates" / "fallback" / f"{name}.txt"
    lines: list[str] = []
    for line in source.read_text(encoding="utf-8").splitlines():
        filled = _fill(line, values)
        if filled is not None:
            lines.append(filled)
    return "\n".join(lines).strip()


def _fill(line: str, values: Mapping[str, str | None]) -> str | None:
    hole = False

    def one(match: re.Match[str]) -> str:
        nonlocal hole
        value = values.get(match.group(1))
        text = clean_text(value) if value else ""
        if text:
            return text
        if match.group(2) is not None:
            return match.group(2)
        hole = True
        return ""

    filled = SLOT.sub(one, line)
    return None if hole else filled
