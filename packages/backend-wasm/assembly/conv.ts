// Convolution as im2col + GEMM: each output pixel's receptive field is one row of a column matrix
// [images·outH·outW, kH·kW·inC], which times the filter [kH·kW·inC, outC] is the output; col2im is the adjoint,
// used by the input gradient. The column matrix is never built whole: the tasks below build it a tile of rows at a
// time, in each thread's own scratch. Parameters: ConvArgs of abi.ts.
import { ConvArgs, SumChunksArgs } from './abi';
import { F32, argI, claim } from './common';
import { GEMM_SCRATCH, gemmRect } from './gemm';

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
    for (; c + 4 <= n; c += 4)
      v128.store(F32.at(dst, c), f32x4.add(v128.load(F32.at(dst, c)), v128.load(F32.at(src, c))));
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

/** Rows [r0, r0 + n) of the column matrix of the images at `x`, written densely to `dst`; geometry from `args`. */
function im2colRows(args: usize, x: usize, dst: usize, r0: i32, n: i32): void {
  const inH = argI(args, ConvArgs.inH),
    inW = argI(args, ConvArgs.inW),
    inC = argI(args, ConvArgs.inC);
  const outH = argI(args, ConvArgs.outH),
    outW = argI(args, ConvArgs.outW);
  const kH = argI(args, ConvArgs.kH),
    kW = argI(args, ConvArgs.kW);
  const strideH = argI(args, ConvArgs.strideH),
    strideW = argI(args, ConvArgs.strideW);
  const dilH = argI(args, ConvArgs.dilationH),
    dilW = argI(args, ConvArgs.dilationW);
  const padTop = argI(args, ConvArgs.padTop),
    padLeft = argI(args, ConvArgs.padLeft);
  const rowLen = kH * kW * inC;
  const P = outH * outW;
  // Undilated kernel columns read neighbouring pixels: each kernel row is then one contiguous run of channels.
  for (let r = r0; r < r0 + n; r++) {
    const img = r / P;
    const p = r - img * P;
    const oh = p / outW;
    const ow = p - oh * outW;
    const dstRow = F32.at(dst, (r - r0) * rowLen);
    const imgOff = img * inH * inW * inC;
    const iw0 = ow * strideW - padLeft;
    const kw0 = min(kwStart(iw0, dilW), kW);
    const kw1 = max(kw0, kwEnd(iw0, dilW, kW, inW));
    for (let kh = 0; kh < kH; kh++) {
      const ih = oh * strideH - padTop + kh * dilH;
      const d = dstRow + ((<usize>(kh * kW * inC)) << 2);
      if (ih < 0 || ih >= inH) {
        Run.zeroRun(d, kW * inC);
        continue;
      }
      Run.zeroRun(d, kw0 * inC);
      const src = imgOff + (ih * inW + iw0) * inC;
      if (dilW == 1) Run.copyRun(d + ((<usize>(kw0 * inC)) << 2), F32.at(x, src + kw0 * inC), (kw1 - kw0) * inC);
      else
        for (let kw = kw0; kw < kw1; kw++)
          Run.copyRun(d + ((<usize>(kw * inC)) << 2), F32.at(x, src + kw * dilW * inC), inC);
      Run.zeroRun(d + ((<usize>(kw1 * inC)) << 2), (kW - kw1) * inC);
    }
  }
}

