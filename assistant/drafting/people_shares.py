"""Shares of the customers who churn, buy or leave: "about two thirds are likely to churn",
"63.4% will leave", "one in three customers will buy again", "two thirds of <the segment>
could lapse", and the same in vaguer words: "most of them will churn", "most customers like
you leave", "the majority will come back", "nearly all are at risk", "few of them return",
"lots of them will leave", "plenty will come back", "a good share of them will buy again",
"most of our regulars reorder" (buying again in one word). "Lots", "plenty" and "a good
share" are of people only where they say so ("lots of them", "plenty of our regulars") or
say nothing ("plenty will come back"): "plenty of time to come back" is of time.

No facts block holds such a share. A segment's churn risk is an average of each customer's
chance of leaving: an average of 63.4% says nothing of how many will go (every customer may
sit at 63.4%, or two thirds at 95% and the rest at 0%). So a share written as the subject of
churning, buying or leaving is refused whoever the sentence names ("customers", "them", the
segment's own name, or no one), whatever its value; shares.py and placement.py already refuse
a share "of the customers" that matches no fact, and this catches the rest. A share of revenue
("a fifth of revenue comes from them") is a fact, not a share of people.

The offer's discount is a percentage too, so "15% will buy again" and "15% of customers come
back" read as a fact unless told apart: the discount passes only where it reads as one, given
("15% for customers who order again", "15% to spend") or after a discount word ("save 15% of
everything you buy"); "15% off" and "15% on your next order" never read as people at all.

A vague word is a share only as the subject ("most will churn"), not after a determiner or
preposition ("make the most of it", "our most loyal", "at most 15% off", "for most orders")
nor of things ("most of our coffee"). Buying is what a segment's top categories say, so "most
buy Coffee" (or "bought") passes; buying again or to come ("most will buy", "most order
again") is a prediction, and refused.
"""

import re

from assistant.drafting.grounding import Grounding, number_is_grounded
from assistant.drafting.mentions import Mentions, NumberMention
from assistant.drafting.placement import SHARE_OF_PEOPLE
from assistant.drafting.violations import Violation

_FRACTION = (
    r"(?:(?:a|an|one|two|three|four)[\s-]+)?(?:half|halves|thirds?|quarters?|fifths?|tenths?)"
)
_COUNT = r"(?:one|two|three|four|five|\d+)"
_IN = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)"
_PERCENT = r"\d+(?:\.\d+)?[\s-]?(?:%|percent\b|per[\s-]?cent\b|pct\b)"
# Whom a share is of: "of them", "of these customers", a blanked segment name, or people
# named without "of" ("one in three customers"); "15% on your next order" is of no one.
_PEOPLE = r"customers|clients|buyers|shoppers|people|members|users|households|regulars"
_OF_WHOM = rf"(?:\s+of(?:\s+[\w'&-]+){{1,4}}?|\s+(?:[\w-]+\s+)?(?:{_PEOPLE}))?"
# The words between the share and what it does: "are likely to", "could soon", "who will".
_AUXILIARY = (
    r"(?P<aux>(?:\s+(?:are|is|were|was|will|would|could|can|may|might|should|must|have|has|had"
    r"|look|looks|seem|seems|appear|appears|tend|tends|be|been|likely|unlikely|set|expected"
    r"|predicted|forecast|going|about|to|probably|still|already|not|never|now|soon|again"
    r"|also|then|who|that|in\s+danger\s+of|risk|risks|plan|plans|planning))*)"
)
# Churning, buying or leaving, by any of its words ("churn", "lapse", "come back", "at risk").
# A verb, so not after a determiner: "15% of your next order" is of an order, not people.
_NOT_AFTER = "".join(
    rf"(?<!\b{word})" for word in "a an the your our their this that next first every each".split()
)
_DOING = (
    rf"{_NOT_AFTER}\s+(?:(?P<leaving>churn|leav|left\b|lapse|quit|stop|defect|drift"
    r"|walk\s+away|switch|go\s+quiet|return|com(?:e|es|ing)\s+back|came\s+back|stick\s+around"
    r"|renew|respond|redeem"
    r"|convert|unsubscrib|at\s+risk\b)"
    # "Reorder", "re-buy": buying again in one word.
    r"|(?P<buying>(?P<again>re-?)?(?:buy|bought|order|purchas|shop|spend|spent)))\w*"
    # "A 63.4% churn risk" names the fact: a chance per customer, not a share of them.
    r"(?!\s*-?\s*(?:risk|score|probabilit|chance|likelihood|propensit))"
)
PEOPLE_SHARE = re.compile(
    rf"(?i)(?<![\w.])(?P<share>{_FRACTION}\b|{_COUNT}\s+(?:in|out\s+of)\s+{_IN}\b|{_PERCENT})"
    rf"(?P<rest>{_OF_WHOM}{_AUXILIARY}{_DOING})"
)
# Vague shares, as the subject only: not "the most", "our most", "at most", "for most".
_NOT_SUBJECT = "".join(
    rf"(?<!\b{word}\s)"
    for word in "the at our your their its my his her what which whose for to with from by of in"
    " on make".split()
)
_VAGUE = (
    rf"{_NOT_SUBJECT}\bmost\b"
    r"|\b(?:the|a)\s+(?:(?:vast|clear|large|small|great)\s+)?majority\b|\ba\s+minority\b"
    r"|\b(?:nearly|almost|virtually|practically)\s+(?:all|everyone|everybody|none|no\s+one)\b"
    r"|(?<!\ba\s)\b(?:very\s+|only\s+)?few\b|\bhardly\s+any(?:one)?\b"  # "a few" is some
)
# Whom: "of them", "customers like you", "people who try it", or no one ("most will churn").
_VAGUE_WHOM = (
    rf"(?:\s+of(?:\s+[\w'&-]+){{1,4}}?|(?:\s+[\w-]+)?\s+(?:{_PEOPLE})"
    r"(?:\s+like\s+(?:you|them|these|those))?)?(?:\s+(?:who|that)(?:\s+[\w'-]+){1,3}?)?"
)
# "Lots", "plenty", "a good share": a share too, but "plenty of time to come back" is of time,
# so after "of" only people count ("lots of them", "plenty of our regulars", a blanked segment).
_MANY = (
    rf"{_NOT_SUBJECT}\b(?:lots|loads|plenty|a\s+lot)\b"
    r"|\ba\s+(?:good|large|big|fair|huge|high|great|small)\s+(?:share|proportion|percentage"
    r"|number|chunk|part|portion)\b"
)
_MANY_WHOM = (
    r"(?:\s+of(?:\s+(?:all|the|these|those|our|your|their|this|that))*"
    rf"(?:\s+them|\s+you|(?:\s+[\w-]+)?\s+(?:{_PEOPLE}))|\s+of(?=\s{{4,}}\S))?"
    r"(?:\s+(?:who|that)(?:\s+[\w'-]+){1,3}?)?"
)
VAGUE_SHARE = re.compile(rf"(?i)(?P<share>{_VAGUE})(?P<rest>{_VAGUE_WHOM}{_AUXILIARY}{_DOING})")
MANY_SHARE = re.compile(rf"(?i)(?P<share>{_MANY})(?P<rest>{_MANY_WHOM}{_AUXILIARY}{_DOING})")
# Buying is a prediction when it is to come ("most will buy") or again ("most order again").
_TO_COME = re.compile(
    r"(?i)\b(?:will|would|could|may|might|going|likely|unlikely|set|expected|predicted"
    r"|forecast|plans?|planning|soon|never)\b"
)
_AGAIN = re.compile(r"(?i)\s+(?:again|back|once\s+more|a\s+second\s+time)\b")
# A share of money is a fact (the segment's revenue share), not a share of people.
_OF_MONEY = re.compile(r"(?i)\b(?:revenue|sales|spend|turnover|income|takings)\b")
_CLAUSE_END = re.compile(r"[,;:!?\n()]|\.(?!\d)")
# The discount given, not done: "15% for customers who order again", "15% to spend".
_GIVEN = re.compile(r"(?i)\s+(?:for|to)\b")
_DISCOUNT_BEFORE = re.compile(
    r"(?i)\b(?:save|saving|savings\s+of|discount\s+of|get|enjoy|take|here'?s|here\s+is"
    r"|gives?\s+you)\s+(?:up\s+to\s+|an?\s+(?:extra\s+)?)?$"
)
_DISCOUNT_FACTS = ("discount_pct", "max_discount_pct")


