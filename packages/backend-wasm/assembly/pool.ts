// 2-D max and average pooling (NHWC) and their gradients. Windows skip padding, as TensorFlow's do; the max
// gradient goes to the first maximum of each window. Parameters: PoolArgs of abi.ts. Forward tasks let threads claim
// output rows; gradient tasks add into overlapping windows, so threads take whole images, or channel ranges when
// there are few images.
import { PoolArgs, PoolCode } from './abi';
import { F32, argI, claim } from './common';

const MAX = PoolCode.max;

function clampLo(v: i32): i32 {
  return v < 0 ? 0 : v;
}

/** Task: y = pool(x), code a PoolCode. */
export function pool(args: usize, _tid: i32, _nt: i32): void {
  const op = argI(args, PoolArgs.code);
  const x = <usize>argI(args, PoolArgs.x);
  const out = <usize>argI(args, PoolArgs.y);
  const batch = argI(args, PoolArgs.batch),
    inH = argI(args, PoolArgs.inH),
    inW = argI(args, PoolArgs.inW),
    C = argI(args, PoolArgs.channels);
  const outH = argI(args, PoolArgs.outH),
    outW = argI(args, PoolArgs.outW),
    kH = argI(args, PoolArgs.kH),
    kW = argI(args, PoolArgs.kW);
  const strideH = argI(args, PoolArgs.strideH),
    strideW = argI(args, PoolArgs.strideW),
    padTop = argI(args, PoolArgs.padTop),
    padLeft = argI(args, PoolArgs.padLeft);
  const rows = batch * outH;
  const init = f32x4.splat(op == MAX ? -Infinity : 0);
  for (let r = claim(args); r < rows; r = claim(args)) {
    const b = r / outH;
    const oh = r - b * outH;
    const h0 = oh * strideH - padTop;
    const kh0 = clampLo(-h0);
    const kh1 = min(kH, inH - h0);
    for (let ow = 0; ow < outW; ow++) {
      const w0 = ow * strideW - padLeft;
      const kw0 = clampLo(-w0);
      const kw1 = min(kW, inW - w0);
      const o = F32.at(out, ((b * outH + oh) * outW + ow) * C);
      const count = max(0, kh1 - kh0) * max(0, kw1 - kw0);
      const inv: f32 = count > 0 ? <f32>(1.0 / <f64>count) : 0;
      let c = 0;
      for (; c + 4 <= C; c += 4) {
        let acc = init;
        for (let kh = kh0; kh < kh1; kh++) {
          for (let kw = kw0; kw < kw1; kw++) {
            const v = v128.load(F32.at(x, ((b * inH + h0 + kh) * inW + w0 + kw) * C + c));
            acc = op == MAX ? v128.bitselect(v, acc, v128.or(f32x4.gt(v, acc), f32x4.ne(v, v))) : f32x4.add(acc, v);
          }
        }
        v128.store(F32.at(o, c), op == MAX ? acc : f32x4.mul(acc, f32x4.splat(inv)));
      }
      for (; c < C; c++) {
        let acc: f32 = op == MAX ? -Infinity : 0;
        for (let kh = kh0; kh < kh1; kh++) {
          for (let kw = kw0; kw < kw1; kw++) {
            const v = load<f32>(F32.at(x, ((b * inH + h0 + kh) * inW + w0 + kw) * C + c));
            if (op == MAX) {
              if (v > acc || v != v) acc = v;
            } else acc += v;
          }
        }
        store<f32>(F32.at(o, c), op == MAX ? acc : acc * inv);
      }
    }
  }
}

