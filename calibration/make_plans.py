#!/usr/bin/env python3
"""Write every calibration case as a train-memory plan file (DESIGN.md "Plan file, version 1").

    python3 calibration/make_plans.py            # (re)write validation/calibration/<case-id>.yml
    python3 calibration/make_plans.py --check    # exit 1 when a plan file is missing, stale or left over

Pure Python (PyYAML only, no torch). The mapping, which __tests__/calibration/cases.test.ts states again:
  model                      -> model: the same Hugging Face config fields, inline
  every case                 -> framework: hf-trainer  (run.py is a plain transformers + PEFT + torch.optim loop:
                                HF modelling code, PEFT's fp32 adapters, torch's default foreach optimizers)
  precision                  -> the same: fp32 | bf16-mixed (fp32 weights, bf16 autocast) | bf16 (pure bf16)
  lora                       -> training.lora, with base_dtype: the dtype run.py builds the base in (bf16 for
                                bf16, fp32 for fp32 and bf16-mixed)
  freeze                     -> training.freeze, with base_dtype: the dtype of run.py's frozen weights (bf16
                                for bf16 and bf16-mixed, fp32 for fp32)
  training fields            -> training: the same values; gradient_accumulation_steps 1, compile,
                                optimizer_in_backward and activation_offloading false, as calibration/run.py runs
  parallelism                -> {} (one GPU)
  hardware                   -> { gpu: h200-sxm-141gb, gpus: 1 }: the GPU of calibration/results (--gpu for another)
The output is formatted the way prettier formats YAML, so `npm run lint` passes on it.
"""

import argparse
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.dont_write_bytecode = True  # importing run.py must not leave __pycache__ in the work tree
sys.path.insert(0, str(HERE))
import run  # noqa: E402  (the harness's own case checks and constants; no torch at import)
DEFAULT_CASES = HERE / "cases.yaml"
DEFAULT_OUT = REPO / "validation" / "calibration"
HEADER = "# calibration case {id}; measured by calibration/run.py"
TRACED_HEADER = "# calibration case {id}, outside cases.yaml's schema: run.py --families (GPU) and trace.py --traced-only (CPU)"

FRAMEWORK_BY_PRECISION = {"fp32": "hf-trainer", "bf16-mixed": "hf-trainer", "bf16": "hf-trainer"}
# run.py builds the model in bf16 for pure bf16 and in fp32 otherwise (bf16-mixed: fp32 weights under autocast).
BASE_DTYPE_BY_PRECISION = {"fp32": "fp32", "bf16-mixed": "fp32", "bf16": "bf16"}
# Freeze cases (freeze.yaml): run.py loads the model in bf16 under bf16-mixed and upcasts only the trainable
# parameters to fp32, as LLaMA-Factory does; frozen weights stay in the load dtype.
FREEZE_BASE_DTYPE_BY_PRECISION = {"fp32": "fp32", "bf16-mixed": "bf16", "bf16": "bf16"}
TRAINING_FIELDS = (
    "precision",
    "optimizer",
    "micro_batch_size",
    "sequence_length",
    "activation_checkpointing",
    "attention",
    "cross_entropy",
)


