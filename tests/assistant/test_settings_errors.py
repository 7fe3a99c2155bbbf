"""Wrong RETAIN_* settings: refused when they load, named by variable on one line (exit 2) in
every command; an offer ladder no plan can use never loads; production refuses unsafe setups."""

import ast
from pathlib import Path

import pytest
from pydantic import SecretStr, ValidationError
from typer.testing import CliRunner

import assistant.cli
from assistant.cli import app
from assistant.settings import Settings
from assistant.settings_load import load_settings
from assistant.tools.decisions import offer_assumptions
from commerce.errors import InvalidInput

runner = CliRunner()

# One command of each group that loads settings; a wrong setting stops each the same way.
COMMANDS = [
    ["status"],
    ["status", "--json"],
    ["plan", "--budget", "100"],
    ["at-risk"],
    ["segments"],
    ["segments", "show", "Champions"],
    ["search", "coffee"],
    ["keys", "list"],
    ["demo", "keys"],
    ["events", "status"],
    ["llm", "list"],
    ["serve"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_wrong_setting_stops_every_command_with_one_line_naming_it(
    command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RETAIN_CHURN_HORIZON_DAYS", "13")
    result = runner.invoke(app, command)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.strip().splitlines() == [
        "error: RETAIN_CHURN_HORIZON_DAYS=13: input should be greater than or equal to 14"
    ]


def test_a_list_setting_that_is_not_json_is_named_with_an_example(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RETAIN_OFFER_DISCOUNTS", "0,5")
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: RETAIN_OFFER_DISCOUNTS=0,5: not JSON (")
    assert line.endswith("it takes a JSON list such as [0.0, 5.0, 10.0, 15.0, 20.0]")


def test_no_command_builds_settings_around_the_shared_loader() -> None:
    """A command that called Settings() itself would crash on a wrong setting again."""
    folder = Path(assistant.cli.__file__).parent
    direct = [
        f"{path.name}:{node.lineno}"
        for path in sorted(folder.glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "Settings"
    ]
    assert direct == []


def test_every_problem_is_named_by_its_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RETAIN_LOG_LEVEL", "LOUD")
    monkeypatch.setenv("RETAIN_OFFER_DISCOUNTS", '["ten", 5, 10, 15, 20]')
    monkeypatch.setenv("RETAIN_MAX_DISCOUNT_PCT", "95")  # its own message names it already
    with pytest.raises(InvalidInput) as error:
        load_settings()
    # In the order of the fields: the offer policy's (offer_settings.py) come first.
    assert str(error.value).split("; ") == [
        "RETAIN_MAX_DISCOUNT_PCT=95 is not a whole percent from 0 to 90 "
        "(drafted offers never go above 90% off)",
        'RETAIN_OFFER_DISCOUNTS=["ten", 5, 10, 15, 20]: item 1: input should be a valid number, '
        "unable to parse string as a number",
        "RETAIN_LOG_LEVEL=LOUD: input should be 'DEBUG', 'INFO', 'WARNING' or 'ERROR'",
    ]


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"RETAIN_OFFER_PERKS": '["cashback"]'}, 'RETAIN_OFFER_PERKS=["cashback"]: unknown perk'),
        (
            {"RETAIN_OFFER_DISCOUNTS": "[0, 10]"},
            "RETAIN_OFFER_DISCOUNTS has 2 levels but RETAIN_OFFER_UPLIFT has 5",
        ),
        (
            {"RETAIN_OFFER_UPLIFT": "[2, 4, 7, 9, 11]"},
            "RETAIN_OFFER_UPLIFT=[2, 4, 7, 9, 11]: uplifts are shares from 0 to 1",
        ),
        (
            {"RETAIN_OFFER_DISCOUNTS": "[0, 5, 10, 15, 120]"},
            "RETAIN_OFFER_DISCOUNTS=[0, 5, 10, 15, 120]: discounts are percentages from 0 to 100",
        ),
        (
            {"RETAIN_OFFER_DISCOUNTS": "[]", "RETAIN_OFFER_UPLIFT": "[]"},
            "RETAIN_OFFER_DISCOUNTS is empty",
        ),
        (
            {
                "RETAIN_MAX_DISCOUNT_PCT": "10",
                "RETAIN_OFFER_DISCOUNTS": "[15, 20]",
                "RETAIN_OFFER_UPLIFT": "[0.09, 0.11]",
            },
            "every RETAIN_OFFER_DISCOUNTS level is above RETAIN_MAX_DISCOUNT_PCT=10",
        ),
        ({"RETAIN_CONTACT_COST": "inf"}, "RETAIN_CONTACT_COST=inf: input should be a finite"),
    ],
)
def test_an_offer_setting_no_plan_or_draft_can_use_is_refused_at_load(
    variables: dict[str, str], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(InvalidInput, match="^" + message.replace("[", r"\[")):
        load_settings()
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 2 and message in result.stderr


def test_known_perks_and_a_matching_ladder_load(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RETAIN_OFFER_PERKS", '["free shipping", "gift"]')
    monkeypatch.setenv("RETAIN_OFFER_DISCOUNTS", "[0, 25]")
    monkeypatch.setenv("RETAIN_OFFER_UPLIFT", "[0.02, 0.2]")
    settings = load_settings()
    assert settings.offer_perks == ["free shipping", "gift"]
    assert offer_assumptions(settings).discounts == (0.0,)  # 25 is above the 20% policy


def test_a_ladder_that_bypassed_settings_is_invalid_input_not_a_crash() -> None:
    """The plan tool builds its ladder from whatever settings it is given: a bad one is a 422
    (InvalidInput) in the API and a tool error in chat, never a 500."""
    unchecked = Settings.model_construct(offer_discounts=[0.0, 10.0])
    with pytest.raises(InvalidInput, match="one uplift per discount level is needed"):
        offer_assumptions(unchecked)


@pytest.mark.parametrize(
    ("environment", "url", "refused"),
    [
        ("production", "http://hooks.example.com/retain", True),
        ("production", "https://hooks.example.com/retain", False),
        ("production", "http://localhost:9000/retain", False),
        ("production", "http://127.0.0.1/retain", False),
        ("development", "http://hooks.example.com/retain", False),
    ],
)
def test_production_refuses_a_plain_http_webhook_off_this_machine(
    environment: str, url: str, refused: bool
) -> None:
    def load() -> Settings:
        return Settings(
            environment=environment,  # type: ignore[arg-type]
            alert_webhook_url=url,
            alert_webhook_secret=SecretStr("x"),
        )

    if refused:
        with pytest.raises(ValidationError, match="production refuses a plain-http"):
            load()
    else:
        assert load().alert_webhook_url == url


def test_production_refuses_demo_keys(retain_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RETAIN_ENVIRONMENT", "production")
    result = runner.invoke(app, ["demo", "keys", "--json"])
    assert result.exit_code == 2, result.output
    assert "RETAIN_ENVIRONMENT=production refuses demo keys" in result.stderr
    assert result.stdout == ""
    assert not (retain_home / "demo-keys.json").exists()


def test_production_serves_only_once_the_demo_keys_are_revoked(
    retain_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    served: list[str] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **options: served.append(options["host"]))
    assert runner.invoke(app, ["demo", "keys"]).exit_code == 0  # made in development
    monkeypatch.setenv("RETAIN_ENVIRONMENT", "production")
    refused = runner.invoke(app, ["serve"])
    assert refused.exit_code == 2, refused.output
    assert "refuses to serve while demo keys work (ids 1, 2, 3, 4;" in refused.stderr
    assert served == []
    for key_id in (1, 2, 3, 4):
        assert runner.invoke(app, ["keys", "revoke", str(key_id)]).exit_code == 0
    started = runner.invoke(app, ["serve"])
    assert started.exit_code == 0, started.output
    assert served == ["127.0.0.1"]


@pytest.mark.parametrize(("host", "warned"), [("127.0.0.1", False), ("0.0.0.0", True)])
def test_serving_beyond_this_machine_warns_of_plain_http(
    host: str, warned: bool, retain_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("uvicorn.run", lambda app, **options: None)
    result = runner.invoke(app, ["serve", "--host", host])
    assert result.exit_code == 0, result.output
    assert ("TLS proxy" in result.stderr) is warned
