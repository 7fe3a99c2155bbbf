"""discount_policy states the offer policy from the settings the drafting checker and budget plans
read: numbers follow the settings, and no setting is named to the user."""

from pathlib import Path
from typing import Any

from assistant.roles import ROLES, Role
from assistant.settings import Settings
from assistant.tools.catalogue import run_tool
from assistant.tools.data import StoreData
from commerce.workspace import Workspace
from tests.tools.conftest import context


def _policy(tmp_path: Path, role: Role = "support", **settings: Any) -> tuple[str, dict[str, Any]]:
    # The policy reads no store: a workspace with none is enough.
    data = StoreData(Workspace(tmp_path), Settings(home=tmp_path, **settings))
    out = run_tool(context(data, role), "discount_policy", {})
    assert "RETAIN_" not in out.answer and out.cards == []
    return out.answer, out.result


def test_the_default_policy_in_words(tmp_path: Path) -> None:
    answer, result = _policy(tmp_path)
    assert answer == (
        "Offers may give at most 20% off; a draft with no discount asked for gives 10%. "
        "Offers are valid for 14 days after they are drafted. Perks: none allowed (drafts may "
        "promise no free shipping, gift, free sample, guarantee, loyalty points or priority "
        "service). Budget plans choose each customer's offer from 0% (a reminder), 5%, 10%, "
        "15% and 20%."
    )
    assert result == {
        "max_discount_pct": 20,
        "default_discount_pct": 10,
        "offer_valid_days": 14,
        "perks": [],
        "plan_discounts_pct": [0.0, 5.0, 10.0, 15.0, 20.0],
    }


def test_the_numbers_follow_the_settings(tmp_path: Path) -> None:
    answer, result = _policy(
        tmp_path, max_discount_pct=15, default_discount_pct=5, offer_valid_days=30,
        offer_perks=["free shipping"],
    )  # fmt: skip
    assert answer.startswith(
        "Offers may give at most 15% off; a draft with no discount asked for gives 5%. "
        "Offers are valid for 30 days after they are drafted. Perks offers may promise: free "
        "shipping; no other (no gift, free sample, guarantee, loyalty points or priority "
        "service). "
    )
    # The plans' 20% is above the maximum: plans leave it out, and the answer says so.
    assert answer.endswith(
        "Budget plans choose each customer's offer from 0% (a reminder), 5%, 10% and 15% "
        "(20% in the plans' list is above the maximum, so unused)."
    )
    assert result["perks"] == ["free shipping"] and result["plan_discounts_pct"][-1] == 15


def test_a_policy_without_a_default_or_without_discounts(tmp_path: Path) -> None:
    answer, _ = _policy(tmp_path / "a", default_discount_pct=0)
    assert answer.startswith(
        "Offers may give at most 20% off; a draft must ask for a discount, as none is given by "
        "default."
    )
    answer, result = _policy(tmp_path / "b", max_discount_pct=0, default_discount_pct=0)
    assert answer.startswith("The policy allows no discount, so no offer can be drafted.")
    assert result["plan_discounts_pct"] == [0.0]


def test_every_role_may_ask(tmp_path: Path) -> None:
    perks = ["gift", "free shipping"]  # named in the order of all perks, not as set
    for role in ROLES:
        answer, _ = _policy(tmp_path / role, role, offer_perks=perks)
        assert "Perks offers may promise: free shipping and gift; no other" in answer
