import type { KernelSpecs, TensorInfo } from '../backend/kernels.js';
import { biasLoop } from './loops.js';
import type { CpuStorage } from './storage.js';

export function biasActivation(
  store: CpuStorage,
  [z, bias]: KernelSpecs['biasActivation']['inputs'],
  { fn, a, b }: KernelSpecs['biasActivation']['attrs'],
): TensorInfo {
  const zs = store.get(z.dataId);
  const units = z.shape[z.shape.length - 1] ?? 1;
  const out = new Float32Array(zs.length);
  if (zs.length > 0) biasLoop(fn)(fn.f, zs, store.get(bias.dataId), out, zs.length / units, units, a, b);
  return store.put(out, z.shape, 'float32');
}
