// Implicit-GEMM convolution: the product im2col(x)·filter with A read straight from the input. With no dilation
// along the width, kernel row kh of an output pixel's receptive field is one contiguous run of kW·inC floats of the
// input, so each 4×8 tile of the output is kH micro-kernel calls of depth kW·inC over the input itself: no column
// matrix is written and read back. The caller pads the input beforehand, so every window lies inside it.
// Parameters: ConvArgs, describing the padded problem (x is the padded input, inH×inW its size, padTop/padLeft 0).
import { ConvArgs, PadArgs } from './abi';
import { F32, argI, claim } from './common';
import { MR, NR, micro } from './gemm';
import { packB } from './pack';

/** Floats in one kernel row of a receptive field: kW·inC, contiguous in the input. */
function runFloats(args: usize): i32 {
  return argI(args, ConvArgs.kW) * argI(args, ConvArgs.inC);
}

/** Floats of the filter [kH·kW·inC, outC]. */
function filterFloats(args: usize): i32 {
  return argI(args, ConvArgs.kH) * runFloats(args) * argI(args, ConvArgs.outC);
}

/** Output rows: images · outH · outW. */
function outputRows(args: usize): i32 {
  return argI(args, ConvArgs.batch) * argI(args, ConvArgs.outH) * argI(args, ConvArgs.outW);
}

/** Bytes between the runs of consecutive kernel rows in the input. */
function rowStepBytes(args: usize): usize {
  return (<usize>(argI(args, ConvArgs.dilationH) * argI(args, ConvArgs.inW) * argI(args, ConvArgs.inC))) << 2;
}

/** This thread's own scratch. */
function threadScratch(args: usize, tid: i32): usize {
  return <usize>argI(args, ConvArgs.scratch) + <usize>tid * <usize>argI(args, ConvArgs.scratchStride);
}

/** Byte address in `x` of the first value of output row r's receptive field (its window's top-left pixel). */
function windowStart(args: usize, x: usize, r: i32): usize {
  const inW = argI(args, ConvArgs.inW);
  const inC = argI(args, ConvArgs.inC);
  const outW = argI(args, ConvArgs.outW);
  const P = argI(args, ConvArgs.outH) * outW;
  const img = r / P;
  const p = r - img * P;
  const oh = p / outW;
  const ow = p - oh * outW;
  const pixel = oh * argI(args, ConvArgs.strideH) * inW + ow * argI(args, ConvArgs.strideW);
  return F32.at(x, img * argI(args, ConvArgs.inH) * inW * inC + pixel * inC);
}

/**
 * Task: y[images·outH·outW, outC] = conv(x, w), w being the filter [kH·kW·inC, outC]. Each thread packs the filter
 * into its own scratch (then a 4×8 edge tile), then claims `tile` output rows at a time. Each output element is
 * computed by one thread in a fixed order, so results do not depend on the thread count.
 */
export function convImplicit(args: usize, tid: i32, _nt: i32): void {
  const x = <usize>argI(args, ConvArgs.x);
  const w = <usize>argI(args, ConvArgs.w);
  const y = <usize>argI(args, ConvArgs.y);
  const outC = argI(args, ConvArgs.outC);
  const kH = argI(args, ConvArgs.kH);
  const run = runFloats(args);
  const KK = kH * run;
  const rows = outputRows(args);
  const tile = argI(args, ConvArgs.tile);
  const packed = threadScratch(args, tid);
  const edge = packed + ((<usize>(KK * (((outC + NR - 1) / NR) * NR))) << 2);
  packB(w, outC, false, 0, KK, 0, outC, packed);
  const rowStep = rowStepBytes(args);
  const runBytes = (<usize>run) << 5;
  const ldcBytes = (<usize>outC) << 2;
  const units = (rows + tile - 1) / tile;
  for (let u = claim(args); u < units; u = claim(args)) {
    const end = min(rows, (u + 1) * tile);
    for (let r = u * tile; r < end; r += MR) {
      const mr = min(MR, end - r);
      // Rows past the edge re-read the last row's window (their results are dropped).
      const a = windowStart(args, x, r);
      const o1 = mr > 1 ? windowStart(args, x, r + 1) - a : 0;
      const o2 = mr > 2 ? windowStart(args, x, r + 2) - a : o1;
      const o3 = mr > 3 ? windowStart(args, x, r + 3) - a : o2;
      const c = F32.at(y, r * outC);
      for (let jp = 0; jp < outC; jp += NR) {
        const nr = min(NR, outC - jp);
        const bp = packed + ((<usize>(jp * KK)) << 2);
        for (let kh = 0; kh < kH; kh++) {
          const ak = a + <usize>kh * rowStep;
          micro(run, ak, o1, o2, o3, 4, bp + <usize>kh * runBytes, F32.at(c, jp), ldcBytes, kh == 0, mr, nr, edge);
        }
      }
    }
  }
}

/**
 * Task: the filter gradient as `chunks` partial sums at `w` (chunks × kH·kW·inC × outC floats), each over a fixed band
 * of output rows (summed in order by the caller, so the result does not depend on the threads): windowᵀ · dy, `tile`
 * rows at a time. Each thread's scratch: the packed windows (kH·kW·inC × tile floats), the packed dy rows (tile × outC
 * rounded up to 8), an edge tile, and the tile's window addresses (tile words).
 */
