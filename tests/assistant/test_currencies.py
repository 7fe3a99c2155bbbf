"""One list of currencies, by symbol, word or code, for the router, plans and the checker."""

import pytest

from assistant.currencies import currency_named, symbol_of


@pytest.mark.parametrize(
    ("written", "symbol"),
    [("€", "€"), ("EUR", "€"), (" euros ", "€"), ("usd", "$"), ("Bucks", "$"), ("quid", "£"),
     ("GBP", "£"), ("yen", None), ("", None)],
)  # fmt: skip
def test_a_currency_by_symbol_word_or_code(written: str, symbol: str | None) -> None:
    assert symbol_of(written) == symbol


def test_the_first_currency_a_text_names() -> None:
    assert currency_named("your US$23.50 order") == "$"
    assert currency_named("10 quid, or 12 euros") == "£"
    assert currency_named("europe") is None and currency_named("23.50") is None
