"""Pulling tool arguments out of a message: pure text in, a typed Extraction out.

The message is lower-cased (keeping every character's position, so ids are copied from the
original) and read by finders in a fixed order; each masks what it took, so a piece of text
counts once: quoted text, e-mail addresses, product ids, alert numbers, customer ids, list
positions, how long customers have not ordered ("haven't ordered in 6 months": lapses.py), a
period by the calendar ("since March 5", "in March", "Q1": periods.py), floors on the
scores ("churn risk above 90%", "CLV over $1,000": risk_bounds.py), bounds on
spend and orders ("spent over $1,000", "fewer than 2 orders": thresholds.py, ceilings.py),
horizons ("next 6 weeks" is no count of 6), percentages, money, star ratings ("2-star
reviews"), counts, then words (segment names, channel, sentiment, alert state, a search topic;
for sales questions the measure, whole categories and the category named (or several joined:
"tea or coffee"), or the product named where customers are ranked by buying what is no
category: "who bought the most earl grey").
What no finder took is the `remainder`, which tells a bare follow-up ("same for champions")
from a new question, and in which a target no finder read ("everyone", "cluster 2") is looked
for (targets.py). A segment, sentiment or alert state the message leaves out ("except loyal
ones", "alerts that are not open") is never read as the one asked for (see negation.py): alert
states take the other state, the rest go to `excluded`.
The finders of words are in choices.py (segments, channel, sentiment, alert state: values
picked from a fixed set) and phrases.py (quoted text, list positions, the search topic); ids,
quantities and ratings in ids.py, quantities.py and ratings.py; the words of sales questions in
sales_words.py. What of the message is embedded, its names replaced, is delexicalise.py's.
"""

import re
from dataclasses import dataclass, field

from assistant.routing import (
    average_orders,
    compared_periods,
    lapses,
    periods,
    quantities,
    risk_bounds,
    sales_words,
    thresholds,
)
from assistant.routing.addresses import email_addresses, restored
from assistant.routing.choices import (
    AlertState,
    Channel,
    CustomerRanking,
    Sentiment,
    alert_state,
    channel_asked,
    customer_ranking,
    segment_names,
    segments_joined,
    sentiment_asked,
)
from assistant.routing.ids import (
    HASH_ID,
    KnownName,
    alert_id,
    bare_id,
    customer_ids,
    customer_names,
    product_ids,
)
from assistant.routing.negation import negation
from assistant.routing.paired_words import paired_product
from assistant.routing.phrases import liked_topic, list_position, quoted_text, search_topic
from assistant.routing.ratings import rating
from assistant.routing.reading import Reader, normalise
from assistant.routing.targets import Target, unread_target
from assistant.routing.vocabulary import Vocabulary

CATEGORY = re.compile(r"\bcategor(?:y|ies)\b")
CLUSTERS = re.compile(
    r"\bclusters\b|\bby\s+(?:cluster|behaviou?rs?)\b|\bbehaviou?r(?:al)?\s+(?:groups|segments)\b|"
    r"\bk-?means\b"
)


