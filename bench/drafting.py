"""Grounded offer drafting on the demo store with the default model pack.

    RETAIN_HOME=/tmp/dr python -m bench.drafting [--customers 30] [--channel email]
        [--pack qwen-1.5b] [--device cpu|cuda] [--quantize none|int8] [--threads 2]
        [--select mixed|top] [--json table.json]

Needs a store with scores (`retain demo build && retain train && retain score`) and the chat
model that the RETAIN_LLM_* settings name, or the options above override (by default the
default pack); without either it says so and exits 0. Drafts offers for the chosen customers
(`mixed`: half with the most value at risk, half spread evenly over everyone else, so one-time
and low-value buyers are in; `top`: the most value at risk) and prints: how many passed
verification on the first pass, after the retry, or fell back; any invented number or
over-policy discount in a final text (checked again with the verifier: must be 0); median time
to first token and pieces/s (a streamed piece is about one token with the local backends);
three offers verbatim. Exits 1 when anything unsafe slipped through.
"""

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from assistant.drafting import (
    DraftResult,
    OfferPolicy,
    catalogue,
    draft_offer,
    gather_offer_facts,
    policy_from_settings,
    verify,
)
from assistant.llm.base import ChatModel
from assistant.settings import Settings
from commerce.errors import RetainError
from commerce.workspace import Workspace
from predictors.pipeline import latest_scores

UNSAFE = {"invented_number", "over_policy_discount"}


def load_model(settings: Settings, args: argparse.Namespace) -> ChatModel | None:
    """The chat model the settings name, with the command line's overrides; None if missing."""
    try:
        from assistant.llm.factory import LLMConfig, load_from_config
    except ImportError as error:
        print(f"skipped: no chat model backend in assistant.llm yet ({error})")
        return None
    config = LLMConfig.from_settings(settings)
    overrides = {
        "pack": args.pack,
        "device": args.device,
        "quantize": args.quantize,
        "threads": args.threads,
    }
    config = replace(config, **{k: v for k, v in overrides.items() if v is not None})
    try:
        return load_from_config(config, settings.home)
    except (RetainError, ImportError, OSError) as error:
        print(f"skipped: the model pack is not installed or cannot load: {error}")
        return None


def customers(workspace: Workspace, count: int, select: str) -> list[str]:
    """`count` customers by value at risk (see the module docstring), or the first ones."""
    scores = latest_scores(workspace)
    if scores is None:
        orders = workspace.store().table("orders", ["customer_id"])
        return [str(c) for c in orders["customer_id"].drop_duplicates().head(count)]
    at_risk = (scores["churn_risk"] * scores["clv"]).rename("value_at_risk")
    ranked = scores.assign(value_at_risk=at_risk).sort_values("value_at_risk", ascending=False)
    ids = [str(c) for c in ranked["customer_id"]]
    if select == "top" or count >= len(ids):
        return ids[:count]
    top = count - count // 2
    rest = ids[top:]
    step = len(rest) / (count - top) if count > top else 1.0
    return ids[:top] + [rest[int(i * step)] for i in range(count - top)]


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--customers", type=int, default=30)
    parser.add_argument("--channel", choices=["email", "sms"], default="email")
    parser.add_argument("--select", choices=["mixed", "top"], default="mixed")
    parser.add_argument("--pack", help="model pack (default: RETAIN_LLM_PACK)")
    parser.add_argument("--device", choices=["auto", "cpu", "cuda"], help="default: settings")
    parser.add_argument("--quantize", choices=["none", "int8"], help="int8: CPU only")
    parser.add_argument("--threads", type=int, help="torch threads for the LLM")
    parser.add_argument("--json", type=Path, help="also write the table as JSON here")
    args = parser.parse_args()
    settings = Settings()
    workspace = Workspace(settings.home)
    if not workspace.has_store():
        print(f"skipped: no store in {settings.home}: run `retain demo build` (and train, score)")
        return 0
    model = load_model(settings, args)
    if model is None:
        return 0
    policy = policy_from_settings(settings)
    known = catalogue(workspace)
    results: list[tuple[str, DraftResult]] = []
    slipped: list[str] = []
    try:
        for customer_id in customers(workspace, args.customers, args.select):
            started = time.perf_counter()
            facts = gather_offer_facts(workspace, customer_id, policy, None, args.channel)
            result = draft_offer(facts, model, policy, known)
            results.append((customer_id, result))
            # Check every final text again, independently of the path that produced it.
            limit = policy.sms_max_chars if args.channel == "sms" else None
            final = verify(result.text, facts.grounding(policy, known), policy, limit)
            slipped += [f"{customer_id}: {v.message}" for v in final if v.kind in UNSAFE]
            seconds = time.perf_counter() - started
            print(f"{customer_id}: {result.path} ({seconds:.0f}s)", file=sys.stderr, flush=True)
    except KeyboardInterrupt:
        print("interrupted: reporting the customers drafted so far", file=sys.stderr)
    name = getattr(model, "name", "model")
    table = summarise([r for _, r in results], slipped, name, args.channel)
    report(table, results, policy)
    if args.json:
        drafts = [
            {
                "customer_id": customer_id,
                "path": result.path,
                "text": result.text,
                "attempts": [
                    {
                        "path": a.path,
                        "text": a.text,
                        "violations": [[v.kind, v.text] for v in a.violations],
                    }
                    for a in result.attempts
                ],
            }
            for customer_id, result in results
        ]
        args.json.write_text(json.dumps(table | {"drafts": drafts}, indent=2) + "\n")
    return 1 if slipped else 0


