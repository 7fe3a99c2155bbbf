"""Two calendar periods set against each other ("total sales 1997 vs 1998", "revenue in Q2
compared to Q1", "how did sales change from march to april 1998"): the period asked and the
one to compare with (top_products' `compare_to`). Without this the first was read alone, or
the two as one span from the first to the last, and either answer read as the one asked for.

A period here is a year, a quarter or a month (the kinds `compare_to` takes). Joined by "vs",
"versus", "compared to/with" or "against" they are compared always; joined by "and", "to" or
"over" only when the message also asks for a change ("compare", "change", "grow", "differ"...),
since "sales from march to april" is one span. A year said once serves both ("Q1 vs Q2 1998").
One period after "compared to" alone ("and compared to 1997?") is the one to compare the
period asked, or the last call's, with.
The later period is the one asked, the earlier what it is compared with, so a change reads
forward in time ("revenue up 12% on 1997"); with no year to order them, as written.
"""

import re
from dataclasses import dataclass

from assistant.routing.periods import QUARTERS
from assistant.routing.reading import Reader
from assistant.routing.written_days import LAPSED, MONTH, MONTHS, YEAR, Calendar

_ORDINAL = "|".join(QUARTERS)
_PERIOD = (
    rf"(?:(?P<y{{t}}q>{YEAR})[\s-]*q(?P<q{{t}}y>[1-4])"
    rf"|(?:q(?P<q{{t}}>[1-4])|(?:the\s+)?(?P<o{{t}}>{_ORDINAL})\s+quarter)(?:\s+(?:of\s+)?(?P<qy{{t}}>{YEAR}))?"
    rf"|(?P<ym{{t}}>{YEAR})-(?P<m{{t}}n>[01]\d)"
    rf"|(?P<m{{t}}>{MONTH})\.?(?:,?\s+(?:of\s+)?(?P<my{{t}}>{YEAR}))?"
    rf"|(?P<y{{t}}>{YEAR}))(?![-/\d])"
)
_ALWAYS = r"vs\.?|versus|v\.?|compar(?:e|es|ed|ing)\s+(?:to|with)|against|relative\s+to"
_WITH_CUE = r"and|to|over|with"
COMPARED = re.compile(
    rf"\b{_PERIOD.format(t='a')}(?P<join>\s+(?:{_ALWAYS}|{_WITH_CUE})\s+(?:the\s+)?)"
    rf"{_PERIOD.format(t='b')}"
)
# "and compared to 1997?" after a year's sales: the period to compare the last call's with.
AGAINST = re.compile(rf"\b(?:{_ALWAYS})\s+(?:the\s+)?{_PERIOD.format(t='b')}")
CUE = re.compile(
    r"\b(?:compar\w*|chang\w*|grow\w*|grew|growth|differ\w*|increase\w*|decrease\w*|drop\w*|"
    r"fell|fall|rose|rise|better|worse|up\s+or\s+down)\b"
)
ALWAYS = re.compile(rf"^\s+(?:{_ALWAYS})\s")


@dataclass(frozen=True)
class Written:
    """One period as written: its kind, number (month or quarter; 0 for a year) and year."""

    kind: str  # "year", "quarter" or "month"
    number: int
    year: str | None

    def argument(self) -> str:
        """As the tools take it: YYYY, YYYY-Qn or Qn, YYYY-MM or MM."""
        if self.kind == "year":
            return self.year or ""
        part = f"Q{self.number}" if self.kind == "quarter" else f"{self.number:02d}"
        return f"{self.year}-{part}" if self.year else part

    def first_month(self) -> tuple[int, int]:
        """(year, first month), for ordering two periods that both have a year."""
        month = {"year": 1, "quarter": 3 * self.number - 2, "month": self.number}[self.kind]
        return int(self.year or 0), month


def read(reader: Reader) -> tuple[Calendar, str] | None:
    """The period asked, as a calendar argument, and the one to compare it with, their text
    taken; None when the message sets no two periods against each other."""
    for match in COMPARED.finditer(reader.text):
        if LAPSED.search(reader.text[: match.start()]):
            return None  # "not bought in 1997 or 1998" asks who lapsed
        if not ALWAYS.match(match.group("join")) and not CUE.search(reader.text):
            continue
        a, b = _written(match.groupdict(), "a"), _written(match.groupdict(), "b")
        a, b = _year_shared(a, b), _year_shared(b, a)
        if a.year and b.year and a.first_month() < b.first_month():
            a, b = b, a  # the later one is asked
        reader.take(*match.span(), "period")
        return Calendar(**{a.kind: a.argument()}), b.argument()
    against = AGAINST.search(reader.text)
    if against is None or LAPSED.search(reader.text[: against.start()]):
        return None
    reader.take(*against.span(), "period")
    return Calendar(), _written(against.groupdict(), "b").argument()


def _written(groups: dict[str, str | None], t: str) -> Written:
    if groups.get(f"y{t}q"):
        return Written("quarter", int(groups[f"q{t}y"] or 1), groups[f"y{t}q"])
    if groups.get(f"q{t}") or groups.get(f"o{t}"):
        ordinal = groups.get(f"o{t}")
        number = QUARTERS[ordinal] if ordinal else int(groups[f"q{t}"] or 1)
        return Written("quarter", number, groups.get(f"qy{t}"))
    if groups.get(f"ym{t}"):
        return Written("month", int(groups[f"m{t}n"] or 1), groups[f"ym{t}"])
    if groups.get(f"m{t}"):
        return Written("month", MONTHS[groups[f"m{t}"] or ""], groups.get(f"my{t}"))
    return Written("year", 0, groups[f"y{t}"])


def _year_shared(one: Written, other: Written) -> Written:
    """`one` with the year of `other` when it was written without one and is of a part of a
    year ("Q1 vs Q2 1998": Q1 of 1998)."""
    if one.year or not other.year or one.kind == "year":
        return one
    return Written(one.kind, one.number, other.year)