@dataclass(frozen=True)
class Extraction:
    """Everything a message said that a tool can take as an argument."""

    customer_ids: tuple[str, ...] = ()
    alert_id: int | None = None
    product_ids: tuple[str, ...] = ()
    segment: str | None = None  # the best segment named (the first of `segments`)
    segments: tuple[str, ...] = ()  # every segment named, best first
    segments_joined: bool = False  # "champions and loyal": both groups, not one named twice
    amount: float | None = None
    # The currency of the amount (else of the spend floor), "€", when not the store's.
    currency: str | None = None
    percent: float | None = None
    horizon_days: int | None = None
    # A period by the calendar, as periods.py hands it over: its first day (and
    # last), or a month ("03", "1998-03"), a quarter ("Q1") or a year ("1997"; "last").
    since: str | None = None
    until: str | None = None
    month: str | None = None
    quarter: str | None = None
    year: str | None = None
    compare_to: str | None = None  # a second period the first is set against (compared_periods)
    # The period is one customers did not order in ("who did not order in 1998", "ordered in
    # 1997 but not in 1998": compared_periods.not_ordered).
    not_ordered: bool = False
    # Customers who ordered in two periods, or came back in one ("customers who ordered in
    # march and in april", "who came back in 1998": compared_periods.returned).
    returned: bool = False
    count: int | None = None
    # How long customers have not ordered: days to the last order day, or a day (lapses.py).
    lapse: lapses.Lapse = field(default_factory=lapses.Lapse)
    # Bounds on what customers did, inclusive ("over $1,000" is 1000.01, "under $20" 19.99;
    # thresholds.py, ceilings.py).
    min_revenue: float | None = None
    min_orders: int | None = None
    max_revenue: float | None = None
    max_orders: int | None = None
    # A spend bound read that no tool applies: "ahead" ("who will spend under $50"),
    # "per_order" ("under $30 per order") or "sales" (the store's: "products with sales over
    # $1000"); "" for none (spend_words.unapplied).
    unapplied_spend: str = ""
    # Bounds on a customer's average order, inclusive ("average order over $50" is 50.01,
    # "under $20 per order" 19.99; average_orders.py).
    min_average_order: float | None = None
    max_average_order: float | None = None
    # Floors on the scores: churn risk as a percent, predicted value (risk_bounds.py).
    floors: risk_bounds.ScoreFloors = field(default_factory=risk_bounds.ScoreFloors)
    offset: int | None = None  # ranks to skip: set for "and the next 10?", never by a finder
    min_rating: int | None = None  # stars, 1-5, both ends inclusive
    max_rating: int | None = None
    channel: Channel | None = None
    sentiment: Sentiment | None = None
    alert_state: AlertState | None = None
    by_category: bool = False
    by_cluster: bool = False  # behaviour clusters rather than RFM segments
    measure: str | None = None  # what to rank sales by: revenue, units, orders or customers
    ranking: CustomerRanking | None = None  # what to rank customers by, when said
    per_category: bool = False  # rank whole categories rather than products
    per_unit: str | None = None  # rank the calendar's months or quarters ("best month")
    category: str | None = None  # the product category asked about
    # Two or more categories asked about together ("tea or coffee"), in the order named, each
    # as `category` reads one; `category` is still the one a one-category tool takes.
    categories: tuple[str, ...] = ()
    # What customers are ranked by buying, as written, where it is no category the store
    # knows: a product's name ("who bought the most earl grey": "earl grey").
    product_name: str | None = None
    position: int | None = None  # 1-based place in the last list shown; -1 is the last one
    topic: str | None = None  # what to search reviews for
    quoted: str | None = None  # a text given to analyse, in quotes or after a colon
    remainder: str = ""  # the words no finder took
    # Whom the message names that no finder read ("everyone", "cluster 2"): then no customer
    # or segment comes from the conversation (targets.py).
    unread: Target | None = None
    # (argument, value) the message leaves out ("except loyal ones", "reviews that aren't
    # positive"): no tool can filter a value out, so these are never applied.
    excluded: tuple[tuple[str, str], ...] = ()
    entities: tuple[tuple[int, int, str], ...] = ()  # (start, end, kind): ids, segments, categories

    @property
    def customer_id(self) -> str | None:
        return self.customer_ids[0] if self.customer_ids else None

    @property
    def product_id(self) -> str | None:
        return self.product_ids[0] if self.product_ids else None


