import type { KernelSpecs, TensorInfo } from '../backend/kernels.js';
import { sigmoidFn, tanhFn } from '../math-fns.js';
import type { CpuStorage } from './storage.js';

// The reference GRU pointwise kernels (Keras' resetAfter form), from the unary kernels' sigmoid and tanh.
const sig = (x: number) => sigmoidFn.f(x, 0, 0);
const dsig = (x: number) => sigmoidFn.df!(x, 0, 0);
const th = (x: number) => tanhFn.f(x, 0, 0);
const dth = (x: number) => tanhFn.df!(x, 0, 0);

export function gruCell(store: CpuStorage, [zx, zh, h]: KernelSpecs['gruCell']['inputs']): TensorInfo {
  const [batch, units] = h.shape as [number, number];
  const [xs, hs, prev] = [store.get(zx.dataId), store.get(zh.dataId), store.get(h.dataId)];
  const out = new Float32Array(batch * units);
  for (let r = 0; r < batch; r++) {
    for (let j = 0; j < units; j++) {
      const [iz, ir, ih] = [3 * units * r + j, 3 * units * r + units + j, 3 * units * r + 2 * units + j];
      const k = r * units + j;
      const z = sig(xs[iz]! + hs[iz]!);
      const cand = th(xs[ih]! + sig(xs[ir]! + hs[ir]!) * hs[ih]!);
      out[k] = cand + z * (prev[k]! - cand);
    }
  }
  return store.put(out, h.shape, 'float32');
}

export function gruCellGrad(
  store: CpuStorage,
  [zx, zh, h, dy]: KernelSpecs['gruCellGrad']['inputs'],
  { wrt }: KernelSpecs['gruCellGrad']['attrs'],
): TensorInfo {
  const [batch, units] = h.shape as [number, number];
  const [xs, hs, prev, gs] = [store.get(zx.dataId), store.get(zh.dataId), store.get(h.dataId), store.get(dy.dataId)];
  const out = new Float32Array(wrt === 'h' ? batch * units : 3 * batch * units);
  for (let r = 0; r < batch; r++) {
    for (let j = 0; j < units; j++) {
      const [iz, ir, ih] = [3 * units * r + j, 3 * units * r + units + j, 3 * units * r + 2 * units + j];
      const k = r * units + j;
      const g = gs[k]!;
      const z = sig(xs[iz]! + hs[iz]!);
      if (wrt === 'h') {
        out[k] = g * z;
        continue;
      }
      const rs = sig(xs[ir]! + hs[ir]!);
      const a = xs[ih]! + rs * hs[ih]!;
      const da = g * (1 - z) * dth(a);
      out[iz] = g * (prev[k]! - th(a)) * dsig(xs[iz]! + hs[iz]!);
      out[ir] = da * hs[ih]! * dsig(xs[ir]! + hs[ir]!);
      out[ih] = wrt === 'zx' ? da : da * rs;
    }
  }
  return store.put(out, wrt === 'h' ? h.shape : zx.shape, 'float32');
}
