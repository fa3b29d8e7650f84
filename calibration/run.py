#!/usr/bin/env python3
"""Calibration harness: measure the peak GPU memory of short training loops, one case at a time.

Every case in cases.yaml builds a decoder-only model from its config with random weights (no downloads), trains it
for a few steps on synthetic tokens, and records PyTorch's allocator statistics per phase (forward, backward,
optimizer step) together with what the device reports (nvidia-smi, cudaMemGetInfo). Results go to one JSON Lines
file per run: an environment record first, then one record per case, then a summary. See README.md.

Modes:
  --list             print the cases with parameter counts and model-state sizes (no torch needed)
  --validate-cases   check cases.yaml against the schema and the coverage the issue asks for (no torch needed)
  --smoke / --all / --cases ID[,ID...]   run cases (torch, transformers; peft for LoRA cases)
  --device cpu --tiny   dry run of the same code path on CPU with every model shrunk to a few layers of width 64
"""

import argparse
import datetime
import gc
import hashlib
import json
import os
import platform
import re
import resource
import subprocess
import sys
import time
import traceback
from pathlib import Path

import yaml

sys.dont_write_bytecode = True  # no __pycache__ beside the harness in the work tree
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

DEFAULT_CASES = HERE / "cases.yaml"
SCHEMA_VERSION = 1
SEED = 1234
MIB = 1 << 20
GIB = 1 << 30

# ---------------------------------------------------------------------------------------------------------------
# Case file: schema and validation (pure Python)
# ---------------------------------------------------------------------------------------------------------------

CASE_KEYS = (
    "id",
    "source",
    "model",
    "method",
    "lora",
    "precision",
    "optimizer",
    "micro_batch_size",
    "sequence_length",
    "activation_checkpointing",
    "attention",
    "cross_entropy",
    "steps",
)
METHODS = ("full", "lora")
# freeze (issue 19): only the last `trainable_layers` decoder layers and the named modules train. Its cases live in
# calibration/freeze.yaml (run with --families), not in cases.yaml: the committed 52-case set stays as measured.
FREEZE_KEYS = ("trainable_layers", "trainable_modules")
FREEZE_MODULES = ("lm_head", "embed_tokens", "norm")
# fp32: fp32 weights, no autocast. bf16-mixed: fp32 weights and optimizer states, forward under torch.autocast(bf16).
# bf16: weights, gradients and optimizer states all bf16 (LoRA adapters too).
PRECISIONS = ("fp32", "bf16-mixed", "bf16")
OPTIMIZERS = ("adamw", "sgd", "adafactor")
CHECKPOINTING = ("none", "full")
ATTENTION = ("sdpa", "eager")
CROSS_ENTROPY = ("standard", "chunked")
LORA_KEYS = ("rank", "alpha", "dropout", "target_modules")

COMMON_MODEL_FIELDS = (
    "model_type",
    "hidden_size",
    "intermediate_size",
    "num_hidden_layers",
    "num_attention_heads",
    "num_key_value_heads",
    "vocab_size",
    "max_position_embeddings",
    "tie_word_embeddings",
    "hidden_act",
    "rms_norm_eps",
    "rope_theta",
)
# Required fields beyond the common ones, and optional ones, per Hugging Face model_type.
MODEL_FIELDS = {
    "llama": ((), ("head_dim",)),
    "qwen2": ((), ()),
    "mixtral": (("num_local_experts", "num_experts_per_tok"), ("head_dim",)),
    "qwen3_moe": (
        ("head_dim", "moe_intermediate_size", "num_experts", "num_experts_per_tok", "decoder_sparse_step", "norm_topk_prob"),
        (),
    ),
}
MOE_TYPES = ("mixtral", "qwen3_moe")
# Mixture-of-experts model types of families.yaml and holdout.yaml (outside the case schema).
FAMILY_MOE_TYPES = ("qwen2_moe", "deepseek_v3")
# --experts-implementation: None keeps the committed behaviour (the per-expert loop for fp32 MOE_TYPES weights),
# "default" lets transformers choose, any other name is passed to from_config.
EXPERTS_IMPLEMENTATION = None
ATTENTION_LINEARS = ("q_proj", "k_proj", "v_proj", "o_proj")
DENSE_MLP_LINEARS = ("gate_proj", "up_proj", "down_proj")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$")