def summarise(
    results: list[DraftResult], slipped: list[str], name: str, channel: str
) -> dict[str, Any]:
    """The numbers the issue asks for, as one JSON-ready dict."""
    paths = Counter(r.path for r in results)
    tried = [a for r in results for a in r.attempts if a.path != "fallback" and a.pieces]
    ttft = [a.first_token_s for a in tried if a.first_token_s is not None]
    rates = [
        a.pieces / (a.seconds - (a.first_token_s or 0.0))
        for a in tried
        if a.seconds > (a.first_token_s or 0.0)
    ]
    n = len(results) or 1
    passed = [a for r in results for a in r.attempts if a.path == r.path and r.path != "fallback"]
    return {
        "model": name,
        "channel": channel,
        "customers": len(results),
        "first_pass": paths["first_pass"] / n,
        "retry": paths["retry"] / n,
        "fallback": paths["fallback"] / n,
        "tidied_before_passing": sum(bool(a.raw) for a in passed),
        "unsafe_in_final": len(slipped),
        "unsafe_in_final_detail": slipped,
        "median_ttft_s": statistics.median(ttft) if ttft else None,
        "median_tokens_per_s": statistics.median(rates) if rates else None,
        "violations_in_drafts": dict(
            Counter(v.kind for r in results for v in r.violations).most_common()
        ),
    }


def report(
    table: dict[str, Any], results: list[tuple[str, DraftResult]], policy: OfferPolicy
) -> None:
    ttft, rate = table["median_ttft_s"], table["median_tokens_per_s"]
    print(
        f"\nOffer drafting ({table['channel']}) with {table['model']}, {table['customers']} "
        f"customers, max discount {policy.max_discount_pct}%"
    )
    print(f"{'measure':<48}{'value':>10}")
    rows = [
        ("passed verification on the first pass", f"{table['first_pass']:.0%}"),
        ("passed after the retry", f"{table['retry']:.0%}"),
        ("fell back to the template", f"{table['fallback']:.0%}"),
        ("  (passing drafts that needed tidying first)", str(table["tidied_before_passing"])),
        ("invented numbers / over-policy in final text", str(table["unsafe_in_final"])),
        ("median time to first token (s)", f"{ttft:.1f}" if ttft is not None else "-"),
        ("median pieces (~tokens) per second", f"{rate:.1f}" if rate is not None else "-"),
    ]
    for label, value in rows:
        print(f"{label:<48}{value:>10}")
    found = table["violations_in_drafts"]
    print(
        "violations caught in drafts: "
        + (", ".join(f"{k} {c}" for k, c in found.items()) or "none")
    )
    for line in table["unsafe_in_final_detail"]:
        print(f"UNSAFE: {line}")
    shown = [(c, r) for c, r in results if r.path != "fallback"][:3] or results[:3]
    for customer_id, result in shown:
        print(f"\n--- customer {customer_id}: {result.path} ---\n{result.text}")


if __name__ == "__main__":
    sys.exit(main())
