// Convolution as im2col + GEMM: each output pixel's receptive field becomes one row of `col`
// [images·outH·outW, kH·kW·inC], which times the filter [kH·kW·inC, outC] is the output. col2im is the adjoint,
// used by the input gradient. Parameters (shared by both tasks): x col images inH inW inC outH outW kH kW strideH
// strideW dilationH dilationW padTop padLeft.
import { argI, at } from './common';

/** Copies n floats (n small: one pixel's channels). */
@inline function copyPixel(dst: usize, src: usize, n: i32): void {
  let c = 0;
  for (; c + 4 <= n; c += 4) v128.store(at(dst, c), v128.load(at(src, c)));
  for (; c < n; c++) store<f32>(at(dst, c), load<f32>(at(src, c)));
}

@inline function addPixel(dst: usize, src: usize, n: i32): void {
  let c = 0;
  for (; c + 4 <= n; c += 4) v128.store(at(dst, c), f32x4.add(v128.load(at(dst, c)), v128.load(at(src, c))));
  for (; c < n; c++) store<f32>(at(dst, c), load<f32>(at(dst, c)) + load<f32>(at(src, c)));
}

/** Task: fills `col` from x; threads split the rows of col. */
export function im2col(args: usize, tid: i32, nt: i32): void {
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
  const r0 = <i32>((<i64>rows * tid) / nt);
  const r1 = <i32>((<i64>rows * (tid + 1)) / nt);
  for (let r = r0; r < r1; r++) {
    const img = r / P;
    const p = r - img * P;
    const oh = p / outW;
    const ow = p - oh * outW;
    const dstRow = at(col, r * rowLen);
    const imgOff = img * inH * inW * inC;
    for (let kh = 0; kh < kH; kh++) {
      const ih = oh * strideH - padTop + kh * dilH;
      for (let kw = 0; kw < kW; kw++) {
        const iw = ow * strideW - padLeft + kw * dilW;
        const dst = dstRow + (<usize>((kh * kW + kw) * inC) << 2);
        if (ih < 0 || ih >= inH || iw < 0 || iw >= inW) memory.fill(dst, 0, <usize>inC << 2);
        else copyPixel(dst, at(x, imgOff + (ih * inW + iw) * inC), inC);
      }
    }
  }
}

/** Task: dx = col2im(col), zeroing dx first; threads take whole images, so no two add into the same pixel. */
export function col2im(args: usize, tid: i32, nt: i32): void {
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
  const i0 = <i32>((<i64>images * tid) / nt);
  const i1 = <i32>((<i64>images * (tid + 1)) / nt);
  const imgSize = inH * inW * inC;
  for (let img = i0; img < i1; img++) {
    const imgBase = at(dx, img * imgSize);
    memory.fill(imgBase, 0, <usize>imgSize << 2);
    for (let p = 0; p < P; p++) {
      const oh = p / outW;
      const ow = p - oh * outW;
      const srcRow = at(col, (img * P + p) * rowLen);
      for (let kh = 0; kh < kH; kh++) {
        const ih = oh * strideH - padTop + kh * dilH;
        if (ih < 0 || ih >= inH) continue;
        for (let kw = 0; kw < kW; kw++) {
          const iw = ow * strideW - padLeft + kw * dilW;
          if (iw < 0 || iw >= inW) continue;
          addPixel(at(imgBase, (ih * inW + iw) * inC), srcRow + (<usize>((kh * kW + kw) * inC) << 2), inC);
        }
      }
    }
  }
}
