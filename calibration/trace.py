#!/usr/bin/env python3
"""Trace the bytes a calibration case keeps alive, at full size, on a machine without a GPU.

run.py measures a case on a GPU. This script runs the very same code (run.py's run_case: the same model built by
transformers from the same config, the same PEFT adapters, optimizer, loss and loop) on the CPU under PyTorch's
FakeTensorMode, where tensors carry shapes, dtypes and storages but no data. A TorchDispatchMode sees every tensor an
operator returns and keeps a ledger of the storages alive, so the ledger's total at any moment is what CUDA's caching
allocator would report as memory_allocated() for the same program. Nothing is allocated, so an 8B model traces on a
laptop in seconds.

This is not a measurement. It shows what the frameworks keep alive, operator by operator, which is what the
estimator models; it cannot show what only the GPU adds. Known differences from a CUDA run:
  - the allocator's rounding: every request is rounded up to 512 bytes here, as the caching allocator does; blocks
    it leaves unsplit (at most 1 MiB each in the large pool) are not modelled;
  - cuBLAS workspaces (allocator blocks on CUDA, 2 × 32 MiB on Hopper) do not exist on the CPU;
  - a tied embedding's two gradients: autograd sums them in place when it alone owns the first, which fake tensors'
    extra references prevent, so the trace always sees the out-of-place sum;
  - kernels chosen per device: sdpa would run PyTorch's CPU flash kernel; the trace calls the CUDA flash and
    memory-efficient operators instead, or ATen's math kernel where CUDA falls back to it (cuda_attention_kernels
    below); CUDA's softmax backward makes a full-size temporary the CPU kernel does not, which the ledger adds. Autocast uses its CPU operator lists (matmuls
    in bf16 on both; the RMSNorm, rotary and loss upcasts are explicit in transformers and identical);
  - optimizers: on CUDA torch.optim picks the foreach implementation by default and on CPU the per-tensor loop;
    the trace makes the CUDA choice (cuda_foreach_default below) so the optimizer step's temporaries match;
  - dropout: CUDA runs the fused kernel, which saves a bool mask; the CPU path saves a noise tensor of the input's
    dtype. The trace takes the CUDA path (cuda_dropout below).
Fake tensors hold no values, so four things are answered for them: a float .item() (Adafactor's norms) reads 1.0;
transformers is told there are no packed sequences (no_packed_sequences), as a real run of run.py finds;
Module._apply replaces converted parameters instead of swapping them (replace_converted_parameters); and the routing
of mixture-of-experts layers, which sizes tensors by data (the per-expert loop's nonzero), is answered as balanced
(StorageLedger.route).

Results have run.py's record format (README.md, "Output format") with `"method": "trace"` in the environment
record, and belong in calibration/traces/, never in calibration/results/.

Usage: python3 calibration/trace.py --all --out calibration/traces   (or --cases ID[,ID...])
       python3 calibration/trace.py --all --traced-only --cases-file calibration/families.yaml \
           --out calibration/traces/families   (cases outside run.py's GPU schema)
"""

import argparse
import gc
import json
import sys
import time
import weakref
from pathlib import Path

sys.dont_write_bytecode = True
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402  (the harness whose code path is traced)
from caching_allocator import CachingAllocator  # noqa: E402

# One cuBLAS workspace on Hopper (PyTorch CublasHandlePool.cpp, :4096:8 on compute capability 9.0): an allocator block
# taken by the first matmul of each thread that multiplies, the forward's and autograd's (calibration/README.md).
CUBLAS_WORKSPACE_BYTES = 4096 * 1024 * 8
MATMULS = ("mm", "addmm", "bmm", "baddbmm", "_grouped_mm")

# c10/cuda/CUDACachingAllocator.cpp: kMinBlockSize = 512; round_size() rounds every request up to a multiple of it.
ALLOCATOR_ROUNDING = 512


