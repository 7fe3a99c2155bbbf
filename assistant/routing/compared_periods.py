"""Two calendar periods set against each other ("total sales 1997 vs 1998", "revenue in Q2
compared to Q1", "how did sales change from march to april 1998"): the period asked and the
one to compare with (top_products' `compare_to`). Without this the first was read alone, or
the two as one span from the first to the last, and either answer read as the one asked for.

A period here is a year, a quarter or a month (the kinds `compare_to` takes). Joined by "vs",
"versus", "compared to/with" or "against" they are compared always; joined by "and", "to" or
"over" only when the message also asks for a change ("compare", "change", "grow", "differ"...),
since "sales from march to april" is one span. A year said once serves both ("Q1 vs Q2 1998").
One period after "compared to" alone ("and compared to 1997?") is the one to compare the
period asked, or the last call's, with. "This year" is the year to date; "last quarter",
"the previous quarter" and "the one before", set against the period asked, are the quarter
just before it starts ("Q1 1998 vs the previous quarter": Q4 1997).
The same days a year back ("since march vs the same period last year", "ytd year over year",
"H1 1998 vs H1 1997") are compare_to "year earlier". A second period compare_to cannot take,
another half-year or a span said from the first ("H2 1997 vs H1 1998"), is not compared:
`uncompared`
finds it for the note that says so (arg_notes.py), where the answer's change on the days just
before read as the comparison asked.
The later period is the one asked, the earlier what it is compared with, so a change reads
forward in time ("revenue up 12% on 1997"); two of a kind without a year by their number
("may vs june": June asked); otherwise as written. Joined by "than" ("who spent less in 1998
than in 1997") they are compared as written, the first asked: "more in 1997 than in 1998"
says which way the change runs.
"""

import re
from dataclasses import dataclass

from assistant.routing import periods
from assistant.routing.period_spans import HALVES
from assistant.routing.periods import QUARTERS
from assistant.routing.reading import Reader
from assistant.routing.written_days import LAPSED, MONTH, MONTHS, YEAR, Calendar

_ORDINAL = "|".join(QUARTERS)
# A year after a quarter or month may be written with two digits ("q1 98", "march '97"); after
# a month only with the apostrophe or above 31, since "march 15" is a day.
_Q_YEAR = rf"{YEAR}|'?\d\d"
_M_YEAR = rf"{YEAR}|'\d\d|3[2-9]|[4-9]\d"
_UNIT = r"year|quarter|month"
_PERIOD = (
    rf"(?:(?P<y{{t}}q>{YEAR})[\s-]*q(?P<q{{t}}y>[1-4])"
    rf"|(?:q(?P<q{{t}}>[1-4])|(?:the\s+)?(?P<o{{t}}>{_ORDINAL})\s+quarter)"
    rf"(?:\s+(?:of\s+)?(?P<qy{{t}}>{_Q_YEAR}))?"
    rf"|(?P<ym{{t}}>{YEAR})-(?P<m{{t}}n>[01]\d)"
    rf"|(?P<m{{t}}>{MONTH})\.?(?:,?\s+(?:of\s+)?(?P<my{{t}}>{_M_YEAR}))?"
    rf"|(?P<y{{t}}>{YEAR})"
    rf"|(?P<this{{t}}>this)\s+(?P<tu{{t}}>{_UNIT})"
    rf"|(?:last|previous|prior)\s+(?P<lu{{t}}>{_UNIT})"
    rf"|(?P<bu{{t}}>{_UNIT}|period|one)\s+before)(?![-/\d])"
)
_ALWAYS = r"vs\.?|versus|v\.?|compar(?:e|es|ed|ing)\s+(?:to|with)|against|relative\s+to"
_WITH_CUE = r"and|to|over|with"
# "spent less in 1998 than in 1997": the first period is the one asked, whichever is later.
_THAN = r"than(?:\s+(?:in|during|over))?"
COMPARED = re.compile(
    rf"\b{_PERIOD.format(t='a')}(?P<join>\s+(?:{_ALWAYS}|{_THAN}|{_WITH_CUE})\s+(?:the\s+)?)"
    rf"{_PERIOD.format(t='b')}"
)
# "and compared to 1997?" after a year's sales: the period to compare the last call's with.
AGAINST = re.compile(rf"\b(?:{_ALWAYS})\s+(?:the\s+)?{_PERIOD.format(t='b')}")
# "Bought in both 1997 and 1998", "retention from 1997 to 1998": the customers of both
# periods (store_metrics), so two periods, not one span.
CUE = re.compile(
    r"\b(?:compar\w*|chang\w*|grow\w*|grew|growth|differ\w*|increase\w*|decrease\w*|drop\w*|"
    r"fell|fall|rose|rise|better|worse|up\s+or\s+down|in\s+both|retention|retained)\b"
)
ALWAYS = re.compile(rf"^\s+(?:{_ALWAYS}|than)\s")
THAN = re.compile(r"^\s+than\s")
# A second period of a kind compare_to does not take: a half-year, the same span a year back,
# with the period words that follow it ("of 1997", "last year").
_SPAN = r"(?:same\s+(?:period|time|days|weeks?|months?)|(?:first|second|1st|2nd)\s+half|h[12]|"
_SPAN += r"year\s+to\s+date|ytd)"
_SPAN_WORDS = rf"of|the|year|last|previous|prior|before|ago|{YEAR}|'\d\d"
UNCOMPARED = re.compile(
    rf"\b(?:{_ALWAYS})\s+(?P<other>(?:the\s+)?{_SPAN}\b(?:\s+(?:{_SPAN_WORDS})\b)*)"
)


