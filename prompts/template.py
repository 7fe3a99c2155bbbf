"""Prompt templates as files: what a template is, and how its file is read.

A template file (prompts/templates/NAME.txt) reads:

    # One line saying what the prompt is for.
    # requires: fact_a, fact_b
    # optional: fact_c
    ## system
    ...instructions...
    ## user
    ...instructions...
    {facts}
    ...
    ## example facts          (optional, with "## example answer")
    fact_a: "a value for another customer"
    ## example answer
    ...what a good answer to those facts reads like...

The header declares every fact the template may see. `{facts}` (exactly once) is where the
fenced block of quoted facts goes; `{name}` inlines one declared fact, allowed only for numbers
(see render.py). Anything that breaks these rules fails when the file is loaded, not at render.

The example, when present, is sent as one earlier turn of the conversation: the user section
filled with the example facts (one `name: JSON value` line each), then the example answer. A
small model follows a shown answer far better than described rules; its values are chosen to be
caught by the verifier if the model copies them instead of using its own facts.
"""

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from prompts.errors import TemplateError

PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
FACTS_SLOT = "facts"
SECTIONS = ("system", "user")
EXAMPLE_SECTIONS = ("example facts", "example answer")


@dataclass(frozen=True)
class Template:
    """One prompt: its declared facts and its two messages, with placeholders unfilled."""

    name: str
    description: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    system: str
    user: str
    example_facts: str = ""  # `name: JSON value` lines; may inline required numbers
    example_answer: str = ""

    @property
    def declared(self) -> tuple[str, ...]:
        """Every fact the template may see, required first, in declaration order."""
        return self.required + self.optional


def template_names() -> list[str]:
    """The names of the packaged templates (file names without .txt)."""
    folder = resources.files("prompts") / "templates"
    return sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt"))


@cache
def load_template(name: str) -> Template:
    """Read and check one packaged template; TemplateError names what is wrong."""
    if name not in template_names():
        raise TemplateError(f"no prompt template '{name}' (valid: {', '.join(template_names())})")
    text = (resources.files("prompts") / "templates" / f"{name}.txt").read_text(encoding="utf-8")
    return parse_template(name, text)


def parse_template(name: str, text: str) -> Template:
    """Parse a template file's text (see the module docstring for the format)."""
    header: dict[str, str] = {}
    description = ""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
            if section not in SECTIONS + EXAMPLE_SECTIONS or section in sections:
                raise TemplateError(f"template '{name}': unexpected section '## {section}'")
            current = sections.setdefault(section, [])
        elif current is not None:
            current.append(line)
        elif line.startswith("#"):
            key, sep, value = line.lstrip("# ").partition(":")
            if sep and key in {"requires", "optional"}:
                header[key] = value
            elif not description:
                description = line.lstrip("# ").strip()
        elif line.strip():
            raise TemplateError(f"template '{name}': text before the first section: {line!r}")
    if not set(SECTIONS) <= set(sections):
        raise TemplateError(f"template '{name}' needs both '## system' and '## user' sections")
    if len(set(EXAMPLE_SECTIONS) & set(sections)) == 1:
        raise TemplateError(f"template '{name}': an example needs both its facts and its answer")
    template = Template(
        name=name,
        description=description,
        required=_names(header.get("requires", "")),
        optional=_names(header.get("optional", "")),
        system="\n".join(sections["system"]).strip(),
        user="\n".join(sections["user"]).strip(),
        example_facts="\n".join(sections.get("example facts", [])).strip(),
        example_answer="\n".join(sections.get("example answer", [])).strip(),
    )
    _check_placeholders(template)
    _check_example(template)
    return template


def _names(value: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in value.split(",") if n.strip())


def _check_placeholders(template: Template) -> None:
    if not template.required:
        raise TemplateError(f"template '{template.name}' declares no required facts")
    declared = set(template.declared)
    if len(declared) != len(template.declared) or FACTS_SLOT in declared:
        raise TemplateError(f"template '{template.name}': a fact is declared twice, or as 'facts'")
    slots = [
        *PLACEHOLDER.findall(template.system),
        *PLACEHOLDER.findall(template.user),
        *PLACEHOLDER.findall(template.example_facts),
        *PLACEHOLDER.findall(template.example_answer),
    ]
    undeclared = sorted({s for s in slots if s != FACTS_SLOT and s not in declared})
    if undeclared:
        raise TemplateError(
            f"template '{template.name}' uses undeclared fact(s) {', '.join(undeclared)}"
        )
    inlined = {s for s in slots if s != FACTS_SLOT}
    if not inlined <= set(template.required):
        optional = ", ".join(sorted(inlined - set(template.required)))
        raise TemplateError(
            f"template '{template.name}' inlines optional fact(s) {optional}: only required "
            "facts may be inlined, so a render never leaves a hole in the instructions"
        )
    # One fenced block, in the user turn: the system turn holds only our own words.
    if slots.count(FACTS_SLOT) != 1 or "{facts}" not in template.user:
        raise TemplateError(f"template '{template.name}' needs '{{facts}}' once, in '## user'")


def example_lines(template: Template) -> list[tuple[str, str]]:
    """The example's (fact name, JSON text) pairs, as written (inlined numbers still unfilled)."""
    pairs: list[tuple[str, str]] = []
    for line in template.example_facts.splitlines():
        if line.strip():
            name, sep, value = line.partition(":")
            if not sep:
                raise TemplateError(f"template '{template.name}': example fact {line!r} has no ':'")
            pairs.append((name.strip(), value.strip()))
    return pairs


def _check_example(template: Template) -> None:
    pairs = example_lines(template)
    unknown = sorted({name for name, _ in pairs} - set(template.declared))
    if unknown:
        raise TemplateError(
            f"template '{template.name}': example fact(s) {', '.join(unknown)} are not declared"
        )
    for name, value in pairs:
        if PLACEHOLDER.fullmatch(value):
            continue  # an inlined number, filled at render
        try:
            json.loads(value)
        except ValueError:
            raise TemplateError(
                f"template '{template.name}': example fact {name} is not a JSON value: {value}"
            ) from None
