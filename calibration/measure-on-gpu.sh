#!/usr/bin/env bash
# One device call: the 52 calibration cases, then the 26 family cases in the time left. Usage (device `run`):
#   bash calibration/measure-on-gpu.sh "$OUT" 470      (timeout_s about 560; 470 s: no case starts after that)
set -u
out=${1:?output folder}
budget=${2:-470}
export PYTHONUNBUFFERED=1
start=$(date +%s)
mkdir -p "$out/calibration" "$out/families"
{ nvidia-smi; python3 -m pip list 2>/dev/null | grep -i -E '^(torch|transformers|peft|accelerate) '; } >"$out/machine.txt" 2>&1
python3 calibration/run.py --all --max-seconds $((budget * 7 / 10)) --out "$out/calibration" 2>&1 | tee "$out/calibration.log"
left=$((budget - ($(date +%s) - start)))
if [ "$left" -gt 20 ]; then
  python3 calibration/run.py --families --cases-file calibration/families.yaml --all --max-seconds "$left" \
    --out "$out/families" 2>&1 | tee "$out/families.log"
fi
echo "total $(($(date +%s) - start)) s"