def load_cases(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def validate_model(where, model, problems):
    if not isinstance(model, dict):
        problems.append(f"{where}.model: expected a mapping of Hugging Face config fields")
        return
    model_type = model.get("model_type")
    if model_type not in MODEL_FIELDS:
        problems.append(f"{where}.model.model_type: {model_type!r} is not one of {', '.join(MODEL_FIELDS)}")
        return
    required, optional = MODEL_FIELDS[model_type]
    allowed = set(COMMON_MODEL_FIELDS) | set(required) | set(optional)
    for key in list(COMMON_MODEL_FIELDS) + list(required):
        if key not in model:
            problems.append(f"{where}.model.{key}: missing (required for {model_type})")
    for key in model:
        if key not in allowed:
            problems.append(f"{where}.model.{key}: unknown field for {model_type}; allowed: {', '.join(sorted(allowed))}")
    int_fields = [k for k in allowed if k not in ("model_type", "tie_word_embeddings", "hidden_act", "rms_norm_eps", "rope_theta", "norm_topk_prob")]
    for key in int_fields:
        if key in model and (not is_int(model[key]) or model[key] <= 0):
            problems.append(f"{where}.model.{key}: expected a positive integer, got {model[key]!r}")
    for key in ("rms_norm_eps", "rope_theta"):
        if key in model and (not is_number(model[key]) or model[key] <= 0):
            problems.append(f"{where}.model.{key}: expected a positive number, got {model[key]!r}")
    for key in ("tie_word_embeddings", "norm_topk_prob"):
        if key in model and not isinstance(model[key], bool):
            problems.append(f"{where}.model.{key}: expected true or false, got {model[key]!r}")
    if model.get("hidden_act") != "silu":
        problems.append(f"{where}.model.hidden_act: only silu is calibrated, got {model.get('hidden_act')!r}")
    heads, kv_heads = model.get("num_attention_heads"), model.get("num_key_value_heads")
    if is_int(heads) and is_int(kv_heads) and kv_heads > 0 and heads % kv_heads != 0:
        problems.append(f"{where}.model: num_attention_heads {heads} is not a multiple of num_key_value_heads {kv_heads}")
    hidden = model.get("hidden_size")
    if "head_dim" not in model and is_int(hidden) and is_int(heads) and heads > 0 and hidden % heads != 0:
        problems.append(f"{where}.model: hidden_size {hidden} is not a multiple of num_attention_heads {heads}; give head_dim")
    experts_key = "num_local_experts" if model_type == "mixtral" else "num_experts"
    if model_type in MOE_TYPES:
        experts, per_token = model.get(experts_key), model.get("num_experts_per_tok")
        if is_int(experts) and is_int(per_token) and per_token > experts:
            problems.append(f"{where}.model: num_experts_per_tok {per_token} exceeds {experts_key} {experts}")
    if model_type == "qwen3_moe" and model.get("decoder_sparse_step") != 1:
        problems.append(f"{where}.model.decoder_sparse_step: only 1 (every layer sparse) is calibrated")


def validate_lora(where, case, problems):
    method, lora = case.get("method"), case.get("lora")
    if method != "lora":
        if lora is not None:
            problems.append(f"{where}.lora: must be null when method is {method!r}")
        return
    if not isinstance(lora, dict):
        problems.append(f"{where}.lora: expected {{rank, alpha, dropout, target_modules}} for a LoRA case")
        return
    for key in LORA_KEYS:
        if key not in lora:
            problems.append(f"{where}.lora.{key}: missing")
    for key in lora:
        if key not in LORA_KEYS:
            problems.append(f"{where}.lora.{key}: unknown key; allowed: {', '.join(LORA_KEYS)}")
    if "rank" in lora and (not is_int(lora["rank"]) or lora["rank"] <= 0):
        problems.append(f"{where}.lora.rank: expected a positive integer")
    if "alpha" in lora and (not is_number(lora["alpha"]) or lora["alpha"] <= 0):
        problems.append(f"{where}.lora.alpha: expected a positive number")
    if "dropout" in lora and (not is_number(lora["dropout"]) or not 0 <= lora["dropout"] < 1):
        problems.append(f"{where}.lora.dropout: expected a number in [0, 1)")
    targets = lora.get("target_modules")
    model_type = (case.get("model") or {}).get("model_type")
    moe = model_type in MOE_TYPES
    # Expert weights are nn.Linear modules in some transformers versions and fused 3-D parameters in others, so
    # adapters on them would measure the library version, not the plan: MoE cases adapt attention projections only.
    allowed = ATTENTION_LINEARS if moe else ATTENTION_LINEARS + DENSE_MLP_LINEARS
    if targets == "all-linear":
        if moe:
            problems.append(f"{where}.lora.target_modules: all-linear is not calibrated on MoE models; list {', '.join(allowed)}")
    elif isinstance(targets, list) and targets and all(isinstance(t, str) for t in targets):
        for target in targets:
            if target not in allowed:
                problems.append(f"{where}.lora.target_modules: {target!r} is not one of {', '.join(allowed)}")
        if len(set(targets)) != len(targets):
            problems.append(f"{where}.lora.target_modules: duplicate entries")
    elif "target_modules" in lora:
        problems.append(f"{where}.lora.target_modules: expected all-linear or a list of module names")


def validate_freeze(where, case, problems):
    freeze = case.get("freeze")
    if case.get("method") != "freeze":
        if freeze is not None:
            problems.append(f"{where}.freeze: only with method freeze")
        return
    if not isinstance(freeze, dict) or set(freeze) != set(FREEZE_KEYS):
        problems.append(f"{where}.freeze: expected {{{', '.join(FREEZE_KEYS)}}}")
        return
    layers = (case.get("model") or {}).get("num_hidden_layers")
    count = freeze["trainable_layers"]
    if not is_int(count) or not is_int(layers) or not 0 <= count <= layers:
        problems.append(f"{where}.freeze.trainable_layers: expected an integer from 0 to num_hidden_layers")
    modules = freeze["trainable_modules"]
    if not isinstance(modules, list) or any(m not in FREEZE_MODULES for m in modules) or len(set(modules)) != len(modules):
        problems.append(f"{where}.freeze.trainable_modules: a list of distinct names from {', '.join(FREEZE_MODULES)}")
    elif count == 0 and not modules:
        problems.append(f"{where}.freeze: nothing trains")


def validate_case(where, case, problems):
    if not isinstance(case, dict):
        problems.append(f"{where}: expected a mapping")
        return
    for key in CASE_KEYS:
        if key not in case:
            problems.append(f"{where}.{key}: missing")
    for key in case:
        if key not in CASE_KEYS and key != "freeze":
            problems.append(f"{where}.{key}: unknown key; allowed: {', '.join(CASE_KEYS)} (and freeze)")
    if not isinstance(case.get("id"), str) or not ID_PATTERN.match(case.get("id", "")):
        problems.append(f"{where}.id: expected lower-case kebab-case, got {case.get('id')!r}")
    if not isinstance(case.get("source"), str) or not case.get("source", "").strip():
        problems.append(f"{where}.source: name the published config the model follows")
    validate_model(where, case.get("model"), problems)
    for key, allowed in (
        ("method", METHODS + ("freeze",)),
        ("precision", PRECISIONS),
        ("optimizer", OPTIMIZERS),
        ("activation_checkpointing", CHECKPOINTING),
        ("attention", ATTENTION),
        ("cross_entropy", CROSS_ENTROPY),
    ):
        if key in case and case[key] not in allowed:
            problems.append(f"{where}.{key}: {case[key]!r} is not one of {', '.join(allowed)}")
    validate_lora(where, case, problems)
    validate_freeze(where, case, problems)
    batch, seq, steps = case.get("micro_batch_size"), case.get("sequence_length"), case.get("steps")
    if not (is_int(batch) and 1 <= batch <= 8):
        problems.append(f"{where}.micro_batch_size: expected an integer from 1 to 8, got {batch!r}")
    if not (is_int(seq) and 512 <= seq <= 8192):
        problems.append(f"{where}.sequence_length: expected an integer from 512 to 8192, got {seq!r}")
    # Two steps at least: the optimizer creates its states in the first step, so only later forwards carry them.
    if not (is_int(steps) and 2 <= steps <= 10):
        problems.append(f"{where}.steps: expected an integer from 2 to 10, got {steps!r}")


def coverage_problems(cases):
    """What the issue asks the case set to span; one line per missing item."""
    problems = []
    if len(cases) < 40:
        problems.append(f"coverage: {len(cases)} cases, at least 40 wanted")

    def values(key):
        return {case.get(key) for case in cases}

    for key, wanted in (
        ("method", METHODS),
        ("precision", PRECISIONS),
        ("optimizer", OPTIMIZERS),
        ("activation_checkpointing", CHECKPOINTING),
        ("attention", ATTENTION),
        ("cross_entropy", CROSS_ENTROPY),
    ):
        for value in wanted:
            if value not in values(key):
                problems.append(f"coverage: no case with {key} {value}")
    for key, wanted in (("micro_batch_size", (1, 8)), ("sequence_length", (512, 8192))):
        for value in wanted:
            if value not in values(key):
                problems.append(f"coverage: no case with {key} {value}")
    types = {(case.get("model") or {}).get("model_type") for case in cases}
    if not types & set(MOE_TYPES):
        problems.append("coverage: no mixture-of-experts case")
    sizes = [parameter_counts(case)["total"] for case in cases if isinstance(case.get("model"), dict)]
    if sizes and (min(sizes) > 0.6e9 or max(sizes) < 7.5e9):
        problems.append("coverage: dense models should span about 0.5B to 8B parameters")
    return problems


def validate_document(doc):
    problems = []
    if not isinstance(doc, dict):
        return ["cases file: expected a mapping with version, smoke and cases"]
    for key in doc:
        if key not in ("version", "smoke", "cases"):
            problems.append(f"{key}: unknown top-level key; allowed: version, smoke, cases")
    if doc.get("version") != 1:
        problems.append(f"version: expected 1, got {doc.get('version')!r}")
    cases = doc.get("cases")
    if not isinstance(cases, list) or not cases:
        return problems + ["cases: expected a non-empty list"]
    seen = set()
    for index, case in enumerate(cases):
        where = f"cases[{index}]" + (f" ({case.get('id')})" if isinstance(case, dict) else "")
        validate_case(where, case, problems)
        if isinstance(case, dict):
            if case.get("id") in seen:
                problems.append(f"{where}.id: duplicate id")
            seen.add(case.get("id"))
    smoke = doc.get("smoke")
    if not isinstance(smoke, list) or not smoke:
        problems.append("smoke: expected a list of case ids")
    else:
        for case_id in smoke:
            if case_id not in seen:
                problems.append(f"smoke: {case_id!r} is not a case id")
    if not problems:
        problems.extend(coverage_problems(cases))
    return problems


def traced_only_problems(doc):
    """families.yaml: version 1 and a list of cases with unique ids (the model types go beyond run.py's schema)."""
    if not isinstance(doc, dict) or doc.get("version") != 1 or not isinstance(doc.get("cases"), list):
        return ["expected a mapping with version: 1 and a list of cases"]
    ids = [case.get("id") for case in doc["cases"] if isinstance(case, dict)]
    if len(ids) != len(doc["cases"]) or len(set(ids)) != len(ids) or None in ids:
        return ["every case needs a unique id"]
    # Freeze cases (calibration/freeze.yaml) use run.py's own schema, checked in full.
    problems = []
    for index, case in enumerate(doc["cases"]):
        if case.get("method") == "freeze":
            validate_case(f"cases[{index}] ({case['id']})", case, problems)
    return problems



# ---------------------------------------------------------------------------------------------------------------
# Parameter counts and model-state sizes (pure Python; for --list and the coverage check)
# ---------------------------------------------------------------------------------------------------------------


def layer_linears(model):
    """(name, in_features, out_features, bias) of the per-layer linears outside the experts."""
    hidden = model["hidden_size"]
    heads, kv_heads = model["num_attention_heads"], model["num_key_value_heads"]
    head_dim = model.get("head_dim") or hidden // heads
    qkv_bias = model["model_type"] == "qwen2"  # Qwen2Attention: bias on q, k, v projections
    linears = [
        ("q_proj", hidden, heads * head_dim, qkv_bias),
        ("k_proj", hidden, kv_heads * head_dim, qkv_bias),
        ("v_proj", hidden, kv_heads * head_dim, qkv_bias),
        ("o_proj", heads * head_dim, hidden, False),
    ]
    if model["model_type"] not in MOE_TYPES:
        ffn = model["intermediate_size"]
        linears += [("gate_proj", hidden, ffn, False), ("up_proj", hidden, ffn, False), ("down_proj", ffn, hidden, False)]
    return linears


def parameter_counts(case):
    model = case["model"]
    hidden, vocab, layers = model["hidden_size"], model["vocab_size"], model["num_hidden_layers"]
    per_layer = sum(i * o + (o if b else 0) for _, i, o, b in layer_linears(model))
    per_layer += 2 * hidden  # input and post-attention RMSNorm
    if model["model_type"] == "mixtral":
        experts = model["num_local_experts"]
        per_layer += experts * 3 * hidden * model["intermediate_size"] + hidden * experts  # w1, w2, w3 + router
    elif model["model_type"] == "qwen3_moe":
        experts = model["num_experts"]
        per_layer += experts * 3 * hidden * model["moe_intermediate_size"] + hidden * experts
        per_layer += 2 * model["head_dim"]  # q_norm, k_norm
    embeddings = vocab * hidden * (1 if model["tie_word_embeddings"] else 2)
    total = embeddings + layers * per_layer + hidden  # + final norm
    trainable = total
    if case.get("method") == "freeze" and isinstance(case.get("freeze"), dict):
        freeze = case["freeze"]
        modules = set(freeze["trainable_modules"])
        tied = model["tie_word_embeddings"]
        heads = (1 if "embed_tokens" in modules or (tied and "lm_head" in modules) else 0) + (
            1 if not tied and "lm_head" in modules else 0
        )
        trainable = freeze["trainable_layers"] * per_layer + heads * vocab * hidden + (hidden if "norm" in modules else 0)
    if case.get("method") == "lora" and isinstance(case.get("lora"), dict):
        lora = case["lora"]
        targets = lora["target_modules"]
        names = [n for n, _, _, _ in layer_linears(model)] if targets == "all-linear" else targets
        dims = {n: (i, o) for n, i, o, _ in layer_linears(model)}
        trainable = layers * sum(lora["rank"] * (dims[n][0] + dims[n][1]) for n in names if n in dims)
        total += trainable
    return {"total": total, "trainable": trainable}


def model_state_bytes(case):
    """Weights + gradients + optimizer states, the part of the peak that does not depend on tokens."""
    counts = parameter_counts(case)
    bf16 = case["precision"] == "bf16"
    weight_bytes = 2 if bf16 else 4
    frozen = counts["total"] - counts["trainable"]
    trainable = counts["trainable"]
    states_per_param = {"adamw": 2, "sgd": 0, "adafactor": 0}[case["optimizer"]]  # Adafactor: factored rows/cols
    return (frozen + trainable * (2 + states_per_param)) * weight_bytes


def list_cases(doc):
    rows = []
    for case in doc["cases"]:
        counts = parameter_counts(case)
        rows.append(
            (
                case["id"],
                f"{counts['total'] / 1e9:.2f}B",
                f"{counts['trainable'] / 1e9:.3f}B",
                case["precision"],
                case["optimizer"],
                f"{case['micro_batch_size']}x{case['sequence_length']}",
                case["activation_checkpointing"],
                case["attention"],
                case["cross_entropy"],
                f"{model_state_bytes(case) / GIB:.1f}",
            )
        )
    header = ("id", "params", "trainable", "precision", "optimizer", "tokens", "ckpt", "attn", "loss", "states GiB")
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    for row in [header] + rows:
        print("  ".join(str(v).ljust(w) for v, w in zip(row, widths)).rstrip())
    print(f"{len(rows)} cases; smoke: {', '.join(doc['smoke'])}")


# ---------------------------------------------------------------------------------------------------------------
# Running cases (torch, transformers, peft are imported here only)
# ---------------------------------------------------------------------------------------------------------------

torch = None  # set by import_stack(); --list and --validate-cases never import it
transformers = None


def import_stack():
    global torch, transformers
    import torch as torch_module
    import transformers as transformers_module

    torch, transformers = torch_module, transformers_module
    transformers.logging.set_verbosity_error()


def version_tuple(text):
    return tuple(int(part) for part in re.findall(r"\d+", text)[:2])


def library_versions():
    try:
        import peft

        peft_version = peft.__version__
    except ImportError:
        peft_version = None
    return {
        "python": platform.python_version(),
        "torch": torch.__version__,
        "cuda": torch.version.cuda,
        "cudnn": torch.backends.cudnn.version() if torch.backends.cudnn.is_available() else None,
        "transformers": transformers.__version__,
        "peft": peft_version,
        "pyyaml": yaml.__version__,
    }


def nvidia_smi_target(device_index):
    """What nvidia-smi --id= should name: the GPU's UUID when torch knows it (CUDA and nvidia-smi may order GPUs
    differently), else the physical index from CUDA_VISIBLE_DEVICES, else the torch index."""
    props = torch.cuda.get_device_properties(device_index)
    uuid = getattr(props, "uuid", None)
    if uuid:
        text = str(uuid)
        return text if text.startswith("GPU-") else f"GPU-{text}"
    visible = os.environ.get("CUDA_VISIBLE_DEVICES", "").split(",")
    if len(visible) > device_index and visible[device_index].strip():
        return visible[device_index].strip()
    return str(device_index)


def run_nvidia_smi(arguments):
    completed = subprocess.run(["nvidia-smi", *arguments], capture_output=True, text=True, timeout=30, check=True)
    return [line.strip() for line in completed.stdout.strip().splitlines() if line.strip()]


def query_gpu(target):
    """nvidia-smi's view of one GPU (memory in MiB, converted to bytes), or {'error': ...}."""
    try:
        lines = run_nvidia_smi(
            [f"--id={target}", "--query-gpu=memory.used,memory.total,name,driver_version", "--format=csv,noheader,nounits"]
        )
        parts = [part.strip() for part in lines[0].split(",")]
        return {
            "memory_used_bytes": int(parts[0]) * MIB,
            "memory_total_bytes": int(parts[1]) * MIB,
            "name": ",".join(parts[2:-1]).strip(),
            "driver_version": parts[-1],
        }
    except (OSError, subprocess.SubprocessError, IndexError, ValueError) as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}


