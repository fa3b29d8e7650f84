"""Host memory of a checkpoint load on the CPU: anonymous and file-backed resident bytes, peak over the load.

Each case runs in a fresh Python process. A sampling thread reads /proc/self/status (RssAnon, RssFile) every 2 ms
while the case loads a small Llama checkpoint written once to a temporary directory (safetensors and torch .bin, both
bf16), and the process's VmHWM is read at the end. Anonymous memory is what the out-of-memory killer counts against a
process; file-backed pages of a memory-mapped checkpoint are the page cache, shared by every process that maps the
same file and reclaimable.

    python calibration/host_load_rss.py --out calibration/results/host-load-rss-cpu.json

On a GPU machine the `cuda_context` case measures what creating the CUDA context and running one cuBLAS matmul adds
to the process: the host side of the estimator's per-rank process term (src/core/host/estimate-host.ts).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

CONFIG = dict(
    hidden_size=1024,
    intermediate_size=4096,
    num_hidden_layers=16,
    num_attention_heads=16,
    num_key_value_heads=16,
    vocab_size=32000,
    max_position_embeddings=2048,
    tie_word_embeddings=False,
)

CASES = {
    "imports": "torch and transformers imported, nothing loaded",
    "from_pretrained_safetensors_bf16": "from_pretrained(dtype=bfloat16) of bf16 safetensors",
    "from_pretrained_safetensors_fp32": "from_pretrained(dtype=float32) of bf16 safetensors (dtype conversion)",
    "from_pretrained_bin_bf16": "from_pretrained(dtype=bfloat16) of a bf16 pytorch_model.bin",
    "torch_load_no_mmap": "torch.load(pytorch_model.bin, mmap=False)",
    "torch_load_mmap": "torch.load(pytorch_model.bin, mmap=True)",
    "safetensors_load_file": "safetensors.torch.load_file(model.safetensors)",
    "from_config_fp32": "the model built on the CPU from its config in fp32 (random init), no checkpoint",
    "cuda_context": "the process's CUDA context and a cuBLAS matmul on the GPU (skipped without CUDA)",
}


def status_kib(field: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


class Sampler:
    def __init__(self) -> None:
        self.peak_anon = 0
        self.peak_file = 0
        self.peak_sum = 0
        self.running = True
        self.thread = threading.Thread(target=self.run, daemon=True)

    def sample(self) -> None:
        anon, file_ = status_kib("RssAnon"), status_kib("RssFile")
        self.peak_anon = max(self.peak_anon, anon)
        self.peak_file = max(self.peak_file, file_)
        self.peak_sum = max(self.peak_sum, anon + file_)

    def run(self) -> None:
        while self.running:
            self.sample()
            time.sleep(0.002)

    def stop(self) -> None:
        self.running = False
        self.thread.join()
        self.sample()


def run_case(case: str, directory: str) -> dict:
    import torch
    import transformers

    before = {"anon_kib": status_kib("RssAnon"), "file_kib": status_kib("RssFile")}
    sampler = Sampler()
    sampler.thread.start()
    kept = None
    if case == "from_pretrained_safetensors_bf16":
        kept = transformers.AutoModelForCausalLM.from_pretrained(f"{directory}/st", dtype=torch.bfloat16)
    elif case == "from_pretrained_safetensors_fp32":
        kept = transformers.AutoModelForCausalLM.from_pretrained(f"{directory}/st", dtype=torch.float32)
    elif case == "from_pretrained_bin_bf16":
        kept = transformers.AutoModelForCausalLM.from_pretrained(f"{directory}/bin", dtype=torch.bfloat16)
    elif case == "torch_load_no_mmap":
        kept = torch.load(f"{directory}/bin/pytorch_model.bin", mmap=False, weights_only=True)
    elif case == "torch_load_mmap":
        kept = torch.load(f"{directory}/bin/pytorch_model.bin", mmap=True, weights_only=True)
        for tensor in kept.values():
            tensor.sum()  # touch every page, as copying the weights into a model does
    elif case == "safetensors_load_file":
        from safetensors.torch import load_file

        kept = load_file(f"{directory}/st/model.safetensors")
        for tensor in kept.values():
            tensor.sum()
    elif case == "cuda_context":
        if not torch.cuda.is_available():
            sampler.stop()
            return {"case": case, "what": CASES[case], "skipped": "no CUDA device"}
        a = torch.randn(1024, 1024, device="cuda")
        kept = (a @ a).sum().item()
    elif case == "from_config_fp32":
        config = transformers.LlamaConfig(**CONFIG)
        kept = transformers.LlamaForCausalLM(config).to(torch.float32)
    sampler.stop()
    after = {"anon_kib": status_kib("RssAnon"), "file_kib": status_kib("RssFile")}
    del kept
    return {
        "case": case,
        "what": CASES[case],
        "before": before,
        "after": after,
        "peak_anon_kib": sampler.peak_anon,
        "peak_file_kib": sampler.peak_file,
        "vm_hwm_kib": status_kib("VmHWM"),
    }


def write_checkpoint(directory: str) -> int:
    import torch
    import transformers

    torch.manual_seed(0)
    config = transformers.LlamaConfig(**CONFIG)
    model = transformers.LlamaForCausalLM(config).to(torch.bfloat16)
    model.save_pretrained(f"{directory}/st", safe_serialization=True, max_shard_size="100GB")
    os.makedirs(f"{directory}/bin", exist_ok=True)
    config.save_pretrained(f"{directory}/bin")
    torch.save(model.state_dict(), f"{directory}/bin/pytorch_model.bin")
    return sum(p.numel() for p in model.parameters())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--case")
    parser.add_argument("--dir")
    args = parser.parse_args()
    if args.case is not None:
        print(json.dumps(run_case(args.case, args.dir)))
        return
    import torch
    import transformers

    with tempfile.TemporaryDirectory() as directory:
        parameters = write_checkpoint(directory)
        records = []
        for case in CASES:
            output = subprocess.run(
                [sys.executable, __file__, "--out", args.out, "--case", case, "--dir", directory],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            records.append(json.loads(output.strip().splitlines()[-1]))
        result = {
            "torch": torch.__version__,
            "transformers": transformers.__version__,
            "parameters": parameters,
            "checkpoint_bytes_bf16": parameters * 2,
            "config": CONFIG,
            "records": records,
        }
    with open(args.out, "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
