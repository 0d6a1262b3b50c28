import type { KernelSpecs, TensorInfo } from '../backend/kernels.js';
import { sigmoidFn, tanhFn } from '../math-fns.js';
import type { CpuStorage } from './storage.js';

// The reference LSTM pointwise kernels, from the same scalar sigmoid and tanh (and their derivatives) the unary
// kernels use, so the fused path agrees with the composed ops to rounding.
const sig = sigmoidFn.f;
const dsig = sigmoidFn.df!;
const th = tanhFn.f;
const dth = tanhFn.df!;

export function lstmCell(
  store: CpuStorage,
  [z, c]: KernelSpecs['lstmCell']['inputs'],
  { part }: KernelSpecs['lstmCell']['attrs'],
): TensorInfo {
  const [batch, units] = c.shape as [number, number];
  const zs = store.get(z.dataId);
  const cs = store.get(c.dataId);
  const out = new Float32Array(batch * units);
  for (let r = 0; r < batch; r++) {
    const zr = 4 * units * r;
    for (let j = 0; j < units; j++) {
      const k = r * units + j;
      out[k] =
        part === 'state'
          ? sig(zs[zr + units + j]!, 0, 0) * cs[k]! + sig(zs[zr + j]!, 0, 0) * th(zs[zr + 2 * units + j]!, 0, 0)
          : sig(zs[zr + 3 * units + j]!, 0, 0) * th(cs[k]!, 0, 0);
    }
  }
  return store.put(out, c.shape, 'float32');
}

export function lstmCellGrad(
  store: CpuStorage,
  [z, c, dy]: KernelSpecs['lstmCellGrad']['inputs'],
  { part, wrt }: KernelSpecs['lstmCellGrad']['attrs'],
): TensorInfo {
  const [batch, units] = c.shape as [number, number];
  const zs = store.get(z.dataId);
  const cs = store.get(c.dataId);
  const gs = store.get(dy.dataId);
  const out = new Float32Array(wrt === 'z' ? 4 * batch * units : batch * units);
  for (let r = 0; r < batch; r++) {
    const zr = 4 * units * r;
    for (let j = 0; j < units; j++) {
      const k = r * units + j;
      const g = gs[k]!;
      if (part === 'state') {
        const [zi, zf, zg] = [zs[zr + j]!, zs[zr + units + j]!, zs[zr + 2 * units + j]!];
        if (wrt === 'c') out[k] = g * sig(zf, 0, 0);
        else {
          out[zr + j] = g * th(zg, 0, 0) * dsig(zi, 0, 0);
          out[zr + units + j] = g * cs[k]! * dsig(zf, 0, 0);
          out[zr + 2 * units + j] = g * sig(zi, 0, 0) * dth(zg, 0, 0);
        }
      } else {
        const zo = zs[zr + 3 * units + j]!;
        if (wrt === 'c') out[k] = g * sig(zo, 0, 0) * dth(cs[k]!, 0, 0);
        else out[zr + 3 * units + j] = g * th(cs[k]!, 0, 0) * dsig(zo, 0, 0);
      }
    }
  }
  return store.put(out, wrt === 'z' ? z.shape : c.shape, 'float32');
}
