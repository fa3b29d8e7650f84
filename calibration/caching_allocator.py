"""A model of PyTorch's CUDA caching allocator, for replaying a trace's allocations (trace.py) without a GPU.

It follows c10/cuda/CUDACachingAllocator.cpp (DeviceCachingAllocator) for one device and one stream, with the
default settings (no max_split_size, no garbage collection threshold, no memory fraction) and, as an option,
PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True:

  - round_size: requests are rounded up to a multiple of kMinBlockSize = 512 bytes (512 at least);
  - get_pool: rounded sizes up to kSmallSize = 1 MiB go to the small pool, larger ones to the large pool;
  - get_free_block: the smallest free block of the pool that fits (BlockComparatorSize: size, then address);
  - get_allocation_size: without a fitting block a new segment is cudaMalloc'ed: 2 MiB (kSmallBuffer) for the small
    pool, 20 MiB (kLargeBuffer) for requests under 10 MiB (kMinLargeAlloc), otherwise the request rounded up to
    2 MiB (kRoundLarge);
  - should_split: a block larger than the request is split, the request taking its start, when the remainder is at
    least 512 bytes (small pool, or any pool with expandable segments) or more than 1 MiB (large pool); otherwise the
    request gets the whole block (and max_memory_allocated counts the whole block);
  - free_block: a freed block merges with free neighbours of the same segment;
  - expandable segments: one segment per pool whose pages (2 MiB small, 20 MiB large) are mapped on demand at the
    lowest address with room (find_expandable_block, map_block); reserved bytes are the mapped pages.

Segments are never given back here: a training run that does not run out of memory never triggers the allocator's
release of cached blocks (release_cached_blocks runs only when cudaMalloc fails, or on empty_cache()).
"""
import bisect

MIN_BLOCK = 512  # kMinBlockSize
SMALL_SIZE = 1 << 20  # kSmallSize
SMALL_BUFFER = 2 << 20  # kSmallBuffer
LARGE_BUFFER = 20 << 20  # kLargeBuffer
MIN_LARGE_ALLOC = 10 << 20  # kMinLargeAlloc
ROUND_LARGE = 2 << 20  # kRoundLarge


def round_size(size):
    return MIN_BLOCK if size < MIN_BLOCK else -(-size // MIN_BLOCK) * MIN_BLOCK


def allocation_size(size):
    if size <= SMALL_SIZE:
        return SMALL_BUFFER
    if size < MIN_LARGE_ALLOC:
        return LARGE_BUFFER
    return -(-size // ROUND_LARGE) * ROUND_LARGE


class Block:
    __slots__ = ("size", "ptr", "allocated", "mapped", "prev", "next", "small")

    def __init__(self, size, ptr, small, mapped=True):
        self.size = size
        self.ptr = ptr
        self.allocated = False
        self.mapped = mapped
        self.prev = None
        self.next = None
        self.small = small


class Pool:
    """Free mapped blocks ordered by (size, address), as BlockComparatorSize orders them on one stream."""

    def __init__(self, small):
        self.small = small
        self.keys = []
        self.blocks = {}

    def insert(self, block):
        key = (block.size, block.ptr)
        bisect.insort(self.keys, key)
        self.blocks[key] = block

    def remove(self, block):
        key = (block.size, block.ptr)
        index = bisect.bisect_left(self.keys, key)
        assert self.keys[index] == key
        del self.keys[index]
        del self.blocks[key]

    def best_fit(self, size, expandable=False):
        index = bisect.bisect_left(self.keys, (size, -1))
        if index == len(self.keys):
            return None
        block = self.blocks[self.keys[index]]
        # get_free_block with expandable segments: a free block before unmapped pages counts as the size it can grow
        # to, so a fitting block elsewhere in the segment is taken first.
        if expandable and block.next is not None and not block.next.mapped and index + 1 < len(self.keys):
            return self.blocks[self.keys[index + 1]]
        return block


class CachingAllocator:
    def __init__(self, expandable_segments=False):
        self.expandable = expandable_segments
        self.pools = {True: Pool(True), False: Pool(False)}
        self.segments = {}  # expandable: pool kind -> first block of its address space
        self.next_address = 1 << 40
        self.allocated = 0
        self.reserved = 0
        self.peak_allocated = 0
        self.peak_reserved = 0
        self.segment_count = 0

    def reset_peaks(self):
        self.peak_allocated = self.allocated
        self.peak_reserved = self.reserved

    def _new_address(self, size):
        address = self.next_address
        self.next_address += size + (1 << 30)  # segments never touch: they do not merge
        return address

    def malloc(self, nbytes):
        size = round_size(nbytes)
        small = size <= SMALL_SIZE
        pool = self.pools[small]
        block = pool.best_fit(size, self.expandable)
        if block is not None:
            pool.remove(block)
        elif self.expandable:
            block = self._map_expandable(pool, size)
        else:
            block = Block(allocation_size(size), self._new_address(allocation_size(size)), small)
            self.reserved += block.size
            self.segment_count += 1
        remaining = block.size - size
        split = remaining >= MIN_BLOCK if (small or self.expandable) else remaining > SMALL_SIZE
        if split:
            rest = Block(remaining, block.ptr + size, small)
            rest.prev, rest.next = block, block.next
            if block.next is not None:
                block.next.prev = rest
            block.next = rest
            block.size = size
            pool.insert(rest)
        block.allocated = True
        self.allocated += block.size
        self.peak_allocated = max(self.peak_allocated, self.allocated)
        self.peak_reserved = max(self.peak_reserved, self.reserved)
        return block

    def free(self, block):
        block.allocated = False
        self.allocated -= block.size
        pool = self.pools[block.small]
        for neighbour in (block.prev, block.next):
            if neighbour is None or neighbour.allocated or neighbour.mapped != block.mapped:
                continue
            if neighbour.mapped:
                pool.remove(neighbour)
            self._merge(block, neighbour)
        pool.insert(block)

    @staticmethod
    def _merge(block, neighbour):
        if neighbour is block.prev:
            block.ptr = neighbour.ptr
            block.prev = neighbour.prev
            if block.prev is not None:
                block.prev.next = block
        else:
            block.next = neighbour.next
            if block.next is not None:
                block.next.prev = block
        block.size += neighbour.size

    def _map_expandable(self, pool, size):
        """find_expandable_block + map_block: the segment's unmapped tail, with the free block just before it, mapped
        in whole pages until it holds `size` bytes."""
        page = SMALL_BUFFER if pool.small else LARGE_BUFFER
        tail = self.segments.get(pool.small)
        if tail is None:
            tail = Block(1 << 50, self._new_address(1 << 50), pool.small, mapped=False)
            self.segments[pool.small] = tail
            self.segment_count += 1
        candidate = tail.prev if tail.prev is not None and not tail.prev.allocated else None
        have = candidate.size if candidate is not None else 0
        pages = -(-(size - have) // page)
        mapped = Block(pages * page, tail.ptr, pool.small)
        self.reserved += mapped.size
        mapped.prev, mapped.next = tail.prev, tail
        if tail.prev is not None:
            tail.prev.next = mapped
        tail.prev = mapped
        tail.ptr += mapped.size
        tail.size -= mapped.size
        if candidate is not None:
            pool.remove(candidate)
            self._merge(mapped, candidate)
        return mapped
