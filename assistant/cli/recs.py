"""`retain eval-recs`: the recommender beside the baselines on packaged real data."""

from typing import Annotated

import typer
from rich.table import Table

from assistant.cli.console import command_settings, fail, out, print_json, steps
from commerce.errors import InvalidInput, RetainError
from retrieval.embedder import choose_device
from retrieval.recs.datasets import SPLITS
from retrieval.recs.evaluate import K, MethodResult, evaluate


def eval_recs_command(
    dataset: Annotated[
        str, typer.Option(help="instacart (next basket), movielens (latest ratings) or all")
    ] = "all",
    seed: Annotated[
        int | None, typer.Option(help="Training seed (default: RETAIN_TRAIN_SEED)")
    ] = None,
    epochs: Annotated[
        int | None,
        typer.Option(min=1, help="Most training epochs (early stopping may stop sooner)"),
    ] = None,
    threads: Annotated[
        int | None, typer.Option(min=1, help="CPU threads for torch (default: torch's choice)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON")] = False,
) -> None:
    """Recall@10 and NDCG@10 of Retain's recommender, most popular, item-kNN and EASE."""
    settings = command_settings()
    names = list(SPLITS) if dataset == "all" else [dataset]
    try:
        if any(name not in SPLITS for name in names):
            raise InvalidInput(f"--dataset {dataset}: expected {', '.join(SPLITS)} or all")
        if threads is not None:
            import torch

            torch.set_num_threads(threads)
        with steps("Evaluating recommendations", enabled=not as_json) as progress:
            results = evaluate(
                names,
                seed=settings.train_seed if seed is None else seed,
                epochs=epochs,
                device=choose_device(settings.device),
                progress=progress,
            )
    except RetainError as error:
        fail(error)
    if as_json:
        print_json({"k": K, "results": [r.to_dict() for r in results]})
        return
    _show(results)


def _show(results: list[MethodResult]) -> None:
    """One table per data set; where items repeat, also the scores on new items only."""
    for name in dict.fromkeys(r.dataset for r in results):
        rows = [r for r in results if r.dataset == name]
        repeats = any("new_items" in r.detail for r in rows)
        table = Table(title=f"{name}: {rows[0].users:,} users, each one's held-out items")
        for column in ("method", f"recall@{K}", f"NDCG@{K}"):
            table.add_column(column, justify="left" if column == "method" else "right")
        if repeats:
            table.add_column(f"new items: recall@{K}", justify="right")
            table.add_column(f"NDCG@{K}", justify="right")
        table.add_column("fit s", justify="right")
        for result in rows:
            cells = [result.method, f"{result.recall:.4f}", f"{result.ndcg:.4f}"]
            if repeats:
                new = result.detail.get("new_items", {})
                cells += [f"{new.get('recall', 0.0):.4f}", f"{new.get('ndcg', 0.0):.4f}"]
            table.add_row(*cells, f"{result.fit_s:.1f}")
        out.print(table)