def rounded(nbytes):
    return -(-nbytes // ALLOCATOR_ROUNDING) * ALLOCATOR_ROUNDING


def ledger_mode_class():
    """The ledger is a TorchDispatchMode; the class is made once torch is imported."""
    from torch.utils._python_dispatch import TorchDispatchMode
    from torch.utils._pytree import tree_flatten

    class StorageLedger(TorchDispatchMode):
        """Bytes of every tensor storage alive. A storage enters when an operator first returns a tensor on it and
        leaves when Python's last reference to it goes (PyTorch keeps one Python object per storage, so a weak
        reference to it ends exactly when the storage is freed)."""

        def __init__(self, experts=None, expandable_segments=False):
            super().__init__()
            self.live = {}
            self.current = 0
            self.peak = 0
            # The same requests, in the same order, through a model of CUDA's caching allocator: its reserved bytes.
            self.allocator = CachingAllocator(expandable_segments)
            self.blocks = {}
            self.phase = None  # set by TracedDevice: "forward", "backward" or "optimizer"
            self.workspaces = set()  # phases whose thread holds a cuBLAS workspace
            self.experts = experts  # routed experts of a MoE case: routing is answered as uniform (route below)
            self.next_expert = 0

        def add(self, tensor):
            storage = tensor.untyped_storage()
            key = id(storage)
            if key in self.live:
                return
            size = rounded(storage.nbytes())
            self.live[key] = size
            self.current += size
            self.peak = max(self.peak, self.current)
            if storage.nbytes() > 0:  # CUDA allocates nothing for an empty storage
                self.blocks[key] = self.allocator.malloc(storage.nbytes())
            weakref.finalize(storage, self.remove, key)

        def remove(self, key):
            self.current -= self.live.pop(key)
            block = self.blocks.pop(key, None)
            if block is not None:
                self.allocator.free(block)

        def workspace(self, func):
            """The first matmul of the forward (Python thread) and of the backward (autograd's thread) takes that
            thread's cuBLAS workspace, held to the end of the run."""
            thread = "backward" if self.phase == "backward" else "forward"
            if self.phase is None or thread in self.workspaces:
                return
            if func.overloadpacket.__name__ in MATMULS:
                self.workspaces.add(thread)
                # Only the allocator model sees it: the ledger's bytes stay the tensors' (compared with the estimate
                # less its workspaces, calibration/README.md).
                self.allocator.malloc(CUBLAS_WORKSPACE_BYTES)

        def route(self, func, args):
            """transformers' per-expert loop (experts_implementation="eager") picks each expert's tokens with nonzero,
            whose output size depends on values fake tensors do not have. Routing is answered as uniform, which sizes
            every tensor as a balanced router would: every expert is hit (nonzero of the (experts + 1) hit vector
            gives `experts` rows), each receives top_k × tokens / experts token slots (nonzero of an expert's
            (top_k, tokens) mask), integer reads (the expert index, as transformers 4 reads it to pick a module from
            its list) go through the experts in turn, and a boolean read (`expert_idx == num_experts`, the slot of
            unrouted tokens) is False. Shapes, not values, decide the bytes."""
            torch = run.torch
            if func is torch.ops.aten.nonzero.default:
                mask = args[0]
                rows = self.experts if mask.dim() == 1 else mask.numel() // self.experts
                out = torch.empty((rows, mask.dim()), dtype=torch.long)
                self.add(out)
                return out
            if func is torch.ops.aten._local_scalar_dense.default:
                if args[0].dtype == torch.bool:
                    return False
                if not args[0].is_floating_point():
                    expert, self.next_expert = self.next_expert, (self.next_expert + 1) % self.experts
                    return expert
            return None

        def reset_peak(self):
            self.peak = self.current
            self.allocator.reset_peaks()

        def __torch_dispatch__(self, func, types, args=(), kwargs=None):
            if func is run.torch.ops.aten._local_scalar_dense.default and args[0].is_floating_point():
                # .item() of a float (Adafactor's parameter and update norms): fake tensors hold no value, and the
                # value only scales the update. Integer and boolean values, which could steer control flow, still
                # raise.
                return 1.0
            if self.experts is not None:
                routed = self.route(func, args)
                if routed is not None:
                    return routed
            self.workspace(func)
            scratch = None
            if func is run.torch.ops.aten._softmax_backward_data.default:
                # CUDA's softmax backward (aten/src/ATen/native/cuda/SoftMax.cu, softmax_backward_cuda_out) first
                # computes `tmp = grad * output`, a full-size temporary alive while the kernel runs; the CPU kernel
                # has none. The trace takes the CUDA path.
                scratch = run.torch.empty_like(args[0])
                self.add(scratch)
            out = func(*args, **(kwargs or {}))
            for value in tree_flatten(out)[0]:
                if isinstance(value, run.torch.Tensor):
                    self.add(value)
            del scratch  # freed once the kernel has written its output
            return out

    return StorageLedger


class TracedDevice:
    """run.Device's interface over the ledger: allocated() and peaks() read it, reserved() its model of the caching
    allocator (caching_allocator.py); there is no nvidia-smi and nothing to synchronise."""

    cuda = False
    PHASES = ("forward", "backward", "optimizer")  # run.Meter resets the peaks before each, in this order

    def __init__(self, ledger):
        self.ledger = ledger
        self.torch_device = run.torch.device("cpu")
        self.phases_started = 0

    def synchronize(self):
        pass

    def allocated(self):
        return self.ledger.current

    def reserved(self):
        return self.ledger.allocator.reserved

    def reset_peaks(self):
        self.ledger.reset_peak()
        self.ledger.phase = self.PHASES[self.phases_started % 3]
        self.phases_started += 1

    def peaks(self):
        return self.ledger.peak, self.ledger.allocator.peak_reserved

    def sample(self, nvidia_smi=True, compute_apps=False):
        return None

    def release(self):
        gc.collect()
        self.ledger.reset_peak()

    def allocator_counters(self):
        return None


def cuda_foreach_default():
    """torch.optim chooses foreach when every parameter is a plain tensor on CUDA (optimizer.py,
    _default_to_fused_or_foreach); fake CPU tensors would get the per-tensor loop, whose temporaries differ."""
    from torch.optim import adam, sgd

    def choose(params, differentiable, use_fused=False):
        return False, not differentiable

    for module in (adam, sgd):  # AdamW subclasses Adam; Adafactor defaults to the per-tensor loop on every device
        module._default_to_fused_or_foreach = choose


def cuda_dropout():
    """ATen's dropout runs the fused native_dropout, which saves a bool mask, only for CUDA tensors
    (Dropout.cpp is_fused_kernel_acceptable); on CPU it multiplies by a noise tensor of the input's dtype and saves
    that. The trace takes the CUDA path: native_dropout for 0 < p < 1 in training, the input itself otherwise (as
    _dropout_impl returns it for p == 0)."""
    functional = run.torch.nn.functional

    def dropout(input, p=0.5, training=True, inplace=False):
        if not training or p == 0 or input.numel() == 0:
            return input
        return run.torch.native_dropout(input, p, training)[0]

    functional.dropout = dropout


def no_packed_sequences():
    """transformers looks for packed sequences in the position ids (masking_utils.find_packed_sequence_indices) and,
    when it cannot read them, as with fake tensors, assumes packing and builds a (b, 1, s, s) mask, which keeps sdpa
    off the flash kernel. run.py never packs: each row is one sequence, which a real run finds, so the trace answers
    the same."""
    try:
        from transformers import masking_utils
    except ImportError:  # transformers before 4.53 has no masking_utils and builds masks from the data it is given
        return
    if hasattr(masking_utils, "find_packed_sequence_indices"):
        masking_utils.find_packed_sequence_indices = lambda position_ids: None


def cuda_attention_kernels():
    """On CPU, sdpa runs PyTorch's CPU flash kernel, which repeats grouped K/V heads and builds a (b, 1, s, s) mask
    per layer. On CUDA without a mask it runs the flash kernel for 16-bit inputs (grouped heads natively: sdp_utils.cpp
    can_use_flash_attention, backend_supports_grouped_query_attention) and the memory-efficient kernel for fp32. The
    trace calls those CUDA operators directly; their meta kernels give the same saved tensors (output, fp32
    log-sum-exp). fp32 with grouped heads (enable_gqa) has no fused kernel and runs ATen's math kernel."""
    torch = run.torch
    functional = torch.nn.functional
    aten = torch.ops.aten

    def sdpa(query, key, value, attn_mask=None, dropout_p=0.0, is_causal=False, scale=None, enable_gqa=False):
        device = query.device.type
        if torch.is_autocast_enabled(device):
            # sdpa is on autocast's lower-precision list: under torch AMP its inputs (rotary outputs in fp32 when the
            # hidden states are fp32) are cast first, and the kernel sees 16-bit tensors.
            dtype = torch.get_autocast_dtype(device)
            query, key, value = (t.to(dtype) for t in (query, key, value))
        if attn_mask is not None and attn_mask.dtype == torch.bool:
            # attention.cpp convert_boolean_attn_mask: a boolean mask becomes an additive one in the query dtype.
            zeros = torch.zeros((), dtype=query.dtype)
            attn_mask = torch.where(attn_mask, zeros, torch.tensor(float("-inf"), dtype=query.dtype))
        if attn_mask is not None:
            # CUDA's flash kernel takes no mask: the memory-efficient kernel runs, on full heads, keeping the mask
            # (broadcast over heads, so its storage stays b × s × s) as its bias for backward.
            if key.size(-3) != query.size(-3):
                groups = query.size(-3) // key.size(-3)
                key = key.repeat_interleave(groups, dim=-3)
                value = value.repeat_interleave(groups, dim=-3)
            bias = attn_mask.expand(query.size(0), query.size(-3), query.size(-2), key.size(-2))
            efficient = aten._scaled_dot_product_efficient_attention
            return efficient(query, key, value, bias, True, dropout_p, is_causal, scale=scale)[0]
        # sdp_utils.cpp: flash takes 16-bit inputs whose q, k and v share one head size (not MLA's v).
        if query.dtype in (torch.bfloat16, torch.float16) and query.size(-1) == value.size(-1):
            flash = aten._scaled_dot_product_flash_attention
            return flash(query, key, value, dropout_p, is_causal, False, scale=scale)[0]
        if enable_gqa and key.size(-3) != query.size(-3):
            # sdp_utils.cpp: the memory-efficient kernel does not take grouped heads (check_batch_size_and_num_heads_dense
            # with supports_gqa false), so fp32 grouped-head attention falls back to the math kernel, which repeats
            # K/V and builds the s × s scores (measured on an H200 with torch 2.11: calibration/results/).
            math = aten._scaled_dot_product_attention_math
            return math(query, key, value, None, dropout_p, is_causal, None, scale=scale, enable_gqa=True)[0]
        if key.size(-3) != query.size(-3):
            groups = query.size(-3) // key.size(-3)
            key = key.repeat_interleave(groups, dim=-3)
            value = value.repeat_interleave(groups, dim=-3)
        efficient = aten._scaled_dot_product_efficient_attention
        return efficient(query, key, value, None, True, dropout_p, is_causal, scale=scale)[0]

    functional.scaled_dot_product_attention = sdpa


def replace_converted_parameters():
    """nn.Module._apply (behind .to(), .float(), ...) swaps a fake parameter in place with torch.utils.swap_tensors,
    which refuses tensors that FakeTensorMode holds weak references to. In the trace a converted parameter is
    replaced by a new Parameter instead (what _apply does under overwrite_module_params_on_conversion); the bytes
    are the same: the converted tensor is new, the old one is freed once nothing refers to it."""
    torch = run.torch

    def apply(self, fn, recurse=True):
        if recurse:
            for child in self.children():
                child._apply(fn)
        for key, param in self._parameters.items():
            if param is None:
                continue
            with torch.no_grad():
                converted = fn(param)
            if converted is not param:
                self._parameters[key] = torch.nn.Parameter(converted, requires_grad=param.requires_grad)
        for key, buffer in self._buffers.items():
            if buffer is not None:
                self._buffers[key] = fn(buffer)
        return self

    torch.nn.Module._apply = apply


def environment_record(args, cases_path):
    """run.py's environment record (a CPU device has no GPU fields), marked as a trace."""
    record = run.environment_record(TracedDevice(ledger=None), args, cases_path, idle_before_init={})
    record.update(
        method="trace",
        method_note="FakeTensorMode on CPU; live tensor storages rounded to 512 bytes (calibration/trace.py)",
        device="cpu (fake tensors)",
    )
    return record


def trace(args, doc):
    run.import_stack()
    from torch._subclasses.fake_tensor import FakeTensorMode

    run.loss_value = lambda loss: None  # fake tensors hold no values
    cuda_foreach_default()
    cuda_dropout()
    cuda_attention_kernels()
    no_packed_sequences()
    replace_converted_parameters()
    cases = run.select_cases(doc, args)
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "trace.jsonl"
    started = time.perf_counter()
    counts = {"ok": 0, "oom": 0, "error": 0, "skipped": 0}
    ledger_class = ledger_mode_class()
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(environment_record(args, args.cases_file)) + "\n")
        for index, case in enumerate(cases, 1):
            # A fresh fake mode and ledger per case: nothing of one case outlives it.
            experts = case["model"].get("num_local_experts") or case["model"].get("num_experts") or case["model"].get("n_routed_experts")
            with FakeTensorMode(), ledger_class(experts, args.expandable_segments) as ledger:
                record = run.measure_case(case, TracedDevice(ledger), tiny=False)
            record.pop("device_at_end", None)
            counts[record["status"]] += 1
            handle.write(json.dumps(record) + "\n")
            handle.flush()
            peak = record.get("bytes", {}).get("max_allocated")
            shown = f"peak {peak / run.GIB:7.2f} GiB {record.get('peak_phase')}" if peak is not None else ""
            print(f"[{index}/{len(cases)}] {case['id']}: {record['status']} {shown} {record['wall_seconds']:.1f}s"
                  + (f" {record['error'][:300]}" if record.get("error") else ""), flush=True)
        summary = {"record": "summary", "counts": counts, "wall_seconds": round(time.perf_counter() - started, 3)}
        handle.write(json.dumps(summary) + "\n")
    print(f"done: {counts} in {time.perf_counter() - started:.0f}s -> {path}", flush=True)
    return 0 if counts["error"] == 0 else 1


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases-file", default=str(run.DEFAULT_CASES))
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--all", action="store_true", help="trace every case")
    mode.add_argument("--cases", help="trace these case ids (comma-separated)")
    parser.add_argument("--out", required=True, help="directory for trace.jsonl (calibration/traces)")
    parser.add_argument(
        "--traced-only",
        action="store_true",
        help="cases outside the GPU schema (families.yaml: other model types); only ids and cases are checked",
    )
    parser.add_argument(
        "--expandable-segments",
        action="store_true",
        help="model the allocator as PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True runs it",
    )
    args = parser.parse_args(argv)
    args.smoke = False
    args.tiny = False  # full-size models: nothing is allocated
    doc = run.load_cases(args.cases_file)
    problems = run.traced_only_problems(doc) if args.traced_only else run.validate_document(doc)
    if problems:
        for problem in problems:
            print(f"{args.cases_file}: {problem}", file=sys.stderr)
        return 2
    return trace(args, doc)


if __name__ == "__main__":
    sys.exit(main())