def query_compute_apps(target):
    """Per-process usage on the GPU; in a container the pid may not match os.getpid(), so all processes are kept."""
    try:
        lines = run_nvidia_smi([f"--id={target}", "--query-compute-apps=pid,used_memory", "--format=csv,noheader,nounits"])
    except (OSError, subprocess.SubprocessError) as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}
    apps = []
    for line in lines:
        pid, _, used = line.partition(",")
        used = used.strip()
        apps.append({"pid": int(pid) if pid.strip().isdigit() else pid.strip(), "used_bytes": int(used) * MIB if used.isdigit() else None})
    own = [app["used_bytes"] for app in apps if app["pid"] == os.getpid()]
    return {"apps": apps, "own_pid": os.getpid(), "own_used_bytes": own[0] if own else None}


class Device:
    """The device under measurement; on CPU every memory reading is None so the same code path dry-runs."""

    def __init__(self, name):
        self.torch_device = torch.device(name)
        if self.torch_device.type == "cuda" and self.torch_device.index is None:
            self.torch_device = torch.device("cuda", 0)  # set_device needs an index (torch 2.11); "cuda" means the first
        self.cuda = self.torch_device.type == "cuda"
        self.smi_target = None
        self.smi_seconds = None
        if self.cuda:
            torch.cuda.set_device(self.torch_device)
            self.index = torch.cuda.current_device()
            self.smi_target = nvidia_smi_target(self.index)
            started = time.perf_counter()
            if "error" in query_gpu(self.smi_target) and self.smi_target != str(self.index):
                self.smi_target = str(self.index)  # this nvidia-smi does not take the UUID form
            self.smi_seconds = time.perf_counter() - started

    def synchronize(self):
        if self.cuda:
            torch.cuda.synchronize()

    def allocated(self):
        return torch.cuda.memory_allocated() if self.cuda else None

    def reserved(self):
        return torch.cuda.memory_reserved() if self.cuda else None

    def reset_peaks(self):
        if self.cuda:
            torch.cuda.reset_peak_memory_stats()

    def peaks(self):
        if not self.cuda:
            return None, None
        return torch.cuda.max_memory_allocated(), torch.cuda.max_memory_reserved()

    def sample(self, nvidia_smi=True, compute_apps=False):
        """What the device shows as used right now: cudaMemGetInfo (whole GPU), and optionally nvidia-smi (whole GPU)
        and nvidia-smi's per-process list. nvidia-smi takes tens of milliseconds a call, so callers ask for it only
        where the reserved bytes, which it follows, have grown."""
        if not self.cuda:
            return None
        free, total = torch.cuda.mem_get_info()
        sample = {
            "allocated_bytes": torch.cuda.memory_allocated(),
            "reserved_bytes": torch.cuda.memory_reserved(),
            "mem_get_info_used_bytes": total - free,
        }
        if nvidia_smi:
            gpu = query_gpu(self.smi_target)
            sample["nvidia_smi_used_bytes"] = gpu.get("memory_used_bytes")
            if "error" in gpu:
                sample["nvidia_smi_error"] = gpu["error"]
        if compute_apps:
            sample["compute_apps"] = query_compute_apps(self.smi_target)
        return sample

    def release(self):
        """Give every cached block back, so the next case starts from an empty allocator."""
        gc.collect()
        if self.cuda:
            clear_workspaces = getattr(torch._C, "_cuda_clearCublasWorkspaces", None)
            if clear_workspaces is not None:
                clear_workspaces()  # cuBLAS workspaces are allocator blocks that would otherwise outlive the case
            torch.cuda.empty_cache()
            torch.cuda.reset_peak_memory_stats()

    def allocator_counters(self):
        if not self.cuda:
            return None
        stats = torch.cuda.memory_stats()
        return {"num_alloc_retries": stats.get("num_alloc_retries"), "num_ooms": stats.get("num_ooms")}


