#!/usr/bin/env bash
# One device call that measures the throughput cases (throughput-cases.yaml) and records the machine. Usage (device
# `run`, timeout_s about 90 s above the budget):  bash calibration/measure-throughput-on-gpu.sh "$OUT" 600
# No case starts after the budget (seconds); the cases not run are recorded as such.
set -u -o pipefail
out=${1:?output folder}
budget=${2:-600}
export PYTHONUNBUFFERED=1
{ nvidia-smi; python3 -m pip list 2>/dev/null | grep -i -E '^(torch|torchao|transformers) '; } >"$out/machine.txt" 2>&1
mkdir -p "$out/throughput"
python3 calibration/throughput.py --all --max-seconds "$budget" --out "$out/throughput" 2>&1 | tee "$out/throughput.log"
