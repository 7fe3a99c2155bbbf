"""Grounded offer drafting on the demo store with the default model pack.

    RETAIN_HOME=/tmp/dr python -m bench.drafting [--customers 30] [--channel email]

Needs a store with scores (`retain demo build && retain train && retain score`) and the chat
model that the RETAIN_LLM_* settings name (assistant.llm.factory; by default the default pack);
without either it says so and exits 0. Drafts offers for the customers with the most value at
risk and prints: how many passed verification on the first pass, after the retry, or fell back;
any invented number or over-policy discount in a final text (checked again with the verifier:
must be 0); median time to first token and pieces/s (a streamed piece is about one token with
the local backends); three offers verbatim.
"""

import argparse
import statistics
import sys
from collections import Counter

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


def load_model(settings: Settings) -> ChatModel | None:
    """The configured chat model (the default pack unless RETAIN_LLM_* say otherwise), or None."""
    try:
        from assistant.llm.factory import LLMConfig, load_from_config
    except ImportError as error:
        print(f"skipped: no chat model backend in assistant.llm yet ({error})")
        return None
    try:
        return load_from_config(LLMConfig.from_settings(settings), settings.home)
    except (RetainError, ImportError, OSError) as error:
        print(f"skipped: the model pack is not installed or cannot load: {error}")
        return None


def customers(workspace: Workspace, count: int) -> list[str]:
    """The customers with the most value at risk (or the first ones, without scores)."""
    store = workspace.store()
    scores = latest_scores(workspace)
    if scores is not None:
        at_risk = (scores["churn_risk"] * scores["clv"]).rename("value_at_risk")
        ranked = scores.assign(value_at_risk=at_risk).sort_values("value_at_risk", ascending=False)
        return [str(c) for c in ranked["customer_id"].head(count)]
    orders = store.table("orders", ["customer_id"])
    return [str(c) for c in orders["customer_id"].drop_duplicates().head(count)]


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--customers", type=int, default=30)
    parser.add_argument("--channel", choices=["email", "sms"], default="email")
    args = parser.parse_args()
    settings = Settings()
    workspace = Workspace(settings.home)
    if not workspace.has_store():
        print(f"skipped: no store in {settings.home}: run `retain demo build` (and train, score)")
        return 0
    model = load_model(settings)
    if model is None:
        return 0
    policy = policy_from_settings(settings)
    known = catalogue(workspace)
    results: list[DraftResult] = []
    slipped = 0
    for customer_id in customers(workspace, args.customers):
        facts = gather_offer_facts(workspace, customer_id, policy, None, args.channel)
        result = draft_offer(facts, model, policy, known)
        results.append(result)
        # Check every final text again, independently of the path that produced it.
        limit = policy.sms_max_chars if args.channel == "sms" else None
        final = verify(result.text, facts.grounding(policy, known), policy, limit)
        slipped += sum(v.kind in UNSAFE for v in final)
        print(f"{customer_id}: {result.path}", file=sys.stderr)
    report(results, slipped, policy, getattr(model, "name", "model"))
    return 1 if slipped else 0


def report(results: list[DraftResult], slipped: int, policy: OfferPolicy, name: str) -> None:
    paths = Counter(r.path for r in results)
    tried = [a for r in results for a in r.attempts if a.path != "fallback" and a.pieces]
    ttft = [a.first_token_s for a in tried if a.first_token_s is not None]
    rates = [
        a.pieces / (a.seconds - (a.first_token_s or 0.0))
        for a in tried
        if a.seconds > (a.first_token_s or 0.0)
    ]
    kinds = Counter(v.kind for r in results for v in r.violations)
    n = len(results) or 1
    print(f"\nOffer drafting with {name}, {len(results)} customers, max discount "
          f"{policy.max_discount_pct}%")  # fmt: skip
    print(f"{'measure':<42}{'value':>12}")
    rows = [
        ("passed on the first pass", f"{paths['first_pass'] / n:.0%}"),
        ("passed after the retry", f"{paths['retry'] / n:.0%}"),
        ("fell back to the template", f"{paths['fallback'] / n:.0%}"),
        ("invented numbers / over-policy in final", str(slipped)),
        ("median time to first token (s)", f"{statistics.median(ttft):.2f}" if ttft else "-"),
        ("median pieces (~tokens) per second", f"{statistics.median(rates):.1f}" if rates else "-"),
    ]
    for label, value in rows:
        print(f"{label:<42}{value:>12}")
    found = ", ".join(f"{kind} {count}" for kind, count in kinds.most_common()) or "none"
    print(f"violations found in drafts: {found}")
    for result in [r for r in results if r.path != "fallback"][:3] or results[:3]:
        print(f"\n--- {result.path} ---\n{result.text}")


if __name__ == "__main__":
    sys.exit(main())
