"""Claims a draft makes that its facts do not hold: numbers, dates, times of day and product
ids that no fact is, and a fact's product id under another title.

verify.py calls these on the draft with merchant text masked; `names` are the spans of the
customer's name, which is their own text and claims nothing.
Whether each claim stands beside its own fact is placement.py's check, not this one's.
"""

from assistant.drafting.grounding import (
    Grounding,
    date_is_grounded,
    deadline_is_grounded,
    describe_numbers,
    number_is_grounded,
)
from assistant.drafting.mentions import Mentions
from assistant.drafting.placement import say_end
from assistant.drafting.violations import Violation


def ungrounded_claims(
    mentions: Mentions, grounding: Grounding, names: list[tuple[int, int]]
) -> list[Violation]:
    """Each number, date, time of day and code in `mentions` that no fact holds; a date
    written as the offer's end must be that end."""

    def in_name(start: int) -> bool:
        return any(a <= start < b for a, b in names)

    found: list[Violation] = []
    for number in mentions.numbers:
        if in_name(number.start) or number_is_grounded(number, grounding):
            continue
        allowed = describe_numbers(grounding, number.unit)
        found.append(
            Violation(
                "invented_number",
                number.text,
                f"'{number.text}' is not in the facts (numbers the facts allow: {allowed})",
            )
        )
    expires = grounding.offer_expires
    for day in mentions.dates:
        if in_name(day.start):
            continue
        if day.deadline and expires is not None:
            # "until March 5, 1998": a true date (the last order's), but not the offer's end;
            # "valid through March", "today only": not the day it ends.
            if not deadline_is_grounded(day, grounding):
                found.append(
                    Violation(
                        "invented_date",
                        day.text,
                        f"'{day.text}' is written as the offer's end, and the offer ends on "
                        f"{say_end(expires)}: write that day",
                    )
                )
            continue
        if date_is_grounded(day, grounding):
            continue
        allowed = ", ".join(f"{d:%B} {d.day}, {d.year}" for d in grounding.dates) or "none"
        found.append(
            Violation(
                "invented_date",
                day.text,
                f"'{day.text}' is not a date in the facts (dates the facts allow: {allowed})",
            )
        )
    for time in mentions.times:  # no fact holds an hour, the offer's end included (times.py)
        if in_name(time.start):
            continue
        end = say_end(expires) if expires else ""
        fix = f": the offer ends on {end}; write 'until the end of day on {end}'" if end else ""
        found.append(
            Violation(
                "invented_date",
                time.text,
                f"'{time.text}' is a time of day, and the facts hold none{fix}",
            )
        )
    for code in mentions.codes:
        if in_name(code.start) or code.text.upper() in {p.upper() for p in grounding.products}:
            continue
        found.append(
            Violation(
                "invented_product",
                code.text,
                f"'{code.text}' looks like a product id or code, and the facts have no such one",
            )
        )
    return found


def retitled_products(masked: str, mentions: Mentions, grounding: Grounding) -> list[Violation]:
    """A fact's product id under another title ("Relish product B003ZXFUVS" for the facts'
    "Soup product B003ZXFUVS"): the id is grounded, the words in front of it are not.

    Exact titles are already masked, so an id still standing after a word of its title's
    lead-in ("product") was written with a different lead-in.
    """
    found: list[Violation] = []
    ids = {pid.upper(): title for pid, title in grounding.products.items()}
    for code in mentions.codes:
        title = ids.get(code.text.upper(), "")
        lead = title[: title.upper().find(code.text.upper())].split() if title else []
        before = masked[: code.start].split()
        if lead and before and before[-1].lower() == lead[-1].lower():
            written = " ".join([*before[-len(lead) :], code.text])
            found.append(
                Violation(
                    "invented_product",
                    written,
                    f"'{written}' is not the title of {code.text}: the facts call it '{title}'",
                )
            )
    return found
