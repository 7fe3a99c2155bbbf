"""When a figure in a draft is a discount: the words around it, and fractions taken off a price.

extract.py finds the figures; this module says which of them are written as discounts, so the
verifier can hold them to the policy. A discount word counts only in the figure's own sentence
and not past another figure; a price and a move ("prices 63% lower") only in its own clause. A
percentage that is the customer's, with no noun after it ("claim your 15% today", "your 15%
is waiting"), is the discount too; "your 15% chance" names something else.
"""

import re

# A fraction taken off a price: "a quarter off", "two-thirds off", "a third cheaper", "save a
# fifth", "half price", "half the price", "prices halved". Numerator, then denominator.
NUMERATORS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}
DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "quarter": 4, "fifth": 5, "tenth": 10}
_FRACTION = r"(?:(a|an|one|two|three|four)[\s-]+)?(half|halves|third|quarter|fifth|tenth)s?"
# What a fraction is saved of, when that is a price: "save a third of your order" is a
# discount, "save a quarter of an hour", "cut a third of the sugar", "half the time" are not.
_OF_PRICE = (
    r"(?:(?:the|your|our|its|their|every|each)\s+)?"
    r"(?:price|cost|bill|total|order|basket|everything|rrp)s?\b"
)
# Idioms with "off the": "half off the beaten track" takes nothing off a price.
_OFF_IDIOM = r"\s+the\s+(?:beaten|charts?|grid|radar|hook|record|mark|wall|cuff)\b"
FRACTION_OFF = re.compile(
    rf"(?i)\b(?:(?:save|saving|cut|slash)\s+{_FRACTION}\b(?!\s+(?:of|the)\s+(?!{_OF_PRICE}))"
    rf"|{_FRACTION}[\s-]+(?:off\b(?!{_OFF_IDIOM})|cheaper\b|discount\b)"
    rf"|(half)[\s-]+(?:(?:the|its|their|our|your|usual|regular|normal)\s+)*price\b"
    r"|(?:prices?\s+(?:(?:is|are|were|have\s+been|has\s+been)\s+)?halved"
    r"|halv(?:e|ed|es|ing)\s+(?:the\s+|our\s+|its\s+|your\s+)?prices?)\b)"
)
DISCOUNT_CONTEXT = re.compile(
    r"(?i)\b(?:off|discount\w*|save|saving|savings|reduc\w+|markdown|coupon|code|sale|cheaper"
    r"|rebate|deal)\b"
)
LESS_AFTER = re.compile(r"(?i)\s*less\b")
ONE_MORE_BEFORE = re.compile(r"(?i)\b(?:another|additional|extra|further)\s+$")
# Where a figure's sentence ends, for reading its discount words: . ; ! ? a line break, a
# spaced dash ("$23.50 - a great deal"), but not a decimal point.
SENTENCE_END = re.compile(r"[;!?\n]|\.(?!\d)|\s[-\u2013\u2014]\s")
DIGIT = re.compile(r"\d")
# Another figure and the discount word written after it ("20% off"), which is its, not ours.
OTHER_FIGURE = re.compile(
    r"(?i)\d[\d.,]*(?:[\s-]?(?:%|percent\b|per[\s-]?cent\b|[^\W\d_]{1,3}\b))?"
    r"(?:\s*(?:off|discount\w*|saving\w*|cheaper|less|reduction)\b)?"
)
CLAUSE_END = re.compile(r"[,;!?\n]|\.(?!\d)|\s[-\u2013\u2014]\s")
# A percentage given to the customer with no discount word, right beside the figure: "here's
# 15% for you", "enjoy 15% on us", "15%, just for you", "a 15% thank-you", or a giving verb
# before a figure that ends its clause ("we'd love to give you 15%", "take 15% - it's yours").
# A giving verb before more words gives those ("here's 15% more coffee"): no discount.
GIFT_AFTER = re.compile(
    r"(?i)\s*(?:[,\-\u2013\u2014]\s*)?(?:(?:just|all|today|now)\s+)?"
    r"(?:for\s+you\b|on\s+us\b|(?:it'?s\s+|it\s+is\s+)?(?:all\s+)?yours\b|thank[\s-]you\b)"
)
GIFT_BEFORE = re.compile(
    r"(?i)\b(?:(?:give|giving|gift|gifting|send|sending)\s+you|enjoy|take|here'?s|here\s+is)"
    r"\s+(?:(?:a|an|this|that)\s+)?$"
)
# The customer's own percentage, with no noun after it: "use your 15% before May 1", "your 15%
# is waiting", "don't forget your 15%". "Your 15% chance" or "your 63.4% churn risk" goes on to
# name what the figure is, and is no discount.
YOURS_BEFORE = re.compile(r"(?i)\byour\s+$")
YOURS_AFTER = re.compile(
    r"(?i)\s*(?:[,;:!?\n)]|\.(?!\d)|$|\s[-\u2013\u2014]\s|(?:is|are|was|will|won't|awaits?|waits"
    r"|expires?|ends?|lasts?|stays?|runs?|before|by|until|till|today|now|on|at|when|while|and"
    r"|towards?|against|here|too|still|off)\b)"
)
PERCENT_SIGN = re.compile(r"(?i)%|per\s?cent|pct")
ENDS_HERE = re.compile(r"\s*(?:(?:today|now)\b\s*)?(?:[,;:!?\n)]|\.(?!\d)|\s[-\u2013\u2014]\s|$)")
# A price moved: "a 63% price cut", "a 30% cut", or a price word and a move word near the
# figure ("prices 63% lower", "cut prices by 30%"). Move words alone ("churn risk is 5% lower")
# describe other things, so they count only beside a price.
PRICE_CUT_AFTER = re.compile(r"(?i)\s*(?:price\s+)?(?:cut|drop|slash|markdown)s?\b")
PRICE = re.compile(r"(?i)\bprices?\b|\bpric(?:ed|ing)\b")
PRICE_MOVE = re.compile(r"(?i)\b(?:cut|lower\w*|drop\w*|slash\w*|knock\w*|trim\w*)\b")


