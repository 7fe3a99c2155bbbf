"""Whether several product categories asked about together are to be set against each other
("tea vs coffee sales", "did we sell more tea or coffee in 1998", "compare tea and coffee")
rather than taken together ("top products in tea and coffee"): top_products then ranks the
categories named side by side (per category), where a list of their products mixed together
would not say which sold more.
"""

import re

# What asks for one side against another: "vs", "than", "compare", "more", "better", ...
COMPARED = re.compile(
    r"\b(?:vs|versus|against|than|compared?|compares|comparing|comparison|side\s+by\s+side|"
    r"more|less|fewer|better|worse|bigger|larger|smaller|outsell|outsold|outsells)\b"
)


def compared(text: str) -> bool:
    """True when the message sets the categories it names against each other."""
    return bool(COMPARED.search(text))
