import { BackendError, type DType, type Shape, type TensorInfo, fmtShape, sizeOf } from '@rectify/tensor';
import { MAX_INDEX } from '../codegen/index-code.js';
import type { KernelRunner, KernelSource } from '../runner.js';
import type { GpuStorage } from '../storage.js';

/** What every kernel implementation works with. */
export interface GpuContext {
  readonly runner: KernelRunner;
  readonly storage: GpuStorage;
}

/**
 * Runs kernel `key` — compiled from `build()` on first use — with `inputs` (device buffers, in the kernel's
 * parameter order) followed by `scalars`, into a new buffer of `shape`. Empty outputs never reach the device.
 */
export function launch(
  ctx: GpuContext,
  op: string,
  key: string,
  shape: Shape,
  dtype: DType,
  build: () => KernelSource,
  inputs: readonly TensorInfo[],
  scalars: readonly number[] = [],
): TensorInfo {
  const size = sizeOf(shape);
  if (size === 0) return ctx.storage.put(shape, dtype, null, null);
  for (const t of [...inputs.map((i) => i.shape), shape]) {
    if (sizeOf(t) >= MAX_INDEX) {
      throw new BackendError(
        `${op}: the gpu backend indexes with float32, so tensors must have fewer than 2^24 elements, received ${fmtShape(t)}`,
      );
    }
  }
  const args = [...inputs.map((t) => ctx.storage.device(t.dataId)), ...scalars];
  return ctx.storage.put(shape, dtype, ctx.runner.run(`${op} ${key}`, size, build, args), null);
}

/** A buffer holding one value everywhere, made on the host (it reaches the device when first used). */
export function filled(ctx: GpuContext, shape: Shape, dtype: DType, value: number): TensorInfo {
  const size = sizeOf(shape);
  const host =
    dtype === 'float32' ? new Float32Array(size) : dtype === 'int32' ? new Int32Array(size) : new Uint8Array(size);
  host.fill(value);
  return ctx.storage.put(shape, dtype, null, host);
}

/** Statement converting `v` the way an Int32Array store does (truncation, NaN and ±∞ to 0) or not at all. */
export function storeAs(dtype: DType, v: string): string {
  return dtype === 'int32' ? `rfToInt(${v})` : v;
}
