"""What a build makes, fixed until the next one: the model, the product vectors and their
index, the catalogue, and the rules the recommender serves under.

The signals the recommender reads (signals.py) change with every store version; these parts
do not, so a recommender following the store pairs the same TrainedParts with new signals.
"""

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import torch

from retrieval.recs.candidates import CandidateIndex
from retrieval.recs.catalogue import Catalogue
from retrieval.recs.examples import EventLog
from retrieval.recs.interactions import Interactions, SignalWeights
from retrieval.recs.model import ModelConfig, TwoTower
from retrieval.recs.train import trend_of

# Categories bought on a routine in the demo store (a grocery shop): offered again when bought.
DEFAULT_REPEATABLE = ("Coffee", "Tea", "Beverages", "Pet food", "Baby food")


@dataclass(frozen=True)
class ExclusionRules:
    """What a customer is not offered again; categories compare without case."""

    repeatable_categories: tuple[str, ...] = DEFAULT_REPEATABLE
    exclude_disliked: bool = True

    def repeatable(self, categories: np.ndarray) -> np.ndarray:
        """(I,) bool: products whose category may be bought again."""
        allowed = {c.strip().lower() for c in self.repeatable_categories}
        return np.array([str(c).strip().lower() in allowed for c in categories], dtype=bool)


class TrainedParts:
    """The trained model with its product vectors, indexes and catalogue (see the module
    docstring); `weights`: what the training signals were read with, so newer ones are read
    alike."""

    def __init__(
        self,
        trained_on: Interactions,
        model: TwoTower,
        config: ModelConfig,
        index: CandidateIndex | None,
        text_index: CandidateIndex,
        catalogue: Catalogue,
        as_of: float,
        rules: ExclusionRules | None = None,
        segments: Mapping[str, str] | None = None,
        weights: SignalWeights | None = None,
    ) -> None:
        self.model = model.eval()
        self.config = config
        self.weights = weights or SignalWeights()
        # What sells at the training day is fixed, so the trend term joins each product's bias
        # and the index scores exactly what the model would.
        trend = trend_of(EventLog.of(trained_on), config)
        with torch.no_grad():
            day = np.array([as_of])
            features = torch.as_tensor(trend.features(np.arange(model.n_items), day))
            self.trend_now = model.trend_scores(features)[0].numpy()
        self.vectors = model.product_vectors(self.trend_now)
        self.index = index if index is not None else CandidateIndex.build(self.vectors)
        self.text_index = text_index
        self.catalogue = catalogue
        self.as_of = as_of  # the day of the newest training signal
        self.rules = rules or ExclusionRules()
        self.segments = dict(segments or {})
        self.products = {str(p): i for i, p in enumerate(catalogue.product_ids)}
        self.repeatable = self.rules.repeatable(catalogue.categories)
