"""The webhook URL checks (assistant/webhook_url.py): which URLs are refused and why, and which
plain-http hosts stay on this machine."""

import pytest
from pydantic import SecretStr, ValidationError

from assistant.settings import Settings
from assistant.webhook_url import plain_http_off_machine, webhook_url_problem


@pytest.mark.parametrize(
    "url",
    ["HTTP://example.com/hook", "Https://hooks.example.com/x", "http://a-b.example.com:8080/x",
     "http://[::1]:9000/x", "http://10.0.0.1/x", "http://localhost./x"],
)  # fmt: skip
def test_usable_urls_pass(url: str) -> None:
    assert webhook_url_problem(url) is None


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://example.com:0/hook", "names port 0, which no server listens on"),
        ("https://-bad-.com/x", "names host -bad-.com, whose label '-bad-' starts or ends"),
        ("https://a.bad-.example.com/x", "names host a.bad-.example.com, whose label 'bad-' "),
        ("ftp://example.com/x", "is not an http(s) URL"),
        ("https://example.com:70000/x", "is not a URL: Port out of range"),
    ],
)
def test_unusable_urls_are_refused_naming_why(url: str, why: str) -> None:
    problem = webhook_url_problem(url)
    assert problem is not None and problem.startswith(why)


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("http://127.0.0.2/h", None),
        ("http://localhost./h", None),
        ("http://LOCALHOST:9000/h", None),
        ("http://[::1]/h", None),
        ("http://[::ffff:127.0.0.1]/h", None),
        ("https://hooks.example.com/h", None),
        ("http://hooks.example.com/h", "hooks.example.com"),
        ("HTTP://hooks.example.com/h", "hooks.example.com"),
        ("http://localhost.example.com/h", "localhost.example.com"),
        ("http://128.0.0.1/h", "128.0.0.1"),
    ],
)
def test_plain_http_is_off_machine_unless_loopback(url: str, host: str | None) -> None:
    assert plain_http_off_machine(url) == host


@pytest.mark.parametrize(
    ("url", "refused"),
    [("HTTP://hooks.example.com/h", True), ("http://127.0.0.2/h", False),
     ("http://localhost./h", False)],
)  # fmt: skip
def test_production_judges_plain_http_by_the_same_rule(url: str, refused: bool) -> None:
    def load() -> Settings:
        return Settings(environment="production", alert_webhook_url=url,
                        alert_webhook_secret=SecretStr("x"))  # fmt: skip

    if refused:
        with pytest.raises(ValidationError, match="production refuses a plain-http"):
            load()
    else:
        assert load().alert_webhook_url == url