def scalar(value):
    """A YAML scalar that YAML 1.1 (PyYAML) and 1.2 (js-yaml) read alike: floats keep a dot in the mantissa."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        if "e" in text:
            mantissa, exponent = text.split("e")
            if "." not in mantissa:
                mantissa += ".0"
            return f"{mantissa}e{int(exponent)}"
        return text
    if isinstance(value, str):
        if value == "" or yaml.safe_load(value) != value or value != value.strip() or any(c in value for c in ":#{}[],&*!|>'\"%@`"):
            raise ValueError(f"string {value!r} would need quoting; not expected in a case")
        return value
    if isinstance(value, list):
        return "[" + ", ".join(scalar(item) for item in value) + "]"
    raise ValueError(f"cannot write {value!r}")


def experts_implementation(case, choice):
    """The plan's training.experts_implementation: what run.py ran. `choice` is run.py's --experts-implementation
    (None: its committed behaviour, the per-expert loop for fp32 weights of run.MOE_TYPES; "default": transformers'
    grouped_mm); dense models get none."""
    model_type = case["model"]["model_type"]
    if model_type not in run.MOE_TYPES + run.FAMILY_MOE_TYPES:
        return None
    if choice == "default":
        return "grouped_mm"
    if choice is not None:
        return choice
    looped = model_type in run.MOE_TYPES and case["precision"] != "bf16"  # run.py build_model: fp32 expert weights
    return "eager" if looped else "grouped_mm"


def plan_text(case, gpu, cases_name="cases.yaml", traced_only=False, experts=None):
    lines = [
        (TRACED_HEADER if traced_only else HEADER).format(id=case["id"]),
        f"# Model: {case['source']}. Written by calibration/make_plans.py from calibration/{cases_name};",
        "# edit the case there and rerun the script.",
        "version: 1",
        "plans:",
        f"  - name: {case['id']}",
        "    model:",
    ]
    lines += [f"      {key}: {scalar(value)}" for key, value in case["model"].items()]
    lines.append(f"    framework: {FRAMEWORK_BY_PRECISION[case['precision']]}")
    lines.append("    training:")
    lines.append(f"      method: {case['method']}")
    if case["method"] == "lora":
        lines.append("      lora:")
        lines += [f"        {key}: {scalar(case['lora'][key])}" for key in ("rank", "alpha", "dropout", "target_modules")]
        lines.append(f"        base_dtype: {BASE_DTYPE_BY_PRECISION[case['precision']]}")
    if case["method"] == "freeze":
        lines.append("      freeze:")
        lines += [f"        {key}: {scalar(case['freeze'][key])}" for key in ("trainable_layers", "trainable_modules")]
        lines.append(f"        base_dtype: {FREEZE_BASE_DTYPE_BY_PRECISION[case['precision']]}")
    lines += [f"      {key}: {scalar(case[key])}" for key in TRAINING_FIELDS[:4]]
    lines.append("      gradient_accumulation_steps: 1")
    lines += [f"      {key}: {scalar(case[key])}" for key in TRAINING_FIELDS[4:]]
    implementation = experts_implementation(case, experts)
    if implementation is not None:
        lines.append(f"      experts_implementation: {implementation}")
    lines += [
        "      compile: false",
        "      optimizer_in_backward: false",
        "      activation_offloading: false",
        f"      steps: {scalar(case['steps'])}",
        "    parallelism: {}",
        "    hardware:",
        f"      gpu: {gpu}",
        "      gpus: 1",
    ]
    return "\n".join(lines) + "\n"


def generated_files(out_dir):
    """Plan files this script wrote earlier (they start with its header), so stale ones can be removed."""
    found = {}
    for path in sorted(Path(out_dir).glob("*.yml")):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        if first.startswith("# calibration case "):
            found[path.name] = path
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases-file", default=str(DEFAULT_CASES))
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="directory of the plan files")
    parser.add_argument("--gpu", default="h200-sxm-141gb", help="hardware.gpu catalogue id (default h200-sxm-141gb, the GPU of results/*.jsonl and results/families/; the held-out and experts-default runs were on h100-sxm-80gb)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if any file would change")
    parser.add_argument("--traced-only", action="store_true", help="families.yaml, holdout.yaml: cases outside cases.yaml's schema (ids checked only)")
    parser.add_argument("--cases", help="only these case ids (comma-separated); other files in --out are left alone")
    parser.add_argument(
        "--experts-implementation",
        help="as given to run.py: default (transformers' grouped_mm), eager or grouped_mm; unset: what run.py runs "
        "without the option",
    )
    args = parser.parse_args(argv)

    with open(args.cases_file, encoding="utf-8") as handle:
        doc = yaml.safe_load(handle)
    problems = run.traced_only_problems(doc) if args.traced_only else run.validate_document(doc)
    if problems:
        for problem in problems:
            print(f"{args.cases_file}: {problem}", file=sys.stderr)
        return 2

    out_dir = Path(args.out)
    cases_name = Path(args.cases_file).name
    selected = None if args.cases is None else {c.strip() for c in args.cases.split(",") if c.strip()}
    cases = [case for case in doc["cases"] if selected is None or case["id"] in selected]
    if selected is not None and len(cases) != len(selected):
        print(f"{args.cases_file}: no case {sorted(selected - {c['id'] for c in cases})}", file=sys.stderr)
        return 2
    wanted = {
        f"{case['id']}.yml": plan_text(case, args.gpu, cases_name, args.traced_only, args.experts_implementation)
        for case in cases
    }
    existing = generated_files(out_dir) if out_dir.exists() else {}
    # Only files written from this cases file can be stale; with --cases, none is (the others are left alone).
    stale = [
        name
        for name, path in existing.items()
        if name not in wanted and selected is None and f"calibration/{cases_name};" in path.read_text(encoding="utf-8")
    ]
    changed = [name for name, text in wanted.items() if not (out_dir / name).exists() or (out_dir / name).read_text(encoding="utf-8") != text]
    if args.check:
        for name in changed:
            print(f"{out_dir / name}: missing or out of date; run calibration/make_plans.py", file=sys.stderr)
        for name in stale:
            print(f"{out_dir / name}: no case {name[:-4]} in {args.cases_file}", file=sys.stderr)
        return 1 if changed or stale else 0
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in changed:
        (out_dir / name).write_text(wanted[name], encoding="utf-8")
    for name in stale:
        existing[name].unlink()
    print(f"{len(wanted)} plan files in {out_dir}: {len(changed)} written, {len(stale)} removed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
