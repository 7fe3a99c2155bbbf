"""The product categories a tool's `category` argument names: one, or several separated by
commas ("Tea, Coffee": routing joins "tea or coffee" so), each read as SalesLines.read_category
reads one (any case, singular or plural, a close misspelling, which the answer says), in the
order asked and each once. A name that is itself one of the store's categories, commas and
all, is that one category. An unknown one is refused naming it and the store's categories.

One reader for every tool that takes `category` (top_products, top_customers, search_reviews,
review_sentiment, forecast_demand), so that "tea and coffee" means the same to each: the
sales tools and the review tools take the union of the categories, the forecast sets them side
by side.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from assistant.tools.format import listing
from assistant.tools.product_sales import SalesLines


class Reading(NamedTuple):
    """A category as asked and as the store names it; `misspelt` where read from a close
    spelling ('coffe' is Coffee), which the answer says."""

    asked: str
    category: str
    misspelt: bool


@dataclass(frozen=True)
class Categories:
    """The categories a `category` argument named, as read, in the order asked."""

    readings: tuple[Reading, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The categories as the store names them."""
        return tuple(reading.category for reading in self.readings)

    @property
    def said(self) -> str:
        """All of them in words, for answers and cards: "Tea", "Tea and Coffee"."""
        return listing(self.names, limit=len(self.names))

    @property
    def either(self) -> str:
        """Any of them in words, for what lies outside them: "Tea", "Tea or Coffee"."""
        return either_of(self.names)

    @property
    def titled(self) -> str:
        """All of them named as categories: "category Tea", "categories Tea and Coffee"."""
        return f"categor{'y' if len(self.names) == 1 else 'ies'} {self.said}"

    @property
    def misread(self) -> str:
        """ "(Read 'coffe' as Coffee.) " for the categories read from a close spelling."""
        return misreadings_said(self.readings)


def one_category(asked: str, category: str) -> Categories:
    """The one category a name read elsewhere named ("who bought the most tea": Tea)."""
    return Categories((Reading(asked, category, False),))


def categories_named(sales: SalesLines, asked: str) -> Categories:
    """The store's categories `asked` names, one or several separated by commas, each read as
    SalesLines.read_category reads one, in the order asked and each once; NotFound naming the
    first the store has none of, with the store's categories."""
    pieces = [piece.strip() for piece in asked.split(",") if piece.strip()]
    if len(pieces) < 2 or asked.strip().lower() in {c.lower() for c in sales.categories}:
        pieces = [asked]  # "Candy, chocolate" may be one category's own name
    readings: dict[str, Reading] = {}
    for piece in pieces:
        category, misspelt = sales.read_category(piece)
        readings.setdefault(category, Reading(piece, category, misspelt))
    return Categories(tuple(readings.values()))


def either_of(names: Sequence[str]) -> str:
    """Categories in words where any one of them does: "Tea", "Tea or Coffee", "Tea, Coffee or
    Snacks" (what customers bought of them, what lies outside them)."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def misreadings_said(readings: "tuple[Reading, ...] | list[Reading]") -> str:
    """ "(Read 'coffe' as Coffee.) " for the categories read from a close spelling, else ""."""
    said = [f"'{r.asked}' as {r.category}" for r in readings if r.misspelt]
    return f"(Read {', '.join(said)}.) " if said else ""


def categories_fields(chosen: Categories | None) -> dict[str, Any]:
    """A result's categories: `category` all of them in words, as the answer and the card
    name them ("Tea and Coffee"), and `categories` their names; both null for none."""
    if chosen is None:
        return {"category": None, "categories": None}
    return {"category": chosen.said, "categories": list(chosen.names)}
