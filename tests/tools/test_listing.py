"""A list in an answer reads as whole or as cut off: "a, b and c" against "a, b, c and 2 more"."""

import pytest

from assistant.tools.format import listing


@pytest.mark.parametrize(
    ("items", "said"),
    [
        ([], ""),
        (["c1 ($50.00)"], "c1 ($50.00)"),
        (["c1 ($50.00)", "c2 ($1,240.00)"], "c1 ($50.00) and c2 ($1,240.00)"),
        (["a", "b", "c"], "a, b and c"),
        (["a", "b", "c", "d"], "a, b, c and 1 more"),
        (["a", "b", "c", "d", "e"], "a, b, c and 2 more"),
    ],
)
def test_the_last_of_a_whole_list_follows_and(items: list[str], said: str) -> None:
    assert listing(items) == said


def test_a_limit_shows_that_many_before_the_rest_is_counted() -> None:
    assert listing(["a", "b", "c", "d", "e"], limit=5) == "a, b, c, d and e"
    assert listing(["a", "b"] * 1000, limit=2) == "a, b and 1,998 more"
