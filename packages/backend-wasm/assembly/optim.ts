// Fused optimizer updates: one pass over the parameter, its gradient and the optimizer's slots, instead of the
// ten elementwise ops (and ten temporary buffers) the composed update takes.
import { argF, argI, at, chunkStart } from './common';

/**
 * Task: Adam (Kingma & Ba, Algorithm 1). Parameters: n p g m v pOut mOut vOut lr beta1 beta2 eps c1 c2 1−beta1
 * 1−beta2, where c1 = 1/(1 − beta1ᵗ) and c2 = 1/(1 − beta2ᵗ) are the bias corrections; the complements come in
 * precomputed because 1 − f32(0.999) is 1.3e-5 off in relative terms. Outputs may alias inputs.
 *   m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  p ← p − lr·(c1·m) / (√(c2·v) + ε)
 */
export function adam(args: usize, tid: i32, nt: i32): void {
  const n = argI(args, 0);
  const s = chunkStart(n, tid, nt, 16);
  const e = chunkStart(n, tid + 1, nt, 16);
  const p = <usize>argI(args, 1), g = <usize>argI(args, 2), m = <usize>argI(args, 3), v = <usize>argI(args, 4);
  const pOut = <usize>argI(args, 5), mOut = <usize>argI(args, 6), vOut = <usize>argI(args, 7);
  const lr = argF(args, 8), b1 = argF(args, 9), b2 = argF(args, 10), eps = argF(args, 11);
  const c1 = argF(args, 12), c2 = argF(args, 13), o1 = argF(args, 14), o2 = argF(args, 15);
  const lrv = f32x4.splat(lr), b1v = f32x4.splat(b1), b2v = f32x4.splat(b2), epsv = f32x4.splat(eps);
  const ob1 = f32x4.splat(o1), ob2 = f32x4.splat(o2), c1v = f32x4.splat(c1), c2v = f32x4.splat(c2);
  let i = s;
  for (; i + 4 <= e; i += 4) {
    const gi = v128.load(at(g, i));
    const mi = f32x4.add(f32x4.mul(b1v, v128.load(at(m, i))), f32x4.mul(ob1, gi));
    const vi = f32x4.add(f32x4.mul(b2v, v128.load(at(v, i))), f32x4.mul(ob2, f32x4.mul(gi, gi)));
    const step = f32x4.div(f32x4.mul(lrv, f32x4.mul(c1v, mi)), f32x4.add(f32x4.sqrt(f32x4.mul(c2v, vi)), epsv));
    v128.store(at(pOut, i), f32x4.sub(v128.load(at(p, i)), step));
    v128.store(at(mOut, i), mi);
    v128.store(at(vOut, i), vi);
  }
  for (; i < e; i++) {
    const gi = load<f32>(at(g, i));
    const mi = b1 * load<f32>(at(m, i)) + o1 * gi;
    const vi = b2 * load<f32>(at(v, i)) + o2 * gi * gi;
    store<f32>(at(pOut, i), load<f32>(at(p, i)) - (lr * (c1 * mi)) / (sqrt<f32>(c2 * vi) + eps));
    store<f32>(at(mOut, i), mi);
    store<f32>(at(vOut, i), vi);
  }
}
