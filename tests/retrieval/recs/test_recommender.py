"""The recommender on a small shop: taste, exclusions, cold start, reasons, saving."""

from pathlib import Path

import numpy as np
import pytest

from commerce.errors import InvalidInput, NotFound, Unavailable
from commerce.workspace import Workspace
from retrieval.recs.build import build_recommender, open_recommender
from retrieval.recs.model import ModelConfig
from retrieval.recs.recommender import Recommender
from tests.retrieval.fakes import HashingEmbedder
from tests.retrieval.recs.factories import CATEGORIES, TITLES, shop_tables, write_shop

SMALL = ModelConfig(dim=16, negatives=32, epochs=30, patience=0, lr=0.02, cuts_per_user=4)
EVERYTHING = len(TITLES)  # k large enough that only exclusions keep a product out
COFFEE_LOVERS = {f"k{i:02d}": "Coffee lovers" for i in range(20)}


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> tuple[Workspace, Recommender]:
    home = tmp_path_factory.mktemp("shop")
    workspace = write_shop(home / "retain", home / "sources")
    built = build_recommender(
        workspace,
        HashingEmbedder(),
        seed=0,
        config=SMALL,
        segments=COFFEE_LOVERS,
        repeatable_categories=("Coffee", "tea"),
    )
    return workspace, built


def categories(found: list) -> list[str | None]:  # type: ignore[type-arg]
    return [r.category for r in found]


def test_customers_get_their_kind_of_product_first(shop: tuple[Workspace, Recommender]) -> None:
    _, recommender = shop
    assert set(categories(recommender.recommend("k01", 3))) == {"Coffee"}
    assert set(categories(recommender.recommend("t01", 3))) == {"Tea"}
    found = recommender.recommend("k01", 5)
    assert [r.score for r in found] == sorted((r.score for r in found), reverse=True)
    assert all(0 < r.score <= 1 for r in found)


def test_bought_products_return_only_from_repeatable_categories(
    shop: tuple[Workspace, Recommender],
) -> None:
    workspace, recommender = shop
    lists = recommender.recommend_many([f"k{i:02d}" for i in range(20)], EVERYTHING)
    for found in lists.values():
        ids = [r.product_id for r in found]
        assert "grinder" not in ids  # bought in their second order; Kitchen is not repeatable
        assert "kettle-old" not in ids  # out of stock
    again = [r for r in lists["k01"] if r.reasons[0].startswith("bought it")]
    assert again and all(r.category == "Coffee" for r in again)
    assert "coffee-c1" not in {r.product_id for r in lists["k00"]}  # rated it one star
    strict = open_recommender(workspace, repeatable_categories=())
    for customer, found in strict.recommend_many(list(lists), EVERYTHING).items():
        bought = set(_bought(strict, customer))
        assert bought and not bought & {r.product_id for r in found}


def test_cold_customers_get_what_their_segment_buys(shop: tuple[Workspace, Recommender]) -> None:
    _, recommender = shop
    found = recommender.recommend("newcomer", 3)
    assert found[0].reasons[0].startswith("popular across the store: bought by")
    segment = recommender.recommend("newcomer", 4, segment="Coffee lovers")
    assert segment[0].product_id == "grinder"  # every coffee drinker bought one
    assert segment[0].reasons == [
        "popular in segment 'Coffee lovers': bought by 20 of 20 customers with purchases"
    ]
    assert segment[0].score == 1.0
    assert set(categories(segment[1:])) == {"Coffee"}
    # A cold customer's dislikes still count: the stranger rated the grinder 2 stars.
    stranger = recommender.recommend("stranger", 4, segment="Coffee lovers")
    assert [r.product_id for r in stranger] == [r.product_id for r in segment[1:]] + [
        recommender.recommend("newcomer", 5, segment="Coffee lovers")[4].product_id
    ]
    unknown = recommender.recommend("newcomer", 3, segment="Nobody")
    assert "segment 'Nobody' has no purchases to go on" in unknown[0].reasons[0]
    assert [r.product_id for r in unknown] == [r.product_id for r in found]


def test_a_new_product_gets_neighbours_by_description(shop: tuple[Workspace, Recommender]) -> None:
    _, recommender = shop
    similar = recommender.similar_products("coffee-new", 3)
    assert set(categories(similar)) == {"Coffee"}
    assert similar[0].reasons == [
        "described like Dark roast coffee beans new (no purchases of it yet)"
    ]
    bought = recommender.similar_products("coffee-c2", 3)
    assert "coffee-c2" not in {r.product_id for r in bought}
    assert bought[0].reasons[0].startswith("customers who bought Dark roast coffee beans")
    # Its borrowed vector puts the new coffee before every tea for a coffee drinker.
    ranked = [r.product_id for r in recommender.recommend("k03", EVERYTHING)]
    new = ranked.index("coffee-new")
    assert all(new < ranked.index(p) for p in ranked if CATEGORIES[p] == "Tea")
    reasons = next(
        r.reasons for r in recommender.recommend("k03", EVERYTHING) if r.product_id == "coffee-new"
    )
    assert "new product, described like Dark roast coffee beans" in reasons[0]


