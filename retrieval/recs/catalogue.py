"""What the recommender knows of each product, and what it hands back: a Recommendation.

The catalogue is aligned with the model's item columns: row j of every array is product j.
"""

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Recommendation:
    """A product for a customer, with the score and why."""

    product_id: str
    title: str | None
    category: str | None
    score: float
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Catalogue:
    """Products aligned with the model's item columns."""

    product_ids: np.ndarray  # (I,)
    titles: np.ndarray  # (I,) object, None where unknown
    categories: np.ndarray  # (I,) object, None where unknown
    listed: np.ndarray  # (I,) bool: in the products table (or no table at all)
    buyers: np.ndarray  # (I,) distinct customers who bought it
    borrowed: np.ndarray  # (I,) int: for a never-bought product, the product its vector is from

    def title(self, item: int) -> str:
        title = self.titles[item]
        return str(title) if title is not None else f"product {self.product_ids[item]}"

    def recommendation(self, item: int, score: float, reasons: list[str]) -> Recommendation:
        category = self.categories[item]
        return Recommendation(
            str(self.product_ids[item]),
            None if self.titles[item] is None else str(self.titles[item]),
            None if category is None else str(category),
            round(float(score), 6),
            reasons,
        )


def catalogue_frame(catalogue: Catalogue) -> pd.DataFrame:
    """The catalogue as a frame (for saving)."""
    return pd.DataFrame(
        {
            "product_id": catalogue.product_ids.astype(str),
            "title": catalogue.titles,
            "category": catalogue.categories,
            "listed": catalogue.listed,
            "buyers": catalogue.buyers.astype(np.int64),
            "borrowed": catalogue.borrowed.astype(np.int64),
        }
    )


def catalogue_of(frame: pd.DataFrame) -> Catalogue:
    """The inverse of catalogue_frame."""

    def column(name: str) -> np.ndarray:
        values = frame[name].astype(object).to_numpy()
        return np.array([None if pd.isna(v) else str(v) for v in values], dtype=object)

    return Catalogue(
        frame["product_id"].astype(str).to_numpy(dtype=object),
        column("title"),
        column("category"),
        frame["listed"].to_numpy(dtype=bool),
        frame["buyers"].to_numpy(dtype=np.int64),
        frame["borrowed"].to_numpy(dtype=np.int64),
    )
