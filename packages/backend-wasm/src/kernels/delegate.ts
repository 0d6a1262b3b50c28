import { CpuBackend, type KernelSpecs, type TensorInfo } from '@rectify/tensor';
import type { Context } from '../context.js';

/** Kernels this backend leaves to the reference implementation: layout ops and rarely hot ones. */
export type DelegatedKernel =
  'where' | 'argReduce' | 'reduce' | 'transpose' | 'slice' | 'concat' | 'pad' | 'tile' | 'scatterAdd';

let reference: CpuBackend | null = null;

/**
 * Runs the cpu backend's kernel directly on views of the WebAssembly memory — no input copies — and copies its
 * result in. Used for the kernels that are data movement or bookkeeping rather than arithmetic (gather, pad,
 * concat …), so they keep exactly the reference semantics without a second implementation.
 */
export function delegate<K extends DelegatedKernel>(
  ctx: Context,
  op: K,
  inputs: KernelSpecs[K]['inputs'],
  attrs: KernelSpecs[K]['attrs'],
): TensorInfo {
  const cpu = (reference ??= new CpuBackend());
  const onCpu = (inputs as readonly TensorInfo[]).map((t) => cpu.write(ctx.heap.view(ctx.data(t)), t.shape, t.dtype));
  try {
    const kernel = cpu.kernels[op] as (i: TensorInfo[], a: KernelSpecs[K]['attrs']) => TensorInfo;
    const result = kernel(onCpu, attrs);
    try {
      const values = cpu.readSync(result.dataId);
      const out = ctx.out(result.dtype, values.length);
      if (values.length > 0) ctx.heap.view(out).set(values);
      return { dataId: out, shape: result.shape, dtype: result.dtype };
    } finally {
      if (!onCpu.some((t) => t.dataId === result.dataId)) cpu.disposeData(result.dataId);
    }
  } finally {
    for (const t of onCpu) cpu.disposeData(t.dataId);
  }
}
