"""review_sentiment ranking per product and per category, timed on a built workspace.

    python -m bench.review_ranking [--home .retain] [--repeat 3]

The workspace (store and review index) is only read; the index and catalogue are loaded
before timing, as the server loads them at start-up. Medians of --repeat calls in this
process. The demo has 5,000 reviewed products with one review each, so per product (at least
1 review) ranks every one of them: a per-product loop took 15 s there, over the chat's 30 s
tool limit on a busy 2-core machine.
"""

import argparse
from functools import partial
from pathlib import Path
from typing import NoReturn

from assistant.settings import Settings
from assistant.tools.base import ToolContext
from assistant.tools.data import StoreData
from assistant.tools.review_ranking import ReviewsPer
from assistant.tools.sentiment import review_sentiment
from bench.tables import table
from bench.timing import median_seconds
from commerce.workspace import Workspace


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, default=Path(".retain"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = StoreData(Workspace(args.home), Settings(home=args.home))
    data.review_index()
    data.products()

    def nothing() -> NoReturn:
        raise RuntimeError("ranking reviews uses no model")

    ctx = ToolContext(data.settings, "operator", data, nothing, nothing)
    rows = []
    ways: tuple[ReviewsPer, ...] = ("product", "category")
    for per in ways:
        rank = partial(review_sentiment, ctx, per=per, min_reviews=1)
        answer = rank()
        seconds = median_seconds(rank, args.repeat)
        rows.append({"per": per, "ranked": f"{answer.result['total']:,}",
                     "median s": f"{seconds:.3f}"})  # fmt: skip
    print(table(rows))


if __name__ == "__main__":
    main()
