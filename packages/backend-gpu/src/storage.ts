import {
  BackendError,
  type DataId,
  type DType,
  type Shape,
  type TensorInfo,
  type TypedArray,
  sizeOf,
} from '@rectify/tensor';
import type { DeviceArray, GpuTexture } from './gpujs.js';
import type { KernelRunner } from './runner.js';

/**
 * One buffer. Every dtype lives on the device as float32 (GPUs have no int32/bool textures worth the name), and
 * is converted back on read. `host` caches the values in their dtype: written tensors keep what was written,
 * read tensors keep what was read, so neither side is transferred twice.
 */
export interface GpuData {
  readonly shape: Shape;
  readonly dtype: DType;
  readonly size: number;
  device: DeviceArray | null;
  host: TypedArray | null;
}

function isTexture(d: DeviceArray): d is GpuTexture {
  return !(d instanceof Float32Array);
}

function toDType(values: Float32Array, dtype: DType): TypedArray {
  // Typed-array stores convert as the CPU backend's do: int32 truncates (NaN → 0), bool wraps to 8 bits.
  if (dtype === 'float32') return values;
  return dtype === 'int32' ? Int32Array.from(values) : Uint8Array.from(values);
}

/**
 * The backend's buffers. Device memory is released in `delete`, which the engine calls when the last tensor
 * sharing a buffer is disposed (by `dispose()` or `tidy()`); `numBytes` counts 4 bytes per element, the
 * float32 the device holds for every dtype.
 */
export class GpuStorage {
  private readonly buffers = new Map<DataId, GpuData>();
  private bytes = 0;
  /** Host → device transfers (first use of a written buffer) and device → host ones (first read of a result). */
  uploads = 0;
  readbacks = 0;

  constructor(private readonly runner: KernelRunner) {}

  put(shape: Shape, dtype: DType, device: DeviceArray | null, host: TypedArray | null): TensorInfo {
    const dataId = {};
    const size = sizeOf(shape);
    this.buffers.set(dataId, { shape, dtype, size, device, host });
    this.bytes += 4 * size;
    return { dataId, shape, dtype };
  }

  get(dataId: DataId): GpuData {
    const d = this.buffers.get(dataId);
    if (!d) throw new BackendError('gpu: buffer not found (was the tensor disposed, or created by another backend?)');
    return d;
  }

  /** The buffer as a kernel argument: a texture on GL (uploaded once, on first use), a Float32Array elsewhere. */
  device(dataId: DataId): DeviceArray {
    const d = this.get(dataId);
    if (d.device && (!this.runner.gl || isTexture(d.device))) return d.device;
    const values = d.device ?? (d.host instanceof Float32Array ? d.host : Float32Array.from(d.host ?? []));
    if (d.size === 0) throw new BackendError('gpu: internal error: an empty buffer was passed to a kernel');
    this.uploads++;
    d.device = this.runner.gl
      ? this.runner.run(
          `upload ${d.size}`,
          d.size,
          () => ({ source: 'function (x) {\n  return x[this.thread.x];\n}' }),
          [values],
        )
      : values;
    return d.device;
  }

  readSync(dataId: DataId): TypedArray {
    const d = this.get(dataId);
    if (d.host) return d.host;
    if (d.size === 0 || !d.device) {
      d.host = toDType(new Float32Array(d.size), d.dtype);
      return d.host;
    }
    const raw = isTexture(d.device) ? d.device.toArray() : d.device;
    this.readbacks++;
    if (!(raw instanceof Float32Array))
      throw new BackendError('gpu: internal error: a kernel output is not a flat Float32Array');
    d.host = toDType(raw, d.dtype);
    return d.host;
  }

  delete(dataId: DataId): void {
    const d = this.buffers.get(dataId);
    if (!d) return;
    if (d.device && isTexture(d.device)) d.device.delete();
    d.device = null;
    d.host = null;
    this.bytes -= 4 * d.size;
    this.buffers.delete(dataId);
  }

  get count(): number {
    return this.buffers.size;
  }

  get numBytes(): number {
    return this.bytes;
  }
}
