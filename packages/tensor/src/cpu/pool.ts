import type { KernelSpecs, TensorInfo } from '../backend/kernels.js';
import type { Pool2DInfo } from '../conv-geometry.js';
import type { CpuStorage } from './storage.js';

/** Calls `visit(outIndex, inIndices)` per output cell; windows skip padding, as TensorFlow's pools do. */
function forEachWindow(info: Pool2DInfo, visit: (outOff: number, inOffs: number[]) => void): void {
  const { batch, inH, inW, channels: C, outH, outW, kH, kW, strideH, strideW, padTop, padLeft } = info;
  const offs: number[] = [];
  for (let b = 0; b < batch; b++) {
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++) {
        offs.length = 0;
        for (let kh = 0; kh < kH; kh++) {
          const ih = oh * strideH - padTop + kh;
          if (ih < 0 || ih >= inH) continue;
          for (let kw = 0; kw < kW; kw++) {
            const iw = ow * strideW - padLeft + kw;
            if (iw >= 0 && iw < inW) offs.push(((b * inH + ih) * inW + iw) * C);
          }
        }
        visit(((b * outH + oh) * outW + ow) * C, offs);
      }
    }
  }
}

function outShape(info: Pool2DInfo): number[] {
  return [info.batch, info.outH, info.outW, info.channels];
}

export function maxPool(
  store: CpuStorage,
  [x]: KernelSpecs['maxPool']['inputs'],
  { info }: KernelSpecs['maxPool']['attrs'],
): TensorInfo {
  const xs = store.get(x.dataId);
  const C = info.channels;
  const out = new Float32Array(info.batch * info.outH * info.outW * C).fill(-Infinity);
  forEachWindow(info, (o, offs) => {
    for (const i of offs) {
      for (let c = 0; c < C; c++) {
        const v = xs[i + c]!;
        if (v > out[o + c]! || v !== v) out[o + c] = v;
      }
    }
  });
  return store.put(out, outShape(info), 'float32');
}

export function maxPoolGrad(
  store: CpuStorage,
  [dy, x]: KernelSpecs['maxPoolGrad']['inputs'],
  { info }: KernelSpecs['maxPoolGrad']['attrs'],
): TensorInfo {
  const xs = store.get(x.dataId);
  const g = store.get(dy.dataId);
  const C = info.channels;
  const dx = new Float32Array(xs.length);
  forEachWindow(info, (o, offs) => {
    for (let c = 0; c < C; c++) {
      // The gradient goes to the first maximum of the window, as in TensorFlow.
      let best = -Infinity;
      let at = -1;
      for (const i of offs) {
        const v = xs[i + c]!;
        if (at < 0 || v > best) {
          best = v;
          at = i + c;
        }
      }
      if (at >= 0) dx[at] += g[o + c]!;
    }
  });
  return store.put(dx, x.shape, 'float32');
}

export function avgPool(
  store: CpuStorage,
  [x]: KernelSpecs['avgPool']['inputs'],
  { info }: KernelSpecs['avgPool']['attrs'],
): TensorInfo {
  const xs = store.get(x.dataId);
  const C = info.channels;
  const out = new Float32Array(info.batch * info.outH * info.outW * C);
  forEachWindow(info, (o, offs) => {
    for (const i of offs) for (let c = 0; c < C; c++) out[o + c] += xs[i + c]!;
    const inv = offs.length ? 1 / offs.length : 0;
    for (let c = 0; c < C; c++) out[o + c] *= inv;
  });
  return store.put(out, outShape(info), 'float32');
}

export function avgPoolGrad(
  store: CpuStorage,
  [dy]: KernelSpecs['avgPoolGrad']['inputs'],
  { info }: KernelSpecs['avgPoolGrad']['attrs'],
): TensorInfo {
  const g = store.get(dy.dataId);
  const C = info.channels;
  const dx = new Float32Array(info.batch * info.inH * info.inW * C);
  forEachWindow(info, (o, offs) => {
    const inv = offs.length ? 1 / offs.length : 0;
    for (const i of offs) for (let c = 0; c < C; c++) dx[i + c] += g[o + c]! * inv;
  });
  return store.put(dx, [info.batch, info.inH, info.inW, C], 'float32');
}
