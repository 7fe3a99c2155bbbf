"""Errors of prompt templates, on the shared tree (commerce.errors) so callers catch one base.

InvalidInput
├── MissingFacts     a render was asked without a fact the template requires
└── TemplateError    a template file is malformed, or a fact has a type it cannot take
"""

from commerce.errors import InvalidInput


class MissingFacts(InvalidInput):
    """Facts the template declares as required were not given (or were empty)."""

    def __init__(self, template: str, missing: list[str]) -> None:
        self.template = template
        self.missing = missing
        super().__init__(
            f"prompt '{template}' needs the fact(s) {', '.join(missing)}, which were not given"
        )


class TemplateError(InvalidInput):
    """A template file, or a value given to it, breaks the template rules."""
