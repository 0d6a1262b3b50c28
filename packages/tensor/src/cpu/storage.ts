import type { DataId, TensorInfo } from '../backend/kernels.js';
import type { DType, TypedArray } from '../dtype.js';
import { BackendError } from '../errors.js';
import type { Shape } from '../shape.js';

/** The CPU backend's buffers: plain typed arrays keyed by an opaque id. */
export class CpuStorage {
  private readonly buffers = new Map<DataId, TypedArray>();
  private bytes = 0;

  put(values: TypedArray, shape: Shape, dtype: DType): TensorInfo {
    const dataId = {};
    this.buffers.set(dataId, values);
    this.bytes += values.byteLength;
    return { dataId, shape, dtype };
  }

  get(dataId: DataId): TypedArray {
    const v = this.buffers.get(dataId);
    if (!v) throw new BackendError('cpu: buffer not found (was the tensor disposed, or created by another backend?)');
    return v;
  }

  delete(dataId: DataId): void {
    const v = this.buffers.get(dataId);
    if (v) {
      this.bytes -= v.byteLength;
      this.buffers.delete(dataId);
    }
  }

  get count(): number {
    return this.buffers.size;
  }

  get numBytes(): number {
    return this.bytes;
  }
}