class Meter:
    """Peak statistics per phase. reset_peak_memory_stats() before a phase and max_memory_* after it give that
    phase's peaks; the maximum over all phases is the peak of the run. Right after a phase that raised the peak
    allocated bytes seen so far, the device is sampled (cudaMemGetInfo); after one that raised the peak reserved bytes,
    nvidia-smi too: what the device shows follows the allocator's reserved bytes plus the CUDA context, and the
    allocator does not give blocks back during a case, so the sample after the reserved peak is the device's peak."""

    def __init__(self, device, record):
        self.device = device
        self.record = record
        self.record["phases"] = []
        self.best_allocated = -1
        self.best_reserved = -1
        self.current = None
        self.started = 0.0

    def start(self, step, phase):
        self.device.synchronize()
        self.device.reset_peaks()
        self.current = (step, phase)
        self.started = time.perf_counter()

    def stop(self):
        self.device.synchronize()
        step, phase = self.current
        peak_allocated, peak_reserved = self.device.peaks()
        entry = {
            "step": step,
            "phase": phase,
            "seconds": round(time.perf_counter() - self.started, 6),
            "max_allocated_bytes": peak_allocated,
            "max_reserved_bytes": peak_reserved,
            "allocated_end_bytes": self.device.allocated(),
            "reserved_end_bytes": self.device.reserved(),
        }
        self.record["phases"].append(entry)
        self.current = None
        if self.device.cuda:
            raised_allocated = peak_allocated > self.best_allocated
            raised_reserved = peak_reserved > self.best_reserved
            if raised_allocated or raised_reserved:
                sample = dict(self.device.sample(nvidia_smi=raised_reserved), step=step, phase=phase)
                if raised_allocated:
                    self.best_allocated = peak_allocated
                    self.record["device_at_peak_allocated"] = sample
                if raised_reserved:
                    self.best_reserved = peak_reserved
                    self.record["device_at_peak_reserved"] = sample
        return entry