def extract(
    message: str,
    vocabulary: Vocabulary,
    known_name: KnownName | None = None,
    bare_bounds: bool = False,
    bare_budget: bool = False,
) -> Extraction:
    """The arguments in `message`, read in the order the module docstring gives. With
    `known_name` (for a role that sees contacts), a customer's name typed in lower case is
    read where the store has a customer of exactly that name. `bare_bounds`: the last answer
    ranked customers, so "now under $20" bounds their spend (thresholds.bounds). `bare_budget`:
    the last answer was a budget plan, so "what if we only had 2000?" gives it a budget."""
    reader = Reader(message)
    quoted = quoted_text(reader)
    # "lynn.sketch.00003@example.com": no id 00003; an address in a review search is its topic
    addressed, written = email_addresses(reader)
    products = product_ids(reader)
    alert = alert_id(reader)
    ids_left_out: list[str] = []  # "champions except 00042": never the customer asked about
    customers = addressed + customer_ids(
        reader, vocabulary, bare_hash=alert is None, left_out=ids_left_out
    )
    if alert is not None:  # "explain alert #3 and #5": the 5 is an alert's, not a count
        for number in HASH_ID.finditer(reader.text):
            reader.take(*number.span())
    position = list_position(reader)  # "the first one" is a place in a list, not a count of one
    # "haven't ordered in 6 months": no horizon of 180 days; "since March" no sales period
    lapse = lapses.read(reader)
    # after a plan, "what about 2000 for ..." is a budget, not the year 2000
    planned = reader.read(quantities.about_amounts) if bare_budget else None
    unordered = compared_periods.not_ordered(reader)  # "did not order in 1998": no lapse
    # "ordered in march and in april": both periods, not a span nor two products
    came_back = None if unordered else compared_periods.returned(reader)
    # "1997 vs 1998": two periods, not one span
    compared = unordered or came_back or compared_periods.read(reader)
    # "since march 5" is a day, not 5 of something
    calendar = compared[0] if compared is not None else periods.read(reader)
    # "churn risk above 90%" is no discount, "CLV over $1k" no spend floor
    floors = risk_bounds.read(reader)
    # "spent over $1,000" is no budget, "10 orders" no count
    per_order = average_orders.read(reader)  # "$30 per order" is no total spend
    bounds = thresholds.bounds(reader, bare=bare_bounds)
    horizon = reader.read(quantities.horizons)
    percent = reader.read(quantities.percents)
    if percent is None and quantities.NO_DISCOUNT.search(reader.text):
        percent = 0.0  # left in the text: in "reviews that mention no discount" it is the topic
    amount = reader.read(quantities.amounts)
    stars = rating(reader)
    count = reader.read(quantities.counts)
    if amount is None and bare_budget:
        amount = planned if planned is not None else reader.read(quantities.bare_amounts)
    if vocabulary.id_width is not None:  # what is left of the store's id width is an id
        customers += customer_ids(
            reader, vocabulary, [bare_id(vocabulary.id_width)], left_out=ids_left_out
        )
    liked = liked_topic(reader)  # "do customers like Earl Grey": a topic, not a lookalike
    if not customers:  # "customer Ada Lovelace": by name, where no id was given
        customers = customer_names(reader, vocabulary, known_name)
    segments, excluded = segment_names(reader, vocabulary.segments)
    joined = segments_joined(
        reader.text, [(a, b) for a, b, kind in reader.entities if kind == "segment"]
    )
    excluded += [("customer_id", customer) for customer in ids_left_out]
    sentiment, left_out = sentiment_asked(reader.text)
    excluded += left_out
    in_words = restored(reader.text, normalise(message), written)
    topic = quoted or liked or search_topic(in_words)
    # "what goes with earl grey": the product others go with, embedded as "product"
    paired = paired_product(reader)
    categories_left_out = _categories_left_out(reader, vocabulary)  # "coffee but not tea"
    excluded += categories_left_out
    topic = _topic_kept(topic, [name for _, name in categories_left_out])
    named_together = sales_words.categories_joined(reader.text, vocabulary.categories)
    category, product_name = _category(reader, vocabulary)
    _together(reader, named_together)
    if category is None and liked is not None:  # "what do people think of tea": its reviews
        category = _whole_category(liked, vocabulary)
        if category is None and not named_together:  # "... of tea and coffee": theirs
            named_together = _liked_together(reader, liked, vocabulary)
    product_name = paired or product_name
    store_names = (*vocabulary.segments, *vocabulary.categories)  # no one's name: see targets
    store_words = frozenset(word for name in store_names for word in name.split())
    return Extraction(
        customer_ids=customers,
        alert_id=alert,
        product_ids=products,
        segment=segments[0] if segments else None,
        segments=segments,
        segments_joined=joined,
        amount=amount,
        currency=_other_currency(amount, reader, vocabulary) or _store_differs(bounds, vocabulary),
        percent=percent,
        horizon_days=None if horizon is None else round(horizon),
        since=calendar.since,
        until=calendar.until,
        month=calendar.month,
        quarter=calendar.quarter,
        year=calendar.year,
        compare_to=None if compared is None else compared[1],
        not_ordered=unordered is not None,
        returned=came_back is not None,
        count=None if count is None else int(count),
        lapse=lapse,
        min_revenue=bounds.min_revenue,
        min_orders=bounds.min_orders,
        max_revenue=bounds.max_revenue,
        max_orders=bounds.max_orders,
        unapplied_spend=bounds.unapplied,
        min_average_order=per_order.low,
        max_average_order=per_order.high,
        floors=floors,
        min_rating=None if stars is None else stars.low,
        max_rating=None if stars is None else stars.high,
        channel=channel_asked(reader.text),
        sentiment=sentiment,
        alert_state=alert_state(reader.text),
        by_category=bool(CATEGORY.search(reader.text)),
        by_cluster=bool(CLUSTERS.search(reader.text)),
        # Read in the whole message: "top 5 categories" is a count and whole categories.
        measure=sales_words.measure(normalise(message)),
        ranking=customer_ranking(normalise(message)),
        per_category=sales_words.per_category(normalise(message)),
        per_unit=sales_words.per_unit(normalise(message)),
        category=category,
        categories=tuple(dict.fromkeys(name for name, _, _ in named_together)),
        product_name=product_name,
        position=position,
        topic=topic,
        quoted=quoted,
        remainder=" ".join(reader.text.split()),
        unread=unread_target(reader, store_words),
        excluded=tuple(excluded),
        entities=tuple(sorted(reader.entities)),
    )


