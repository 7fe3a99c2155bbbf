"""The customer index: one vector per customer from behaviour, for lookalikes.

The caller supplies the behaviour: a frame with one row per customer (index = customer_id) and
numeric columns (purchases, recency, spend, ...), today `predictors.features.customer_features`,
later perhaps the predictor's learned representation. Columns are standardised here (z-scores,
clipped at ±CLIP so one extreme spender does not decide every neighbourhood) and searched
exactly by Euclidean distance: customers are far fewer than reviews and features are few.

A neighbour is explained by the features it shares with the customer: values close in
standard units, the most distinctive (furthest from the average customer) first.
"""

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import faiss
import numpy as np
import pandas as pd

from commerce.errors import InvalidInput, NotFound, Unavailable
from retrieval.artifact import read_artifact, write_artifact, write_atomically
from retrieval.traits import trait_phrase

CLIP = 5.0
CLOSE = 0.5  # standard deviations: nearer than this, two values count as shared
FEATURES_FILE = "features.parquet"


@dataclass(frozen=True)
class SharedTrait:
    """One feature on which a customer and a neighbour are alike."""

    feature: str
    customer_value: float
    neighbour_value: float

    def phrase(self) -> str:
        return trait_phrase(self.feature, self.customer_value, self.neighbour_value)


@dataclass(frozen=True)
class SimilarCustomer:
    """A lookalike: distance in standard units (0 = identical behaviour) and what they share."""

    customer_id: str
    distance: float
    shared: list[SharedTrait] = field(default_factory=list)

    @property
    def explanation(self) -> str:
        if not self.shared:
            return "no one trait close enough to name"
        return "both: " + "; ".join(trait.phrase() for trait in self.shared)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"explanation": self.explanation}


class CustomerIndex:
    """Standardised behaviour vectors of customers, searched exactly."""

    def __init__(self, features: pd.DataFrame) -> None:
        self.features = _validated(features)
        values = self.features.to_numpy(dtype=np.float64)
        self.mean = values.mean(axis=0)
        spread = values.std(axis=0)
        self.std = np.where(spread > 0, spread, 1.0)  # a constant column adds nothing, harmlessly
        self.z = np.clip((values - self.mean) / self.std, -CLIP, CLIP).astype(np.float32)
        self.index = faiss.IndexFlatL2(self.z.shape[1])
        self.index.add(self.z)
        self.positions = {str(c): i for i, c in enumerate(self.features.index)}

    @classmethod
    def build(cls, features: pd.DataFrame) -> "CustomerIndex":
        """Index customers' behaviour: rows = customers (index = customer_id), numeric columns."""
        return cls(features)

    def similar(self, customer_id: str, k: int = 5, traits: int = 3) -> list[SimilarCustomer]:
        """The k customers who behave most like `customer_id` (never itself), nearest first."""
        if k < 1:
            raise InvalidInput(f"k must be at least 1, got {k}")
        row = self._position(customer_id)
        distances, ids = self.index.search(self.z[row : row + 1], min(k + 1, len(self.z)))
        found = [
            (int(i), float(np.sqrt(max(d, 0.0))))
            for d, i in zip(distances[0], ids[0], strict=True)
            if i >= 0 and i != row
        ][:k]
        return [
            SimilarCustomer(str(self.features.index[i]), d, self._shared(row, i, traits))
            for i, d in found
        ]

    def explain(self, customer_id: str, neighbour_id: str, traits: int = 3) -> list[SharedTrait]:
        """What two customers share: up to `traits` features, most distinctive first."""
        return self._shared(self._position(customer_id), self._position(neighbour_id), traits)

    def save(self, folder: Path, store_version: str) -> None:
        """Write the raw features (the index is rebuilt from them on load; it is cheap)."""
        folder.mkdir(parents=True, exist_ok=True)
        frame = self.features.rename_axis("customer_id").reset_index()
        write_atomically(folder / FEATURES_FILE, frame.to_parquet(index=False) or b"")
        write_artifact(
            folder,
            store_version,
            f"{len(self.features):,} customers, {self.features.shape[1]} behaviour features",
            name="customers",
            customers=len(self.features),
            features=list(self.features.columns),
        )

    @classmethod
    def load(cls, folder: Path) -> "CustomerIndex":
        read_artifact(folder, "customer index")
        try:
            frame = pd.read_parquet(folder / FEATURES_FILE)
        except (OSError, ValueError) as error:
            raise Unavailable(
                f"the customer index in {folder} is unreadable ({error}): run `retain index build`"
            ) from error
        return cls(frame.set_index("customer_id"))

    def _position(self, customer_id: str) -> int:
        position = self.positions.get(str(customer_id))
        if position is None:
            raise NotFound(
                f"customer {customer_id} is not in the customer index "
                f"({len(self.positions):,} customers with purchases)"
            )
        return position

    def _shared(self, a: int, b: int, traits: int) -> list[SharedTrait]:
        za, zb = self.z[a].astype(np.float64), self.z[b].astype(np.float64)
        gap = np.abs(za - zb)
        # Alike and unusual in the same direction says most ("both buy far more often than
        # most"); alike and average says little, so it only fills the list.
        distinct = np.where((gap <= CLOSE) & (np.sign(za) == np.sign(zb)), np.minimum(
            np.abs(za), np.abs(zb)), -np.inf)  # fmt: skip
        order = np.lexsort((gap, -distinct))
        order = order[np.isfinite(distinct[order])]  # traits they do not share are never listed
        raw = self.features.to_numpy(dtype=np.float64)
        return [
            SharedTrait(str(self.features.columns[j]), float(raw[a, j]), float(raw[b, j]))
            for j in order[:traits]
        ]


def _validated(features: pd.DataFrame) -> pd.DataFrame:
    if features.empty or features.shape[1] == 0:
        raise InvalidInput("the customer index needs at least one customer and one feature")
    numeric = features.select_dtypes(include=["number", "bool"]).astype("float64")
    dropped = [str(c) for c in features.columns if c not in numeric.columns]
    if dropped:
        raise InvalidInput(f"customer features must be numeric; not numeric: {', '.join(dropped)}")
    if not np.isfinite(numeric.to_numpy()).all():
        bad = [str(c) for c in numeric.columns if not np.isfinite(numeric[c]).all()]
        raise InvalidInput(
            f"customer features have missing or infinite values in: {', '.join(bad)}"
        )
    if not numeric.index.is_unique:
        raise InvalidInput("customer features have duplicate customer ids in the index")
    numeric.index = numeric.index.astype(str)
    return numeric
