#!/usr/bin/env bash
# The GPU paths, measured in one go on a lent GPU machine (see docs/model-card.md):
# training and scoring the predictor on CUDA beside the same run on the machine's CPU.
#   bash bench/gpu.sh [OUT_DIR]
# Needs torch with CUDA, pandas, scipy and lifetimes (the baseline) importable.
set -uo pipefail
out="${1:-.}"
export PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv 2>&1 | tee "$out/gpu.txt"
python3 -c "import torch; print('torch', torch.__version__, 'cuda', torch.cuda.is_available())" \
  | tee -a "$out/gpu.txt"
for device in cuda cpu; do
  echo "== bench.predictors --device $device ==" | tee -a "$out/gpu.txt"
  timeout 240 python3 -m bench.predictors --device "$device" --customers 1000000 2>&1 \
    | tee -a "$out/gpu.txt"
done