/** Adds rows [p0, p0 + n) of one image's column matrix `src` (dense from p0) into that image's pixels `img`. */
function col2imRows(args: usize, img: usize, src: usize, p0: i32, n: i32): void {
  const inW = argI(args, ConvArgs.inW),
    inC = argI(args, ConvArgs.inC),
    inH = argI(args, ConvArgs.inH);
  const outW = argI(args, ConvArgs.outW);
  const kH = argI(args, ConvArgs.kH),
    kW = argI(args, ConvArgs.kW);
  const strideH = argI(args, ConvArgs.strideH),
    strideW = argI(args, ConvArgs.strideW);
  const dilH = argI(args, ConvArgs.dilationH),
    dilW = argI(args, ConvArgs.dilationW);
  const padTop = argI(args, ConvArgs.padTop),
    padLeft = argI(args, ConvArgs.padLeft);
  const rowLen = kH * kW * inC;
  for (let p = p0; p < p0 + n; p++) {
    const oh = p / outW;
    const ow = p - oh * outW;
    const srcRow = F32.at(src, (p - p0) * rowLen);
    const iw0 = ow * strideW - padLeft;
    const kw0 = min(kwStart(iw0, dilW), kW);
    const kw1 = max(kw0, kwEnd(iw0, dilW, kW, inW));
    for (let kh = 0; kh < kH; kh++) {
      const ih = oh * strideH - padTop + kh * dilH;
      if (ih < 0 || ih >= inH) continue;
      const s = srcRow + ((<usize>(kh * kW * inC)) << 2);
      const dst = (ih * inW + iw0) * inC;
      if (dilW == 1) Run.addRun(F32.at(img, dst + kw0 * inC), s + ((<usize>(kw0 * inC)) << 2), (kw1 - kw0) * inC);
      else
        for (let kw = kw0; kw < kw1; kw++)
          Run.addRun(F32.at(img, dst + kw * dilW * inC), s + ((<usize>(kw * inC)) << 2), inC);
    }
  }
}

// Tiled convolutions. Each thread turns a tile of output pixels into a column block small enough to stay in L2
// (`tile` rows × kH·kW·inC), multiplies it at once with the packed GEMM, and moves on: no column matrix of the
// whole batch is ever built. A thread's scratch holds its GEMM packing buffers, then its column tile.
function colTile(args: usize, tid: i32): usize {
  return (
    <usize>argI(args, ConvArgs.scratch) + <usize>tid * <usize>argI(args, ConvArgs.scratchStride) + <usize>GEMM_SCRATCH
  );
}

/** Task: out[images·P, outC] = im2col(x) · filter, one tile of rows per claimed unit. */
export function convForward(args: usize, tid: i32, _nt: i32): void {
  const x = <usize>argI(args, ConvArgs.x);
  const w = <usize>argI(args, ConvArgs.w);
  const outC = argI(args, ConvArgs.outC);
  const out = <usize>argI(args, ConvArgs.y);
  const tile = argI(args, ConvArgs.tile);
  const rows = argI(args, ConvArgs.batch) * argI(args, ConvArgs.outH) * argI(args, ConvArgs.outW);
  const KK = argI(args, ConvArgs.kH) * argI(args, ConvArgs.kW) * argI(args, ConvArgs.inC);
  const scratch = <usize>argI(args, ConvArgs.scratch) + <usize>tid * <usize>argI(args, ConvArgs.scratchStride);
  const col = colTile(args, tid);
  const units = (rows + tile - 1) / tile;
  for (let u = claim(args); u < units; u = claim(args)) {
    const r0 = u * tile;
    const n = min(tile, rows - r0);
    im2colRows(args, x, col, r0, n);
    gemmRect(KK, col, KK, false, w, outC, false, F32.at(out, r0 * outC), outC, false, 0, n, 0, outC, scratch);
  }
}

/**
 * Task: the filter gradient, im2col(x)ᵀ · dy, as `chunks` partial sums (`w` points at chunks × KK × outC
 * floats), each over a fixed band of rows, summed in order by the caller: whichever thread takes a band, the
 * result is the same to the bit.
 */
