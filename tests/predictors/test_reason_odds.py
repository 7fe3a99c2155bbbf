"""A reason's odds never read as a certainty, at the bounds where a whole percent rounds."""

import pytest

from predictors.reasons import phrase

SHARE = "BG/NBD puts the chance they are still a customer at "


@pytest.mark.parametrize(
    ("p", "words"),
    [(0.0, "under 1%"), (0.005, "under 1%"), (0.0051, "1%"), (0.5, "50%"), (0.9949, "99%"),
     (0.995, "over 99%"), (1.0, "over 99%")],
)  # fmt: skip
def test_odds_at_the_rounding_bounds(p: float, words: str) -> None:
    assert phrase("classic_p_alive", p) == SHARE + words


def test_no_odds_read_0_or_100_percent() -> None:
    for step in range(100_001):
        words = phrase("classic_p_alive", step / 100_000).removeprefix(SHARE)
        assert words not in {"0%", "100%"}, (step, words)
