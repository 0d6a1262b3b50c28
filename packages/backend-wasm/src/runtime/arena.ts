import { BackendError } from '@rectify/tensor';

const ALIGN = 64;
const PAGE = 65536;

/**
 * The allocator for tensor buffers inside the WebAssembly memory. A training step frees and re-creates buffers of
 * the same sizes every step, so freed blocks go to per-size free lists and come straight back: after the first
 * step nothing new is carved out. Blocks are 64-byte aligned (whole cache lines: SIMD loads stay aligned and two
 * threads never write the same line across a buffer boundary). When the top of memory is reached the free lists are
 * merged (adjacent blocks coalesce, a free tail returns to the top) and searched for a fit before the memory grows.
 */
export class Arena {
  private top: number;
  private readonly base: number;
  private readonly free = new Map<number, number[]>();
  private freeBytes = 0;
  private capacity: number;
  /** Bumped whenever the memory grows, so views over the old buffer can be refreshed. */
  generation = 0;

  constructor(
    private readonly memory: WebAssembly.Memory,
    base: number,
    private readonly maxBytes: number,
  ) {
    this.base = roundUp(base, ALIGN);
    this.top = this.base;
    this.capacity = memory.buffer.byteLength;
  }

  /** Bytes between the base and the top: what the allocator has ever carved out, live or free. */
  get reservedBytes(): number {
    return this.top - this.base;
  }

  /** Bytes of freed blocks waiting for reuse. */
  get cachedBytes(): number {
    return this.freeBytes;
  }

  alloc(bytes: number): number {
    const size = roundUp(Math.max(bytes, 1), ALIGN);
    const list = this.free.get(size);
    if (list && list.length > 0) {
      this.freeBytes -= size;
      return list.pop()!;
    }
    if (this.top + size <= this.capacity) return this.bump(size);
    this.coalesce();
    const fit = this.takeFit(size);
    if (fit >= 0) return fit;
    if (this.top + size > this.capacity) this.grow(this.top + size);
    return this.bump(size);
  }

  release(ptr: number, bytes: number): void {
    const size = roundUp(Math.max(bytes, 1), ALIGN);
    let list = this.free.get(size);
    if (!list) this.free.set(size, (list = []));
    list.push(ptr);
    this.freeBytes += size;
  }

  private bump(size: number): number {
    const ptr = this.top;
    this.top += size;
    return ptr;
  }

  /** Merges adjacent free blocks and gives a free tail back to the top. */
  private coalesce(): void {
    const blocks: Array<[number, number]> = [];
    for (const [size, ptrs] of this.free) for (const p of ptrs) blocks.push([p, size]);
    blocks.sort((a, b) => a[0] - b[0]);
    this.free.clear();
    this.freeBytes = 0;
    const merged: Array<[number, number]> = [];
    for (const b of blocks) {
      const last = merged[merged.length - 1];
      if (last && last[0] + last[1] === b[0]) last[1] += b[1];
      else merged.push([b[0], b[1]]);
    }
    const tail = merged[merged.length - 1];
    if (tail && tail[0] + tail[1] === this.top) {
      this.top = tail[0];
      merged.pop();
    }
    for (const [p, s] of merged) this.release(p, s);
  }

  /** The smallest free block of at least `size` bytes, split if larger; −1 if none. */
  private takeFit(size: number): number {
    let best = -1;
    for (const [s, ptrs] of this.free) if (s >= size && ptrs.length > 0 && (best < 0 || s < best)) best = s;
    if (best < 0) return -1;
    const ptr = this.free.get(best)!.pop()!;
    this.freeBytes -= best;
    if (best > size) this.release(ptr + size, best - size);
    return ptr;
  }

  private grow(needed: number): void {
    const current = this.capacity;
    if (needed > this.maxBytes) {
      throw new BackendError(
        `wasm backend: out of memory: ${needed} bytes needed, the WebAssembly memory is limited to ${this.maxBytes} bytes`,
      );
    }
    // Grow by at least a quarter, so a sequence of growing allocations does not grow page by page.
    const target = Math.min(this.maxBytes, Math.max(needed, current + current / 4));
    this.memory.grow(Math.ceil((target - current) / PAGE));
    this.capacity = this.memory.buffer.byteLength;
    this.generation++;
  }
}

function roundUp(n: number, m: number): number {
  return Math.ceil(n / m) * m;
}
