"""The demo store: real purchases and real reviews, joined by a seeded, documented simulation.

Real: every order (customer, date, amount, number of items) is a CDNOW purchase; every review
text and product id is a real Amazon fine-food review. Synthetic (seeded, see README): which
product each order line holds, product titles, categories and list prices, which buyer wrote each
review and when, and customer names and emails (obviously fake, one name per customer:
commerce/demo_names.py; example.com addresses).
"""

import json
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from commerce.datasets import load_cdnow, load_food_reviews
from commerce.demo_names import customer_names
from commerce.errors import RetainError
from commerce.holdback import EVENT_FILE, hold_back
from commerce.ingest import IngestRequest, Progress, ingest
from commerce.source_file import Source
from commerce.workspace import Store, Workspace

# Category keywords, matched as words in a product's review; the most-mentioned category wins.
_KEYWORDS = {
    "Pet food": "dog dogs cat cats puppy kitten pet litter",
    "Coffee": "coffee espresso keurig latte roast decaf",
    "Tea": "tea teas chai matcha herbal",
    "Baby food": "baby infant formula toddler",
    "Candy & chocolate": "chocolate candy licorice gum caramel gummy",
    "Snacks": "chips cookie cookies crackers popcorn snack bars bar jerky nuts almonds pretzels",
    "Beverages": "juice soda drink drinks cocoa lemonade coconut water milk",
    "Sauces & spices": "sauce salt spice pepper seasoning vinegar syrup oil honey sugar ketchup",
    "Pantry": "rice pasta flour soup cereal oatmeal beans noodles bread butter peanut granola",
}
CATEGORIES: dict[str, tuple[str, ...]] = {k: tuple(v.split()) for k, v in _KEYWORDS.items()}
FALLBACK_CATEGORY = "Grocery"
MEDIAN_PRICE = {
    "Pet food": 22.0, "Coffee": 14.0, "Tea": 9.0, "Baby food": 12.0, "Candy & chocolate": 6.0,
    "Snacks": 5.0, "Beverages": 8.0, "Sauces & spices": 7.0, "Pantry": 6.0, "Grocery": 10.0,
}  # fmt: skip
# The demo's recipe, raised when a rebuild changes what users see; a workspace built by an
# older one is kept (make run builds the demo only when missing) but told so (stale_demo).
# 1: the first; 2 (2026-12-01): one name per customer, where up to 47 customers shared one.
DEMO_RECIPE = 2
RECIPE_FILE = "recipe.json"
FAVOURITE_SHARE = 0.6  # share of a customer's order lines drawn from their favourite category
MAX_LINES = 4  # an order of more items than this puts the extra units on its first line


def build_demo(
    workspace: Workspace,
    seed: int = 7,
    progress: Progress | None = None,
    hold_back_days: int = 0,
) -> Store:
    """Write the demo's source files under RETAIN_HOME/demo/ and ingest them as the store.

    `hold_back_days`: leave the last days' orders and reviews out of the store and write them
    as events to RETAIN_HOME/demo/events.jsonl, for `retain events replay`."""
    step = progress or (lambda _: None)
    step("loading CDNOW purchases and Amazon fine-food reviews")
    folder = workspace.subdir("demo")
    files = write_demo_sources(folder, seed)
    if hold_back_days:
        step(f"holding the last {hold_back_days} days back as events")
        hold_back(files, hold_back_days, folder / EVENT_FILE)
    sources = {table: Source(path) for table, path in files.items()}
    return ingest(workspace, IngestRequest(sources), progress=progress)


