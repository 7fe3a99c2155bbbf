"""Checks of where a true value stands, not whether it is true: one discount used once, an
offer that ends, and each figure and date beside its own fact (names.py checks who is named).

verify.py runs these after the claims are grounded. What each refuses, and why:

- links and e-mail addresses in any draft: no fact holds one, so it came from a review or the
  model (terms.py finds them);
- in an offer: wording with no end ("never expires") or a nearer one ("last chance"), a length
  other than the days it lasts ("for a week" when it lasts 14), a perk on every order, and a
  second discount ("plus another 15% off", "use it twice"), since the offer is one discount
  that ends on its date;
- in a segment summary: a true figure beside another fact's words ("63.4% of revenue" when
  63.4% is the churn risk, "Revenue share: 63.4%"), when the words around it name one fact
  only; a figure written as a discount ("20% off") names the discount fact;
- a figure only some facts' words may introduce, standing without them: the offer's discount
  outside a discount clause ("your risk of leaving is 15%"), the days an offer lasts without
  "days"; and any percentage of the customers ("63.4% of all customers"), which no fact is;
- a true date beside another date fact's words ("your last order, on <the offer's end>").
"""

import re
from bisect import bisect_left
from collections.abc import Collection
from datetime import date

from assistant.drafting.grounding import (
    AllowedNumber,
    Grounding,
    date_is_grounded,
    number_is_grounded,
)
from assistant.drafting.mentions import Mentions, NumberMention
from assistant.drafting.violations import Violation

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
        elif term.kind == "urgency":
            found.append(
                Violation(
                    "invented_date",
                    term.text,
                    f"'{term.text}' says the offer is about to end; it ends on "
                    f"{say_end(expires)}: write that day instead",
                )
            )
        elif term.kind == "lasting_perk" and grounding.perks:
            # Without a perk in the facts, the promise itself is refused (verify.py).
            found.append(
                Violation(
                    "unsupported_promise",
                    term.text,
                    f"'{term.text}' gives the perk on every order; it comes with this one "
                    f"offer, until {say_end(expires)}",
                )
            )
    return found + _durations(mentions, grounding, expires) + _stacked(masked, mentions)


def _durations(mentions: Mentions, grounding: Grounding, expires: date) -> list[Violation]:
    """A length written for the offer ("for a week") that is not the days it lasts."""
    if grounding.today is None:
        return []
    days = (expires - grounding.today).days
    return [
        Violation(
            "invented_date",
            length.text,
            f"'{length.text}' is not how long the offer lasts: {days} days, until "
            f"{say_end(expires)}",
        )
        for length in mentions.durations
        if not length.fewest_days <= days <= length.most_days
    ]


def _stacked(masked: str, mentions: Mentions) -> list[Violation]:
    """A second discount: written as one more ("another 15% off"), or joined to one before it
    in the same sentence ("15% off today and 15% off next time"). The subject line and the
    body are apart, so a subject that names the discount is not a second one."""
    found: list[Violation] = []
    previous: tuple[int, int] | None = None  # (sentence, end) of the last discount
    # Found once, not once per figure: a long draft with many figures stays linear.
    ends = list(SENTENCE_END.finditer(masked))
    for number in sorted(mentions.numbers, key=lambda n: n.start):
        if not number.discount:
            continue
        sentence = _ending_before(ends, number.start)
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


def say_end(day: date) -> str:
    """An offer's end as the copy writes it: May 1, 2026."""
    return f"{day:%B} {day.day}, {day.year}"


# Where a clause ends, for telling which fact a figure is written beside.
CLAUSE_END = re.compile(
    r"(?i)[,;:()!?\n]|\.(?!\d)|\s[-\u2013\u2014]\s|\b(?:and|but|while|whereas|with)\b"
)


# A percentage of people ("63.4% of all customers", "20% of them"): no fact is a share of the
# customers, so a true figure written so means something else. "Of the segment's revenue" is
# a share of revenue.
SHARE_OF_PEOPLE = re.compile(
    r"(?i)\s*of\s+(?:(?:all|our|the|these|those|its|their|your|this|that|such)\s+)*"
    r"(?:customers|clients|buyers|shoppers|people|members|users|households|them|segment|group)"
    r"\b(?!'s|\s+(?:revenue|sales|spend|income|turnover))"
)