# A half-year against the same half a year before ("H1 1998 vs H1 1997", "compare the first
# half of 1998 with the first half of 1997"): the same days a year back, compare_to "year
# earlier". Other halves ("H2 1997 vs H1 1998") are left to `uncompared`.
_HALF = (
    rf"(?:the\s+)?(?:h(?P<h{{t}}>[12])|(?P<w{{t}}>{'|'.join(HALVES)})\s+half(?:\s+of)?)"
    rf"\s*(?:the\s+year\s+)?(?P<y{{t}}>{YEAR})\b"
)
HALVES_COMPARED = re.compile(
    rf"\b{_HALF.format(t='a')}(?P<join>\s+(?:{_ALWAYS}|{_WITH_CUE})\s+){_HALF.format(t='b')}"
)


# The same days a year back ("since march vs the same period last year", "ytd compared to a
# year earlier", "year over year"): compare_to "year earlier", the period asked read apart.
YEAR_AGO = re.compile(
    rf"\b(?:{_ALWAYS}|than)\s+(?:the\s+)?(?:same\s+(?:period|time|days|weeks?|months?)\s+"
    r"(?:of\s+|in\s+)?(?:last|previous|prior|the\s+previous|a)\s+year(?:\s+ago)?|"
    r"(?:a\s+)?year\s+(?:earlier|ago))\b|\byear[\s-]+(?:on|over)[\s-]+year\b|\byoy\b"
)
YEAR_EARLIER = "year earlier"  # top_products' compare_to for it (sales_comparison.py)