export function convFilterGrad(args: usize, tid: i32, _nt: i32): void {
  const x = <usize>argI(args, ConvArgs.x);
  const dy = <usize>argI(args, ConvArgs.y);
  const outC = argI(args, ConvArgs.outC);
  const partials = <usize>argI(args, ConvArgs.w);
  const tile = argI(args, ConvArgs.tile);
  const chunks = argI(args, ConvArgs.chunks);
  const rows = argI(args, ConvArgs.batch) * argI(args, ConvArgs.outH) * argI(args, ConvArgs.outW);
  const KK = argI(args, ConvArgs.kH) * argI(args, ConvArgs.kW) * argI(args, ConvArgs.inC);
  const scratch = <usize>argI(args, ConvArgs.scratch) + <usize>tid * <usize>argI(args, ConvArgs.scratchStride);
  const col = colTile(args, tid);
  const perChunk = (((rows + chunks - 1) / chunks + tile - 1) / tile) * tile;
  for (let c = claim(args); c < chunks; c = claim(args)) {
    const partial = F32.at(partials, c * KK * outC);
    const end = min(rows, (c + 1) * perChunk);
    if (c * perChunk >= end) memory.fill(partial, 0, (<usize>(KK * outC)) << 2);
    for (let r0 = c * perChunk; r0 < end; r0 += tile) {
      const n = min(tile, end - r0);
      im2colRows(args, x, col, r0, n);
      gemmRect(
        n,
        col,
        KK,
        true,
        F32.at(dy, r0 * outC),
        outC,
        false,
        partial,
        outC,
        r0 > c * perChunk,
        0,
        KK,
        0,
        outC,
        scratch,
      );
    }
  }
}

/** Task: dx = col2im(dy · filterᵀ), zeroing dx first; threads claim whole images, so no two add into one pixel. */
export function convInputGrad(args: usize, tid: i32, _nt: i32): void {
  const dx = <usize>argI(args, ConvArgs.x);
  const w = <usize>argI(args, ConvArgs.w);
  const outC = argI(args, ConvArgs.outC);
  const dy = <usize>argI(args, ConvArgs.y);
  const tile = argI(args, ConvArgs.tile);
  const images = argI(args, ConvArgs.batch);
  const P = argI(args, ConvArgs.outH) * argI(args, ConvArgs.outW);
  const KK = argI(args, ConvArgs.kH) * argI(args, ConvArgs.kW) * argI(args, ConvArgs.inC);
  const imgSize = argI(args, ConvArgs.inH) * argI(args, ConvArgs.inW) * argI(args, ConvArgs.inC);
  const scratch = <usize>argI(args, ConvArgs.scratch) + <usize>tid * <usize>argI(args, ConvArgs.scratchStride);
  const col = colTile(args, tid);
  for (let img = claim(args); img < images; img = claim(args)) {
    const imgBase = F32.at(dx, img * imgSize);
    memory.fill(imgBase, 0, (<usize>imgSize) << 2);
    for (let p0 = 0; p0 < P; p0 += tile) {
      const n = min(tile, P - p0);
      gemmRect(
        outC,
        F32.at(dy, (img * P + p0) * outC),
        outC,
        false,
        w,
        outC,
        true,
        col,
        KK,
        false,
        0,
        n,
        0,
        KK,
        scratch,
      );
      col2imRows(args, imgBase, col, p0, n);
    }
  }
}

/** Task (one thread): dst[0:n] = Σ over `chunks` consecutive blocks of n floats at src, in block order. */
export function sumChunks(args: usize, _tid: i32, _nt: i32): void {
  const dst = <usize>argI(args, SumChunksArgs.dst);
  const src = <usize>argI(args, SumChunksArgs.src);
  const n = argI(args, SumChunksArgs.n);
  const chunks = argI(args, SumChunksArgs.chunks);
  const block = (<usize>n) << 2;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    let acc = v128.load(F32.at(src, i));
    for (let c = 1; c < chunks; c++) acc = f32x4.add(acc, v128.load(F32.at(src, i) + <usize>c * block));
    v128.store(F32.at(dst, i), acc);
  }
  for (; i < n; i++) {
    let acc = load<f32>(F32.at(src, i));
    for (let c = 1; c < chunks; c++) acc += load<f32>(F32.at(src, i) + <usize>c * block);
    store<f32>(F32.at(dst, i), acc);
  }
}
