import { BackendError, type DType, type TypedArray } from '@rectify/tensor';
import { Arena } from './arena.js';

/** A tensor buffer in the WebAssembly memory: the backend's DataId. */
export class WasmData {
  disposed = false;
  constructor(
    readonly ptr: number,
    /** Elements. */
    readonly length: number,
    readonly dtype: DType,
  ) {}

  get byteLength(): number {
    return this.length * (this.dtype === 'bool' ? 1 : 4);
  }
}

/**
 * The kernels' memory as the JavaScript side sees it: typed views (refreshed when the memory grows and, without
 * shared memory, the old buffer is detached), buffer allocation, and the count of live buffers that `memory()`
 * reports.
 */
export class Heap {
  private viewGeneration = -1;
  private f32View = new Float32Array(0);
  private i32View = new Int32Array(0);
  private u8View = new Uint8Array(0);
  private live = 0;
  private liveBytes = 0;
  readonly arena: Arena;

  constructor(
    readonly memory: WebAssembly.Memory,
    base: number,
    maxBytes: number,
  ) {
    this.arena = new Arena(memory, base, maxBytes);
  }

  private refresh(): void {
    if (this.viewGeneration === this.arena.generation) return;
    const buf = this.memory.buffer;
    this.f32View = new Float32Array(buf);
    this.i32View = new Int32Array(buf);
    this.u8View = new Uint8Array(buf);
    this.viewGeneration = this.arena.generation;
  }

  get f32(): Float32Array {
    this.refresh();
    return this.f32View;
  }

  get i32(): Int32Array {
    this.refresh();
    return this.i32View;
  }

  get u8(): Uint8Array {
    this.refresh();
    return this.u8View;
  }

  /** Raw scratch bytes for kernels (not counted as a tensor buffer); give them back with `freeScratch`. */
  scratch(bytes: number): number {
    return this.arena.alloc(bytes);
  }

  freeScratch(ptr: number, bytes: number): void {
    this.arena.release(ptr, bytes);
  }

  /** A new, uninitialised tensor buffer. Empty tensors take no memory. */
  alloc(dtype: DType, length: number): WasmData {
    const bytes = length * (dtype === 'bool' ? 1 : 4);
    const ptr = bytes === 0 ? 0 : this.arena.alloc(bytes);
    this.live++;
    this.liveBytes += bytes;
    return new WasmData(ptr, length, dtype);
  }

  free(data: WasmData): void {
    if (data.disposed) return;
    data.disposed = true;
    this.live--;
    this.liveBytes -= data.byteLength;
    if (data.byteLength > 0) this.arena.release(data.ptr, data.byteLength);
  }

  /** A live view of the buffer's values; valid until the next allocation (which may grow the memory). */
  view(data: WasmData): TypedArray {
    if (data.disposed) throw new BackendError('wasm backend: buffer was already disposed');
    if (data.length === 0)
      return data.dtype === 'float32'
        ? new Float32Array(0)
        : data.dtype === 'int32'
          ? new Int32Array(0)
          : new Uint8Array(0);
    const buf = this.memory.buffer;
    switch (data.dtype) {
      case 'float32':
        return new Float32Array(buf, data.ptr, data.length);
      case 'int32':
        return new Int32Array(buf, data.ptr, data.length);
      case 'bool':
        return new Uint8Array(buf, data.ptr, data.length);
    }
  }

  get numBuffers(): number {
    return this.live;
  }

  get numBytes(): number {
    return this.liveBytes;
  }
}