def misplaced_figures(
    masked: str, mentions: Mentions, grounding: Grounding, said: Collection[int] = ()
) -> list[Violation]:
    """Figures written beside the words of a fact they are not ("they bring in 63.4% of
    revenue" when 63.4% is the churn risk), judged only when the figure's clause names one
    fact: a clause naming two, or none, cannot tell, and passes. A figure only some facts may
    stand for (`cued_only`: the discount, the days an offer lasts) needs their words beside it,
    and a percentage of the customers is no fact at all. Figures starting at `said` are
    refused already (people_shares.py)."""
    labelled = [n for n in grounding.numbers if n.cues]
    found: list[Violation] = []
    # Clause ends found once, and each clause read for cues once: a draft with no punctuation
    # is one long clause, and reading it again for each of its figures took quadratic time.
    ends = list(CLAUSE_END.finditer(masked))
    named_in: dict[tuple[int, int], set[str]] = {}
    # A figure written as a discount ("20% off") names the discount, whatever its clause says
    # of the customers it is for ("Customers at risk could get 20% off").
    discount = {n.source for n in labelled if _names("discount", n)}
    for number in mentions.numbers:
        own = [n for n in grounding.numbers if number_is_grounded(number, Grounding(numbers=(n,)))]
        if not own or number.start in said:
            continue  # not a fact at all (verify.py says so), or said already
        clause = _clause(masked, ends, number)
        if clause not in named_in:
            words = masked[clause[0] : clause[1]]
            named_in[clause] = {n.source for n in labelled if _names(words, n)}
        in_clause = named_in[clause]
        named = discount if number.discount else in_clause
        sources = [n.source for n in own]
        if number.unit == "percent" and SHARE_OF_PEOPLE.match(
            masked, number.start + len(number.text)
        ):
            message = "written as a share of the customers, and no fact is one"
        elif len(named) == 1 and not named & set(sources) and any(n.cues for n in own):
            message = f"written as the {next(iter(named))}: write each figure beside its own fact"
        elif all(n.cued_only for n in own) and not (named | in_clause) & set(sources):
            words = " or ".join(f"'{cue}'" for cue in own[0].cues[:2])
            message = f"but nothing beside it says so: write it beside {words}"
        else:
            continue
        found.append(
            Violation(
                "invented_number",
                number.text,
                f"'{number.text}' is the {' or '.join(sources)}, {message}",
            )
        )
    return found


def misplaced_dates(masked: str, mentions: Mentions, grounding: Grounding) -> list[Violation]:
    """A true date beside the words of another fact's date ("your last order, on <the offer's
    end>"), judged as figures are, on the date's sentence. The offer's end written as an end is
    checked in verify.py."""
    found: list[Violation] = []
    ends = list(SENTENCE_END.finditer(masked))  # once, and each sentence read once, as above
    named_in: dict[tuple[int, int], set[str]] = {}
    for day in mentions.dates:
        if day.deadline or day.relative is not None:
            continue
        own = {
            d.source
            for d in grounding.date_cues
            if date_is_grounded(day, Grounding(dates=(d.value,)))
        }
        sentence = _between(ends, day.start, day.start + len(day.text), len(masked))
        if sentence not in named_in:
            words = masked[sentence[0] : sentence[1]]
            named_in[sentence] = {d.source for d in grounding.date_cues if _cued(words, d.cues)}
        named = named_in[sentence]
        if own and len(named) == 1 and not named & own:
            found.append(
                Violation(
                    "invented_date",
                    day.text,
                    f"'{day.text}' is the {' or '.join(sorted(own))}, written as the "
                    f"{next(iter(named))}: write each date beside its own fact",
                )
            )
    return found


def _clause(text: str, ends: list[re.Match[str]], number: NumberMention) -> tuple[int, int]:
    """Where the figure's clause starts and ends in `text`; `ends` are its CLAUSE_END matches."""
    start, end = _between(ends, number.start, number.start + len(number.text), len(text))
    count = _ending_before(ends, number.start)
    if count and ends[count - 1].group(0) in ":(" and not text[start : number.start].strip():
        # "Churn risk: 18.7%", "- Revenue share: 63.4%", "churn risk (18.7%)": the label before
        # the colon or bracket is the figure's clause.
        start = ends[count - 2].end() if count > 1 else 0
    return start, end


def _between(ends: list[re.Match[str]], start: int, end: int, length: int) -> tuple[int, int]:
    """The span from the last of `ends` before `start` to the first after `end` (matches in
    text order, found once per text, so each look-up is a bisection, not a scan)."""
    count = _ending_before(ends, start)
    after = bisect_left(ends, end, key=lambda match: match.start())
    first = ends[count - 1].end() if count else 0
    return first, ends[after].start() if after < len(ends) else length


def _ending_before(ends: list[re.Match[str]], position: int) -> int:
    """How many of `ends` (matches in text order) lie wholly before `position`."""
    return bisect_left(ends, position + 1, key=lambda match: match.end())


def _names(clause: str, allowed: AllowedNumber) -> bool:
    return _cued(clause, allowed.cues)


def _cued(text: str, cues: tuple[str, ...]) -> bool:
    return any(re.search(rf"(?i)\b{re.escape(cue)}", text) for cue in cues)
