/**
 * Items in order of a time that is costly to work out, given a cheap floor under it: items come out as if every time
 * had been worked out and the items sorted by it (ties in the order they were added), while only the times of items
 * whose floor comes up are worked out. The caller works out the time of an entry that comes out untimed and hands it
 * back with `timed`.
 */
export interface QueueEntry<T> {
  readonly item: T;
  /** The floor until `timed`, then the time. */
  time: number;
  timed: boolean;
  readonly order: number;
}

/** Untimed entries first among equal times (one may still turn out equal and earlier), then order of adding. */
const before = <T>(a: QueueEntry<T>, b: QueueEntry<T>): boolean =>
  a.time !== b.time ? a.time < b.time : a.timed !== b.timed ? !a.timed : a.order < b.order;

export class TimeQueue<T> {
  /** Untimed entries by floor, and the index of the first not yet handed out. */
  private readonly untimed: QueueEntry<T>[] = [];
  private cursor = 0;
  /** Timed entries not yet handed out, a binary min-heap by `before`. */
  private readonly heap: QueueEntry<T>[] = [];

  add(item: T, floor: number): void {
    this.untimed.push({ item, time: floor, timed: false, order: this.untimed.length });
  }

  /** Call once every item is added. */
  start(): void {
    this.untimed.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  }

  /** The next entry by time, or null when none is left. */
  next(): QueueEntry<T> | null {
    const untimed = this.untimed[this.cursor];
    const timed = this.heap[0];
    if (untimed !== undefined && (timed === undefined || before(untimed, timed))) {
      this.cursor += 1;
      return untimed;
    }
    return timed === undefined ? null : this.pop();
  }

  /** Hands back an entry `next` gave untimed, with its time (never below its floor). */
  timed(entry: QueueEntry<T>, time: number): void {
    entry.time = time;
    entry.timed = true;
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private pop(): QueueEntry<T> {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
        if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
        i = smallest;
      }
    }
    return top;
  }
}
