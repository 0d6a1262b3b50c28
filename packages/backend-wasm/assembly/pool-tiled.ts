// Pooling whose windows tile the input (stride = window, no padding, channels a multiple of 4) — the 2×2 max pool
// of nearly every CNN. No window overlaps another, so the gradient writes each element of dx exactly once, by
// whichever thread owns its window row: no zeroing pass and no scattered read-modify-write stores, which made the
// general kernel 4–5× slower than the memory traffic allows. Rows or columns past the last whole window (a 'valid'
// pool of an odd size) get zeros. Results equal the general kernels' (pool.ts) bit for bit: the same comparisons in
// the same window order. Parameters: PoolArgs of abi.ts.
import { PoolArgs, PoolCode } from './abi';
import { argI, claim } from './common';

// One task does both directions (dx set: the gradient), reading the geometry into locals: kernels allocate nothing
// (the stub runtime would bump-allocate inside the shared heap). The 2×2 max pool, the common case, has its windows
// written out: with loops of two taps each it ran no faster than the general kernel.

class Window {
  /** `v` replaces `acc` when greater, or NaN: NaN wins and the first of equal values stays (as pool.ts). */
  @inline static maxStep(acc: v128, v: v128): v128 {
    return v128.bitselect(v, acc, v128.or(f32x4.gt(v, acc), f32x4.ne(v, v)));
  }

  /** 0 + (g where `mask`): the general kernel adds into zeroed memory, so −0 is stored as +0 there too. */
  @inline static share(g: v128, mask: v128): v128 {
    return f32x4.add(f32x4.splat(0), v128.and(g, mask));
  }
}

/**
 * Task: y = pool(x), or — when dx is set — dx from dy (and x, for max), for windows that tile the input. Threads
 * claim output rows, so each owns whole bands of input rows.
 */