/** Task: dx from dy (and x, for max only). Zeroes dx itself. */
export function poolGrad(args: usize, tid: i32, nt: i32): void {
  const op = argI(args, PoolArgs.code);
  const dy = <usize>argI(args, PoolArgs.dy);
  const dx = <usize>argI(args, PoolArgs.dx);
  const batch = argI(args, PoolArgs.batch),
    inH = argI(args, PoolArgs.inH),
    inW = argI(args, PoolArgs.inW),
    C = argI(args, PoolArgs.channels);
  const outH = argI(args, PoolArgs.outH),
    outW = argI(args, PoolArgs.outW),
    kH = argI(args, PoolArgs.kH),
    kW = argI(args, PoolArgs.kW);
  const strideH = argI(args, PoolArgs.strideH),
    strideW = argI(args, PoolArgs.strideW),
    padTop = argI(args, PoolArgs.padTop),
    padLeft = argI(args, PoolArgs.padLeft);
  const x = <usize>argI(args, PoolArgs.x);
  let b0 = 0,
    b1 = batch,
    c0 = 0,
    c1 = C;
  if (batch >= nt) {
    b0 = <i32>((<i64>batch * tid) / nt);
    b1 = <i32>((<i64>batch * (tid + 1)) / nt);
  } else {
    c0 = <i32>((<i64>C * tid) / nt);
    c1 = <i32>((<i64>C * (tid + 1)) / nt);
  }
  if (c1 <= c0) return;
  const pixels = inH * inW;
  for (let b = b0; b < b1; b++) {
    if (c0 == 0 && c1 == C) memory.fill(F32.at(dx, b * pixels * C), 0, (<usize>(pixels * C)) << 2);
    else
      for (let p = 0; p < pixels; p++) memory.fill(F32.at(dx, (b * pixels + p) * C + c0), 0, (<usize>(c1 - c0)) << 2);
    for (let oh = 0; oh < outH; oh++) {
      const h0 = oh * strideH - padTop;
      const kh0 = clampLo(-h0);
      const kh1 = min(kH, inH - h0);
      for (let ow = 0; ow < outW; ow++) {
        const w0 = ow * strideW - padLeft;
        const kw0 = clampLo(-w0);
        const kw1 = min(kW, inW - w0);
        if (kh1 <= kh0 || kw1 <= kw0) continue;
        const g = F32.at(dy, ((b * outH + oh) * outW + ow) * C);
        if (op == PoolCode.avg) {
          const inv: f32 = <f32>(1.0 / <f64>((kh1 - kh0) * (kw1 - kw0)));
          for (let kh = kh0; kh < kh1; kh++) {
            for (let kw = kw0; kw < kw1; kw++) {
              const d = F32.at(dx, ((b * inH + h0 + kh) * inW + w0 + kw) * C);
              for (let c = c0; c < c1; c++)
                store<f32>(F32.at(d, c), load<f32>(F32.at(d, c)) + load<f32>(F32.at(g, c)) * inv);
            }
          }
          continue;
        }
        // Four channels at a time: the first maximum of each lane's window, as an element index per lane.
        let c = c0;
        for (; c + 4 <= c1; c += 4) {
          const first = ((b * inH + h0 + kh0) * inW + w0 + kw0) * C + c;
          let best = v128.load(F32.at(x, first));
          let where = i32x4.add(i32x4.splat(first), i32x4(0, 1, 2, 3));
          for (let kh = kh0; kh < kh1; kh++) {
            for (let kw = kw0; kw < kw1; kw++) {
              const i = ((b * inH + h0 + kh) * inW + w0 + kw) * C + c;
              const v = v128.load(F32.at(x, i));
              const better = f32x4.gt(v, best);
              best = v128.bitselect(v, best, better);
              where = v128.bitselect(i32x4.add(i32x4.splat(i), i32x4(0, 1, 2, 3)), where, better);
            }
          }
          const gv = v128.load(F32.at(g, c));
          const w0i = i32x4.extract_lane(where, 0),
            w1i = i32x4.extract_lane(where, 1);
          const w2i = i32x4.extract_lane(where, 2),
            w3i = i32x4.extract_lane(where, 3);
          store<f32>(F32.at(dx, w0i), load<f32>(F32.at(dx, w0i)) + f32x4.extract_lane(gv, 0));
          store<f32>(F32.at(dx, w1i), load<f32>(F32.at(dx, w1i)) + f32x4.extract_lane(gv, 1));
          store<f32>(F32.at(dx, w2i), load<f32>(F32.at(dx, w2i)) + f32x4.extract_lane(gv, 2));
          store<f32>(F32.at(dx, w3i), load<f32>(F32.at(dx, w3i)) + f32x4.extract_lane(gv, 3));
        }
        for (; c < c1; c++) {
          let best: f32 = 0;
          let where = -1;
          for (let kh = kh0; kh < kh1; kh++) {
            for (let kw = kw0; kw < kw1; kw++) {
              const i = ((b * inH + h0 + kh) * inW + w0 + kw) * C + c;
              const v = load<f32>(F32.at(x, i));
              if (where < 0 || v > best) {
                best = v;
                where = i;
              }
            }
          }
          store<f32>(F32.at(dx, where), load<f32>(F32.at(dx, where)) + load<f32>(F32.at(g, c)));
        }
      }
    }
  }
}
