"""Money written in another currency than the store's: "$23.50" where the store writes £.

extract.py reads $, € and £ as money whatever the policy's symbol, and grounding compares only
values, so "your $23.50 order" passed a store whose last order was £23.50: a true figure in a
false currency. This module names the currency each amount is written in, where its symbol or
word says it, and verify.py refuses the ones that are not the store's. An amount written with
no currency ("50p", "99 cents" are hundredths in several) is left to the value checks.
"""

from assistant.currencies import currency_named
from assistant.drafting.mentions import Mentions
from assistant.drafting.violations import Violation


def foreign_money(mentions: Mentions, currency_symbol: str) -> list[Violation]:
    """Each amount written in a currency other than `currency_symbol` (the policy's)."""
    found: list[Violation] = []
    for number in mentions.numbers:
        if number.unit != "money":
            continue
        written = currency_named(number.text)
        # "US$" is dollars: a symbol within the store's own is the store's.
        if written is None or written in currency_symbol:
            continue
        found.append(
            Violation(
                "invented_number",
                number.text,
                f"'{number.text}' is written in {written}, and this store's money is written "
                f"{currency_symbol}: write amounts as the facts give them",
            )
        )
    return found