def _categories_left_out(reader: Reader, vocabulary: Vocabulary) -> list[tuple[str, str]]:
    """The store's categories the message leaves out ("who bought coffee but not tea",
    "top products except snacks"), each taken, so that none is read as the one asked: no
    tool leaves a category out, and the answer's note says so (arg_notes.py)."""
    left_out = []
    for name, start, end in sales_words.category_mentions(reader.text, vocabulary.categories):
        if negation(reader.text, start) == "excluded":
            reader.take(start, end)
            left_out.append(("category", name))
    return left_out


def _topic_kept(topic: str | None, left_out: list[str]) -> str | None:
    """The review search's topic without the categories it leaves out: "reviews not about
    tea" searches for nothing in particular, "reviews about coffee but not tea" for coffee."""
    for name in left_out if topic is not None else ():
        cue = r"(?:,?\s*\b(?:but|and)\s+)?\b(?:not|except|excluding|without)\s+(?:about\s+)?"
        topic = re.sub(rf"\s*{cue}{re.escape(name.lower())}s?\b", "", str(topic)).strip()
        if not topic or topic == name.lower():
            return None
    return topic


def _category(reader: Reader, vocabulary: Vocabulary) -> tuple[str | None, str | None]:
    """The category asked about, or else the product named as what customers bought (or
    whose sales are asked: "how many units of earl grey did we sell"); a
    category the store knows is taken as a name (after the search topic, which may be the
    same words: "reviews about coffee"), and wins over a product's name ("who bought the most
    tea" is the category)."""
    known = sales_words.known_category(reader.text, vocabulary.categories)
    if known is None:
        named = sales_words.category_named(reader.text, ())
        if named is not None:
            return named, None
        bought = sales_words.bought_named(reader.text)
        if bought is not None:
            return None, bought
        sold = sales_words.sold_named(reader.text)
        segments = {name.lower() for name in vocabulary.segments}
        # "sales of champions": a segment's, which the segment finder reads
        return None, None if sold is None or sold in segments else sold
    name, start, end = known
    reader.take(start, end, "category")
    return name, None


def _together(reader: Reader, joined: list[tuple[str, int, int]]) -> None:
    """Several categories joined ("tea vs coffee") taken as one name, from the first to the
    last, so that they are embedded as one category is ("products sales"): only the longest
    was taken, and the other stayed a stray word ("tea vs products sales") that similarity put
    beside "who bought the most tea"."""
    if not joined:
        return
    start, end = joined[0][1], joined[-1][2]
    reader.entities[:] = [e for e in reader.entities if not start <= e[0] < end]
    reader.take(start, end, "category")


def _liked_together(
    reader: Reader, liked: str, vocabulary: Vocabulary
) -> list[tuple[str, int, int]]:
    """The categories joined in what people are asked to like ("tea and coffee"), where they
    are all its words (read as typed, where the topic was taken); [] otherwise."""
    for start, end, kind in reader.entities:
        if kind != "topic":
            continue
        typed = reader.original[start:end].lower()
        joined = sales_words.categories_joined(typed, vocabulary.categories)
        if joined and " ".join(typed[a:b] for _, a, b in joined) == liked:
            return joined
    return []


def _whole_category(words: str, vocabulary: Vocabulary) -> str | None:
    """The category the words are, all of them, or None."""
    known = sales_words.known_category(words, vocabulary.categories)
    return known[0] if known is not None and known[1:] == (0, len(words)) else None


def _other_currency(amount: float | None, reader: Reader, vocabulary: Vocabulary) -> str | None:
    """The currency an amount was written in, when it is not the store's ("5,000 euros" to a
    store in $): the tool says so, as no exchange rate is known."""
    written = None if amount is None else quantities.currency(reader.typed.lower())
    return written if written is not None and written not in vocabulary.currency_symbol else None


def _store_differs(bounds: thresholds.Bounds, vocabulary: Vocabulary) -> str | None:
    """The currency a spend bound was written in, when not the store's."""
    spend = bounds.min_revenue is not None or bounds.max_revenue is not None
    written = bounds.currency if spend else None
    return written if written is not None and written not in vocabulary.currency_symbol else None
