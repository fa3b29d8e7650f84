/**
 * Page-locked (pinned) host memory as PyTorch hands it out: `tensor.pin_memory()` and `torch.empty(...,
 * pin_memory=True)` go through the CUDA caching host allocator, which rounds every block up to the next power of two
 * (aten/src/ATen/core/CachingHostAllocator.h: c10::llvm::PowerOf2Ceil; pytorch issues 95823 and 150517: a 20.4 GiB
 * request pins 32 GiB) and keeps freed blocks cached for reuse instead of returning them to the system.
 */

/** The block the caching host allocator takes for a request of `bytes` (PowerOf2Ceil). */
export function pinnedBlockBytes(bytes: number): number {
  if (bytes <= 0) return 0;
  return 2 ** Math.ceil(Math.log2(bytes));
}

/** One kind of pinned buffer: `count` blocks of `bytes` each. */
export interface PinnedBuffers {
  readonly bytes: number;
  readonly count: number;
}

/** Bytes the rounding adds over the requests themselves. */
export function pinnedRoundingBytes(buffers: readonly PinnedBuffers[]): number {
  return buffers.reduce((sum, buffer) => sum + (pinnedBlockBytes(buffer.bytes) - buffer.bytes) * buffer.count, 0);
}

/**
 * `total` bytes held in blocks of at most `chunk` bytes each: DeepSpeed's ZeRO-3 sub groups of `sub_group_size`
 * elements (stage3.py _create_fp16_sub_groups) closes a group once it reaches the size, so all but the last are full.
 */
export function chunkedBuffers(total: number, chunk: number): PinnedBuffers[] {
  if (total <= 0) return [];
  if (chunk <= 0 || total <= chunk) return [{ bytes: total, count: 1 }];
  const full = Math.floor(total / chunk);
  const rest = total - full * chunk;
  return rest > 0
    ? [
        { bytes: chunk, count: full },
        { bytes: rest, count: 1 },
      ]
    : [{ bytes: chunk, count: full }];
}
