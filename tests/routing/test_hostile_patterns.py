"""Extraction reads any message of the longest allowed size at once: no pattern may try every
way to split a run of spaces ("alert", 300 spaces and "x" once took seconds and held the GIL).

Time is not asserted: the hostile messages run in a child process, and a pattern that
backtracks would keep it busy for hours, so the child is stopped after a deadline no linear
reading comes near and the test fails, naming the work that did not finish.
"""

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from assistant.routing import Vocabulary, extract
from assistant.routing.ids import ALERT, CUSTOMER, LOOKALIKE, PRODUCT

LONGEST = 4000  # the API's default max_message_chars
KEYWORDS = (
    "alert", "alert number", "product", "item #", "customer", "customers", "client no.", "id",
    "#", "similar to", "about", "not", "except", "budget", "$", "12",
)  # fmt: skip
# What follows the keyword: a run of one filler, then something no pattern can end on.
SHAPES = ((" ", "x"), ("\n", "x"), ("  ", ", x"), (" 1", " x"), ("-", "x"))
ROOT = Path(__file__).resolve().parents[2]  # the child imports these messages from here
# All of them read in about a minute on 2 idle cores (150-180 s with the cores shared five
# ways); the old patterns took hours on the first.
DEADLINE_S = 600


def hostile_messages() -> list[str]:
    """For each keyword and shape: the keyword then a run of filler to the longest message,
    and the keyword and filler repeated."""
    out = []
    for word in KEYWORDS:
        for filler, end in SHAPES:
            run = (filler * LONGEST)[: LONGEST - len(word) - len(end)]
            out.append(word + run + end)
            out.append(((word + filler) * LONGEST)[: LONGEST - len(end)] + end)
    return out


def test_hostile_messages_are_all_read_in_one_child_process() -> None:
    script = textwrap.dedent(
        """
        import sys
        from assistant.routing import Vocabulary, extract
        from tests.routing.test_hostile_patterns import hostile_messages
        for vocabulary in (Vocabulary(id_width=5), Vocabulary(id_width=None)):
            for message in hostile_messages():
                print(repr(message[:20]), flush=True)  # the last line names what hung
                extract(message, vocabulary)
        print("done", flush=True)
        """
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            timeout=DEADLINE_S,
            check=False,
            cwd=ROOT,
        )
    except subprocess.TimeoutExpired as stopped:
        out = stopped.stdout.decode() if isinstance(stopped.stdout, bytes) else stopped.stdout
        stuck = (out or "").strip().splitlines()[-1:] or ["the first message"]
        pytest.fail(f"extraction did not finish within {DEADLINE_S} s; stuck on {stuck[0]}")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("done")


SPACED = [(ALERT, "alert  number  :  #  12", "12"), (ALERT, "alerts#7", "7"),
          (PRODUCT, "product  id  :  b0-1x", "b0-1x"), (PRODUCT, "sku#12a", "12a"),
          (CUSTOMER[1], "customer  no.  =  42", "42"), (CUSTOMER[1], "acct #  c-1042", "c-1042"),
          (CUSTOMER[3], "id  :  42", "42"), (LOOKALIKE, "similar  to  42", "42")]  # fmt: skip


@pytest.mark.parametrize(("pattern", "text", "value"), SPACED, ids=[c[1] for c in SPACED])
def test_linear_patterns_still_read_their_spaced_forms(
    pattern: re.Pattern[str], text: str, value: str
) -> None:
    match = pattern.search(text)
    assert match is not None and match.group("id") == value


def test_ids_after_blanked_text_and_line_breaks(vocabulary: Vocabulary) -> None:
    # Text a finder took is blanked to spaces; a line break is a space too.
    x = extract('customer\n\n42, is this positive: "the tea was stale and late" ?', vocabulary)
    assert x.customer_ids == ("00042",)
    assert extract("reviews about\nstale tea", vocabulary).topic == "stale tea"
