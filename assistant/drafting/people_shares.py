"""Shares of the customers who churn, buy or leave: "about two thirds are likely to churn",
"63.4% will leave", "one in three customers will buy again", "two thirds of <the segment>
could lapse".

No facts block holds such a share. A segment's churn risk is an average of each customer's
chance of leaving: an average of 63.4% says nothing of how many will go (every customer may
sit at 63.4%, or two thirds at 95% and the rest at 0%). So a share written as the subject of
churning, buying or leaving is refused whoever the sentence names ("customers", "them", the
segment's own name, or no one), whatever its value; shares.py and placement.py already refuse
a share "of the customers" that matches no fact, and this catches the rest. A share of revenue
("a fifth of revenue comes from them") and the offer's discount ("15% off for those who
return", or a percentage equal to it: "that's 15% for customers who order again") are facts,
not shares of people. "Most buy Coffee" is left alone: "most" names no figure a reader takes
as a count.
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
    r"(?:\s+(?:are|is|were|was|will|would|could|can|may|might|should|must|have|has|had"
    r"|look|looks|seem|seems|appear|appears|tend|tends|be|been|likely|unlikely|set|expected"
    r"|predicted|forecast|going|about|to|probably|still|already|not|never|now|soon|again"
    r"|also|then|who|that|in\s+danger\s+of|risk|risks|plan|plans|planning))*"
)
# Churning, buying or leaving, by any of its words ("churn", "lapse", "come back", "at risk").
# A verb, so not after a determiner: "15% of your next order" is of an order, not people.
_NOT_AFTER = "".join(
    rf"(?<!\b{word})" for word in "a an the your our their this that next first every each".split()
)
_DOING = (
    rf"{_NOT_AFTER}\s+(?:churn|leav|left\b|lapse|quit|stop|defect|drift|walk\s+away|switch|go\s+quiet"
    r"|buy|bought|order|purchas|shop|spend|return|come\s+back|renew|respond|redeem|convert"
    r"|unsubscrib|at\s+risk\b)\w*"
    # "A 63.4% churn risk" names the fact: a chance per customer, not a share of them.
    r"(?!\s*-?\s*(?:risk|score|probabilit|chance|likelihood|propensit))"
)
PEOPLE_SHARE = re.compile(
    rf"(?i)(?<![\w.])(?P<share>{_FRACTION}\b|{_COUNT}\s+(?:in|out\s+of)\s+{_IN}\b|{_PERCENT})"
    rf"(?P<rest>{_OF_WHOM}{_AUXILIARY}{_DOING})"
)
# A share of money is a fact (the segment's revenue share), not a share of people.
_OF_MONEY = re.compile(r"(?i)\b(?:revenue|sales|spend|turnover|income|takings)\b")
_CLAUSE_END = re.compile(r"[,;:!?\n()]|\.(?!\d)")


def shares_of_people(
    text: str, masked: str, mentions: Mentions, grounding: Grounding
) -> list[Violation]:
    """Each share of the customers written as churning, buying or leaving, quoted from `text`
    (`masked` is it with merchant text blanked), that no other check refuses: a share that is
    no fact is refused as such (verify.py), and one written "of the customers" too
    (placement.py); one read as a discount is the offer's."""
    read = {n.start: n for n in mentions.numbers}
    found: list[Violation] = []
    for match in PEOPLE_SHARE.finditer(masked):
        rest = match.group("rest")
        if _OF_MONEY.search(rest) or _CLAUSE_END.search(rest):
            continue
        share = read.get(match.start())
        if share is not None and (
            share.discount
            or _is_offers_discount(share, grounding)
            or not number_is_grounded(share, grounding)
            or SHARE_OF_PEOPLE.match(masked, share.start + len(share.text))
        ):
            continue
        claim = " ".join(text[match.start() : match.end()].split())
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


def _is_offers_discount(share: NumberMention, grounding: Grounding) -> bool:
    """True for a percentage equal to the offer's discount: "That's 15% for customers who order
    again" gives the offer, with no discount word beside it, and says nothing of how many."""
    return share.unit == "percent" and any(
        allowed.source == "discount_pct" and allowed.value == share.value
        for allowed in grounding.numbers
    )