def dtype_keyword():
    """transformers 4.56 renamed from_config's `torch_dtype` to `dtype` (huggingface/transformers#39782)."""
    return "dtype" if version_tuple(transformers.__version__) >= (4, 56) else "torch_dtype"


def tiny_case(case):
    """The same case shrunk to a few layers of width 64 and 128 tokens, for a CPU dry run of the logic."""
    small = json.loads(json.dumps(case))
    model = small["model"]
    moe = model["model_type"] in MOE_TYPES
    model.update(hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4, vocab_size=512)
    model["num_key_value_heads"] = 2 if case["model"]["num_key_value_heads"] < case["model"]["num_attention_heads"] else 4
    if "head_dim" in model:
        model["head_dim"] = 16
    if moe:
        experts_key = "num_local_experts" if model["model_type"] == "mixtral" else "num_experts"
        model[experts_key] = 4
        model["num_experts_per_tok"] = 2
        if "moe_intermediate_size" in model:
            model["moe_intermediate_size"] = 32
    small["micro_batch_size"] = min(case["micro_batch_size"], 2)
    small["sequence_length"] = 128
    if small.get("lora"):
        small["lora"]["rank"] = 4
    if small.get("freeze"):
        small["freeze"]["trainable_layers"] = min(small["freeze"]["trainable_layers"], 1)  # of the 2 layers left
    return small


def selectable_experts_implementation():
    """Whether from_config takes `experts_implementation` (transformers 5 with grouped expert kernels)."""
    from transformers import PreTrainedModel

    return hasattr(PreTrainedModel, "get_correct_experts_implementation")


def build_model(case, weight_dtype, device, record):
    from transformers import AutoConfig, AutoModelForCausalLM

    fields = dict(case["model"])
    model_type = fields.pop("model_type")
    config = AutoConfig.for_model(model_type, **fields)
    config.use_cache = False  # training: no key/value cache
    kwargs = {"attn_implementation": case["attention"], dtype_keyword(): weight_dtype}
    if EXPERTS_IMPLEMENTATION not in (None, "default") and selectable_experts_implementation():
        kwargs["experts_implementation"] = EXPERTS_IMPLEMENTATION
        record["notes"].append(f"experts_implementation={EXPERTS_IMPLEMENTATION} (--experts-implementation)")
    elif (
        EXPERTS_IMPLEMENTATION is None
        and model_type in MOE_TYPES
        and weight_dtype != torch.bfloat16
        and selectable_experts_implementation()
    ):
        # transformers 5 runs experts with torch's grouped_mm, which is not autocast-enabled (transformers
        # integrations/moe.py, pytorch/pytorch#174763) and on CPU takes bf16 only; on CUDA (torch 2.11) it takes fp32
        # too. The committed runs of these models' fp32 expert weights use the per-expert loop;
        # --experts-implementation default leaves the choice to transformers (results/experts-default/).
        kwargs["experts_implementation"] = "eager"
        record["notes"].append("experts_implementation=eager: grouped_mm takes bf16 weights only")
    previous = torch.get_default_dtype()
    torch.set_default_dtype(weight_dtype)  # parameters are created in this dtype whatever the keyword does
    try:
        with device.torch_device:  # create (and randomly initialise) the weights on the device, not on the host
            model = AutoModelForCausalLM.from_config(config, **kwargs)
    finally:
        torch.set_default_dtype(previous)
    dtypes = {str(p.dtype) for p in model.parameters()}
    if dtypes != {str(weight_dtype)}:
        record["notes"].append(f"from_config gave parameter dtypes {sorted(dtypes)}; cast to {weight_dtype}")
        model.to(weight_dtype)
    experts = getattr(model.config, "_experts_implementation", None)
    if model_type in MOE_TYPES + FAMILY_MOE_TYPES and experts is not None:
        record["notes"].append(f"model runs experts with {experts!r}")
    used = getattr(model.config, "_attn_implementation", None)
    if used != case["attention"]:
        record["notes"].append(f"model reports attention implementation {used!r}, case asks for {case['attention']!r}")
    return model


