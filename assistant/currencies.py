"""The currencies a person may write money in, by symbol, word or code, each as the symbol a
store would set (RETAIN_CURRENCY_SYMBOL): '5,000 euros', 'EUR' and '€' are all €.

One list for everything that asks which currency money was written in: the router (a budget
asked in another currency than the store's), budget plans (a currency a caller names), and
the copy checker (an amount in a draft written in another currency).
"""

import re

WRITTEN_AS: dict[str, tuple[str, ...]] = {
    "$": ("$", "dollar", "dollars", "buck", "bucks", "usd"),
    "\u20ac": ("\u20ac", "eur", "euro", "euros"),
    "\u00a3": ("\u00a3", "pound", "pounds", "quid", "gbp"),
}
_WORDS = sorted((w for names in WRITTEN_AS.values() for w in names if w.isalpha()), key=len)
# A currency's word, as a regex alternative ("dollars|euros|..."), longest first.
WORD = "|".join(reversed(_WORDS))
NAMED = re.compile(rf"(?i)[$\u20ac\u00a3]|\b(?:{WORD})\b")


def symbol_of(written: str) -> str | None:
    """The symbol of a currency written as a symbol, word or code ('euros', 'EUR', '€');
    None for anything else."""
    text = written.strip().lower()
    return next((symbol for symbol, names in WRITTEN_AS.items() if text in names), None)


def currency_named(text: str) -> str | None:
    """The symbol of the first currency `text` names ('your $23.50 order' is $, '10 quid' £);
    None when it names none."""
    match = NAMED.search(text)
    return None if match is None else symbol_of(match.group(0))
