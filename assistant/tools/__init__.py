"""The assistant's tools: plain typed functions over the store's data, one group per file.

    base.py          ToolOutput, ToolContext: what every tool takes and returns
    data.py          StoreData: the store's tables, scores, segments and indexes, loaded once
    lookups.py       per-customer lookups behind the millisecond answers (customer_lookup.py:
                     the customers themselves; purchases.py: what each bought; rows.py:
                     rows kept by key)
    customers.py     customer_profile, similar_customers
    at_risk.py       at_risk_customers; its bounds: at_risk_bounds.py (spend, orders to date),
                     lapsed.py (no order in N days, or since a day)
    reviews.py       search_reviews       sentiment.py     review_sentiment, complaint themes
    review_filters.py  the customer, segment and product filters of both review tools
    segments.py      list_segments, segment_summary (writes text)
    offers.py        draft_offer (writes text)   discount_policy.py  discount_policy, in words
    planning.py      plan_budget          forecasting.py   forecast_demand
    model_report.py  model_report
    products.py      top_products         product_sales.py  its numbers, from the order lines
    top_customers.py top_customers: who spent (or ordered) the most, from the orders
    catalogue.py     CATALOGUE, ToolSpec, run_tool      langchain.py   as_langchain_tools
    decisions.py, indexes.py, writing.py, format.py: shared with the CLI, or by the tools

Modules are imported directly; this file stays empty so the CLI can import a shared helper
without loading every tool.
"""
