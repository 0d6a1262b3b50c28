// Direct convolutions for few input channels (a network's first layer: inC = 1 or 3). im2col + GEMM has nothing to
// block there: its inner dimension kH·kW·inC is 9–75, so packing costs as much as the multiply. These kernels instead
// splat one input value and multiply it into a vector of output channels, with the filter and the current rows in
// L1. Parameters: ConvArgs of abi.ts; outC must be a multiple of 4.
import { ConvArgs } from './abi';
import { F32, argI, claim } from './common';

/** First output column whose tap at kernel column kw lands at or right of input column 0. */
function owFrom(kwOff: i32, strideW: i32, padLeft: i32): i32 {
  const num = padLeft - kwOff;
  return num <= 0 ? 0 : (num + strideW - 1) / strideW;
}

/** One past the last output column whose tap at kernel column kw lands left of input column inW. */
function owTo(kwOff: i32, strideW: i32, padLeft: i32, inW: i32, outW: i32): i32 {
  const num = inW + padLeft - kwOff;
  return num <= 0 ? 0 : min(outW, (num + strideW - 1) / strideW);
}

/**
 * Task: y = conv(x, w), threads claiming output rows. Interior pixels go four at a time against eight output
 * channels (eight accumulators), pixels whose window crosses the border one at a time with bounds checks.
 */
export function convDirect(args: usize, _tid: i32, _nt: i32): void {
  const x = <usize>argI(args, ConvArgs.x);
  const w = <usize>argI(args, ConvArgs.w);
  const y = <usize>argI(args, ConvArgs.y);
  const outH = argI(args, ConvArgs.outH),
    outW = argI(args, ConvArgs.outW),
    outC = argI(args, ConvArgs.outC);
  const rows = argI(args, ConvArgs.batch) * outH;
  for (let r = claim(args); r < rows; r = claim(args)) {
    const img = r / outH;
    const yRow = F32.at(y, r * outW * outC);
    directRow(args, x, w, yRow, img, r - img * outH);
  }
}

