"""What the router knows about one store: its segment names, its product categories, the
shape of its customer ids and the currency it counts in.

Segment names differ per store (RFM rules are fixed, k-means clusters are named from the data),
so the router takes them at construction instead of importing a list. Customer ids are strings;
when most of a store's ids are digits of one width with zeros in front ("00042"), a customer
typed as "42" is padded to that width (see commerce.ids).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from predictors.segments import SEGMENT_NAMES


@dataclass(frozen=True)
class Vocabulary:
    """Segment names as the store spells them, the width of zero-padded customer ids (None:
    ids are taken as typed), the store's product categories (none known: a category is
    read only where the message says "category"), and its currency symbol (money written in
    another is noted: no exchange rate is known)."""

    segments: tuple[str, ...] = SEGMENT_NAMES
    id_width: int | None = None
    categories: tuple[str, ...] = ()
    currency_symbol: str = "$"

    def customer_id(self, typed: str) -> str:
        """The store's spelling of a typed customer id: digits padded to `id_width`."""
        typed = typed.strip()
        if self.id_width is not None and typed.isdigit() and len(typed) <= self.id_width:
            return typed.zfill(self.id_width)
        return typed

    @classmethod
    def from_store(
        cls,
        segments: Iterable[str],
        id_width: int | None,
        categories: Iterable[str] = (),
        currency_symbol: str = "$",
    ) -> "Vocabulary":
        """Segment names as the store spells them (once each), the width it pads customer
        ids to (commerce.ids.padded_width, read by the store's customer lookup), its product
        categories and its currency symbol (RETAIN_CURRENCY_SYMBOL)."""
        return cls(
            segments=tuple(dict.fromkeys(segments)),
            id_width=id_width,
            categories=tuple(dict.fromkeys(categories)),
            currency_symbol=currency_symbol,
        )
