"""Canned cards in the shapes of docs/api.md#cards, for the stub API."""

from datetime import UTC, datetime, timedelta
from typing import Any

# A review written to attack the page: it must show up as text and never run.
HOSTILE = (
    '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
    " The coffee arrived stale & bitter. <b>never again</b>"
)


def now() -> str:
    return datetime.now(UTC).isoformat()


def call(name: str, args: dict[str, Any], card: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "args": args, "result": {k: v for k, v in card.items() if k != "type"}}


def tokens(text: str) -> list[str]:
    words = text.split(" ")
    return [word + ("" if i == len(words) - 1 else " ") for i, word in enumerate(words)]


def customer(customer_id: str) -> dict[str, Any]:
    return {
        "type": "customer",
        "customer_id": customer_id,
        "name": "Ada Testcase",
        "email": f"ada.testcase.{customer_id}@example.com",
        "segment": "at risk",
        "churn_risk": 0.81,
        "clv": 143.2,
        "clv_low": 80.5,
        "clv_high": 231.0,
        "value_at_risk": 116.0,
        "reasons": [
            "No order for 212 days, against a usual gap of 45",
            "Last review was negative (1 star)",
            "Spend fell 40% over the last three orders",
        ],
        "orders": [
            {"ts": "1997-01-05", "amount": 19.0},
            {"ts": "1997-02-11", "amount": 42.5},
            {"ts": "1997-04-02", "amount": 13.5},
            {"ts": "1997-06-20", "amount": 61.0},
            {"ts": "1997-09-14", "amount": 24.0},
            {"ts": "1998-01-03", "amount": 9.99},
        ],
        "last_order": {"order_id": "o106", "ts": "1998-01-03", "amount": 9.99, "lines": [
            {"product_id": "B1", "title": "Earl Grey <b>loose</b>", "category": "Tea",
             "quantity": 3, "price": 3.33},
        ]},
        "reviews": [
            {"review_id": "r1", "ts": "1998-01-10", "rating": 1, "text": HOSTILE,
             "sentiment_label": "negative", "sentiment_score": -0.82},
            {"review_id": "r2", "ts": "1997-03-01", "rating": 5,
             "text": "Nice coffee.<br /><br />Fast delivery.", "sentiment_label": "positive",
             "sentiment_score": 0.9},
        ],
    }  # fmt: skip


def most_valuable(_: str = "") -> dict[str, Any]:
    """The at-risk list ranked by predicted value (`by` clv)."""
    card = at_risk()
    rows = sorted(card["rows"], key=lambda r: -r["clv"])
    return card | {"by": "clv", "rows": [r | {"rank": i + 1} for i, r in enumerate(rows)]}


def at_risk(_: str = "") -> dict[str, Any]:
    ids = ["00042", "01234", "00777", "02001", "00310", "01999", "00005", "00888"]
    rows = []
    for i, cid in enumerate(ids):
        risk = round(0.93 - i * 0.06, 2)
        clv = round(420 - i * 37.5 + (i % 3) * 20, 2)
        # The last buys nothing with 90%+ chance: its interval is 0-0, below its mean.
        low, high = (0.0, 0.0) if cid == "00888" else (round(clv * 0.55, 2), round(clv * 1.6, 2))
        rows.append({
            "rank": i + 11, "customer_id": cid, "churn_risk": risk, "clv": clv, "clv_low": low,
            "clv_high": high, "value_at_risk": round(risk * clv, 2),
            "reasons": ["No order for 200+ days", "Fewer orders than usual"],
            "segment": ["at risk", "can't lose", "hibernating"][i % 3],
        })  # fmt: skip
    return {"type": "at_risk", "rows": rows}


def segments(_: str = "") -> dict[str, Any]:
    rows = [
        ("champions", 1840, 0.41, 612.0, 0.12),
        ("loyal", 3120, 0.27, 244.0, 0.31),
        ("at risk", 4120, 0.17, 118.0, 0.78),
        ("can't lose", 610, 0.09, 301.0, 0.66),
        ("hibernating", 13880, 0.06, 21.0, 0.93),
    ]
    return {
        "type": "segments",
        "rows": [
            {"name": n, "customers": c, "share_of_revenue": s, "avg_clv": v, "avg_churn_risk": r}
            for n, c, s, v, r in rows
        ],
    }


