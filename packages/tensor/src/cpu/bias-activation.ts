import type { KernelSpecs, TensorInfo } from '../backend/kernels.js';
import type { TypedArray } from '../dtype.js';
import type { UnaryFn } from '../scalar-fn.js';
import { loopCache } from './compile.js';
import type { CpuStorage } from './storage.js';

type Fn1 = (x: number, a: number, b: number) => number;

function biasTemplate(
  f: Fn1,
  z: TypedArray,
  bias: TypedArray,
  out: Float32Array,
  rows: number,
  units: number,
  a: number,
  b: number,
): void {
  let o = 0;
  for (let r = 0; r < rows; r++) {
    // Math.fround: the sum is rounded to float32 as the composed add would store it before fn sees it.
    for (let j = 0; j < units; j++, o++) out[o] = f(Math.fround(z[o]! + bias[j]!), a, b);
  }
}

// A loop of its own per function keeps the call monomorphic so V8 inlines `fn.f` (see compile.ts).
const biasLoop = loopCache<UnaryFn, typeof biasTemplate>(biasTemplate);

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
