"""bench.checker: every draft is cut to each size, the table has a row per draft and size
with the baseline beside verify(), bad sizes are refused with the expected shape, and the
offer timed is the drafting tests' own. Timing is the script's job; these check that it runs."""

import argparse

import pytest

from bench.checker import REPEATED, drafts, main, offer, sizes_of
from tests.drafting.factories import CATALOGUE, offer_facts


def test_each_draft_is_cut_to_the_size_asked() -> None:
    cut = drafts(37)
    assert list(cut) == list(REPEATED)
    assert {len(text) for text in cut.values()} == {37}
    assert cut['"a@" * n'].startswith("a@a@")


def test_the_table_has_a_row_per_draft_and_size(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--sizes", "40,80", "--repeat", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "verify() on an offer's facts, median of 1 calls each"
    header = [cell.strip() for cell in lines[1].split("|")]
    assert header == ["draft", "chars", "verify ms", "baseline ms", "x baseline"]
    assert len(lines) == 3 + 2 * len(REPEATED)
    assert sum(line.split("|")[1].strip() == "80" for line in lines[3:]) == len(REPEATED)


def test_sizes_that_are_not_whole_numbers_are_refused_with_the_shape() -> None:
    assert sizes_of("1000,5000") == [1000, 5000]
    for bad in ("1k", "0,10", ""):
        with pytest.raises(argparse.ArgumentTypeError, match="like 1000,5000,20000"):
            sizes_of(bad)


def test_the_bench_times_the_offer_the_drafting_tests_check() -> None:
    facts, _, catalogue = offer()
    assert facts == offer_facts() and catalogue == CATALOGUE