# Customers who ordered in one period and not in another ("customers who ordered in 1997 but
# not in 1998", "bought in q1 1998 and not in q2"): the second asked, the first compared with;
# or who did not order in one period at all ("which customers did not order in 1998", "who
# haven't bought anything in q1 1998"): it asked, against every day before it. Both are
# top_customers' trend stopped (`not_ordered`); "haven't ordered in 6 months" is a lapse,
# read before (lapses.py).
# Only the periods' words are taken: what was bought stays for the category's reader ("who
# bought tea in 1997 but not in 1998").
_ORDER_WORD = r"(?:order(?:ed|s)?|b(?:ought|uys?)|purchas(?:ed|es?)|shop(?:ped|s)?)"
_BETWEEN = r"(?:[a-z&'-]+\s+){0,3}?"  # "bought earl grey tea in 1997"
NOT_AGAIN = re.compile(
    rf"\b{_ORDER_WORD}\s+{_BETWEEN}(?P<taken>(?:(?:in|during)\s+)?(?:the\s+)?"
    rf"{_PERIOD.format(t='a')}\s*,?\s+(?:but|and)\s+not\s+(?:in\s+|during\s+)?(?:the\s+)?"
    rf"{_PERIOD.format(t='b')})"
)
NOT_IN = re.compile(
    rf"(?:\b(?:not|never)|n't)\s+(?:[a-z]+\s+)?(?:{_ORDER_WORD}|(?:come|came)\s+back)\s+{_BETWEEN}"
    rf"(?P<taken>(?:in|during)\s+(?:the\s+)?{_PERIOD.format(t='b')})"
)

# Customers who ordered in two periods ("customers who ordered in march and in april",
# "bought tea in 1997 and again in 1998", "ordered in both 1997 and 1998", "came back in
# 1998 after buying in 1997") or came back in one ("who came back in 1998"): top_customers'
# trend returned (`returned`), the later period asked and the earlier compared with.
_AGAIN = r"(?:(?:also|again|came\s+back|returned|(?:ordered|bought|purchased)\s+again)\s+)?"
BOTH_IN = re.compile(
    rf"\b{_ORDER_WORD}\s+{_BETWEEN}(?:(?:in|during)\s+both\s+|(?=in\s|during\s))"
    rf"(?P<taken>(?:(?:in|during)\s+)?(?:the\s+)?{_PERIOD.format(t='a')}\s*,?\s+"
    rf"(?:and|as\s+well\s+as)\s+{_AGAIN}(?:(?:in|during)\s+)?(?:the\s+)?"
    rf"{_PERIOD.format(t='b')})"
)
# Only of customers: "what did champions buy in 1997 and 1998" is one span of sales.
OF_CUSTOMERS = re.compile(r"\b(?:customers?|buyers?|clients?|shoppers?|people|who)\b")
_BACK = r"(?:came|come|coming)\s+back|returned|(?:ordered|bought|purchased|shopped)\s+again"
CAME_BACK = re.compile(
    rf"(?<!\bnever\s)(?<!\bnot\s)(?<!n't\s)\b(?:{_BACK})\s+(?P<taken>(?:in|during)\s+(?:the\s+)?{_PERIOD.format(t='b')}"
    rf"(?P<before>\s+after\s+(?:buying|ordering|purchasing|shopping)\s+{_BETWEEN}"
    rf"(?:in|during)\s+(?:the\s+)?{_PERIOD.format(t='a')})?)"
)


def returned(reader: Reader) -> tuple[Calendar, str | None] | None:
    """The period customers came back in, as a calendar argument, and the one they ordered
    in before when said (compare_to; None: every day before), their text taken; None when
    the message names no such periods (BOTH_IN, CAME_BACK), or asks them of no customers."""
    if not OF_CUSTOMERS.search(reader.text):
        return None
    both = BOTH_IN.search(reader.text)
    if both is not None:
        a, b = _written(both.groupdict(), "a"), _written(both.groupdict(), "b")
        a, b = _year_shared(a, b), _year_shared(b, a)
        if _later(a, b):
            a, b = b, a  # the later one is asked
        if a.relative != "before" and b.relative != "before" and a != b:
            reader.take(*both.span("taken"), "period")
            return b.asked(), a.compared(b)
    back = CAME_BACK.search(reader.text)
    if back is None:
        return None
    later = _written(back.groupdict(), "b")
    earlier = _written(back.groupdict(), "a") if back.group("before") else None
    if later.relative == "before" or (earlier is not None and earlier.relative == "before"):
        return None
    reader.take(*back.span("taken"), "period")
    return later.asked(), None if earlier is None else _year_shared(earlier, later).compared(later)