def write_demo_sources(folder: Path, seed: int = 7) -> dict[str, Path]:
    """Build the demo tables and write them as Parquet files; returns table -> file."""
    rng = np.random.default_rng(seed)
    purchases = load_cdnow()
    reviews_raw = load_food_reviews()
    products = _products(reviews_raw, rng)
    orders = _orders(purchases)
    customers = _customers(orders, rng)
    favourite = _favourites(customers, products, rng)
    items = _order_items(orders, products, favourite, rng)
    items = _ensure_each_product_bought(items, products, rng)
    reviews = _reviews(reviews_raw, items, orders, rng)
    tables = {
        "customers": customers,
        "products": products,
        "orders": orders.drop(columns=["cds"]),
        "order_items": items,
        "reviews": reviews,
    }
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, frame in tables.items():
        out[name] = folder / f"{name}.parquet"
        frame.to_parquet(out[name], index=False)
    (folder / RECIPE_FILE).write_text(json.dumps({"recipe": DEMO_RECIPE, "seed": seed}) + "\n")
    return out


def stale_demo(workspace: Workspace) -> str | None:
    """Why the workspace's store, when it is the demo, was built by an older recipe than this
    code's (None when it is current, or not the demo)."""
    store = workspace.store()
    source = store.manifest.tables.get("customers")
    if source is None or source.source is None:
        return None
    folder = workspace.home / "demo"
    if Path(source.source).resolve() != (folder / "customers.parquet").resolve():
        return None  # a store of the user's own files
    try:
        recipe = int(json.loads((folder / RECIPE_FILE).read_text())["recipe"])
    except (OSError, ValueError, KeyError, TypeError):
        # Built before recipes were written: recipe 1 where customers share names.
        try:
            names = store.table("customers", columns=["name"])["name"]
        except (RetainError, KeyError, ValueError):
            return None  # no names to tell by
        recipe = 1 if names.duplicated().any() else DEMO_RECIPE
    if recipe >= DEMO_RECIPE:
        return None
    return (
        "This demo store was built by an older demo recipe (customers shared names, so a "
        "lookup by name found dozens); `retain demo build` rebuilds it, then `retain train`, "
        "`retain score` and `retain index build`."
    )


def categorise(text: str) -> tuple[str, str | None]:
    """The category a review's words point to most, and the keyword that decided it."""
    words = Counter(re.findall(r"[a-z]+", text.lower()))
    best, best_hits, best_word = FALLBACK_CATEGORY, 0, None
    for category, keywords in CATEGORIES.items():
        hits = sum(words[k] for k in keywords)
        if hits > best_hits:
            top = max(keywords, key=lambda k: words[k])
            best, best_hits, best_word = category, hits, top
    return best, best_word