def apply_lora(model, case, record):
    from peft import LoraConfig, get_peft_model

    lora = case["lora"]
    config = LoraConfig(
        r=lora["rank"],
        lora_alpha=lora["alpha"],
        lora_dropout=lora["dropout"],
        target_modules=lora["target_modules"],
        bias="none",
        task_type="CAUSAL_LM",
    )
    model = get_peft_model(model, config)
    # PEFT's default (autocast_adapter_dtype=True) keeps adapters in fp32 over a bf16 base; left as it is, since the
    # plans model the transformers + PEFT defaults (framework hf-trainer).
    adapted = {name.rsplit(".", 1)[-1] for name, module in model.named_modules() if hasattr(module, "lora_A")}
    record["lora_modules"] = sorted(adapted)
    return model


def apply_freeze(model, case, record):
    """Train the last `trainable_layers` decoder layers and the named modules only; everything else keeps
    requires_grad False. A tied LM head is the embedding's weight, so naming either end trains both. Under bf16-mixed
    the trainable parameters are upcast to fp32 as LLaMA-Factory does (the frozen ones stay in the load dtype)."""
    freeze = case["freeze"]
    decoder = model.get_decoder()
    layers = len(decoder.layers)
    trained = list(range(layers - freeze["trainable_layers"], layers))
    modules = {"lm_head": model.get_output_embeddings(), "embed_tokens": model.get_input_embeddings(), "norm": decoder.norm}
    for parameter in model.parameters():
        parameter.requires_grad_(False)
    trainable = [p for i in trained for p in decoder.layers[i].parameters()]
    trainable += [p for name in freeze["trainable_modules"] for p in modules[name].parameters()]
    for parameter in trainable:
        parameter.requires_grad_(True)
        if case["precision"] == "bf16-mixed":
            parameter.data = parameter.data.to(torch.float32)
    record["freeze"] = {"trained_layers": trained, "modules": list(freeze["trainable_modules"])}


def build_optimizer(name, parameters, record):
    learning_rate = 1e-5
    if name == "adamw":
        optimizer = torch.optim.AdamW(parameters, lr=learning_rate)
    elif name == "sgd":
        optimizer = torch.optim.SGD(parameters, lr=learning_rate)  # momentum 0: no optimizer state
    elif name == "adafactor":
        if hasattr(torch.optim, "Adafactor"):  # torch >= 2.5
            optimizer = torch.optim.Adafactor(parameters, lr=learning_rate)
        else:
            from transformers.optimization import Adafactor

            optimizer = Adafactor(parameters, lr=learning_rate, scale_parameter=False, relative_step=False, warmup_init=False)
    else:
        raise ValueError(f"unknown optimizer {name}")
    record["optimizer"] = {
        "class": f"{type(optimizer).__module__}.{type(optimizer).__name__}",
        "defaults": {k: v for k, v in optimizer.defaults.items() if isinstance(v, (bool, int, float, str, type(None), tuple, list))},
    }
    return optimizer


def make_batches(case, device):
    """One batch of uniformly random token ids per step, drawn before the measured steps begin."""
    from chunked_loss import shift_labels

    generator = torch.Generator(device=device.torch_device).manual_seed(SEED + 1)
    shape = (case["micro_batch_size"], case["sequence_length"])
    batches = []
    for _ in range(case["steps"]):
        ids = torch.randint(0, case["model"]["vocab_size"], shape, generator=generator, device=device.torch_device)
        batches.append((ids, shift_labels(ids) if case["cross_entropy"] == "chunked" else ids))
    return batches


def forward_loss(model, ids, labels, case):
    """standard: the model computes logits for the whole sequence and Hugging Face's causal-LM loss (it shifts the
    labels); the output object is dropped at once, as Trainer.compute_loss does, so logits live only as long as
    autograd needs them. chunked: the decoder's hidden states go through torchtune-style chunked cross-entropy."""
    if case["cross_entropy"] == "standard":
        return model(input_ids=ids, labels=labels, use_cache=False).loss
    from chunked_loss import chunked_cross_entropy, output_chunks

    base = model.get_base_model() if hasattr(model, "get_base_model") else model
    hidden = base.get_decoder()(input_ids=ids, use_cache=False)[0]
    logit_chunks = output_chunks(hidden, base.get_output_embeddings())
    loss = chunked_cross_entropy(logit_chunks, labels)
    del logit_chunks, hidden  # the torchtune recipe deletes the logits before backward
    return loss


def loss_value(loss):
    """The step's loss as a Python float (trace.py, whose tensors hold no data, records None instead)."""
    return float(loss.detach().float().cpu())


def describe_parameters(model):
    total, trainable, by_dtype = 0, 0, {}
    for parameter in model.parameters():
        count = parameter.numel()
        total += count
        if parameter.requires_grad:
            trainable += count
        key = str(parameter.dtype).replace("torch.", "")
        by_dtype[key] = by_dtype.get(key, 0) + count
    return {"total": total, "trainable": trainable, "by_dtype": by_dtype}


def check_losses(model, batches, case, record):
    """Dry-run check: on the first batch, without gradients, the standard and the chunked loss must agree."""
    from chunked_loss import shift_labels

    ids = batches[0][0]
    chunked_case = dict(case, cross_entropy="chunked")
    standard_case = dict(case, cross_entropy="standard")
    with torch.no_grad():
        standard = float(forward_loss(model, ids, ids, standard_case).float())
        chunked = float(forward_loss(model, ids, shift_labels(ids), chunked_case).float())
    record["loss_check"] = {"standard": standard, "chunked": chunked, "abs_diff": abs(standard - chunked)}
    if abs(standard - chunked) > 1e-3 * max(1.0, abs(standard)):
        raise AssertionError(f"chunked loss {chunked} differs from standard loss {standard}")


