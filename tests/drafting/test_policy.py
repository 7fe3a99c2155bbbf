"""The offer policy from settings: the maximum discount is checked when settings load."""

import pytest
from pydantic import ValidationError

from assistant.drafting import policy_from_settings
from assistant.settings import Settings


@pytest.mark.parametrize("raw", ["95", "12.5", "-1", "twenty"])
def test_a_max_discount_drafting_cannot_use_stops_settings_at_load(
    raw: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RETAIN_MAX_DISCOUNT_PCT", raw)
    with pytest.raises(ValidationError) as error:
        Settings()
    assert f"RETAIN_MAX_DISCOUNT_PCT={raw} is not a whole percent from 0 to 90" in str(error.value)


@pytest.mark.parametrize(("raw", "pct"), [("0", 0), ("20", 20), ("20.0", 20), ("90", 90)])
def test_a_whole_max_discount_reaches_the_policy_unchanged(
    raw: str, pct: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RETAIN_MAX_DISCOUNT_PCT", raw)
    monkeypatch.setenv("RETAIN_DEFAULT_DISCOUNT_PCT", "0")  # at or below every maximum
    settings = Settings()
    assert settings.max_discount_pct == pct and isinstance(settings.max_discount_pct, int)
    assert policy_from_settings(settings).max_discount_pct == pct


def test_the_default_max_discount_is_twenty() -> None:
    assert policy_from_settings(Settings()).max_discount_pct == 20
