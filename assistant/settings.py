"""Settings: one validated object, read from RETAIN_* environment variables and passed explicitly.

Every setting is documented in docs/configuration.md; keep the two in step.
"""

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import SettingsConfigDict

from assistant.offer_settings import OfferSettings
from assistant.webhook_url import plain_http_off_machine, webhook_url_problem, without_path

# Hosts a production webhook may reach over plain http: the traffic never leaves the machine.
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


class Settings(OfferSettings):
    """Retain's configuration. Build it once at the edge (CLI, server) and hand it down."""

    model_config = SettingsConfigDict(env_prefix="RETAIN_", extra="ignore", frozen=True)

    home: Path = Field(
        default=Path(".retain"), description="Workspace folder: store, models, indexes, app.db."
    )
    environment: Literal["development", "production"] = Field(
        default="development",
        description="production refuses demo keys and a plain-http webhook off this machine.",
    )
    demo_seed: int = Field(
        default=7,
        ge=0,
        description="Seed of the demo store's synthetic joins (same seed, same store).",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    churn_horizon_days: int = Field(
        default=90,
        ge=14,  # the network's shortest training window is 2 weeks
        le=730,
        description="A customer who buys nothing in this many days churned (at least 14).",
    )
    clv_horizon_days: int = Field(
        default=365, ge=7, le=1825, description="Customer value (CLV) is spend over this many days."
    )
    train_seed: int = Field(
        default=0, ge=0, description="Seed of model training (same seed, same model)."
    )
    llm_backend: Literal["transformers", "openai"] = Field(
        default="transformers", description="transformers (local) or openai (a compatible server)."
    )
    llm_pack: Literal["qwen-1.5b", "qwen-0.5b", "smollm2-135m"] = Field(
        default="qwen-1.5b", description="The local model pack (`retain llm install PACK`)."
    )
    llm_folder: Path | None = Field(
        default=None, description="A local Hugging Face model folder, used instead of the pack."
    )
    llm_url: str = Field(default="", description="OpenAI-compatible server (vLLM, TGI, Ollama).")
    llm_served_model: str = Field(default="", description="Model name on that server.")
    llm_api_key: SecretStr = Field(default=SecretStr(""), description="Bearer token for it.")
    llm_timeout_s: float = Field(default=60.0, gt=0, description="Connect and read timeout.")
    llm_quantize: Literal["none", "int8"] = Field(
        default="none", description="int8: dynamic int8 linear layers (CPU; faster, differs)."
    )
    llm_threads: int = Field(default=0, ge=0, description="Torch threads for the LLM; 0: default.")
    llm_static_cache: bool = Field(default=False, description="Preallocated KV cache.")
    llm_compile: bool = Field(default=False, description="torch.compile the model.")
    database_url: str = Field(
        default="",
        description="SQLAlchemy URL of the app database (keys, conversations, audit); "
        "empty: sqlite under RETAIN_HOME/app.db. A postgresql+psycopg:// URL works the same.",
    )
    max_request_bytes: int = Field(
        default=64 * 1024, ge=1024, description="Largest request body the API accepts."
    )
    max_message_chars: int = Field(
        default=4000, ge=10, description="Longest chat message the API accepts."
    )
    rate_limit_per_minute: int = Field(
        default=120, ge=1, description="Requests per API key per minute (429 beyond)."
    )
    llm_queue_size: int = Field(
        default=4, ge=0, description="Drafting requests that may wait for the LLM (503 beyond)."
    )
    tool_timeout_s: float = Field(
        default=30.0, gt=0, description="Longest a fast tool (no text written) may run."
    )
    route_llm_timeout_s: float = Field(
        default=30.0,
        gt=0,
        description="Longest the LLM may take to pick the tool for a message the fast router "
        "cannot place, its queue included; past it the message is answered as unclear.",
    )
    draft_timeout_s: float = Field(
        default=600.0, gt=0, description="Longest a drafting tool may run, LLM queue included."
    )
    device: str = Field(
        default="auto", pattern=r"^(auto|cpu|cuda(:\d+)?)$", description="auto, cpu or cuda[:N]."
    )

    @field_validator("home")
    @classmethod
    def _home_is_a_folder(cls, value: Path) -> Path:
        if value.exists() and not value.is_dir():
            raise ValueError(f"RETAIN_HOME={value} exists and is not a folder")
        return value

    def app_database_url(self) -> str:
        """The database URL in effect (sqlite in the workspace unless one is set)."""
        return self.database_url or f"sqlite:///{(self.home / 'app.db').resolve()}"

    # Alerts (assistant/alerts; docs/alerts.md)
    alert_risk_threshold: float = Field(
        default=0.7, gt=0, lt=1, description="Churn risk whose crossing raises an alert."
    )
    alert_min_value: float = Field(
        default=0.0, ge=0, description="Least predicted value (CLV) of a valuable customer."
    )
    alert_value_top_pct: float = Field(
        default=20.0, gt=0, le=100, description="Valuable: in this top percent by CLV."
    )
    alert_review_sentiment: float = Field(
        default=-0.6, ge=-1, le=1, description="Review sentiment at or below: strongly negative."
    )
    alert_review_rating: float = Field(
        default=1.0, ge=0, le=5, description="Review rating at or below: strongly negative."
    )
    alert_segment_jump: float = Field(
        default=0.05, gt=0, le=1, description="Rise of a segment's mean churn risk that alerts."
    )
    alert_segment_min_size: int = Field(
        default=20, ge=1, description="Smallest segment the churn-jump rule looks at."
    )
    alert_max_per_batch: int = Field(
        default=50, ge=1, description="Most customer alerts one rule raises per batch."
    )
    alert_webhook_url: str = Field(
        default="", description="POST each new alert here (empty: no webhook)."
    )
    alert_webhook_secret: SecretStr = Field(
        default=SecretStr(""), description="HMAC-SHA256 key of X-Retain-Signature."
    )
    alert_webhook_attempts: int = Field(
        default=6, ge=1, le=50, description="Tries per alert before a delivery is given up."
    )
    alert_webhook_backoff_s: float = Field(
        default=2.0, gt=0, le=3600, description="First retry delay; doubles per try, jittered."
    )

    @model_validator(mode="after")
    def _webhook_is_signed(self) -> "Settings":
        url = self.alert_webhook_url
        if not url:
            return self
        problem = webhook_url_problem(url)
        if problem:
            raise ValueError(f"RETAIN_ALERT_WEBHOOK_URL={without_path(url)} {problem}")
        if not self.alert_webhook_secret.get_secret_value():
            raise ValueError(
                "RETAIN_ALERT_WEBHOOK_URL is set but RETAIN_ALERT_WEBHOOK_SECRET is empty: "
                "receivers verify each alert with it (docs/alerts.md)"
            )
        return self

    @model_validator(mode="after")
    def _production_webhook_is_encrypted(self) -> "Settings":
        # Alerts name customers and their value: in production they may cross a network only
        # encrypted. Runs after _webhook_is_signed, so the URL parses.
        url = self.alert_webhook_url
        if self.environment == "production":
            host = plain_http_off_machine(url)
            if host is not None:
                raise ValueError(
                    f"RETAIN_ENVIRONMENT=production refuses a plain-http RETAIN_ALERT_WEBHOOK_URL "
                    f"to {host}: alerts would cross the network unencrypted (use https://)"
                )
        return self

    # Events (assistant/events; docs/events.md)
    events_max_batch: int = Field(
        default=1000, ge=1, le=100_000, description="Most events in one POST /v1/events."
    )
    events_max_request_bytes: int = Field(
        default=4 * 2**20, ge=1024, description="Largest POST /v1/events body (413 beyond)."
    )
    events_apply_max: int = Field(
        default=5000, ge=1, description="Most pending events applied to the store at once."
    )
    events_poll_s: float = Field(
        default=2.0, gt=0, le=3600, description="How often the worker looks for pending events."
    )
    events_worker: bool = Field(
        default=True, description="Apply events in the background while the server runs."
    )
    rescore_all_days: float = Field(
        default=1.0,
        ge=0,
        description="Score every customer again once the store's clock moved this many days.",
    )

    # Recommendations (retrieval/recs; docs/recommendations.md)
    recs_repeatable_categories: list[str] | None = Field(
        default=None,
        description=(
            "Product categories a customer may be recommended again (consumables); others are "
            "not offered twice. Unset: the list the recommender was built with."
        ),
    )
    recs_seed: int = Field(
        default=0, ge=0, description="Seed of recommender training (same seed, same model)."
    )