function directRow(args: usize, x: usize, w: usize, yRow: usize, img: i32, oh: i32): void {
  const inH = argI(args, ConvArgs.inH),
    inW = argI(args, ConvArgs.inW),
    inC = argI(args, ConvArgs.inC);
  const outW = argI(args, ConvArgs.outW),
    outC = argI(args, ConvArgs.outC);
  const kH = argI(args, ConvArgs.kH),
    kW = argI(args, ConvArgs.kW);
  const strideH = argI(args, ConvArgs.strideH),
    strideW = argI(args, ConvArgs.strideW);
  const dilH = argI(args, ConvArgs.dilationH),
    dilW = argI(args, ConvArgs.dilationW);
  const padTop = argI(args, ConvArgs.padTop),
    padLeft = argI(args, ConvArgs.padLeft);
  const ih0 = oh * strideH - padTop;
  let kh0 = 0;
  while (kh0 < kH && ih0 + kh0 * dilH < 0) kh0++;
  let kh1 = kH;
  while (kh1 > kh0 && ih0 + (kh1 - 1) * dilH >= inH) kh1--;
  // Output columns whose whole window lies inside the image.
  const in0 = owFrom(0, strideW, padLeft);
  const in1 = owTo((kW - 1) * dilW, strideW, padLeft, inW, outW);
  const xImg = F32.at(x, img * inH * inW * inC);
  const pixStride = (<usize>(strideW * inC)) << 2;
  for (let oc = 0; oc < outC; oc += 8) {
    const wide = oc + 8 <= outC;
    let ow = 0;
    while (ow < outW) {
      if (wide && ow >= in0 && ow + 4 <= in1) {
        // Four interior pixels × eight channels.
        let a0 = f32x4.splat(0),
          a1 = f32x4.splat(0),
          a2 = f32x4.splat(0),
          a3 = f32x4.splat(0);
        let a4 = f32x4.splat(0),
          a5 = f32x4.splat(0),
          a6 = f32x4.splat(0),
          a7 = f32x4.splat(0);
        const iw0 = ow * strideW - padLeft;
        // A kernel row's taps: kW runs of inC floats, `dilW · inC` apart in x, `inC · outC` apart in w.
        const runGap = (<usize>((dilW - 1) * inC)) << 2;
        const wStep = (<usize>outC) << 2;
        for (let kh = kh0; kh < kh1; kh++) {
          let p = F32.at(xImg, ((ih0 + kh * dilH) * inW + iw0) * inC);
          let q = F32.at(w, kh * kW * inC * outC + oc);
          for (let kw = 0; kw < kW; kw++) {
            for (let ci = 0; ci < inC; ci++) {
              const w0 = v128.load(q);
              const w1 = v128.load(q, 16);
              const v0 = v128.load32_splat(p);
              const v1 = v128.load32_splat(p + pixStride);
              const v2 = v128.load32_splat(p + 2 * pixStride);
              const v3 = v128.load32_splat(p + 3 * pixStride);
              a0 = F32.fma4(v0, w0, a0);
              a1 = F32.fma4(v0, w1, a1);
              a2 = F32.fma4(v1, w0, a2);
              a3 = F32.fma4(v1, w1, a3);
              a4 = F32.fma4(v2, w0, a4);
              a5 = F32.fma4(v2, w1, a5);
              a6 = F32.fma4(v3, w0, a6);
              a7 = F32.fma4(v3, w1, a7);
              p += 4;
              q += wStep;
            }
            p += runGap;
          }
        }
        const o = F32.at(yRow, ow * outC + oc);
        const step = (<usize>outC) << 2;
        v128.store(o, a0);
        v128.store(o, a1, 16);
        v128.store(o + step, a2);
        v128.store(o + step, a3, 16);
        v128.store(o + 2 * step, a4);
        v128.store(o + 2 * step, a5, 16);
        v128.store(o + 3 * step, a6);
        v128.store(o + 3 * step, a7, 16);
        ow += 4;
      } else {
        // One pixel, checked tap by tap, eight channels or the last four.
        let a0 = f32x4.splat(0),
          a1 = f32x4.splat(0);
        const iw0 = ow * strideW - padLeft;
        for (let kh = kh0; kh < kh1; kh++) {
          const xr = F32.at(xImg, ((ih0 + kh * dilH) * inW + iw0) * inC);
          const wr = F32.at(w, kh * kW * inC * outC + oc);
          for (let kw = 0; kw < kW; kw++) {
            const iw = iw0 + kw * dilW;
            if (iw < 0 || iw >= inW) continue;
            for (let ci = 0; ci < inC; ci++) {
              const v = v128.load32_splat(F32.at(xr, kw * dilW * inC + ci));
              const q = F32.at(wr, (kw * inC + ci) * outC);
              a0 = F32.fma4(v, v128.load(q), a0);
              if (wide) a1 = F32.fma4(v, v128.load(q, 16), a1);
            }
          }
        }
        const o = F32.at(yRow, ow * outC + oc);
        v128.store(o, a0);
        if (wide) v128.store(o, a1, 16);
        ow++;
      }
    }
  }
}

/**
 * Task: the filter gradient as `chunks` partial sums at `w` (chunks × kH·kW·inC × outC floats), each over a fixed
 * band of output rows, summed in order by the caller (sumChunks), so the result does not depend on the threads.
 * For each row and tap the dy row (in L1) is swept once per sixteen channels.
 */