def run_case(case, device, record, check_loss=False):
    precision = case["precision"]
    weight_dtype = torch.bfloat16 if precision == "bf16" else torch.float32
    if case["method"] == "freeze" and precision == "bf16-mixed":
        # LLaMA-Factory loads the model in the compute dtype and upcasts only the trainable parameters to fp32
        # (model/adapter.py _setup_freeze_tuning, cast_trainable_params_to_fp32): frozen weights stay bf16.
        weight_dtype = torch.bfloat16
    autocast = precision == "bf16-mixed"
    torch.manual_seed(SEED)
    meter = Meter(device, record)
    record["bytes"]["allocated_at_start"] = device.allocated()
    record["bytes"]["reserved_at_start"] = device.reserved()

    record["stage"] = "build"
    model = build_model(case, weight_dtype, device, record)
    if case["activation_checkpointing"] == "full":
        # Hugging Face checkpoints every decoder layer: only each layer's input is kept, the rest is recomputed.
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
    if case["method"] == "lora":
        model = apply_lora(model, case, record)
    if case["method"] == "freeze":
        apply_freeze(model, case, record)
    model.train()
    record["parameters"] = describe_parameters(model)
    optimizer = build_optimizer(case["optimizer"], [p for p in model.parameters() if p.requires_grad], record)
    batches = make_batches(case, device)
    if check_loss:
        check_losses(model, batches, case, record)
    device.synchronize()
    record["host"]["after_setup"] = host_memory()
    record["bytes"]["allocated_after_setup"] = device.allocated()
    record["bytes"]["reserved_after_setup"] = device.reserved()

    record["stage"] = "train"
    record["loss"] = []
    ends = []
    for step in range(1, case["steps"] + 1):
        ids, labels = batches[step - 1]
        started = time.perf_counter()
        meter.start(step, "forward")
        with torch.autocast(device_type=device.torch_device.type, dtype=torch.bfloat16, enabled=autocast):
            loss = forward_loss(model, ids, labels, case)
        after_forward = meter.stop()["allocated_end_bytes"]
        record["loss"].append(loss_value(loss))

        meter.start(step, "backward")
        loss.backward()
        del loss
        after_backward = meter.stop()["allocated_end_bytes"]

        meter.start(step, "optimizer")
        optimizer.step()
        device.synchronize()
        after_step = device.allocated()
        optimizer.zero_grad(set_to_none=True)
        after_zero_grad = meter.stop()["allocated_end_bytes"]
        ends.append(
            {
                "after_forward": after_forward,
                "after_backward": after_backward,
                "after_optimizer_step": after_step,
                "after_zero_grad": after_zero_grad,
            }
        )
        record.setdefault("step_seconds", []).append(round(time.perf_counter() - started, 6))

    record["stage"] = "done"
    # Still holding the case's blocks: the device as it stands at the end, with nvidia-smi's per-process usage.
    record["device_at_end"] = device.sample(nvidia_smi=True, compute_apps=True)
    record["bytes"]["last_step"] = ends[-1]
    if ends[-1]["after_forward"] is not None:  # CPU dry runs record no bytes
        record["bytes"]["max_over_steps"] = {key: max(end[key] for end in ends) for key in ends[-1]}
    del model, optimizer, batches


def summarise_peaks(record):
    phases = [p for p in record.get("phases", []) if p["max_allocated_bytes"] is not None]
    if not phases:
        return
    top = max(phases, key=lambda p: p["max_allocated_bytes"])
    record["bytes"]["max_allocated"] = top["max_allocated_bytes"]
    reserved = [p["max_reserved_bytes"] for p in phases if p["max_reserved_bytes"] is not None]
    record["bytes"]["max_reserved"] = max(reserved) if reserved else None  # trace.py has no allocator to reserve
    record["peak_phase"] = top["phase"]
    record["peak_step"] = top["step"]


def is_out_of_memory(exc):
    oom_type = getattr(getattr(torch, "cuda", None), "OutOfMemoryError", None)
    if oom_type is not None and isinstance(exc, oom_type):
        return True
    text = str(exc)
    return "out of memory" in text.lower() or "CUBLAS_STATUS_ALLOC_FAILED" in text


def measure_case(case, device, tiny, check_loss=False):
    run_as = tiny_case(case) if tiny else case
    record = {
        "record": "case",
        "id": case["id"],
        "case": run_as,
        "status": None,
        "oom": False,
        "error": None,
        "failed_at": None,
        "notes": [],
        "bytes": {},
    }
    started = time.perf_counter()
    record["host"] = {"peak_reset": reset_host_peak(), "at_start": host_memory()}
    try:
        run_case(run_as, device, record, check_loss)
        record["status"] = "ok"
    except Exception as exc:  # one case failing must not stop the run
        meter_phase = record["phases"][-1] if record.get("phases") else None
        record["failed_at"] = {"stage": record.get("stage"), "last_completed_phase": meter_phase and {k: meter_phase[k] for k in ("step", "phase")}}
        if device.cuda:
            record["bytes"]["max_allocated_at_failure"] = torch.cuda.max_memory_allocated()
            record["bytes"]["max_reserved_at_failure"] = torch.cuda.max_memory_reserved()
        record["oom"] = is_out_of_memory(exc)
        record["status"] = "oom" if record["oom"] else "error"
        record["error"] = f"{type(exc).__name__}: {str(exc)[:2000]}"
        if not record["oom"]:
            record["traceback"] = traceback.format_exc()[-4000:]
        traceback.clear_frames(exc.__traceback__)  # drop the frames' references to the model and its tensors
    # VmHWM now: the case's peak resident set (its model, optimizer and batches on the host side, and the process).
    record["host"]["at_end"] = host_memory()
    summarise_peaks(record)
    record["allocator"] = device.allocator_counters()
    record["wall_seconds"] = round(time.perf_counter() - started, 3)
    device.release()
    record["bytes"]["allocated_after_release"] = device.allocated()
    return record


HOST_FIELDS = ("VmRSS", "RssAnon", "RssFile", "RssShmem", "VmHWM")