def _products(reviews: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    texts = reviews.groupby("product", sort=True)["text"].agg(" ".join)
    decided = [categorise(t) for t in texts]
    category = [c for c, _ in decided]
    titles = [
        f"{(word or c).capitalize()} product {asin}"
        for (c, word), asin in zip(decided, texts.index, strict=True)
    ]
    median = np.array([MEDIAN_PRICE[c] for c in category])
    price = np.round(median * rng.lognormal(0.0, 0.35, len(median))) - 0.01
    return pd.DataFrame(
        {
            "product_id": texts.index.astype(str),
            "title": titles,
            "category": category,
            "price": np.maximum(price, 0.99),
        }
    )


def _orders(purchases: pd.DataFrame) -> pd.DataFrame:
    orders = purchases.sort_values(["customer_id", "ts"], kind="stable").reset_index(drop=True)
    nth = orders.groupby("customer_id").cumcount() + 1
    orders.insert(0, "order_id", "o" + orders["customer_id"] + "-" + nth.astype(str))
    return orders


def _customers(orders: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    first = orders.groupby("customer_id")["ts"].min()
    given, family = zip(*customer_names(rng, len(first)), strict=True)
    ids = first.index.to_numpy(dtype=str)
    emails = [
        f"{g.lower()}.{f.lower()}.{i}@example.com"
        for g, f, i in zip(given, family, ids, strict=True)
    ]
    return pd.DataFrame(
        {
            "customer_id": ids,
            "name": [f"{g} {f}" for g, f in zip(given, family, strict=True)],
            "email": emails,
            "signup_date": first.to_numpy(),
            "country": "US",
        }
    )


def _favourites(
    customers: pd.DataFrame, products: pd.DataFrame, rng: np.random.Generator
) -> pd.Series:
    share = products["category"].value_counts(normalize=True)
    picks = rng.choice(share.index.to_numpy(), size=len(customers), p=share.to_numpy())
    return pd.Series(picks, index=customers["customer_id"].to_numpy())


def _order_items(
    orders: pd.DataFrame, products: pd.DataFrame, favourite: pd.Series, rng: np.random.Generator
) -> pd.DataFrame:
    units = orders["cds"].clip(lower=1).to_numpy()
    lines = np.minimum(units, MAX_LINES)
    row = np.repeat(np.arange(len(orders)), lines)
    position = np.arange(len(row)) - np.repeat(np.cumsum(lines) - lines, lines)
    quantity = np.where(position == 0, np.repeat(units - lines + 1, lines), 1)
    customer = orders["customer_id"].to_numpy()[row]
    pool = np.where(
        rng.random(len(row)) < FAVOURITE_SHARE,
        favourite.reindex(customer).to_numpy(),
        "*",
    )
    product = np.empty(len(row), dtype=object)
    for name in np.unique(pool):
        chosen = products if name == "*" else products[products["category"] == name]
        # Popularity falls off with rank, as in real catalogues; ranks are shuffled per pool.
        weights = rng.permutation(np.arange(1, len(chosen) + 1) ** -0.8)
        where = pool == name
        product[where] = rng.choice(
            chosen["product_id"].to_numpy(), size=int(where.sum()), p=weights / weights.sum()
        )
    unit_price = (orders["amount"].to_numpy() / units)[row]
    return pd.DataFrame(
        {
            "order_id": orders["order_id"].to_numpy()[row],
            "product_id": product.astype(str),
            "quantity": quantity,
            "price": np.round(unit_price, 2),
        }
    )


def _ensure_each_product_bought(
    items: pd.DataFrame, products: pd.DataFrame, rng: np.random.Generator
) -> pd.DataFrame:
    """Every reviewed product needs a buyer: move lines of popular products to unbought ones."""
    counts = items["product_id"].value_counts()
    unbought = products.loc[~products["product_id"].isin(counts.index), "product_id"].to_numpy()
    if len(unbought) == 0:
        return items
    donors = items.index[items["product_id"].map(counts).to_numpy() > 2].to_numpy()
    chosen = rng.choice(donors, size=len(unbought), replace=False)
    items = items.copy()
    items.loc[chosen, "product_id"] = unbought
    return items


def _reviews(
    reviews: pd.DataFrame, items: pd.DataFrame, orders: pd.DataFrame, rng: np.random.Generator
) -> pd.DataFrame:
    """Each review is written by one buyer of its product, 2 to 40 days after that purchase
    (never after the store's last day, so a few come sooner)."""
    bought = items.merge(orders[["order_id", "customer_id", "ts"]], on="order_id")
    shuffled = bought.sample(frac=1.0, random_state=int(rng.integers(2**31))).drop_duplicates(
        "product_id"
    )
    author = shuffled.set_index("product_id")
    chosen = author.reindex(reviews["product"].to_numpy())
    delay = pd.to_timedelta(rng.integers(2, 41, len(reviews)), unit="D")
    end = orders["ts"].max()
    written = np.minimum(chosen["ts"].to_numpy() + delay.to_numpy(), end.to_datetime64())
    return pd.DataFrame(
        {
            "review_id": "afr-" + reviews["split"].str[:4] + "-" + reviews["row"].astype(str),
            "customer_id": chosen["customer_id"].to_numpy(),
            "product_id": reviews["product"].astype(str).to_numpy(),
            "ts": np.maximum(written, chosen["ts"].to_numpy()),
            "rating": np.where(reviews["score"] == "great", 5.0, np.nan),
            "text": reviews["text"].to_numpy(),
            "source_score": reviews["score"].to_numpy(),
        }
    )