@dataclass(frozen=True)
class Written:
    """One period as written: its kind, number (month or quarter; 0 for a year) and year; or
    said from where the data ends (`relative` "this": to date; "last": the one before the
    current one) or from the period asked ("before": the year, quarter or month just before
    it starts; kind "period": as many days just before it)."""

    kind: str  # "year", "quarter", "month" (or "period", "one" with "before")
    number: int = 0
    year: str | None = None
    relative: str = ""

    def asked(self) -> Calendar:
        """The period as the one asked: "this year" is the year to date."""
        if self.relative == "this":
            return Calendar(since=f"{self.kind}_start")
        if self.relative == "last":
            return Calendar(**{self.kind: "last"})
        if self.kind == "year":
            return Calendar(year=self.year)
        part = f"Q{self.number}" if self.kind == "quarter" else f"{self.number:02d}"
        return Calendar(**{self.kind: f"{self.year}-{part}" if self.year else part})

    def compared(self, asked: "Written | None") -> str:
        """The period as compare_to takes it. Said from the data's end or the period asked
        ("last quarter", "the one before"), it is the unit just before the period asked:
        after Q1 1998, "the previous quarter" is Q4 1997."""
        if self.relative in ("last", "before"):
            unit = self.kind if self.kind != "one" else (asked.kind if asked else "period")
            return "before" if unit == "period" else f"{unit} before"
        calendar = self.asked()
        return calendar.month or calendar.quarter or calendar.year or ""

    def first_month(self) -> tuple[int, int]:
        """(year, first month), for ordering two periods that both have a year."""
        month = {"year": 1, "quarter": 3 * self.number - 2, "month": self.number}[self.kind]
        return int(self.year or 0), month


def read(reader: Reader) -> tuple[Calendar, str] | None:
    """The period asked, as a calendar argument, and the one to compare it with, their text
    taken; None when the message sets no two periods against each other."""
    halves = _halves_a_year_apart(reader)
    if halves is not None:
        return halves
    for match in COMPARED.finditer(reader.text):
        if LAPSED.search(reader.text[: match.start()]):
            return None  # "not bought in 1997 or 1998" asks who lapsed
        if not ALWAYS.match(match.group("join")) and not CUE.search(reader.text):
            continue
        a, b = _written(match.groupdict(), "a"), _written(match.groupdict(), "b")
        a, b = _year_shared(a, b), _year_shared(b, a)
        if _later(b, a) and not THAN.match(match.group("join")):
            a, b = b, a  # the later one is asked
        if a.relative == "before" or b.relative == "this":
            continue  # "the year before vs this year" names nothing to ask
        reader.take(*match.span(), "period")
        return a.asked(), b.compared(a)
    ago = YEAR_AGO.search(reader.text)
    if ago is not None and not LAPSED.search(reader.text[: ago.start()]):
        reader.take(*ago.span(), "period")
        return periods.read(reader), YEAR_EARLIER
    against = AGAINST.search(reader.text)
    if against is None or LAPSED.search(reader.text[: against.start()]):
        return None
    other = _written(against.groupdict(), "b")
    if other.relative == "this":
        return None
    reader.take(*against.span(), "period")
    # "how did june 1998 do against june 1997": the period asked is said apart from it.
    return periods.read(reader), other.compared(None)


def not_ordered(reader: Reader) -> tuple[Calendar, str | None] | None:
    """The period customers did not order in, as a calendar argument, and the one they did
    order in when said (compare_to; None: every day before), their text taken; None when the
    message names no such period (NOT_AGAIN, NOT_IN)."""
    again = NOT_AGAIN.search(reader.text)
    if again is not None:
        a, b = _written(again.groupdict(), "a"), _written(again.groupdict(), "b")
        a, b = _year_shared(a, b), _year_shared(b, a)
        if a.relative != "before" and b.relative != "before":
            reader.take(*again.span("taken"), "period")
            return b.asked(), a.compared(b)
    alone = NOT_IN.search(reader.text)
    if alone is None:
        return None
    b = _written(alone.groupdict(), "b")
    if b.relative == "before":
        return None
    reader.take(*alone.span("taken"), "period")
    return b.asked(), None