export function convDirectFilterGrad(args: usize, _tid: i32, _nt: i32): void {
  const x = <usize>argI(args, ConvArgs.x);
  const partials = <usize>argI(args, ConvArgs.w);
  const dy = <usize>argI(args, ConvArgs.y);
  const inH = argI(args, ConvArgs.inH),
    inW = argI(args, ConvArgs.inW),
    inC = argI(args, ConvArgs.inC);
  const outH = argI(args, ConvArgs.outH),
    outW = argI(args, ConvArgs.outW),
    outC = argI(args, ConvArgs.outC);
  const kH = argI(args, ConvArgs.kH),
    kW = argI(args, ConvArgs.kW);
  const strideH = argI(args, ConvArgs.strideH),
    strideW = argI(args, ConvArgs.strideW);
  const dilH = argI(args, ConvArgs.dilationH),
    dilW = argI(args, ConvArgs.dilationW);
  const padTop = argI(args, ConvArgs.padTop),
    padLeft = argI(args, ConvArgs.padLeft);
  const chunks = argI(args, ConvArgs.chunks);
  const rows = argI(args, ConvArgs.batch) * outH;
  const taps = kH * kW * inC;
  const perChunk = (rows + chunks - 1) / chunks;
  const xStep = (<usize>(strideW * inC)) << 2;
  const dyStep = (<usize>outC) << 2;
  for (let c = claim(args); c < chunks; c = claim(args)) {
    const partial = F32.at(partials, c * taps * outC);
    memory.fill(partial, 0, (<usize>(taps * outC)) << 2);
    const end = min(rows, (c + 1) * perChunk);
    for (let r = c * perChunk; r < end; r++) {
      const img = r / outH;
      const oh = r - img * outH;
      const dyRow = F32.at(dy, r * outW * outC);
      const xImg = F32.at(x, img * inH * inW * inC);
      for (let kh = 0; kh < kH; kh++) {
        const ih = oh * strideH - padTop + kh * dilH;
        if (ih < 0 || ih >= inH) continue;
        for (let kw = 0; kw < kW; kw++) {
          const ow0 = owFrom(kw * dilW, strideW, padLeft);
          const ow1 = owTo(kw * dilW, strideW, padLeft, inW, outW);
          if (ow1 <= ow0) continue;
          for (let ci = 0; ci < inC; ci++) {
            const tap = F32.at(partial, ((kh * kW + kw) * inC + ci) * outC);
            const xp0 = F32.at(xImg, (ih * inW + ow0 * strideW - padLeft + kw * dilW) * inC + ci);
            for (let oc = 0; oc < outC; oc += 16) {
              const nv = min(4, (outC - oc) >> 2);
              const t = F32.at(tap, oc);
              let a0 = v128.load(t),
                a1 = nv > 1 ? v128.load(t, 16) : f32x4.splat(0);
              let a2 = nv > 2 ? v128.load(t, 32) : f32x4.splat(0),
                a3 = nv > 3 ? v128.load(t, 48) : f32x4.splat(0);
              let xp = xp0;
              let g = F32.at(dyRow, ow0 * outC + oc);
              if (nv == 4) {
                for (let ow = ow0; ow < ow1; ow++) {
                  const v = v128.load32_splat(xp);
                  a0 = F32.fma4(v, v128.load(g), a0);
                  a1 = F32.fma4(v, v128.load(g, 16), a1);
                  a2 = F32.fma4(v, v128.load(g, 32), a2);
                  a3 = F32.fma4(v, v128.load(g, 48), a3);
                  xp += xStep;
                  g += dyStep;
                }
              } else {
                for (let ow = ow0; ow < ow1; ow++) {
                  const v = v128.load32_splat(xp);
                  a0 = F32.fma4(v, v128.load(g), a0);
                  if (nv > 1) a1 = F32.fma4(v, v128.load(g, 16), a1);
                  if (nv > 2) a2 = F32.fma4(v, v128.load(g, 32), a2);
                  xp += xStep;
                  g += dyStep;
                }
              }
              v128.store(t, a0);
              if (nv > 1) v128.store(t, a1, 16);
              if (nv > 2) v128.store(t, a2, 32);
              if (nv > 3) v128.store(t, a3, 48);
            }
          }
        }
      }
    }
  }
}