def people_share_claims(
    masked: str, mentions: Mentions, grounding: Grounding
) -> list[tuple[int, int]]:
    """Where each share of the customers written as churning, buying or leaving stands in
    `masked` (the draft with merchant text blanked), that no other check refuses: a share that
    is no fact is refused as such (verify.py), and one written "of the customers" too
    (placement.py); the offer's discount passes where it reads as one (module docstring)."""
    read = {n.start: n for n in mentions.numbers}
    found: list[tuple[int, int]] = []
    for match in PEOPLE_SHARE.finditer(masked):
        if _elsewhere(match):
            continue
        share = read.get(match.start())
        if share is not None and (
            not number_is_grounded(share, grounding)
            or SHARE_OF_PEOPLE.match(masked, share.start + len(share.text))
            or _given_as_discount(masked, share, grounding)
        ):
            continue
        found.append(match.span())
    for match in [*VAGUE_SHARE.finditer(masked), *MANY_SHARE.finditer(masked)]:
        buying = match.group("buying") is not None
        if _elsewhere(match) or (
            buying
            and match.group("again") is None
            and not _TO_COME.search(match.group("aux"))
            and not _AGAIN.match(masked, match.end())
        ):
            continue  # "most buy Coffee": the segment's top categories
        found.append(match.span())
    return sorted(found)


def shares_of_people(text: str, claims: list[tuple[int, int]]) -> list[Violation]:
    """Each claim of `people_share_claims`, quoted from `text` (the draft before masking)."""
    found: list[Violation] = []
    for start, end in claims:
        claim = " ".join(text[start:end].split())
        found.append(
            Violation(
                "invented_number",
                claim,
                f"'{claim}' says how many customers churn, buy or leave, and the facts hold no "
                "such share (a churn risk is an average per customer, not a share of them): "
                "write the facts' own figures",
            )
        )
    return found


def _elsewhere(match: re.Match[str]) -> bool:
    """True when the share is of money, or its words run past its clause."""
    rest = match.group("rest")
    return bool(_OF_MONEY.search(rest) or _CLAUSE_END.search(rest))


def _given_as_discount(masked: str, share: NumberMention, grounding: Grounding) -> bool:
    """True for the offer's discount (or the policy's maximum) given, not done: "that's 15% for
    customers who order again", "15% to spend", "save 15% of everything you buy"."""
    discount = share.unit == "percent" and any(
        allowed.source in _DISCOUNT_FACTS and allowed.value == share.value
        for allowed in grounding.numbers
    )
    before = _DISCOUNT_BEFORE.search(masked, max(0, share.start - 30), share.start)
    return discount and bool(_GIVEN.match(masked, share.start + len(share.text)) or before)