def test_a_reorder_is_counted_in_the_orders_and_units_it_is_given(
    shop: tuple[Workspace, Recommender],
) -> None:
    _, recommender = shop
    asked: list[tuple[str, str]] = []

    def units_and_orders(customer: str, product: str) -> tuple[int, int] | None:
        asked.append((customer, product))
        return (1, 1) if len(asked) == 1 else (35, 26)  # the first once, to read the singular

    counted = recommender.recommend("k01", EVERYTHING, units_and_orders=units_and_orders)
    again = {r.product_id: r.reasons[0] for r in counted if r.reasons[0].startswith("bought it")}
    assert again and {c for c, _ in asked} == {"k01"}
    assert sorted(p for _, p in asked) == sorted(again)  # asked only of what they bought
    first, *others = (p for _, p in asked)
    assert again[first].startswith("bought it in 1 order (1 unit), last ")
    assert all(again[p].startswith("bought it in 26 orders (35 units), last ") for p in others)
    uncounted = recommender.recommend("k01", EVERYTHING)
    assert {r.product_id for r in uncounted if r.reasons[0].startswith("bought it")} == set(again)
    assert all(
        r.reasons[0].startswith("bought it before, last ")
        for r in uncounted
        if r.product_id in again
    )


def test_purchase_probability_scales_scores_and_bad_input_is_named(
    shop: tuple[Workspace, Recommender],
) -> None:
    _, recommender = shop
    plain = recommender.recommend("t02", 4)
    scaled = recommender.recommend("t02", 4, purchase_probability=0.5)
    assert [r.product_id for r in scaled] == [r.product_id for r in plain]
    assert [r.score for r in scaled] == pytest.approx([r.score / 2 for r in plain], abs=2e-6)
    assert scaled[0].reasons[-1] == "customer's purchase probability 50% (score scaled by it)"
    with pytest.raises(NotFound, match="unknown customer id"):
        recommender.recommend("nobody")
    with pytest.raises(InvalidInput, match="k must be at least 1"):
        recommender.recommend("t02", 0)
    with pytest.raises(InvalidInput, match=r"must be in \[0, 1\]"):
        recommender.recommend("t02", purchase_probability=1.5)
    with pytest.raises(NotFound, match="product nothing is not in the catalogue"):
        recommender.similar_products("nothing")


def test_batched_and_single_recommendations_agree(shop: tuple[Workspace, Recommender]) -> None:
    _, recommender = shop
    customers = ["k04", "t05", "newcomer"]
    many = recommender.recommend_many(customers, 5)
    assert {c: [r.to_dict() for r in many[c]] for c in customers} == {
        c: [r.to_dict() for r in recommender.recommend(c, 5)] for c in customers
    }


def test_saved_recommender_opens_and_refuses_when_stale(
    shop: tuple[Workspace, Recommender], tmp_path: Path
) -> None:
    workspace, built = shop
    opened = open_recommender(workspace, HashingEmbedder())
    assert [r.to_dict() for r in opened.recommend("k06", 5)] == [
        r.to_dict() for r in built.recommend("k06", 5)
    ]
    assert np.array_equal(opened.trained.vectors, built.trained.vectors)
    empty = Workspace(tmp_path / "empty")
    write_shop(empty.home, tmp_path / "sources")
    with pytest.raises(NotFound, match=r"no recommender in .*: run `retain index build`"):
        open_recommender(empty)
    write_shop(empty.home, tmp_path / "changed", shop_tables(seed=1))
    for name in ("artifact.json", "model.pt"):
        target = empty.subdir("index") / "products"
        target.mkdir(exist_ok=True)
        (target / name).write_bytes((workspace.home / "index" / "products" / name).read_bytes())
    with pytest.raises(Unavailable, match=r"built from store .* but the current store is"):
        open_recommender(empty)


def test_another_embedder_is_refused(shop: tuple[Workspace, Recommender]) -> None:
    workspace, _ = shop

    class OtherEmbedder(HashingEmbedder):
        pass

    with pytest.raises(Unavailable, match="embedded by HashingEmbedder/384, not OtherEmbedder"):
        open_recommender(workspace, OtherEmbedder())


def _bought(recommender: Recommender, customer: str) -> list[str]:
    row = list(recommender.signals.interactions.users).index(customer)
    bought = recommender.signals.interactions.purchases
    return [
        str(recommender.signals.interactions.items[i])
        for i in bought[bought["user"] == row]["item"]
    ]
