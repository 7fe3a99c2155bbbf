"""A long draft is read in time that grows with its length, not its square: each clause and
sentence is read for its facts' words once, however many figures or dates stand in it, a run
of digits is read for a figure from where it starts, and a run of address characters for a
link from where it starts. Counted, not timed (a long run of "15% of a b c d " once took
18 s, "1" * 20000 26 s, and "a." * 10000 5 s)."""

from collections import Counter

import pytest

from assistant.drafting import placement, verify
from assistant.drafting.endless import DEAL
from assistant.drafting.terms import LINK
from tests.drafting.factories import CATALOGUE, POLICY, offer_facts

OFFER = offer_facts().grounding(POLICY, CATALOGUE)  # 15% off until May 1, 2026


def cue_reads(monkeypatch: pytest.MonkeyPatch, text: str) -> int:
    """How many times verify() reads a span of `text` for one fact's words."""
    reads: Counter[str] = Counter()
    cued = placement._cued

    def counted(span: str, cues: tuple[str, ...]) -> bool:
        reads["span"] += 1
        return cued(span, cues)

    monkeypatch.setattr(placement, "_cued", counted)
    verify(text, OFFER, POLICY)
    return reads["span"]


@pytest.mark.parametrize("repeated", ["15% of a b c d ", "May 1, 2026 "])
def test_one_long_clause_is_read_once_however_many_figures_it_holds(
    monkeypatch: pytest.MonkeyPatch, repeated: str
) -> None:
    few, many = cue_reads(monkeypatch, repeated * 5), cue_reads(monkeypatch, repeated * 500)
    assert many == few  # one clause: read once per fact, not once per figure in it


def test_a_figure_is_read_from_where_its_digits_start() -> None:
    # Not again from inside the run, which made a long run of digits take quadratic time.
    assert DEAL.match("115%", 1) is None
    assert DEAL.match("115%", 0) is not None


def test_an_address_is_read_from_where_its_run_starts() -> None:
    # Not again from each letter inside "a.a.a...", which made such a run take quadratic time.
    assert LINK.match("a.da@x.com", 2) is None
    assert LINK.match("a.da@x.com", 0) is not None
    assert LINK.match("a.shop.example", 2) is None
    assert LINK.match("a.shop.example", 0) is not None
