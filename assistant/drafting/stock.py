"""Stock a draft invents: "back in stock", "only 3 left", "selling out", "limited stock",
"while supplies last", "we restocked your favourites".

No facts block holds stock, so a claim about what is on the shelf is made up, and one that it
is running out is made-up urgency as well. "Stock" as a verb is the customer's shelf, not
ours: "stock up on coffee", "stock your cupboard", "restock your cupboard", "time to restock?"
pass (but "we restocked", "restocked items" claim stock), and so does the customer running low
("running low on coffee?") and a length of time left ("only 14 days left" is the offer's end,
terms.py). verify.py runs this on the draft with merchant text blanked, as occasions.py is.

Pure text in, (phrase, start) out.
"""

import re

_FEW = r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|a\s+handful"
_TIME = r"(?:days?|hours?|weeks?|minutes?|mins?|months?)\b"
STOCK = re.compile(
    r"(?i)\b(?:back\s+|now\s+|currently\s+|still\s+)?in[\s-]+stock\b|\bout[\s-]+of[\s-]+stock\b"
    r"|\b(?:low|limited|little)\s+(?:stocks?|supplies|supply|quantities|quantity)\b"
    r"|\b(?:stocks?|supplies|supply)\s+(?:is|are)\s+(?:running\s+)?(?:low|limited|out)\b"
    r"|\bwhile\s+(?:stocks?|supplies)\s+lasts?\b|\bin\s+short\s+supply\b"
    # "Only 3 left", "just a few bags remaining"; not "only 14 days left".
    rf"|\b(?:only|just)\s+(?:{_FEW})\s+(?:(?!{_TIME})[\w-]+\s+)?(?:left|remaining)\b"
    r"|\bsell(?:s|ing)?\s+out\b|\bsold\s+out\b|\bselling\s+fast\b"
    r"|\bflying\s+off\s+(?:the\s+)?shelves\b"
    # Restocked is ours ("we restocked", "restocked items", "is restocked"), and so is restocking
    # with the store or a product as its subject ("we're restocking"); to restock is the
    # customer's ("Restock your cupboard", "Time to restock?").
    r"|\bre-?stocked\b|\b(?:we|we're|we\s+are|we'll|we\s+will|is|are|being)\s+re-?stock(?:s|ing)?\b"
)


def invented_stock(text: str) -> list[tuple[str, int]]:
    """Each claim about stock in `text`, with where it starts."""
    return [(m.group(0), m.start()) for m in STOCK.finditer(text)]
