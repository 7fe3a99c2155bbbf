"""One trained, scored and indexed workspace for every tool test (read-only: tests that change
a workspace copy it first), and a context factory per role."""

import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd
import pytest

from assistant.llm.fake import ScriptedChatModel
from assistant.roles import Role
from assistant.settings import Settings
from assistant.tools.base import ToolContext
from assistant.tools.data import StoreData
from commerce.workspace import Workspace
from tests.retrieval.fakes import HashingEmbedder
from tests.tools.sales_shop import store_of
from tests.tools.store import make_workspace

MakeContext = Callable[..., ToolContext]


@pytest.fixture(scope="session")
def tools_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tools")
    return make_workspace(folder / "home", folder / "sources").home


@pytest.fixture(scope="session")
def shared_data(tools_home: Path) -> StoreData:
    """One StoreData for the read-only tests, as the server shares one across requests."""
    return StoreData(Workspace(tools_home), Settings(home=tools_home))


@pytest.fixture
def home_copy(tools_home: Path, tmp_path: Path) -> Path:
    """A copy of the workspace a test may change (the store link copied as a link)."""
    return Path(shutil.copytree(tools_home, tmp_path / "copy", symlinks=True))


def context(
    data: StoreData,
    role: Role = "admin",
    answers: Iterable[str] = (),
    on_token: Callable[[str], None] | None = None,
) -> ToolContext:
    model = ScriptedChatModel(answers)
    embedder = HashingEmbedder()
    return ToolContext(data.settings, role, data, lambda: model, lambda: embedder, on_token)


@pytest.fixture
def make_ctx(shared_data: StoreData) -> MakeContext:
    """make_ctx(role="admin", answers=(), on_token=None): a context on the shared data."""

    def make(
        role: Role = "admin",
        answers: Iterable[str] = (),
        on_token: Callable[[str], None] | None = None,
    ) -> ToolContext:
        return context(shared_data, role, answers, on_token)

    return make


def sent_model(ctx: ToolContext) -> ScriptedChatModel:
    """The scripted model behind a context made here (to read what it was sent)."""
    model = ctx.chat_model()
    assert isinstance(model, ScriptedChatModel)
    return model


@pytest.fixture(scope="module")
def tools_orders(tools_home: Path) -> pd.DataFrame:
    """The shared workspace's orders as written, for figures read back with pandas."""
    return pd.read_parquet(tools_home / "store" / "orders.parquet")


@pytest.fixture(scope="module")
def sales_shop(tmp_path_factory: pytest.TempPathFactory) -> StoreData:
    """The hand-made store of tests/tools/sales_shop.py, with its lines and products."""
    return store_of(tmp_path_factory.mktemp("shop"), ("order_items", "products"))
