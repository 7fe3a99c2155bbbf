"""Tools about segments: the list with size, value and risk, and one segment's facts with a
summary written by the chat model (verified like an offer)."""

from typing import Any

from assistant.drafting import (
    DraftResult,
    SegmentFacts,
    draft_segment_summary,
    policy_from_settings,
)
from assistant.roles import redact
from assistant.tools.args import Grouping, SegmentName
from assistant.tools.base import ToolContext, ToolOutput
from assistant.tools.decisions import NO_SCORES
from assistant.tools.format import count, money, output, pct
from assistant.tools.reviews import cached_themes
from assistant.tools.writing import TokenStream, draft_json, passed, shown_answer
from commerce.errors import NotFound, RetainError
from predictors.segment_facts import empty_segment, empty_segment_row
from predictors.segments import SEGMENT_NAMES

ROW_FIELDS = ("name", "kind", "description", "customers", "share_of_customers",
              "share_of_revenue", "avg_clv", "avg_churn_risk", "value_at_risk",
              "top_categories")  # fmt: skip


def find_segment(rows: list[dict[str, Any]], name: str) -> dict[str, Any]:
    """The row of the segment or cluster called `name` (any case), with 0 customers for a
    segment of the rules that nobody is in now; NotFound listing them."""
    wanted = name.strip().lower()
    match = next((row for row in rows if row["name"].lower() == wanted), None)
    if match is None:
        match = empty_segment_row(name)
    if match is None:
        known = sorted({r["name"] for r in rows} | set(SEGMENT_NAMES))
        raise NotFound(f"no segment '{name}'; known: {', '.join(known)}")
    return match


def list_segments(ctx: ToolContext, by: Grouping = "segment") -> ToolOutput:
    """The customer segments (RFM groups, or with by="cluster" the behaviour clusters) with
    their size, share of revenue, average predicted value and churn risk, and value at risk.

    For "what segments do we have?", "which segment is the most valuable?" or "show clusters".
    """
    symbol = ctx.settings.currency_symbol
    rows = [{k: row[k] for k in ROW_FIELDS if k in row} for row in ctx.data.segment_rows(by)]
    total = sum(r["customers"] for r in rows)
    kind = "segments" if by == "segment" else "behaviour clusters"
    largest = rows[0]
    answer = (
        f"{len(rows)} {kind} cover {count(total, 'customer')}; the largest is "
        f"'{largest['name']}' ({largest['customers']:,} customers, "
        f"{pct(largest['share_of_revenue'])} of revenue)."
    )
    if "value_at_risk" in largest:
        riskiest = max(rows, key=lambda r: r["value_at_risk"])
        answer += (
            f" '{riskiest['name']}' holds the most value at risk "
            f"({money(riskiest['value_at_risk'], symbol)}). {_by_churn_risk(rows, symbol)}"
        )
    else:
        sizes = ", ".join(f"'{r['name']}' {r['customers']:,}" for r in rows)
        answer += (
            f" Customers in each: {sizes}. Run `retain train` and `retain score` to add "
            "predicted value and risk."
        )
    result = {"by": by, "customers": total, "rows": rows}
    return output(answer, result, [{"type": "segments", "by": by, "rows": rows}], len(rows))


def _by_churn_risk(rows: list[dict[str, Any]], symbol: str) -> str:
    """Every row's mean churn risk, size and value at risk, riskiest first: so "which segment
    has the highest (or lowest) churn risk?" and "how many are in 'lost'?" are answered by
    the text, not only by the card. One decimal: whole percents tie at 97% on the demo."""
    scored = [r for r in rows if r.get("avg_churn_risk") is not None]
    riskiest_first = sorted(scored, key=lambda r: (-r["avg_churn_risk"], r["name"]))
    each = [
        f"'{r['name']}' {r['avg_churn_risk']:.1%} ({count(r['customers'], 'customer')}, "
        f"{money(r['value_at_risk'], symbol)} at risk)"
        for r in riskiest_first
    ]
    return f"Mean churn risk, highest first: {'; '.join(each)}."


def segment_summary(ctx: ToolContext, segment: SegmentName) -> ToolOutput:
    """One segment's facts (size, revenue share, average predicted value and churn risk, top
    categories, complaint themes) and a short summary of it written for marketers, ending with
    the words that stand out in its negative reviews.

    For "summarise the at-risk segment", "describe champions" or "tell me about 'lost'".
    """
    data = ctx.data
    row = find_segment(data.segment_rows("segment") + data.segment_rows("cluster"), segment)
    if row["customers"] == 0:
        # Nothing to summarise, and no facts a written summary could rest on.
        text = f"{empty_segment(row['name'])}: {row['description']}."
        shown = {k: row[k] for k in ROW_FIELDS if k in row} | {"themes": []}
        card = {"type": "segment", **shown, "summary": text}
        return output(text, shown | {"summary": text}, [card], rows=0)
    if "avg_clv" not in row:
        raise NotFound(NO_SCORES)
    try:
        themes = [theme.name for theme in cached_themes(data, row["name"])]
    except RetainError:
        themes = []  # no current review index: the summary goes without themes
    facts = SegmentFacts(
        name=row["name"],
        size=row["customers"],
        revenue_share=row["share_of_revenue"],
        avg_predicted_value=row["avg_clv"],
        avg_churn_risk=row["avg_churn_risk"],
        top_categories=tuple(row["top_categories"]),
        # Theme names are words from reviews: an address quoted there stays out of the summary
        # (code words the themes after it; the model never sees them).
        themes=tuple(redact(themes, ctx.role)),
    )
    observer = TokenStream(ctx.on_token) if ctx.on_token else None
    model = ctx.chat_model()
    owner = getattr(model, "shared", model)  # the server's gate behind a per-request handle

    def drafted_now() -> tuple[object, DraftResult]:
        policy = policy_from_settings(ctx.settings)
        try:
            result = draft_segment_summary(facts, model, policy, data.catalogue(), observer)
        except RetainError as error:  # the model busy or missing: not an answer to keep
            raise _NotKept(error=error) from error
        if result.path == "fallback":  # the model failed or ran out of time: asked again
            raise _NotKept(result)
        return owner, result  # the owner held, so that no other takes its id while kept

    # The same facts give the same summary from the same model: one is kept per facts, model
    # and store version, and asks meanwhile wait for that one draft, where each drafted anew
    # for minutes on a model shared with every other user.
    key = f"segment_summary:{id(owner)}:{facts!r}"
    try:
        drafted = data.memo(key, ("store",), drafted_now)[1]
    except _NotKept as unkept:
        if unkept.result is None:
            assert unkept.error is not None
            raise unkept.error from None
        drafted = unkept.result
    shown = {k: row[k] for k in ROW_FIELDS if k in row} | {"themes": list(facts.themes)}
    verified = passed(drafted)
    card = {"type": "segment", **shown, "summary": drafted.text, "path": drafted.path,
            "passed_verification": verified}  # fmt: skip
    result = {**shown, "summary": drafted.text, "passed_verification": verified,
              **{k: v for k, v in draft_json(drafted).items() if k != "text"}}  # fmt: skip
    return output(shown_answer(drafted), result, [card], rows=1)


class _NotKept(Exception):
    """A summary not to keep (the fallback's), or the error drafting raised, carried out of
    the memo (which would keep a RetainError as the answer)."""

    def __init__(self, result: DraftResult | None = None, error: RetainError | None = None):
        super().__init__("not kept")
        self.result, self.error = result, error
