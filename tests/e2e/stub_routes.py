"""Questions a card test teaches the stub API: its own routes and tool lists stay as they are,
since the test's monkeypatch puts them back."""

from collections.abc import Callable
from typing import Any

import pytest

from tests.e2e import stub

# What the stub makes a tool's result from: the customer id the question names, if any.
Maker = Callable[[str], dict[str, Any]]
# (word in the question, tool, its arguments, result maker, the answer's text), as stub.ROUTES.
Route = tuple[str, str, dict[str, Any] | None, Maker, str]


def answer_before_the_stub(
    monkeypatch: pytest.MonkeyPatch, routes: list[Route], operator_tool: str
) -> None:
    """The stub answers `routes` before its own, and operators may ask `operator_tool` (its
    /v1/me says so)."""
    monkeypatch.setattr(stub, "ROUTES", [*routes, *stub.ROUTES])
    monkeypatch.setitem(stub.TOOLS, "operator", [*stub.TOOLS["operator"], operator_tool])