def _halves_a_year_apart(reader: Reader) -> tuple[Calendar, str] | None:
    """The later half-year asked, compared with the same half a year before (HALVES_COMPARED);
    the earlier one's text and the join taken, so that the later is read as any period is."""
    for match in HALVES_COMPARED.finditer(reader.text):
        if not ALWAYS.match(match.group("join")) and not CUE.search(reader.text):
            continue
        first, second = (_half(match, t) for t in "ab")
        if first[0] != second[0] or abs(first[1] - second[1]) != 1:
            continue  # other halves, or years apart: not the same days a year back
        if first[1] < second[1]:
            reader.take(match.start(), match.start("join") + len(match.group("join")))
        else:
            reader.take(match.start("join"), match.end())
        return periods.read(reader), YEAR_EARLIER
    return None


def _half(match: "re.Match[str]", t: str) -> tuple[int, int]:
    """(which half, year) of one side of a HALVES_COMPARED match."""
    word = match.group(f"w{t}")
    half = HALVES[word] if word else int(match.group(f"h{t}"))
    return half, int(match.group(f"y{t}"))


def uncompared(text: str) -> str | None:
    """The second period `text` sets the first against that compare_to cannot take ("the
    first half of 1997"), as written; None when it names none."""
    found = UNCOMPARED.search(text)
    if found is None or LAPSED.search(text[: found.start()]):
        return None
    other = found.group("other")
    return f"the {other}" if other.startswith("same") else other


def _later(one: Written, other: Written) -> bool:
    """True when `one` is known to come after `other`: what is said from the period asked
    ("the year before") comes before it, "this year" after anything else, "last year" after
    the one before it; two periods with a year by their months, and two of a kind without
    one by their number ("may vs june": both before the data's end, June the later)."""
    rank = {"before": 0, "": 1, "last": 2, "this": 3}
    if one.relative or other.relative:
        return rank[one.relative] > rank[other.relative]
    if one.year and other.year:
        return one.first_month() > other.first_month()
    if one.year or other.year or one.kind != other.kind or one.kind == "year":
        return False
    return one.number > other.number


def _written(groups: dict[str, str | None], t: str) -> Written:
    if groups.get(f"this{t}"):
        return Written(groups[f"tu{t}"] or "year", relative="this")
    if groups.get(f"lu{t}"):
        return Written(groups[f"lu{t}"] or "year", relative="last")
    if groups.get(f"bu{t}"):
        return Written(groups[f"bu{t}"] or "period", relative="before")
    if groups.get(f"y{t}q"):
        return Written("quarter", int(groups[f"q{t}y"] or 1), groups[f"y{t}q"])
    if groups.get(f"q{t}") or groups.get(f"o{t}"):
        ordinal = groups.get(f"o{t}")
        number = QUARTERS[ordinal] if ordinal else int(groups[f"q{t}"] or 1)
        return Written("quarter", number, _full_year(groups.get(f"qy{t}")))
    if groups.get(f"ym{t}"):
        return Written("month", int(groups[f"m{t}n"] or 1), groups[f"ym{t}"])
    if groups.get(f"m{t}"):
        return Written("month", MONTHS[groups[f"m{t}"] or ""], _full_year(groups.get(f"my{t}")))
    return Written("year", 0, groups[f"y{t}"])


def _full_year(year: str | None) -> str | None:
    """A year of four digits; two as strptime's %y reads them ("98" 1998, "05" 2005)."""
    if year is None:
        return None
    digits = year.lstrip("'")
    if len(digits) == 4:
        return digits
    return str(int(digits) + (1900 if int(digits) >= 69 else 2000))


def _year_shared(one: Written, other: Written) -> Written:
    """`one` with the year of `other` when it was written without one and is of a part of a
    year ("Q1 vs Q2 1998": Q1 of 1998)."""
    if one.year or not other.year or one.kind == "year" or one.relative:
        return one
    return Written(one.kind, one.number, other.year)
