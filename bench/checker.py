"""The offer copy checker on long drafts, beside a bare scan of the same text.

    python -m bench.checker [--sizes 1000,5000,20000] [--repeat 5]

verify() reads a draft with some hundred patterns, and a pattern that backtracks turns a long
draft into seconds or minutes ("1" * 20000 once took 26 s: tests/drafting/
test_long_drafts_read_once.py). A model seldom writes 20,000 characters, but a looping one
does, and a pasted review can hold anything. Each draft below (honest copy repeated, and
strings that once made a pattern backtrack) is cut to each size; the table gives the median
of --repeat calls of verify() and of the baseline in the same process, `re.findall(r"\\S+")`
over the same text (one linear pass), and their ratio. A ratio that grows with the size marks
a pattern reading in more than linear time; one that stays flat is linear however slow.
"""

import argparse
import re
import sys
from functools import partial

from assistant.drafting import Catalogue, OfferFacts, OfferPolicy, verify
from bench.sample_offer import CATALOGUE, offer_facts
from bench.tables import table
from bench.timing import median_seconds

HONEST = (
    "Subject: 15% off for you, Ada\nHi Ada,\nThanks for your order of $23.50 on March 5, 1998 - "
    "we hope you enjoyed the Coffee product B000EYLDYE. Most of our coffee comes from small "
    "farms. Here is 15% off your next Coffee order, valid until the end of day on May 1, 2026.\n"
)
# What once backtracked, or could: runs of digits, of e-mail and link characters, of figures,
# dates, times, fractions and vague shares with no clause end between them.
REPEATED = {
    "honest email": HONEST,
    '"1" * n': "1",
    '"a@" * n': "a@",
    '"a." * n': "a.",
    '"15% of a b c d " * n': "15% of a b c d ",
    '"May 1, 2026 " * n': "May 1, 2026 ",
    '"11:59 " * n': "11:59 ",
    '"is about two thirds " * n': "is about two thirds ",
    '"most of them who " * n': "most of them who ",
}
BASELINE = re.compile(r"\S+")


def drafts(size: int) -> dict[str, str]:
    """Each draft of REPEATED, repeated and cut to `size` characters."""
    return {name: (piece * (size // len(piece) + 1))[:size] for name, piece in REPEATED.items()}


def offer() -> tuple[OfferFacts, OfferPolicy, Catalogue]:
    """One customer's offer, the drafting tests' own (bench/sample_offer.py)."""
    return offer_facts(), OfferPolicy(), CATALOGUE


def rows(sizes: list[int], repeat: int) -> list[dict[str, str]]:
    """One row per draft and size: verify() and the baseline, median seconds, and the ratio."""
    facts, policy, catalogue = offer()
    grounding = facts.grounding(policy, catalogue)
    found: list[dict[str, str]] = []
    for size in sizes:
        for name, text in drafts(size).items():
            checked = median_seconds(partial(verify, text, grounding, policy), repeat)
            scanned = median_seconds(partial(BASELINE.findall, text), repeat)
            found.append(
                {
                    "draft": name,
                    "chars": f"{size:,}",
                    "verify ms": f"{checked * 1000:,.1f}",
                    "baseline ms": f"{scanned * 1000:,.2f}",
                    "x baseline": f"{checked / max(scanned, 1e-9):,.0f}",
                }
            )
    return found


def sizes_of(text: str) -> list[int]:
    """--sizes as whole numbers of characters, each at least 1."""
    try:
        sizes = [int(part) for part in text.split(",")]
    except ValueError:
        sizes = []
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(
            f"sizes are whole numbers of characters, like 1000,5000,20000 (got {text!r})"
        )
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=sizes_of, default=[1000, 5000, 20000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    print(f"verify() on an offer's facts, median of {args.repeat} calls each")
    print(table(rows(args.sizes, max(1, args.repeat))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
