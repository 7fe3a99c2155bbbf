#!/usr/bin/env bash
# The GPU paths, measured in one go on a lent GPU machine (figures in docs/model-card.md):
#   bash bench/gpu.sh [OUT_DIR]
# 1. the predictor, LLM backend and recommender training tests with CUDA visible: their CUDA
#    cases (tests/predictors/test_cuda.py, tests/llm/test_tiny_model.py and
#    tests/retrieval/recs/test_train.py) run there and are skipped elsewhere;
# 2. bench.predictors: training, and scoring 1,000,000 customers, on CUDA, then on the CPU
#    (why `auto` keeps the predictor on the CPU);
# 3. bench.splits on the full CDNOW master, published split: Retain trained on CUDA, to set
#    beside the CPU figures in the model card.
# Needs torch with CUDA, pandas, scipy, transformers, pydantic-settings, pytest and lifetimes
# (the baseline and the data).
# Each step has its own time limit, so one that hangs still leaves the others' figures.
set -uo pipefail
out="${1:-.}"
python="${PYTHON:-python3}"
log="$out/gpu.txt"
export PYTHONUNBUFFERED=1

step() {  # step SECONDS TITLE COMMAND...
  local limit=$1 title=$2
  shift 2
  echo "== $title ==" | tee -a "$log"
  local began=$SECONDS
  timeout "$limit" "$@" 2>&1 | tee -a "$log"
  echo "-- rc ${PIPESTATUS[0]}, $((SECONDS - began)) s" | tee -a "$log"
}

nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv 2>&1 | tee "$log"
"$python" -c "import torch, pandas, numpy; print('torch', torch.__version__, 'cuda',
torch.cuda.is_available(), 'pandas', pandas.__version__, 'numpy', numpy.__version__)" \
  | tee -a "$log"
# Plain settings (the project's name a pydantic warning class); xdist shares the work, and
# pytest-benchmark, where installed, warns under xdist.
step 120 "tests with CUDA visible" "$python" -m pytest -q -rfs -p no:cacheprovider \
  -p no:benchmark -o addopts= -o filterwarnings=error -n 8 tests/predictors \
  tests/llm/test_tiny_model.py tests/retrieval/recs/test_train.py \
  --ignore=tests/predictors/test_rescore.py
for device in cuda cpu; do
  step 140 "bench.predictors --device $device" \
    "$python" -m bench.predictors --device "$device" --customers 1000000
done
step 150 "bench.splits --dataset cdnow --device cuda" "$python" -m bench.splits \
  --dataset cdnow --split 1997-09-30:1998-06-30 --seeds 0 --device cuda
