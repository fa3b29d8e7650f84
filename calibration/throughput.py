#!/usr/bin/env python3
"""Steady-state training throughput of one GPU (issue 16): tokens per second per case of throughput-cases.yaml.

Each case builds its model from the config in the cases file with random weights, trains `warmup_steps` steps that
are not timed (torch.compile's compilation, allocator growth, cuBLAS autotuning), then `measured_steps` steps, each
timed between torch.cuda.synchronize() calls with time.perf_counter(). One JSON line per case: tokens per second
(median and mean over the measured steps), every step time, peak memory, the environment. Cases that run out of
memory are recorded (status oom) and the run goes on.

  python3 calibration/throughput.py --list
  python3 calibration/throughput.py --all --out DIR [--max-seconds S]
  python3 calibration/throughput.py --cases ID,ID --out DIR
"""
import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
DEFAULT_CASES = HERE / "throughput-cases.yaml"
SEED = 1234


def load(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def list_cases(doc):
    for case in doc["cases"]:
        print(
            f"{case['id']:44s} {case['precision']:5s} mb {case['micro_batch_size']:2d} seq {case['sequence_length']:6d} "
            f"ckpt {case['activation_checkpointing']:5s} compile {str(case['compile']).lower():5s} {case['optimizer']}"
        )
    print(f"{len(doc['cases'])} cases")


def environment(torch):
    versions = {"python": platform.python_version(), "torch": torch.__version__}
    for name in ("transformers", "torchao"):
        try:
            versions[name] = __import__(name).__version__
        except ImportError:
            versions[name] = None
    props = torch.cuda.get_device_properties(0)
    return {
        "device": props.name,
        "capability": f"{props.major}.{props.minor}",
        "multiprocessors": props.multi_processor_count,
        "memory_bytes": props.total_memory,
        "cuda": torch.version.cuda,
        "versions": versions,
        "hostname": platform.node(),
    }


def fp8_available(torch):
    if torch.cuda.get_device_capability(0) < (8, 9):
        return "the GPU has no FP8 tensor cores (compute capability < 8.9)"
    try:
        import torchao.float8  # noqa: F401
    except ImportError:
        return "torchao is not installed"
    return None


def build(case, torch):
    from transformers import AutoConfig, AutoModelForCausalLM

    fields = dict(case["model"])
    config = AutoConfig.for_model(fields.pop("model_type"), **fields)
    config.use_cache = False
    torch.manual_seed(SEED)
    previous = torch.get_default_dtype()
    torch.set_default_dtype(torch.bfloat16)
    try:
        with torch.device("cuda"):
            model = AutoModelForCausalLM.from_config(config, attn_implementation=case["attention"])
    finally:
        torch.set_default_dtype(previous)
    model.to(torch.bfloat16)
    if case["activation_checkpointing"] == "full":
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
    if case["precision"] == "fp8":
        from torchao.float8 import convert_to_float8_training

        # Every linear but the output head (torchao's recipe leaves the last layer in bf16).
        convert_to_float8_training(model, module_filter_fn=lambda module, name: name != "lm_head")
    model.train()
    return model


def optimizer_for(case, model, torch):
    if case["optimizer"] == "sgd":
        return torch.optim.SGD(model.parameters(), lr=1e-5)
    return torch.optim.AdamW(model.parameters(), lr=1e-5)


def run_case(case, doc, torch):
    record = {"id": case["id"], "case": case, "status": "ok"}
    if case["precision"] == "fp8":
        missing = fp8_available(torch)
        if missing is not None:
            record.update(status="skipped", reason=missing)
            return record
    torch.cuda.empty_cache()
    torch.cuda.reset_peak_memory_stats()
    model = build(case, torch)
    step_fn = model
    if case["compile"]:
        step_fn = torch.compile(model)
    optimizer = optimizer_for(case, model, torch)
    shape = (case["micro_batch_size"], case["sequence_length"])
    generator = torch.Generator(device="cuda").manual_seed(SEED + 1)
    vocab = case["model"]["vocab_size"]
    total = doc["warmup_steps"] + doc["measured_steps"]
    batches = [torch.randint(0, vocab, shape, generator=generator, device="cuda") for _ in range(total)]
    times, losses = [], []
    for index, ids in enumerate(batches):
        torch.cuda.synchronize()
        start = time.perf_counter()
        loss = step_fn(input_ids=ids, labels=ids, use_cache=False).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        torch.cuda.synchronize()
        elapsed = time.perf_counter() - start
        losses.append(float(loss.detach().float().cpu()))
        if index >= doc["warmup_steps"]:
            times.append(elapsed)
    tokens = shape[0] * shape[1]
    record.update(
        tokens_per_step=tokens,
        warmup_steps=doc["warmup_steps"],
        step_seconds=times,
        tokens_per_second_median=tokens / statistics.median(times),
        tokens_per_second_mean=tokens * len(times) / sum(times),
        step_seconds_spread=(max(times) - min(times)) / statistics.median(times),
        losses=losses,
        max_memory_allocated=torch.cuda.max_memory_allocated(),
        max_memory_reserved=torch.cuda.max_memory_reserved(),
        parameters=sum(p.numel() for p in model.parameters()),
    )
    del model, step_fn, optimizer, batches, loss
    return record


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases-file", default=str(DEFAULT_CASES))
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--list", action="store_true", help="print the cases (no torch)")
    mode.add_argument("--all", action="store_true", help="run every case")
    mode.add_argument("--cases", help="run these case ids (comma-separated)")
    parser.add_argument("--out", help="directory for the JSON Lines results (required to run)")
    parser.add_argument("--max-seconds", type=float, default=0, help="start no case after this many seconds")
    args = parser.parse_args(argv)
    doc = load(args.cases_file)
    if args.list:
        list_cases(doc)
        return 0
    if not args.out:
        parser.error("--out is required to run cases")
    import gc

    import torch

    wanted = None if args.all else set(args.cases.split(","))
    cases = [c for c in doc["cases"] if wanted is None or c["id"] in wanted]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    env = environment(torch)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    path = out / f"throughput-{stamp}-{env['device'].lower().replace(' ', '-')}.jsonl"
    began = time.monotonic()
    failed = False
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(json.dumps({"header": True, "environment": env, "cases_file": os.path.basename(args.cases_file)}) + "\n")
        for case in cases:
            if args.max_seconds and time.monotonic() - began > args.max_seconds:
                handle.write(json.dumps({"id": case["id"], "status": "not-run", "reason": "time budget"}) + "\n")
                continue
            case_start = time.monotonic()
            try:
                record = run_case(case, doc, torch)
            except torch.cuda.OutOfMemoryError as error:
                record = {"id": case["id"], "status": "oom", "error": str(error)[:500]}
            except Exception as error:  # recorded, and the run goes on
                failed = True
                record = {"id": case["id"], "status": "error", "error": f"{type(error).__name__}: {error}"[:1000]}
            record["case_seconds"] = time.monotonic() - case_start
            handle.write(json.dumps(record) + "\n")
            handle.flush()
            print(f"{case['id']}: {record['status']} {record.get('tokens_per_second_median', 0):.0f} tok/s "
                  f"({record['case_seconds']:.0f} s)", flush=True)
            gc.collect()
            torch.cuda.empty_cache()
            torch._dynamo.reset()
    print(f"wrote {path}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