export function convImplicitFilterGrad(args: usize, tid: i32, _nt: i32): void {
  const partials = <usize>argI(args, ConvArgs.w);
  const size = filterFloats(args);
  const rows = outputRows(args);
  const tile = argI(args, ConvArgs.tile);
  const chunks = argI(args, ConvArgs.chunks);
  const perChunk = (rows + chunks - 1) / chunks;
  for (let c = claim(args); c < chunks; c = claim(args)) {
    const partial = F32.at(partials, c * size);
    const first = c * perChunk;
    const last = min(rows, first + perChunk);
    // A band past the last row (more chunks than rows) still owes its zeros to the sum.
    if (last <= first) memory.fill(partial, 0, (<usize>size) << 2);
    for (let r0 = first; r0 < last; r0 += tile)
      filterGradTile(args, tid, partial, r0, min(tile, last - r0), r0 == first);
  }
}

/**
 * Rows [r0, r0 + n) of the filter gradient into `partial` (overwritten or added to). The windows' transposed panels
 * are packed straight from the input — four consecutive window columns are one load when kW·inC is a multiple of
 * four — with no column matrix in between.
 */
function filterGradTile(args: usize, tid: i32, partial: usize, r0: i32, n: i32, overwrite: bool): void {
  const x = <usize>argI(args, ConvArgs.x);
  const outC = argI(args, ConvArgs.outC);
  const run = runFloats(args);
  const KK = argI(args, ConvArgs.kH) * run;
  const packedA = threadScratch(args, tid);
  const packedB = packedA + ((<usize>(KK * argI(args, ConvArgs.tile))) << 2);
  const edge = packedB + ((<usize>(argI(args, ConvArgs.tile) * (((outC + NR - 1) / NR) * NR))) << 2);
  const starts = edge + 128;
  const rowStep = rowStepBytes(args);
  // Panel g holds window columns 4g..4g+3 (kernel row kh, offset o in its run) of every row, written in order:
  // row by row, the panels' stores would be n·16 bytes apart and fall into the same cache sets.
  for (let r = 0; r < n; r++) store<u32>(starts + ((<usize>r) << 2), <u32>windowStart(args, x, r0 + r));
  for (let kh = 0, g = 0; kh < argI(args, ConvArgs.kH); kh++) {
    for (let o = 0; o < run; o += 4, g++) {
      const offset = <usize>kh * rowStep + ((<usize>o) << 2);
      const panel = packedA + ((<usize>(g * n)) << 4);
      for (let r = 0; r < n; r++) {
        const src = <usize>load<u32>(starts + ((<usize>r) << 2)) + offset;
        v128.store(panel + ((<usize>r) << 4), v128.load(src));
      }
    }
  }
  packB(F32.at(<usize>argI(args, ConvArgs.y), r0 * outC), outC, false, 0, n, 0, outC, packedB);
  const ldcBytes = (<usize>outC) << 2;
  for (let jp = 0; jp < outC; jp += NR) {
    const nr = min(NR, outC - jp);
    const bp = packedB + ((<usize>(jp * n)) << 2);
    for (let g = 0; g < KK / 4; g++) {
      const ap = packedA + ((<usize>(g * n)) << 4);
      micro(n, ap, 4, 8, 12, 16, bp, F32.at(partial, 4 * g * outC + jp), ldcBytes, overwrite, 4, nr, edge);
    }
  }
}

/** Task (parameters: PadArgs): the images of `src` in zeroed frames; only the margins are zeroed. */
export function padImages(args: usize, _tid: i32, _nt: i32): void {
  const src = <usize>argI(args, PadArgs.src);
  const dst = <usize>argI(args, PadArgs.dst);
  const rows = argI(args, PadArgs.rows);
  const rowFloats = argI(args, PadArgs.rowFloats);
  const frameRows = argI(args, PadArgs.frameRows);
  const frameFloats = argI(args, PadArgs.frameFloats);
  const top = argI(args, PadArgs.top);
  const left = argI(args, PadArgs.left);
  const rowBytes = (<usize>rowFloats) << 2;
  const rightBytes = (<usize>(frameFloats - left - rowFloats)) << 2;
  const images = argI(args, PadArgs.images);
  for (let n = claim(args); n < images; n = claim(args)) {
    const frame = F32.at(dst, n * frameRows * frameFloats);
    memory.fill(frame, 0, (<usize>(top * frameFloats)) << 2);
    const below = (top + rows) * frameFloats;
    memory.fill(F32.at(frame, below), 0, (<usize>(frameRows * frameFloats - below)) << 2);
    for (let i = 0; i < rows; i++) {
      const row = F32.at(frame, (top + i) * frameFloats);
      memory.fill(row, 0, (<usize>left) << 2);
      memory.copy(F32.at(row, left), F32.at(src, (n * rows + i) * rowFloats), rowBytes);
      memory.fill(F32.at(row, left + rowFloats), 0, rightBytes);
    }
  }
}
