"""Whether an offer's customers have gone quiet, from their RFM recency: what the fallback copy
may say about their absence ("We have missed you." only to those who have been away).

RFM recency is 1-5 by how long ago each customer last bought (predictors/segments.py: 5 is
the most recent fifth). Scores 1-2 are the segments of customers who have gone quiet ("at
risk", "can't lose", "hibernating", "lost"); a champion or a new customer bought lately, and
telling them we missed them is untrue.
"""

from collections.abc import Iterable

QUIET_RECENCY = 2  # RFM recency 1-2: last bought in the longest-ago two fifths


def gone_quiet(recency_scores: Iterable[int]) -> bool | None:
    """True when most of these customers (median R score) have gone quiet; None for none."""
    scores = sorted(recency_scores)
    if not scores:
        return None
    middle = len(scores) // 2
    median = scores[middle] if len(scores) % 2 else (scores[middle - 1] + scores[middle]) / 2
    return median <= QUIET_RECENCY
