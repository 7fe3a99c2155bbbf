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
  63.4% is the churn risk, "Revenue share: 63.4%"), when the words around it name one fact
  only; a figure written as a discount ("20% off") names the discount fact.
"""

import re
from datetime import date

from assistant.drafting.extract import Mentions, NumberMention, normalise
from assistant.drafting.grounding import AllowedNumber, Grounding, number_is_grounded
from assistant.drafting.violations import Violation

# A greeting at the start of a line or sentence; the words after it are read by _addressees.
GREETING = re.compile(
    r"(?im)(?:^|(?<=[.!?:])\s+)\s*(?:hi|hello|hey|dear|greetings|welcome\s+back"
    r"|good\s+(?:morning|afternoon|evening))\b"
)
SEPARATOR = re.compile(r"\s*,\s*|\s+")
AFTER_TITLE = re.compile(r"\.?(?:\s*,\s*|\s+)")  # "Dear Dr. Ada", "Hi again, Ada"
WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
# A word that ends the greeting ("Hello, Ada!"); after a comma, only such a word is an
# addressee ("Hello, we miss you" greets no one by name).
ENDS_GREETING = re.compile(r"(?m)\s*[,!.:;]|\s*$")
NEUTRAL_ADDRESSEES = {"there", "friend", "friends", "everyone", "everybody", "all", "folks"}
NEUTRAL_ADDRESSEES |= {"customer", "customers", "team", "you", "sir", "madam"}
# Words after "Hello" that are not an addressee at all: "Hello from the team", "Hi and welcome".
NOT_ADDRESSEES = {"from", "and", "to", "again", "back"}
# Words read past to the addressee: a title ("Dear Ms Ada"), a kind word ("Hello lovely Ada"),
# "again" ("Hi again, Ada"), a second greeting ("Hey hey Ada").
BEFORE_NAMES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "again", "back", "hi", "hey"}
BEFORE_NAMES |= {"lovely", "dear", "dearest", "valued", "wonderful", "fellow", "my", "our"}
# Joins a second addressee to the first: "Hi Ada and Bob", "Dear Sir or Madam".
ALSO = re.compile(r"(?i)\s+(?:and|or|&)\s+")
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
    allowed = names | NEUTRAL_ADDRESSEES | NOT_ADDRESSEES
    allowed |= {value.casefold() for value in grounding.foreign}  # copied_example says it better
    greet = f"'Hi {grounding.names[0]},'" if grounding.names else "'Hi there,'"
    return [
        Violation(
            "wrong_name",
            word,
            f"'{word}' is not the customer's name in the facts: greet with {greet}",
        )
        for word in (m.group(0) for m in _greeted(text, names, grounding.phrases))
        if re.sub(r"'s$", "", word).casefold() not in allowed
    ]


def greeted_name(text: str, grounding: Grounding) -> list[tuple[int, int]]:
    """Where a greeting addresses the customer by the name the facts give ("Hi Free,"): text
    the customer chose, read for no claim or promise there."""
    names = {normalise(name).rstrip(".").casefold() for name in grounding.names}
    return [
        m.span()
        for m in _greeted(text, names, grounding.phrases)
        if re.sub(r"'s$", "", m.group(0)).casefold() in names
    ]


def _greeted(text: str, names: set[str], phrases: tuple[str, ...]) -> list[re.Match[str]]:
    return [
        word
        for match in GREETING.finditer(text)
        for word in _addressees(text, match.end(), names, phrases)
    ]


def _addressees(
    text: str, at: int, names: set[str], phrases: tuple[str, ...]
) -> list[re.Match[str]]:
    """The words a greeting ending at `at` addresses: "Hi Ada" [Ada], "Dear Ms Ada" [Ada],
    "Hi there, Bob!" [there, Bob], "Hi Ada and Bob" [Ada, Bob]. A grounded phrase ("Hello
    Coffee lover", the favourite category) addresses no one by name."""
    found: list[re.Match[str]] = []
    separator = SEPARATOR.match(text, at)
    while separator:
        word = WORD.match(text, separator.end())
        if word is None:
            break
        if "," in separator.group(0) and not ENDS_GREETING.match(text, word.end()):
            break  # "Hello, we miss you": a sentence, not an addressee
        rest = text[word.start() :].casefold()
        if any(rest.startswith(phrase.casefold()) for phrase in phrases if phrase):
            break
        key = word.group(0).casefold()
        if key in BEFORE_NAMES and key not in names:  # a customer may be called Dear
            separator = AFTER_TITLE.match(text, word.end())
            continue
        found.append(word)
        if key in NOT_ADDRESSEES:
            break
        also = ALSO.match(text, word.end())
        if also:  # "Hi Ada and Bob", "Dear Sir or Madam": the second is an addressee too
            separator = also
        elif key in NEUTRAL_ADDRESSEES:
            # "Hi there, Bob!", "Hello friend Bob,": a name after a neutral word ends the
            # greeting ("Hi everyone at home" names no one).
            separator = SEPARATOR.match(text, word.end())
            after = WORD.match(text, separator.end()) if separator else None
            if after is None or not ENDS_GREETING.match(text, after.end()):
                break
        else:
            break
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
    # A figure written as a discount ("20% off") names the discount, whatever its clause says
    # of the customers it is for ("Customers at risk could get 20% off").
    discount = {n.source for n in labelled if _names("discount", n)}
    for number in mentions.numbers:
        clause = _clause(masked, number)
        named = discount if number.discount else {n.source for n in labelled if _names(clause, n)}
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
    before = list(CLAUSE_END.finditer(text, 0, number.start))
    start = before[-1].end() if before else 0
    if before and before[-1].group(0) in ":(" and not text[start : number.start].strip():
        # "Churn risk: 18.7%", "- Revenue share: 63.4%", "churn risk (18.7%)": the label before
        # the colon or bracket is the figure's clause.
        start = before[-2].end() if len(before) > 1 else 0
    end = number.start + len(number.text)
    after = CLAUSE_END.search(text, end)
    return text[start : after.start() if after else len(text)]


def _names(clause: str, allowed: AllowedNumber) -> bool:
    return any(re.search(rf"(?i)\b{re.escape(cue)}", clause) for cue in allowed.cues)
