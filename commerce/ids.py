"""How a store spells its customer ids: the width it pads digit ids to with zeros.

People type "42" for customer "00042". A store's ids are rarely all of one shape for long: an
event can bring a customer "C-77" into a store of five-digit ids, and that one id must not
change how the other 23,000 are read. So the width is the one most digit ids have, as long as
they are most of the store and some of them start with a zero (otherwise nothing was padded).
"""

from collections import Counter
from collections.abc import Iterable


def padded_width(customer_ids: Iterable[str]) -> int | None:
    """The width most of the store's ids are zero-padded to, or None when they are not."""
    total = 0
    widths: Counter[int] = Counter()
    padded: set[int] = set()
    for customer_id in customer_ids:
        total += 1
        if customer_id.isdigit():
            widths[len(customer_id)] += 1
            if customer_id.startswith("0"):
                padded.add(len(customer_id))
    if not widths:
        return None
    width, count = widths.most_common(1)[0]
    return width if width in padded and count * 2 > total else None
