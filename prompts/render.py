"""Rendering a template with facts: a pure function, and the quoting that keeps facts as data.

Every fact reaches the model inside one fenced block:

    <facts>
    customer_name: "Ada"
    discount_pct: 15
    </facts>

Text facts are data, never instructions, however they read. Three rules make that hold for any
text: whitespace (newlines included) collapses to single spaces, so a value cannot start a line
of its own; `<` and `>` become the single angle quotes U+2039 and U+203A, so no value can spell
the fence; and each value is JSON-quoted, so a value cannot end its own quotes. Numbers may also
be inlined in the instructions (`{discount_pct}`), because a number cannot carry words.
"""

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypedDict

from prompts.errors import MissingFacts, TemplateError
from prompts.template import FACTS_SLOT, PLACEHOLDER, Template, example_lines, load_template

FactValue = str | int | float | bool | Sequence[str] | None
FENCE_OPEN = "<facts>"
FENCE_CLOSE = "</facts>"
MAX_TEXT_CHARS = 600  # one review or theme; longer text is cut, so no fact can flood the prompt
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")
_SPACE = re.compile(r"\s+")


class PromptMessage(TypedDict):
    """The shape of assistant.llm.base.Message, declared here because prompts imports no LLM."""

    role: Literal["system", "user", "assistant"]
    content: str


@dataclass(frozen=True)
class Prompt:
    """A rendered template: its messages and the facts that went into them.

    `example` is the template's worked example, (user turn, answer), sent before the real turn;
    `example_facts` are the facts it was written from (see `copied_example_values`).
    """

    template: str
    system: str
    user: str
    facts: dict[str, FactValue]
    example: tuple[str, str] | None = None
    example_facts: dict[str, FactValue] = field(default_factory=dict)

    def messages(self) -> list[PromptMessage]:
        """system, then the example's user turn and answer (if any), then the real user turn."""
        shown: list[PromptMessage] = []
        if self.example is not None:
            shown = [
                {"role": "user", "content": self.example[0]},
                {"role": "assistant", "content": self.example[1]},
            ]
        return [
            {"role": "system", "content": self.system},
            *shown,
            {"role": "user", "content": self.user},
        ]

    def copied_example_values(self) -> tuple[str, ...]:
        """The example's text values that the real facts do not hold: a draft that writes one
        copied the example instead of using its own facts (a name, a category, a product)."""
        own = {t.lower() for t in _texts(self.facts)}
        return tuple(t for t in dict.fromkeys(_texts(self.example_facts)) if t.lower() not in own)


def render(template: Template | str, facts: Mapping[str, FactValue]) -> Prompt:
    """Fill a template with facts; MissingFacts names every required fact that is absent.

    Facts the template does not declare are left out, so one facts dict can serve several
    templates. A fact that is None, "" or an empty list counts as absent.
    """
    tpl = load_template(template) if isinstance(template, str) else template
    given = {k: v for k, v in facts.items() if k in tpl.declared and not _absent(v)}
    missing = [name for name in tpl.required if name not in given]
    if missing:
        raise MissingFacts(tpl.name, missing)
    ordered = {name: given[name] for name in tpl.declared if name in given}

    def fill(text: str, block: str) -> str:
        def one(match: re.Match[str]) -> str:
            name = match.group(1)
            if name == FACTS_SLOT:
                return block
            return _inline(tpl.name, name, ordered.get(name))

        return PLACEHOLDER.sub(one, text)

    block = fact_block(ordered)
    example: tuple[str, str] | None = None
    example_facts: dict[str, FactValue] = {}
    if tpl.example_answer:
        example_facts = _example_facts(tpl, ordered)
        shown = fill(tpl.user, fact_block(example_facts))
        example = (shown, fill(tpl.example_answer, block))
    return Prompt(
        tpl.name, fill(tpl.system, block), fill(tpl.user, block), ordered, example, example_facts
    )


def fact_block(facts: Mapping[str, FactValue]) -> str:
    """The fenced block of facts, one `name: value` line each, values quoted as data."""
    lines = [f"{name}: {quote(value)}" for name, value in facts.items() if not _absent(value)]
    return "\n".join([FENCE_OPEN, *lines, FENCE_CLOSE])


def quote(value: FactValue) -> str:
    """One fact as inert data: a number as written, text and lists JSON-quoted and defanged."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, str):
        return json.dumps(clean_text(value), ensure_ascii=False)
    if value is None:
        return '""'
    return json.dumps([clean_text(str(item)) for item in value], ensure_ascii=False)


def clean_text(text: str) -> str:
    """Text made safe to fence: one line, no fence characters, bounded length."""
    text = _CONTROL.sub(" ", text)
    text = _SPACE.sub(" ", text).strip()
    text = text.replace("<", "\u2039").replace(">", "\u203a")
    if len(text) > MAX_TEXT_CHARS:
        text = text[: MAX_TEXT_CHARS - 1].rstrip() + "…"
    return text


def format_number(value: int | float) -> str:
    """A number without float noise: 15, 12.5, 1234.57 (at most two decimals)."""
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        raise TemplateError(f"fact value {value} is not a finite number")
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def _inline(template: str, name: str, value: FactValue) -> str:
    # Only numbers may sit among the instructions; text would be words the model could obey.
    if value is None:
        raise TemplateError(f"template '{template}' inlines '{name}', which was not given")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TemplateError(
            f"template '{template}' inlines '{name}', which is text: text facts may only "
            "appear inside the facts block"
        )
    return format_number(value)


def _example_facts(tpl: Template, facts: Mapping[str, FactValue]) -> dict[str, FactValue]:
    """The example's facts in declared order, with inlined numbers taken from the real facts."""
    parsed: dict[str, FactValue] = {}
    for name, value in example_lines(tpl):
        slot = PLACEHOLDER.fullmatch(value)
        parsed[name] = facts.get(slot.group(1)) if slot else json.loads(value)
    return {name: parsed[name] for name in tpl.declared if name in parsed}


def _texts(facts: Mapping[str, FactValue]) -> list[str]:
    texts: list[str] = []
    for value in facts.values():
        if isinstance(value, str):
            texts.append(value.strip())
        elif isinstance(value, list | tuple):
            texts += [str(item).strip() for item in value]
    return [t for t in texts if t]


def _absent(value: FactValue) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, bool | int | float):
        return False
    return len(value) == 0
