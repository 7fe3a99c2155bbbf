"""Chat model speed: time to first text and tokens/s, per pack and per backend option.

    python -m bench.llm [--home .retain] [--packs smollm2-135m,qwen-0.5b,qwen-1.5b]
                        [--options bf16,threads1,int8,static] [--compile] [--url URL]
                        [--tokens 64] [--device cpu]

Beside each row is the machine's limit for batch-1 decoding: every token reads every weight
once, so tokens/s cannot beat memory bandwidth / bytes of weights. Bandwidth is measured here
with a numpy copy of a 1 GiB array. Packs not installed in the workspace are skipped with a
note (`retain llm install PACK`). --compile adds torch.compile with a static cache (it compiles
for minutes on a CPU); --url adds an OpenAI-compatible server.
"""

import argparse
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np

from assistant.llm.base import ChatModel, Message
from assistant.llm.factory import SpeedOptions, load_chat_model
from assistant.llm.packs import PACKS, get_pack, is_cached, pack_paths

PROMPT: list[Message] = [
    {"role": "system", "content": "You write short, friendly marketing emails."},
    {
        "role": "user",
        "content": "Write an email offering Ana, a customer who has not ordered for four "
        "months, 10% off her next order of coffee beans.",
    },
]
OPTIONS = {
    "bf16": SpeedOptions(),
    "threads1": SpeedOptions(threads=1),
    "int8": SpeedOptions(quantize="int8"),
    "int8-threads1": SpeedOptions(quantize="int8", threads=1),
    "static": SpeedOptions(static_cache=True),
    "compile": SpeedOptions(static_cache=True, compile=True),
}


def bandwidth_gb_s(size: int = 1 << 30, repeat: int = 3) -> float:
    """Memory bandwidth from copying a large array: each copy reads and writes `size` bytes."""
    source = np.ones(size // 8, dtype=np.float64)
    target = np.empty_like(source)
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        np.copyto(target, source)
        best = min(best, time.perf_counter() - began)
    return 2 * size / best / 1e9


@dataclass
class Run:
    load_s: float
    first_s: float
    tokens_per_s: float
    tokens: int


def measure(load: Callable[[], ChatModel], tokens: int) -> Run:
    """Load, warm up, then time one answer of up to `tokens` tokens."""
    began = time.perf_counter()
    model = load()
    loaded = time.perf_counter()
    list(model.stream(PROMPT, max_new_tokens=4))  # warm-up: first-call allocations
    start = time.perf_counter()
    first = None
    text = ""
    for piece in model.stream(PROMPT, max_new_tokens=tokens):
        first = first or time.perf_counter()
        text += piece
    ended = time.perf_counter()
    tokenizer = getattr(model, "tokenizer", None)
    count = len(tokenizer.encode(text, add_special_tokens=False)) if tokenizer else len(text) // 4
    first = first or ended
    rate = (count - 1) / (ended - first) if count > 1 and ended > first else float("nan")
    return Run(loaded - began, first - start, rate, count)


def row(pack_name: str, option: str, home: Path, device: str, tokens: int) -> str:
    """One table row, measured in this process (main runs each in a fresh one)."""
    load = partial(
        load_chat_model,
        "transformers",
        pack=pack_name,
        home=home,
        device=device,
        speed=OPTIONS[option],
    )
    run = measure(load, tokens)
    return f"{run.load_s:>7.1f} {run.first_s:>8.2f} {run.tokens_per_s:>7.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, default=Path(".retain"))
    parser.add_argument("--packs", default=",".join(reversed(PACKS)))
    parser.add_argument("--options", default=",".join(o for o in OPTIONS if o != "compile"))
    parser.add_argument("--compile", action="store_true")
    parser.add_argument("--url", default="")
    parser.add_argument("--tokens", type=int, default=64)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--one", nargs=2, metavar=("PACK", "OPTION"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        pack_name, option = args.one
        print(row(pack_name, option, args.home, args.device, args.tokens))
        return

    bandwidth = bandwidth_gb_s()
    print(f"memory bandwidth (numpy copy): {bandwidth:.1f} GB/s")
    header = f"{'pack':<14} {'backend/option':<27} {'load s':>7} {'first s':>8} {'tok/s':>7}"
    print(header + f" {'limit bf16':>10} {'limit q4':>9}")
    options = args.options.split(",") + (["compile"] if args.compile else [])
    for name in args.packs.split(","):
        pack = get_pack(name)
        if not is_cached(args.home, pack):
            print(f"{name:<14} skipped: not installed (retain llm install {name})")
            continue
        model_dir = pack_paths(args.home, pack).model_dir
        weights = sum(f.stat().st_size for f in model_dir.glob("*.safetensors"))
        limits = f"{bandwidth * 1e9 / weights:>10.1f} {bandwidth * 1e9 / pack.size:>9.1f}"
        for option in options:
            # A fresh process per row: torch's thread count is global, and memory is returned.
            command = [sys.executable, "-W", "ignore", "-m", "bench.llm", "--one", name, option]
            command += ["--home", str(args.home), "--device", args.device]
            command += ["--tokens", str(args.tokens)]
            done = subprocess.run(command, capture_output=True, text=True)
            lines = done.stdout.strip().splitlines()
            failed = f"failed: {done.stderr.strip()[-200:]}"
            result = lines[-1] if done.returncode == 0 and lines else failed
            print(f"{name:<14} {'transformers ' + option:<27} {result} {limits}", flush=True)
    if args.url:
        load = partial(load_chat_model, "openai", url=args.url, home=args.home)
        run = measure(load, args.tokens)
        print(
            f"{'(server)':<14} {'openai':<27} {run.load_s:>7.1f} {run.first_s:>8.2f} "
            f"{run.tokens_per_s:>7.1f}  {args.url}"
        )


if __name__ == "__main__":
    main()