def segment(_: str = "") -> dict[str, Any]:
    return {
        "type": "segment", "name": "at risk", "kind": "segment",
        "description": "Bought often and spent well, but not for a while",
        "customers": 4120, "share_of_customers": 0.17, "share_of_revenue": 0.17,
        "avg_clv": 118.0, "avg_churn_risk": 0.78, "value_at_risk": 381020.0,
        "top_categories": ["Coffee", "Snacks", "Tea"], "themes": ["stale product", "late delivery"],
        "summary": "Customers who used to buy often and have gone quiet; most bought coffee.",
        "path": "fallback", "passed_verification": True,
    }  # fmt: skip


def reviews(_: str = "") -> dict[str, Any]:
    texts = [
        ("The coffee was stale when it arrived and tasted burnt.", ["coffee", "stale"]),
        (HOSTILE, ["coffee arrived stale"]),
        ("Stale crackers, but the tea was fine.", ["Stale"]),
    ]
    spans = [[[text.find(w), text.find(w) + len(w)] for w in words] for text, words in texts]
    hits = [
        {"review_id": f"r{i}", "customer_id": f"0{i}042", "product_id": "B000EYLDYE",
         "ts": f"1997-0{i + 1}-15", "rating": [1, 2, 3][i], "text": text,
         "sentiment_label": "negative", "similarity": round(0.71 - i * 0.08, 2),
         "highlights": spans[i]}
        for i, (text, _) in enumerate(texts)
    ]  # fmt: skip
    return {"type": "reviews", "query": "stale coffee", "hits": hits}


def sentiment_of_may(_: str = "") -> dict[str, Any]:
    """Reviews of one month: the card names the period."""
    return sentiment() | {"from": "1998-05-01", "to": "1998-05-31"}


def sentiment_mentioning(_: str = "") -> dict[str, Any]:
    """Reviews mentioning some words (`about`): the card says which."""
    return sentiment() | {"mentions": ["earl", "grey"]}


def sentiment(_: str = "") -> dict[str, Any]:
    return {
        "type": "sentiment",
        "counts": {"negative": 43, "neutral": 41, "positive": 268},
        "mean_score": 0.41,
        "themes": [
            {"name": "stale product", "terms": ["stale", "old", "expired"], "count": 14,
             "share": 0.33, "examples": [{"review_id": "r9", "customer_id": "00042",
                                          "text": "The chips were stale and past their date."}]},
            {"name": "packaging damaged", "terms": ["box", "broken", "damaged"], "count": 9,
             "share": 0.21, "examples": []},
        ],
    }  # fmt: skip


def offer(customer_id: str) -> dict[str, Any]:
    text = (
        "Hi there, we've missed you! Your favourite coffee is back in stock, and here is 10% off "
        "your next order. Use it any time in the next 14 days."
    )
    return {
        "type": "offer", "customer_id": customer_id, "channel": "email", "text": text,
        "path": "first_pass", "passed_verification": True,
        "facts": {"discount_pct": 10, "valid_days": 14, "favourite_category": "Coffee",
                  "days_since_last_order": 212},
    }  # fmt: skip


def similar(customer_id: str) -> dict[str, Any]:
    rows = [
        {"customer_id": f"0{i}123", "distance": round(0.12 + i * 0.05, 3),
         "shared": ["Coffee buyer", "3-5 orders", "lapsed 6+ months"][: 3 - i % 2]}
        for i in range(5)
    ]  # fmt: skip
    return {"type": "similar", "customer_id": customer_id, "rows": rows}


