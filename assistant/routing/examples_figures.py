"""Example phrasings of the store's customer figures (tools/store_metrics.py): revenue and
orders per customer, the repeat-purchase rate, the share of revenue of the top spenders, how
many customers ordered in two periods and how many were new in one. Part of the router's
EXAMPLES (examples.py says how they are used). A figure per customer is no customer's profile
("how many orders does a customer place on average" names nobody) and no ranking of customers.
"new customers" itself is no example: its name dropped, the segment 'new' would leave "how
many customers", which every count of customers reads as.
"""

FIGURE_EXAMPLES: dict[str, tuple[str, ...]] = {
    "store_metrics": (
        "what is the average spend per customer",
        "average revenue per customer last year",
        "how much does a typical customer spend with us",
        "revenue per buyer in q1",
        "how many orders does the average customer make",
        "average number of orders per customer",
        "purchase frequency per customer in 1997",
        "what's our repeat customer rate",
        "repeat purchase rate this year",
        "how many of our customers are repeat buyers",
        "percentage of customers who ordered again",
        "what fraction of shoppers came back for a second order",
        "how concentrated is our revenue in the top customers",
        "what percent of sales come from the top 5% of buyers",
        "does 20% of customers bring 80% of revenue",
        "how many customers ordered in both quarters",
        "retention from 1997 to 1998",
        "how many first-time buyers did we get in q1",
        "how many customers did we acquire last year",
        "new vs returning customers in 1997",
        "how many customers ordered for the first time in march",
        "how many of last year's buyers bought again this year",
        "key customer metrics for the champions segment",
        "store kpis for 1998",
        "customer economics overview",
        # The store's totals over all its history (figures_asked.ALL_TIME), not 90 days.
        "how much did we sell in total",
    ),
}