export function poolTiled(args: usize, _tid: i32, _nt: i32): void {
  const x = <usize>argI(args, PoolArgs.x);
  const dy = <usize>argI(args, PoolArgs.dy);
  const dx = <usize>argI(args, PoolArgs.dx);
  const max = argI(args, PoolArgs.code) == PoolCode.max;
  const inH = argI(args, PoolArgs.inH),
    outH = argI(args, PoolArgs.outH),
    outW = argI(args, PoolArgs.outW),
    kH = argI(args, PoolArgs.kH),
    kW = argI(args, PoolArgs.kW);
  const pixelBytes = (<usize>argI(args, PoolArgs.channels)) << 2;
  const rowBytes = <usize>argI(args, PoolArgs.inW) * pixelBytes;
  const windowBytes = <usize>kW * pixelBytes;
  // Input pixels right of the last whole window: zeroed in each row of the gradient.
  const coveredBytes = <usize>outW * windowBytes;
  const inv = f32x4.splat(<f32>(1.0 / <f64>(kH * kW)));
  const rows = argI(args, PoolArgs.batch) * outH;
  for (let r = claim(args); r < rows; r = claim(args)) {
    const b = r / outH;
    const oh = r - b * outH;
    const h0 = oh * kH;
    // Byte offsets of the band of input rows (in x and dx) and of the output row (in y and dy).
    const band = <usize>(b * inH + h0) * rowBytes;
    const row = <usize>(r * outW) * pixelBytes;
    if (dx == 0) {
      const top = x + band;
      let o = <usize>argI(args, PoolArgs.y) + row;
      if (max && kH == 2 && kW == 2) {
        const end = top + <usize>outW * windowBytes;
        for (let p = top; p < end; p += windowBytes) {
          for (let c: usize = 0; c < pixelBytes; c += 16, o += 16) {
            const q = p + c;
            // The first tap always replaces −∞ (or is −∞), so it starts the maximum.
            let acc = Window.maxStep(v128.load(q), v128.load(q + pixelBytes));
            acc = Window.maxStep(acc, v128.load(q + rowBytes));
            v128.store(o, Window.maxStep(acc, v128.load(q + rowBytes + pixelBytes)));
          }
        }
        continue;
      }
      for (let ow = 0; ow < outW; ow++) {
        const window = top + <usize>ow * windowBytes;
        for (let c: usize = 0; c < pixelBytes; c += 16, o += 16) {
          let acc = f32x4.splat(max ? -Infinity : 0);
          for (let kh = 0; kh < kH; kh++) {
            let p = window + <usize>kh * rowBytes + c;
            for (let kw = 0; kw < kW; kw++, p += pixelBytes) {
              const v = v128.load(p);
              acc = max ? Window.maxStep(acc, v) : f32x4.add(acc, v);
            }
          }
          v128.store(o, max ? acc : f32x4.mul(acc, inv));
        }
      }
      continue;
    }
    let g = dy + row;
    if (max && kH == 2 && kW == 2) {
      for (let ow = 0; ow < outW; ow++) {
        const at = band + <usize>ow * windowBytes;
        for (let c: usize = 0; c < pixelBytes; c += 16, g += 16) {
          const q = at + c;
          const v0 = v128.load(x + q);
          const v1 = v128.load(x + q + pixelBytes);
          const v2 = v128.load(x + q + rowBytes);
          const v3 = v128.load(x + q + rowBytes + pixelBytes);
          // Each later tap takes over only when strictly greater than the best so far (the general kernel's rule).
          const m1 = f32x4.gt(v1, v0);
          const b1 = v128.bitselect(v1, v0, m1);
          const m2 = f32x4.gt(v2, b1);
          const m3 = f32x4.gt(v3, v128.bitselect(v2, b1, m2));
          const gv = v128.load(g);
          const after2 = v128.or(m2, m3);
          v128.store(dx + q, Window.share(gv, v128.not(v128.or(m1, after2))));
          v128.store(dx + q + pixelBytes, Window.share(gv, v128.andnot(m1, after2)));
          v128.store(dx + q + rowBytes, Window.share(gv, v128.andnot(m2, m3)));
          v128.store(dx + q + rowBytes + pixelBytes, Window.share(gv, m3));
        }
      }
    } else
      for (let ow = 0; ow < outW; ow++) {
        const at = band + <usize>ow * windowBytes;
        for (let c: usize = 0; c < pixelBytes; c += 16, g += 16) {
          const gv = v128.load(g);
          if (!max) {
            const share = f32x4.add(f32x4.splat(0), f32x4.mul(gv, inv));
            for (let kh = 0; kh < kH; kh++) {
              let d = dx + at + <usize>kh * rowBytes + c;
              for (let kw = 0; kw < kW; kw++, d += pixelBytes) v128.store(d, share);
            }
            continue;
          }
          // The first maximum of each lane's window, as a tap number (ties and NaNs as the general kernel: a later
          // value wins only when strictly greater).
          let best = v128.load(x + at + c);
          let where = i32x4.splat(0);
          let tap = 0;
          for (let kh = 0; kh < kH; kh++) {
            let p = x + at + <usize>kh * rowBytes + c;
            for (let kw = 0; kw < kW; kw++, p += pixelBytes, tap++) {
              const v = v128.load(p);
              const better = f32x4.gt(v, best);
              best = v128.bitselect(v, best, better);
              where = v128.bitselect(i32x4.splat(tap), where, better);
            }
          }
          tap = 0;
          for (let kh = 0; kh < kH; kh++) {
            let d = dx + at + <usize>kh * rowBytes + c;
            for (let kw = 0; kw < kW; kw++, d += pixelBytes, tap++) {
              v128.store(d, Window.share(gv, i32x4.eq(where, i32x4.splat(tap))));
            }
          }
        }
      }
    const rest = rowBytes - coveredBytes;
    if (rest > 0) for (let kh = 0; kh < kH; kh++) memory.fill(dx + band + <usize>kh * rowBytes + coveredBytes, 0, rest);
    // Rows below the last whole window of the image.
    const below = oh == outH - 1 ? inH - (h0 + kH) : 0;
    if (below > 0) memory.fill(dx + band + <usize>kH * rowBytes, 0, <usize>below * rowBytes);
  }
}
