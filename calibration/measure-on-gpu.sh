#!/usr/bin/env bash
# One device call that measures calibration cases on the GPU and records the machine. Usage (device `run`):
#   bash calibration/measure-on-gpu.sh "$OUT" 470                      cases.yaml, then families.yaml in the time left
#   bash calibration/measure-on-gpu.sh "$OUT" 300 calibration/holdout.yaml   only the files named (run.py --families)
#   bash calibration/measure-on-gpu.sh "$OUT" 300 calibration/freeze.yaml    the freeze cases (issue 19)
# No case starts after the budget (seconds); give the call a timeout_s about 90 s above it.
set -u -o pipefail
status=0
out=${1:?output folder}
budget=${2:-470}
shift 2 || shift $#
export PYTHONUNBUFFERED=1
start=$(date +%s)
left() { echo $((budget - ($(date +%s) - start))); }
{ nvidia-smi; python3 -m pip list 2>/dev/null | grep -i -E '^(torch|transformers|peft|accelerate) '; } >"$out/machine.txt" 2>&1
if [ $# -eq 0 ]; then
  mkdir -p "$out/calibration"
  python3 calibration/run.py --all --max-seconds $((budget * 7 / 10)) --out "$out/calibration" 2>&1 |
    tee "$out/calibration.log" || status=$?
  set -- calibration/families.yaml
fi
for cases in "$@"; do
  name=$(basename "$cases" .yaml)
  if [ "$(left)" -gt 20 ]; then
    mkdir -p "$out/$name"
    python3 calibration/run.py --families --cases-file "$cases" --all --max-seconds "$(left)" --out "$out/$name" 2>&1 |
      tee "$out/$name.log" || status=$?
  fi
done
# Host memory of loading a checkpoint, by loader, and of the CUDA context (calibration/host_load_rss.py; about 30 s).
if [ "$(left)" -gt 60 ]; then
  python3 calibration/host_load_rss.py --out "$out/host-load-rss-gpu.json" >"$out/host-load-rss.log" 2>&1 || status=$?
fi
echo "total $(($(date +%s) - start)) s"
exit "$status"  # run.py's: 1 when a case ended in an error, 2 for a bad cases file
