// Fused optimizer updates: one pass over the parameter, its gradient and the optimizer's slots, instead of the
// ten elementwise ops (and ten temporary buffers) the composed update takes.
import { AdamArgs } from './abi';
import { CHUNK, F32, argF, argI, claim } from './common';

/**
 * Task: Adam in the bias-corrected step-size form Keras and rectify's Adam optimizer use:
 *   m ← m + (1−β₁)(g − m);  v ← v + (1−β₂)(g² − v);  w ← w·keep − α·m/(√v + ε),  α = lr·√(1−β₂ᵗ)/(1−β₁ᵗ)
 * where keep = 1 − lr·weightDecay (AdamW's decoupled decay; exactly 1 for Adam, so w·keep is w).
 * Parameters: n w g m v wOut mOut vOut α ε 1−β₁ 1−β₂ keep (the complements precomputed in float64: 1 − f32(0.999)
 * is 1.3e-5 off in relative terms). Outputs may alias inputs.
 */
export function adam(args: usize, _tid: i32, _nt: i32): void {
  const n = argI(args, AdamArgs.n);
  const units = (n + CHUNK - 1) / CHUNK;
  for (let u = claim(args); u < units; u = claim(args)) adamRange(args, u * CHUNK, min(n, (u + 1) * CHUNK));
}

function adamRange(args: usize, s: i32, e: i32): void {
  const w = <usize>argI(args, AdamArgs.w),
    g = <usize>argI(args, AdamArgs.g),
    m = <usize>argI(args, AdamArgs.m),
    v = <usize>argI(args, AdamArgs.v);
  const wOut = <usize>argI(args, AdamArgs.wOut),
    mOut = <usize>argI(args, AdamArgs.mOut),
    vOut = <usize>argI(args, AdamArgs.vOut);
  const alpha = argF(args, AdamArgs.alpha),
    eps = argF(args, AdamArgs.epsilon),
    o1 = argF(args, AdamArgs.oneMinusBeta1),
    o2 = argF(args, AdamArgs.oneMinusBeta2),
    keep = argF(args, AdamArgs.keep);
  const av = f32x4.splat(alpha),
    ev = f32x4.splat(eps),
    o1v = f32x4.splat(o1),
    o2v = f32x4.splat(o2),
    kv = f32x4.splat(keep);
  let i = s;
  for (; i + 4 <= e; i += 4) {
    const gi = v128.load(F32.at(g, i));
    const m0 = v128.load(F32.at(m, i));
    const v0 = v128.load(F32.at(v, i));
    const mi = f32x4.add(m0, f32x4.mul(f32x4.sub(gi, m0), o1v));
    const vi = f32x4.add(v0, f32x4.mul(f32x4.sub(f32x4.mul(gi, gi), v0), o2v));
    const step = f32x4.div(f32x4.mul(mi, av), f32x4.add(f32x4.sqrt(vi), ev));
    v128.store(F32.at(wOut, i), f32x4.sub(f32x4.mul(v128.load(F32.at(w, i)), kv), step));
    v128.store(F32.at(mOut, i), mi);
    v128.store(F32.at(vOut, i), vi);
  }
  for (; i < e; i++) {
    const gi = load<f32>(F32.at(g, i));
    const m0 = load<f32>(F32.at(m, i));
    const v0 = load<f32>(F32.at(v, i));
    const mi = m0 + (gi - m0) * o1;
    const vi = v0 + (gi * gi - v0) * o2;
    store<f32>(F32.at(wOut, i), load<f32>(F32.at(w, i)) * keep - (mi * alpha) / (sqrt<f32>(vi) + eps));
    store<f32>(F32.at(mOut, i), mi);
    store<f32>(F32.at(vOut, i), vi);
  }
}
