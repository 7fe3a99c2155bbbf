"""A small shop with two kinds of customer, for the recommender tests.

    coffee drinkers (k00..k19)  buy coffee (repeatable) and now and then a grinder (kitchen)
    tea drinkers    (t00..t19)  buy tea and now and then a kettle (kitchen)
    newcomer                    a customer without a single order (cold start)
    stranger                    no orders either, but rated the grinder 1 star
    coffee-new                  a coffee nobody has bought yet (cold product)
    kettle-old                  a kettle marked out of stock (in_stock = no)

k00 rated coffee-c1 1 star: it must never be offered to k00 again.
"""

from pathlib import Path

import numpy as np
import pandas as pd

from commerce.ingest import IngestRequest, ingest
from commerce.source_file import Source
from commerce.workspace import Workspace

COFFEES = [f"coffee-c{i}" for i in range(1, 6)]
TEAS = [f"tea-t{i}" for i in range(1, 6)]
KITCHEN = ["grinder", "kettle", "kettle-old"]
TITLES = {
    **{c: f"Dark roast coffee beans {c[-2:]}" for c in COFFEES},
    **{t: f"Green tea leaves {t[-2:]}" for t in TEAS},
    "grinder": "Burr coffee grinder",
    "kettle": "Electric tea kettle",
    "kettle-old": "Stovetop tea kettle",
    "coffee-new": "Dark roast coffee beans new",
}
CATEGORIES = {
    **dict.fromkeys([*COFFEES, "coffee-new"], "Coffee"),
    **dict.fromkeys(TEAS, "Tea"),
    **dict.fromkeys(KITCHEN, "Kitchen"),
}


def shop_tables(customers: int = 20, orders: int = 5, seed: int = 0) -> dict[str, pd.DataFrame]:
    """The shop's tables: `customers` of each kind with `orders` orders each."""
    rng = np.random.default_rng(seed)
    people = [f"k{i:02d}" for i in range(customers)] + [f"t{i:02d}" for i in range(customers)]
    order_rows, item_rows = [], []
    for person in people:
        drinks = COFFEES if person.startswith("k") else TEAS
        tool = "grinder" if person.startswith("k") else "kettle"
        favourite = drinks[int(rng.integers(0, len(drinks)))]
        for n in range(orders):
            order = f"{person}-o{n}"
            day = pd.Timestamp("2024-01-01") + pd.Timedelta(days=int(n * 20 + rng.integers(0, 5)))
            order_rows.append((order, person, day.strftime("%Y-%m-%d"), 20.0))
            picks = {favourite, drinks[int(rng.integers(0, len(drinks)))]}
            if n == 1:
                picks.add(tool)
            item_rows += [(order, product, 1, 5.0) for product in sorted(picks)]
    products = list(TITLES)
    return {
        "customers": pd.DataFrame({"customer_id": [*people, "newcomer", "stranger"]}),
        "products": pd.DataFrame(
            {
                "product_id": products,
                "title": [TITLES[p] for p in products],
                "category": [CATEGORIES[p] for p in products],
                "price": 5.0,
                "in_stock": ["no" if p == "kettle-old" else "yes" for p in products],
            }
        ),
        "orders": pd.DataFrame(order_rows, columns=["order_id", "customer_id", "ts", "amount"]),
        "order_items": pd.DataFrame(
            item_rows, columns=["order_id", "product_id", "quantity", "price"]
        ),
        "reviews": pd.DataFrame(
            {
                "customer_id": ["k00", "t00", "stranger"],
                "product_id": ["coffee-c1", "kettle-old", "grinder"],
                "ts": ["2024-03-01", "2024-03-01", "2024-03-02"],
                "rating": [1, 5, 2],
                "text": ["Burnt and bitter, never again.", "Lovely kettle.", "Too loud."],
            }
        ),
    }


def write_shop(
    home: Path, folder: Path, tables: dict[str, pd.DataFrame] | None = None
) -> Workspace:
    """Ingest the shop (or the given tables) into a workspace at `home`."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = {}
    for name, frame in (tables or shop_tables()).items():
        frame.to_parquet(folder / f"{name}.parquet", index=False)
        sources[name] = Source(folder / f"{name}.parquet")
    workspace = Workspace(home)
    ingest(workspace, IngestRequest(sources))
    return workspace