def model_report(_: str = "") -> dict[str, Any]:
    bins = [(0.05, 0.04, 310), (0.15, 0.18, 280), (0.3, 0.27, 240), (0.5, 0.55, 300),
            (0.7, 0.66, 420), (0.9, 0.93, 800)]  # fmt: skip
    return {
        "type": "model_report", "version": "m20260101-000000", "store_version": "cc7d4ef355f4",
        "metrics": {"auc": 0.812, "brier": 0.142, "ece": 0.021, "mae": 0.79, "rmse": 1.61,
                    "spearman": 0.58},
        "trained_at": "2026-01-01T00:00:00", "holdout_end": "1998-06-30",
        "calibration": [{"predicted": p, "observed": o, "n": n} for p, o, n in bins],
    }  # fmt: skip


def forecast(_: str = "") -> dict[str, Any]:
    # 90 days: twelve weeks and a last one of 6 days, from 1998-07-01.
    weekly = [
        {"week": i + 1, "start": f"{datetime(1998, 7, 1) + timedelta(days=7 * i):%Y-%m-%d}",
         "days": 7 if i < 12 else 6, "orders": 100.0 - i * 2, "revenue": 3600.0 - i * 70}
        for i in range(13)
    ]  # fmt: skip
    return {
        "type": "forecast", "segment": "champions", "customers": 412, "horizon_days": 90,
        "orders": 1240.0, "orders_interval_90": [1100.0, 1390.0],
        "revenue": 41230.0, "revenue_interval_90": [36100.0, 46900.0],
        "interval_basis": "past windows", "spread": 0.083, "past_windows": 3,
        "empty_past_windows": 0, "weekly": weekly,
    }  # fmt: skip


def plan(_: str = "") -> dict[str, Any]:
    offers = [
        {"customer_id": f"0{i:04d}", "discount_pct": [10.0, 15.0, 0.0][i % 3],
         "cost": round(20 + i * 3.5, 2), "gain": round(60 + i * 9.1, 2),
         "net": round(40 + i * 5.6, 2)}
        for i in range(6)
    ]  # fmt: skip
    return {
        "type": "plan", "budget": 5000.0, "spent": 4980.0, "customers": 120,
        "value_without_offers": 51200.0, "value_with_offers": 58300.0,
        "assumptions": {"discount_pct": [0, 10, 15], "uplift": [0.02, 0.06, 0.08],
                        "cost_per_contact": 0.5},
        "by_discount": {"0.0": 40, "10.0": 50, "15.0": 30}, "method": "greedy", "segment": None,
        "net_gain_bound": 7150.0,
        "by_discount_rows": [
            {"discount_pct": 10.0, "customers": 50, "cost": 2100.0, "net": 3100.0},
            {"discount_pct": 15.0, "customers": 30, "cost": 2880.0, "net": 2400.0},
        ],
        "offers": offers,
    }  # fmt: skip


def mystery(_: str = "") -> dict[str, Any]:
    """A card type the page does not know: shown as a table of its fields (a rate, as
    store_metrics' flat card holds, in percent)."""
    return {"type": "mystery", "answer": 42, "repeat_rate": 0.4886, "rows": [{"a": 1, "b": "two"}]}


def recommendations(customer_id: str) -> dict[str, Any]:
    """What recommend_products returns: products most likely first, each with its reasons in
    the words retrieval/recs/reasons.py writes (a product bought with one the customer had, a
    re-order, one there on popularity), and one bare product the page must still show."""
    picks = [
        ("B000EYLDYE", "Dark roast coffee beans, 1 kg", "Coffee", 0.0412,
         ["bought Medium roast coffee beans, 500 g (Coffee); customers who buy it also buy this",
          "bought by 1,984 customers"]),
        ("B001ELL4EA", "Oat cookies with chocolate", "Snacks", 0.0188,
         ["bought it in 3 orders (5 units), last 41 days ago; Snacks is bought again",
          "bought by 612 customers"]),
        ("B0029XLH4Y", "Green tea, 100 bags", "Tea", 0.0093,
         ["popular with customers overall", "bought by 2,310 customers"]),
        ("B00DS842HS", None, None, 0.0004, []),
    ]  # fmt: skip
    rows = [
        {"product_id": pid, "title": title, "category": category, "score": score,
         "reasons": reasons}
        for pid, title, category, score, reasons in picks
    ]  # fmt: skip
    return {"type": "recommendations", "customer_id": customer_id, "rows": rows}
