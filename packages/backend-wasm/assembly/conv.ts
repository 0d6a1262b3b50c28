// Convolution as im2col + GEMM: each output pixel's receptive field becomes one row of `col`
// [images·outH·outW, kH·kW·inC], which times the filter [kH·kW·inC, outC] is the output. col2im is the adjoint,
// used by the input gradient. Parameters (shared by both tasks): x col images inH inW inC outH outW kH kW strideH
// strideW dilationH dilationW padTop padLeft.
import { F32, argI, claim } from './common';

/** Runs of floats: one kernel row's pixels and channels. */
class Run {
  /** Copies n floats: a run of pixels' channels. */
  @inline static copyRun(dst: usize, src: usize, n: i32): void {
    let c = 0;
    for (; c + 4 <= n; c += 4) v128.store(F32.at(dst, c), v128.load(F32.at(src, c)));
    for (; c < n; c++) store<f32>(F32.at(dst, c), load<f32>(F32.at(src, c)));
  }

  @inline static zeroRun(dst: usize, n: i32): void {
    let c = 0;
    for (; c + 4 <= n; c += 4) v128.store(F32.at(dst, c), f32x4.splat(0));
    for (; c < n; c++) store<f32>(F32.at(dst, c), 0);
  }

  @inline static addRun(dst: usize, src: usize, n: i32): void {
    let c = 0;
    for (; c + 4 <= n; c += 4) v128.store(F32.at(dst, c), f32x4.add(v128.load(F32.at(dst, c)), v128.load(F32.at(src, c))));
    for (; c < n; c++) store<f32>(F32.at(dst, c), load<f32>(F32.at(dst, c)) + load<f32>(F32.at(src, c)));
  }
}

/** The kernel columns [kw0, kw1) that land inside the image for output column ow (all of them when dilated). */
function kwStart(iw0: i32, dilW: i32): i32 {
  return iw0 >= 0 ? 0 : (-iw0 + dilW - 1) / dilW;
}

function kwEnd(iw0: i32, dilW: i32, kW: i32, inW: i32): i32 {
  return max(0, min(kW, (inW - iw0 + dilW - 1) / dilW));
}

/** Task: fills `col` from x; threads claim bands of 64 rows of col. */
export function im2col(args: usize, _tid: i32, _nt: i32): void {
  const x = <usize>argI(args, 0);
  const col = <usize>argI(args, 1);
  const images = argI(args, 2);
  const inH = argI(args, 3), inW = argI(args, 4), inC = argI(args, 5);
  const outH = argI(args, 6), outW = argI(args, 7);
  const kH = argI(args, 8), kW = argI(args, 9);
  const strideH = argI(args, 10), strideW = argI(args, 11);
  const dilH = argI(args, 12), dilW = argI(args, 13);
  const padTop = argI(args, 14), padLeft = argI(args, 15);
  const rowLen = kH * kW * inC;
  const P = outH * outW;
  const rows = images * P;
  const units = (rows + 63) >> 6;
  // Undilated kernel columns read neighbouring pixels: each kernel row is then one contiguous run of channels.
  for (let u = claim(args); u < units; u = claim(args)) {
    for (let r = u << 6; r < min(rows, (u + 1) << 6); r++) {
      const img = r / P;
      const p = r - img * P;
      const oh = p / outW;
      const ow = p - oh * outW;
      const dstRow = F32.at(col, r * rowLen);
      const imgOff = img * inH * inW * inC;
      const iw0 = ow * strideW - padLeft;
      const kw0 = min(kwStart(iw0, dilW), kW);
      const kw1 = max(kw0, kwEnd(iw0, dilW, kW, inW));
      for (let kh = 0; kh < kH; kh++) {
        const ih = oh * strideH - padTop + kh * dilH;
        const dst = dstRow + (<usize>(kh * kW * inC) << 2);
        if (ih < 0 || ih >= inH) {
          Run.zeroRun(dst, kW * inC);
          continue;
        }
        Run.zeroRun(dst, kw0 * inC);
        const src = imgOff + (ih * inW + iw0) * inC;
        if (dilW == 1) Run.copyRun(dst + (<usize>(kw0 * inC) << 2), F32.at(x, src + kw0 * inC), (kw1 - kw0) * inC);
        else for (let kw = kw0; kw < kw1; kw++) Run.copyRun(dst + (<usize>(kw * inC) << 2), F32.at(x, src + kw * dilW * inC), inC);
        Run.zeroRun(dst + (<usize>(kw1 * inC) << 2), (kW - kw1) * inC);
      }
    }
  }
}

/** Task: dx = col2im(col), zeroing dx first; threads claim whole images, so no two add into the same pixel. */
export function col2im(args: usize, _tid: i32, _nt: i32): void {
  const dx = <usize>argI(args, 0);
  const col = <usize>argI(args, 1);
  const images = argI(args, 2);
  const inH = argI(args, 3), inW = argI(args, 4), inC = argI(args, 5);
  const outH = argI(args, 6), outW = argI(args, 7);
  const kH = argI(args, 8), kW = argI(args, 9);
  const strideH = argI(args, 10), strideW = argI(args, 11);
  const dilH = argI(args, 12), dilW = argI(args, 13);
  const padTop = argI(args, 14), padLeft = argI(args, 15);
  const rowLen = kH * kW * inC;
  const P = outH * outW;
  const imgSize = inH * inW * inC;
  for (let img = claim(args); img < images; img = claim(args)) {
    const imgBase = F32.at(dx, img * imgSize);
    memory.fill(imgBase, 0, <usize>imgSize << 2);
    for (let p = 0; p < P; p++) {
      const oh = p / outW;
      const ow = p - oh * outW;
      const srcRow = F32.at(col, (img * P + p) * rowLen);
      const iw0 = ow * strideW - padLeft;
      const kw0 = min(kwStart(iw0, dilW), kW);
      const kw1 = max(kw0, kwEnd(iw0, dilW, kW, inW));
      for (let kh = 0; kh < kH; kh++) {
        const ih = oh * strideH - padTop + kh * dilH;
        if (ih < 0 || ih >= inH) continue;
        const src = srcRow + (<usize>(kh * kW * inC) << 2);
        const dst = (ih * inW + iw0) * inC;
        if (dilW == 1) Run.addRun(F32.at(imgBase, dst + kw0 * inC), src + (<usize>(kw0 * inC) << 2), (kw1 - kw0) * inC);
        else for (let kw = kw0; kw < kw1; kw++) Run.addRun(F32.at(imgBase, dst + kw * dilW * inC), src + (<usize>(kw * inC) << 2), inC);
      }
    }
  }
}
