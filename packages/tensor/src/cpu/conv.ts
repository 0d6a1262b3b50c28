import type { KernelSpecs, TensorInfo } from '../backend/kernels.js';
import type { Conv2DInfo } from '../conv-geometry.js';
import { gemm } from './gemm.js';
import type { CpuStorage } from './storage.js';

/**
 * conv2d as im2col + GEMM, one image at a time so the column buffer stays small: each output pixel's receptive
 * field becomes a row of `col` [outH·outW, kH·kW·inC], and the filter [kH, kW, inC, outC] is already that matrix's
 * right-hand side in row-major order.
 */
function im2col(x: Float32Array, b: number, info: Conv2DInfo, col: Float32Array): void {
  const { inH, inW, inC, outH, outW, kH, kW, strideH, strideW, dilationH, dilationW, padTop, padLeft } = info;
  const rowLen = kH * kW * inC;
  const imgOff = b * inH * inW * inC;
  for (let oh = 0; oh < outH; oh++) {
    for (let ow = 0; ow < outW; ow++) {
      const rowOff = (oh * outW + ow) * rowLen;
      for (let kh = 0; kh < kH; kh++) {
        const ih = oh * strideH - padTop + kh * dilationH;
        for (let kw = 0; kw < kW; kw++) {
          const iw = ow * strideW - padLeft + kw * dilationW;
          const dst = rowOff + (kh * kW + kw) * inC;
          if (ih < 0 || ih >= inH || iw < 0 || iw >= inW) col.fill(0, dst, dst + inC);
          else {
            const src = imgOff + (ih * inW + iw) * inC;
            for (let c = 0; c < inC; c++) col[dst + c] = x[src + c]!;
          }
        }
      }
    }
  }
}

/** The adjoint of im2col: adds each column entry back onto the input pixel it was read from. */
function col2im(col: Float32Array, b: number, info: Conv2DInfo, dx: Float32Array): void {
  const { inH, inW, inC, outH, outW, kH, kW, strideH, strideW, dilationH, dilationW, padTop, padLeft } = info;
  const rowLen = kH * kW * inC;
  const imgOff = b * inH * inW * inC;
  for (let oh = 0; oh < outH; oh++) {
    for (let ow = 0; ow < outW; ow++) {
      const rowOff = (oh * outW + ow) * rowLen;
      for (let kh = 0; kh < kH; kh++) {
        const ih = oh * strideH - padTop + kh * dilationH;
        if (ih < 0 || ih >= inH) continue;
        for (let kw = 0; kw < kW; kw++) {
          const iw = ow * strideW - padLeft + kw * dilationW;
          if (iw < 0 || iw >= inW) continue;
          const src = rowOff + (kh * kW + kw) * inC;
          const dst = imgOff + (ih * inW + iw) * inC;
          for (let c = 0; c < inC; c++) dx[dst + c] += col[src + c]!;
        }
      }
    }
  }
}

function dims(info: Conv2DInfo) {
  return { P: info.outH * info.outW, KK: info.kH * info.kW * info.inC };
}

export function conv2d(
  store: CpuStorage,
  [x, filter]: KernelSpecs['conv2d']['inputs'],
  { info }: KernelSpecs['conv2d']['attrs'],
): TensorInfo {
  const { P, KK } = dims(info);
  const xs = store.get(x.dataId) as Float32Array;
  const w = store.get(filter.dataId) as Float32Array;
  const out = new Float32Array(info.batch * P * info.outC);
  const col = new Float32Array(P * KK);
  for (let b = 0; b < info.batch; b++) {
    im2col(xs, b, info, col);
    gemm(P, info.outC, KK, col, 0, false, w, 0, false, out, b * P * info.outC, false);
  }
  return store.put(out, [info.batch, info.outH, info.outW, info.outC], 'float32');
}

export function conv2dBackpropInput(
  store: CpuStorage,
  [dy, filter]: KernelSpecs['conv2dBackpropInput']['inputs'],
  { info }: KernelSpecs['conv2dBackpropInput']['attrs'],
): TensorInfo {
  const { P, KK } = dims(info);
  const g = store.get(dy.dataId) as Float32Array;
  const w = store.get(filter.dataId) as Float32Array;
  const dx = new Float32Array(info.batch * info.inH * info.inW * info.inC);
  const col = new Float32Array(P * KK);
  for (let b = 0; b < info.batch; b++) {
    gemm(P, KK, info.outC, g, b * P * info.outC, false, w, 0, true, col, 0, false);
    col2im(col, b, info, dx);
  }
  return store.put(dx, [info.batch, info.inH, info.inW, info.inC], 'float32');
}

export function conv2dBackpropFilter(
  store: CpuStorage,
  [x, dy]: KernelSpecs['conv2dBackpropFilter']['inputs'],
  { info }: KernelSpecs['conv2dBackpropFilter']['attrs'],
): TensorInfo {
  const { P, KK } = dims(info);
  const xs = store.get(x.dataId) as Float32Array;
  const g = store.get(dy.dataId) as Float32Array;
  const dw = new Float32Array(KK * info.outC);
  const col = new Float32Array(P * KK);
  for (let b = 0; b < info.batch; b++) {
    im2col(xs, b, info, col);
    gemm(KK, info.outC, P, col, 0, true, g, b * P * info.outC, false, dw, 0, true);
  }
  return store.put(dw, [info.kH, info.kW, info.inC, info.outC], 'float32');
}
