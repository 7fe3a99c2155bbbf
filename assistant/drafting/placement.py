"""Checks of where a true value stands, not whether it is true: the right name after "Hi",
one discount used once, an offer that ends, and each segment figure beside its own fact.

verify.py runs these after the claims are grounded. What each refuses, and why:

- a greeting's addressee that is not the customer's first name ("Hi Bob" to Ada), or, when
  the facts give no name, anything but a neutral word ("Hi there", allowed with a name too);
- links and e-mail addresses in any draft: no fact holds one, so it came from a review or the
  model (terms.py finds them);
- in an offer: wording with no end ("never expires"), and a second discount ("plus another
  15% off", "use it twice"), since the offer is one discount that ends on its date;
- in a segment summary: a true figure beside another fact's words ("63.4% of revenue" when
  63.4% is the churn risk), when the words around it name one fact only.
"""

import re
from datetime import date

from assistant.drafting.extract import Mentions, NumberMention, normalise
from assistant.drafting.grounding import AllowedNumber, Grounding, number_is_grounded
from assistant.drafting.violations import Violation

# A greeting at the start of a line or sentence, and the word after it: the addressee. Group
# 4 is set when that word ends the greeting ("Hello, Ada!"); after a comma, only such a word is
# an addressee ("Hello, we miss you" greets no one by name).
GREETING = re.compile(
    r"(?im)(?:^|(?<=[.!?:])\s+)\s*(?:hi|hello|hey|dear|greetings|good\s+(?:morning|afternoon"
    r"|evening))\b(\s*,\s*|\s+)(?:(again|back)\b,?\s*)?([^\W\d_]+(?:['-][^\W\d_]+)*)"
    r"(?=(\s*[,!.:;]|\s*$)?)"
)
NEUTRAL_ADDRESSEES = {"there", "friend", "friends", "everyone", "everybody", "all", "folks"}
NEUTRAL_ADDRESSEES |= {"valued", "customer", "team"}
# Words after "Hello" that are not an addressee at all: "Hello from the team", "Hi and welcome".
NOT_ADDRESSEES = {"from", "and", "to", "again", "back"}
# A discount written as one more ("another 15% off", "an additional 10%"): a second discount.
STACKED_BEFORE = re.compile(r"(?i)\b(?:another|additional|further|second|stack\w*)\s+(?:\w+\s+)?$")
SENTENCE_END = re.compile(r"[!?\n]|\.(?!\d)")
JOINED = re.compile(r"(?i)\b(?:plus|and|then|also|with|on\s+top)\b|[+&]")


def offer_terms(masked: str, mentions: Mentions, grounding: Grounding) -> list[Violation]:
    """Links in any draft; in an offer, wording with no end, and a discount given twice."""
    found = [
        Violation(
            "invented_link",
            term.text,
            f"'{term.text}' is a link or e-mail address; the facts hold none, so write none",
        )
        for term in mentions.terms
        if term.kind == "link"
    ]
    expires = grounding.offer_expires
    if expires is None:
        return found  # a segment summary: no offer terms to keep
    for term in mentions.terms:
        if term.kind == "no_expiry":
            found.append(
                Violation(
                    "invented_date",
                    term.text,
                    f"'{term.text}' says the offer has no end; it ends on {say_end(expires)}",
                )
            )
        elif term.kind == "stacking":
            found.append(
                Violation(
                    "over_policy_discount",
                    term.text,
                    f"'{term.text}' offers the discount more than once; the offer is one "
                    "discount, used once",
                )
            )
    return found + _stacked(masked, mentions)


def _stacked(masked: str, mentions: Mentions) -> list[Violation]:
    """A second discount: written as one more ("another 15% off"), or joined to one before it
    in the same sentence ("15% off today and 15% off next time"). The subject line and the
    body are apart, so a subject that names the discount is not a second one."""
    found: list[Violation] = []
    previous: tuple[int, int] | None = None  # (sentence, end) of the last discount
    for number in sorted(mentions.numbers, key=lambda n: n.start):
        if not number.discount:
            continue
        sentence = len(SENTENCE_END.findall(masked, 0, number.start))
        written = masked[max(0, number.start - 25) : number.start]
        joined = (
            previous is not None
            and previous[0] == sentence
            and bool(JOINED.search(masked, previous[1], number.start))
        )
        previous = (sentence, number.start + len(number.text))
        if STACKED_BEFORE.search(written) or joined:
            found.append(
                Violation(
                    "over_policy_discount",
                    number.text,
                    f"'{number.text}' is a second discount on top of the first; the offer is "
                    "one discount: write it once",
                )
            )
    return found


def greeting(text: str, grounding: Grounding) -> list[Violation]:
    """The word after "Hi", "Dear", "Hello" must be the customer's first name as the facts
    give it, or a neutral word ("there", "friend"), which is never wrong."""
    names = {normalise(name).rstrip(".").casefold() for name in grounding.names}
    allowed = names | NEUTRAL_ADDRESSEES
    greet = f"'Hi {grounding.names[0]},'" if grounding.names else "'Hi there,'"
    copied = {value.casefold() for value in grounding.foreign}  # copied_example says it better
    found: list[Violation] = []
    for match in GREETING.finditer(text):
        separator, word, after = match.group(1), match.group(3), match.group(4)
        if "," in separator and after is None:
            continue  # "Hello, we miss you": a sentence, not an addressee
        addressee = re.sub(r"'s$", "", word).casefold()
        if addressee in allowed or addressee in NOT_ADDRESSEES or addressee in copied:
            continue
        found.append(
            Violation(
                "wrong_name",
                word,
                f"'{word}' is not the customer's name in the facts: greet with {greet}",
            )
        )
    return found


def say_end(day: date) -> str:
    """An offer's end as the copy writes it: May 1, 2026."""
    return f"{day:%B} {day.day}, {day.year}"


# Where a clause ends, for telling which fact a figure is written beside.
CLAUSE_END = re.compile(
    r"(?i)[,;:()!?\n]|\.(?!\d)|\s[-\u2013\u2014]\s|\b(?:and|but|while|whereas|with)\b"
)


def misplaced_figures(masked: str, mentions: Mentions, grounding: Grounding) -> list[Violation]:
    """Figures written beside the words of a fact they are not ("they bring in 63.4% of
    revenue" when 63.4% is the churn risk). Judged only when the figure's clause names one
    fact: a clause naming two, or none, cannot tell, and passes."""
    labelled = [n for n in grounding.numbers if n.cues]
    found: list[Violation] = []
    for number in mentions.numbers:
        clause = _clause(masked, number)
        named = {n.source for n in labelled if _names(clause, n)}
        if len(named) != 1:
            continue
        (source,) = named
        own = [n.source for n in labelled if number_is_grounded(number, Grounding(numbers=(n,)))]
        if own and source not in own:
            found.append(
                Violation(
                    "invented_number",
                    number.text,
                    f"'{number.text}' is the {' or '.join(own)}, written as the {source}: "
                    "write each figure beside its own fact",
                )
            )
    return found


def _clause(text: str, number: NumberMention) -> str:
    before = [m.end() for m in CLAUSE_END.finditer(text, 0, number.start)]
    end = number.start + len(number.text)
    after = CLAUSE_END.search(text, end)
    return text[before[-1] if before else 0 : after.start() if after else len(text)]


def _names(clause: str, allowed: AllowedNumber) -> bool:
    return any(re.search(rf"(?i)\b{re.escape(cue)}", clause) for cue in allowed.cues)