def host_memory():
    """This process's resident host memory in bytes: /proc/self/status (VmRSS = RssAnon + RssFile + RssShmem, VmHWM
    its peak since the last reset) and getrusage's ru_maxrss (KiB on Linux; never reset). The estimator's host
    terms (src/core/host) are checked against these: the process itself (CUDA runtime, libraries) and its tensors."""
    fields = {}
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                key, _, rest = line.partition(":")
                if key in HOST_FIELDS:
                    fields[f"{key}_bytes"] = int(rest.split()[0]) * 1024
    except OSError:
        pass
    fields["ru_maxrss_bytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return fields


def reset_host_peak():
    """Resets VmHWM to the current resident set (Linux: write 5 to /proc/self/clear_refs), so each case's peak is its
    own; False where the kernel refuses."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
        return True
    except OSError:
        return False


def environment_record(device, args, cases_path, idle_before_init, host_before_init=None):
    record = {
        "record": "environment",
        "schema": SCHEMA_VERSION,
        "started_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "argv": sys.argv,
        "cases_file": str(cases_path),
        "cases_sha256": hashlib.sha256(Path(cases_path).read_bytes()).hexdigest(),
        "seed": SEED,
        "tiny": args.tiny,
        "device": str(device.torch_device),
        "versions": library_versions(),
        "platform": platform.platform(),
        "env": {k: os.environ.get(k) for k in ("PYTORCH_CUDA_ALLOC_CONF", "CUDA_MODULE_LOADING", "CUDA_VISIBLE_DEVICES")},
        # Host memory of the process with torch, transformers and peft imported, before and after its CUDA context:
        # what the estimator's per-rank process term (core/host/estimate-host.ts PROCESS_HOST_BYTES) stands for.
        "host": {"before_device_init": host_before_init or {}, "after_device_init": host_memory()},
    }
    if device.cuda:
        props = torch.cuda.get_device_properties(device.index)
        free, total = torch.cuda.mem_get_info()
        record["gpu"] = {
            "name": props.name,
            "total_memory_bytes": props.total_memory,
            "capability": list(torch.cuda.get_device_capability(device.index)),
            "nvidia_smi": query_gpu(device.smi_target),
            "mem_get_info_total_bytes": total,
        }
        record["versions"]["driver"] = record["gpu"]["nvidia_smi"].get("driver_version")
        record["nvidia_smi_target"] = device.smi_target
        record["nvidia_smi_seconds"] = round(device.smi_seconds, 3)
        # Device memory in use before this process created its CUDA context, and after (context + library handles).
        record["idle"] = {
            "nvidia_smi_used_before_context_bytes": idle_before_init.get("memory_used_bytes"),
            "mem_get_info_used_after_context_bytes": total - free,
            "nvidia_smi_used_after_context_bytes": query_gpu(device.smi_target).get("memory_used_bytes"),
            "reserved_after_context_bytes": torch.cuda.memory_reserved(),
        }
    return record


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "device"


def select_cases(doc, args):
    cases = doc["cases"]
    if args.all:
        return cases
    wanted = doc["smoke"] if args.smoke else [c.strip() for c in args.cases.split(",") if c.strip()]
    by_id = {case["id"]: case for case in cases}
    unknown = [case_id for case_id in wanted if case_id not in by_id]
    if unknown:
        raise SystemExit(f"unknown case id(s): {', '.join(unknown)}")
    return [by_id[case_id] for case_id in wanted]


def run(args, doc):
    cases = select_cases(doc, args)
    idle_before_init = {}
    if args.device.startswith("cuda"):
        # nvidia-smi before this process touches CUDA: memory other processes and the driver already hold.
        visible = os.environ.get("CUDA_VISIBLE_DEVICES", "0").split(",")[0].strip() or "0"
        idle_before_init = query_gpu(visible)
    import_stack()
    host_before_init = host_memory()
    if args.device.startswith("cuda") and not torch.cuda.is_available():
        raise SystemExit("CUDA is not available; use --device cpu --tiny for a dry run")
    device = Device(args.device)
    if device.cuda:
        torch.zeros(1, device=device.torch_device)  # create the CUDA context
        device.release()
    header = environment_record(device, args, args.cases_file, idle_before_init, host_before_init)
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    label = header.get("gpu", {}).get("name") or args.device
    path = out_dir / f"calibration-{stamp}-{slug(label)}{'-tiny' if args.tiny else ''}.jsonl"
    started = time.perf_counter()
    counts = {"ok": 0, "oom": 0, "error": 0, "skipped": 0}
    with open(path, "w", encoding="utf-8") as handle:

        def write(record):
            handle.write(json.dumps(record, sort_keys=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())  # a run cut short still leaves every finished case on disk

        write(header)
        print(f"writing {path}", flush=True)
        for index, case in enumerate(cases, 1):
            elapsed = time.perf_counter() - started
            if args.max_seconds and elapsed > args.max_seconds:
                record = {"record": "case", "id": case["id"], "status": "skipped", "reason": f"time budget of {args.max_seconds}s spent"}
            else:
                record = measure_case(case, device, args.tiny, args.check_loss)
            counts[record["status"]] += 1
            write(record)
            peak = record.get("bytes", {}).get("max_allocated")
            reserved = record.get("bytes", {}).get("max_reserved")
            shown = f"peak {peak / GIB:6.2f} GiB reserved {reserved / GIB:6.2f} GiB" if peak is not None else ""
            print(
                f"[{index}/{len(cases)}] {case['id']}: {record['status']} {shown} "
                f"{record.get('peak_phase') or ''} {record.get('wall_seconds', 0):.1f}s"
                + (f" {record['error'][:200]}" if record.get("error") else ""),
                flush=True,
            )
        write({"record": "summary", "counts": counts, "wall_seconds": round(time.perf_counter() - started, 3)})
    print(f"done: {counts} in {time.perf_counter() - started:.0f}s -> {path}", flush=True)
    return 0 if counts["error"] == 0 else 1


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases-file", default=str(DEFAULT_CASES), help="cases YAML (default: calibration/cases.yaml)")
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--list", action="store_true", help="print the cases (no torch)")
    mode.add_argument("--validate-cases", action="store_true", help="check the cases file (no torch)")
    mode.add_argument("--smoke", action="store_true", help="run the cases listed under `smoke`")
    mode.add_argument("--all", action="store_true", help="run every case")
    mode.add_argument("--cases", help="run these case ids (comma-separated)")
    parser.add_argument("--out", help="directory for the JSON Lines results (required to run)")
    parser.add_argument("--device", default="cuda", help="cuda (default), cuda:N, or cpu for a dry run")
    parser.add_argument("--tiny", action="store_true", help="shrink every model (for --device cpu dry runs)")
    parser.add_argument("--check-loss", action="store_true", help="before training, check chunked loss == standard loss")
    parser.add_argument("--max-seconds", type=float, default=0, help="start no case after this many seconds (0: no limit)")
    parser.add_argument(
        "--experts-implementation",
        help="MoE experts kernel: default (transformers chooses), eager, grouped_mm, batched_mm; unset: the per-expert "
        "loop for fp32 expert weights of cases.yaml's MoE types, as the committed runs",
    )
    parser.add_argument(
        "--families",
        action="store_true",
        help="cases outside the schema of cases.yaml (families.yaml: other model types); only ids are checked",
    )
    args = parser.parse_args(argv)

    global EXPERTS_IMPLEMENTATION
    EXPERTS_IMPLEMENTATION = args.experts_implementation
    doc = load_cases(args.cases_file)
    problems = traced_only_problems(doc) if args.families else validate_document(doc)
    if args.validate_cases:
        for problem in problems:
            print(f"{args.cases_file}: {problem}", file=sys.stderr)
        if not problems:
            print(f"{args.cases_file}: {len(doc['cases'])} cases valid; coverage complete")
        return 1 if problems else 0
    if problems:
        for problem in problems:
            print(f"{args.cases_file}: {problem}", file=sys.stderr)
        return 2
    if args.list:
        list_cases(doc)
        return 0
    if not args.out:
        parser.error("--out DIR is required to run cases")
    if args.device == "cpu" and not args.tiny:
        print("note: full-size models on CPU are slow; add --tiny for a dry run", file=sys.stderr)
    return run(args, doc)


if __name__ == "__main__":
    sys.exit(main())
