"""The API over a small real workspace: trained, scored, reviews indexed with the real MiniLM
embedder (so routing and review search behave as in production), one key per role, and the
scripted chat model standing in for the LLM."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.api import create_app
from assistant.api.services import Services, build_services
from assistant.llm.base import ChatModel
from assistant.llm.fake import ScriptedChatModel
from assistant.persistence import create_key, open_app_database
from assistant.roles import ROLES, Role
from assistant.settings import Settings
from retrieval.build import build_review_index
from retrieval.embedder import MiniLMEmbedder
from tests.tools.store import make_workspace

MakeClient = Callable[..., TestClient]


@pytest.fixture(scope="session")
def minilm() -> MiniLMEmbedder:
    return MiniLMEmbedder(device="cpu")


@pytest.fixture(scope="session")
def api_home(tmp_path_factory: pytest.TempPathFactory, minilm: MiniLMEmbedder) -> Path:
    """Read-only for tests: the app database lives elsewhere (RETAIN_DATABASE_URL)."""
    folder = tmp_path_factory.mktemp("api")
    workspace = make_workspace(folder / "home", folder / "sources")
    build_review_index(workspace, minilm, full=True)
    return workspace.home


@pytest.fixture
def settings(api_home: Path, tmp_path: Path) -> Settings:
    return Settings(home=api_home, database_url=f"sqlite:///{tmp_path / 'app.db'}")


@pytest.fixture
def keys(settings: Settings) -> dict[Role, str]:
    with open_app_database(settings) as db:
        return {role: create_key(db, role, f"test-{role}")[0] for role in ROLES}


@pytest.fixture
def model() -> ScriptedChatModel:
    """The LLM: scripted answers tests append to (each draft attempt takes one)."""
    return ScriptedChatModel([])


@pytest.fixture
def make_client(minilm: MiniLMEmbedder, model: ScriptedChatModel) -> Iterator[MakeClient]:
    opened: list[TestClient] = []

    def make(settings: Settings, chat_model: Callable[[], ChatModel] | None = None) -> TestClient:
        """A started client; `chat_model` loads the LLM (default: the scripted `model`)."""

        def services(s: Settings) -> Services:
            return build_services(s, embedder=minilm, load_chat_model=chat_model or (lambda: model))

        client = TestClient(create_app(settings, services=services))
        client.__enter__()
        opened.append(client)
        return client

    yield make
    for client in opened:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: MakeClient, settings: Settings, keys: dict[Role, str]) -> TestClient:
    return make_client(settings)


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}
