"""Help lists what a role can ask in words: every tool in the catalogue has a help line, so a
new tool never shows its code name ("- bought_with") to a user."""

from assistant.chat.replies import WHAT_EACH_TOOL_DOES, help_text
from assistant.tools.catalogue import CATALOGUE


def test_every_catalogued_tool_has_a_help_line() -> None:
    assert [name for name in CATALOGUE if name not in WHAT_EACH_TOOL_DOES] == []


def test_help_names_no_tool_by_its_code_name() -> None:
    lines = help_text("admin").splitlines()
    assert "- find what the buyers of one product also buy, for cross-selling" in lines
    assert [line for line in lines if line.removeprefix("- ") in CATALOGUE] == []


def test_every_role_is_told_it_may_ask_the_discount_policy() -> None:
    line = "- say what offers may give: the largest discount, perks, how long they last"
    assert all(line in help_text(role).splitlines() for role in ("operator", "marketer", "support"))