def is_discount(text: str, start: int, end: int, figures: str | None = None) -> bool:
    """True when the figure at text[start:end] is written as a discount.

    "15% off", "save 15%", "a 15 percent discount": a discount word just before or after, in
    the figure's own sentence ("Churn risk is 63.4%. A price cut..." says nothing of 63.4%)
    and not past another figure (`figures`: the text before masking), whose word it is: "Up
    to 20% off could protect 18.7% of revenue" takes nothing off 18.7%.
    """
    low, high = max(0, start - 25), min(len(text), end + 30)
    low = max([low, *(m.end() for m in SENTENCE_END.finditer(text, low, start))])
    if figures is not None:
        # From a little earlier, so a figure the window cuts in two ("0% off") is still seen.
        others = OTHER_FIGURE.finditer(figures, max(0, low - 20), start)
        low = max([low, *(m.end() for m in others)])
        high = min([high, *(m.start() for m in DIGIT.finditer(figures, end, high))])
    after = SENTENCE_END.search(text, end, high)
    near = text[low : after.start() if after else high]
    if DISCOUNT_CONTEXT.search(near) or PRICE_CUT_AFTER.match(text, end):
        return True
    if ONE_MORE_BEFORE.search(text, low, start):
        return True  # "plus another 15%": a second discount, for placement.py to refuse
    if LESS_AFTER.match(text, end):
        return True  # "15% less", but not "less than their 63.4% churn risk"
    if GIFT_AFTER.match(text, end) or (
        GIFT_BEFORE.search(text, low, start) and ENDS_HERE.match(text, end)
    ):
        return True  # "here's 15% for you": the offer's discount, worded as a gift
    if (
        PERCENT_SIGN.search(text, start, end)
        and YOURS_BEFORE.search(text, low, start)
        and YOURS_AFTER.match(text, end)
    ):
        return True  # "claim your 15% today": the offer's discount, the customer's to use
    # A price and a move in the figure's own clause: "With a 63.4% churn risk, lower prices
    # could win them back" moves no price by 63.4%.
    low = max([low, *(m.end() for m in CLAUSE_END.finditer(text, low, start))])
    after = CLAUSE_END.search(text, end, high)
    near = text[low : after.start() if after else high]
    return bool(PRICE.search(near) and PRICE_MOVE.search(near))
