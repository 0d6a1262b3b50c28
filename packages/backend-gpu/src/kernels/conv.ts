import type { Conv2DInfo, KernelSpecs, TensorInfo } from '@rectify/tensor';
import { collapseAxes, stridedSource } from '../codegen/index-code.js';
import { type GpuContext, filled, launch } from './launch.js';

/**
 * Direct convolution, NHWC, filter [kH, kW, inC, outC]: each output cell loops over its receptive field. The
 * two gradients are written gather-style too — every cell of dx or dW sums the terms that reach it — so no
 * kernel ever scatters (GL fragment shaders cannot).
 */

function infoKey(i: Conv2DInfo): string {
  return [
    i.batch,
    i.inH,
    i.inW,
    i.inC,
    i.outH,
    i.outW,
    i.outC,
    i.kH,
    i.kW,
    i.strideH,
    i.strideW,
    i.dilationH,
    i.dilationW,
    i.padTop,
    i.padLeft,
  ].join(',');
}

/** Coordinates of the flat index over `shape` as the named floats. */
function coords(shape: readonly number[]) {
  return collapseAxes(
    shape,
    shape.map((_, k) => shape.map((__, j) => (j === k ? 1 : 0))),
  );
}

export function conv2d(
  ctx: GpuContext,
  [x, filter]: KernelSpecs['conv2d']['inputs'],
  { info: i }: KernelSpecs['conv2d']['attrs'],
): TensorInfo {
  const outShape = [i.batch, i.outH, i.outW, i.outC];
  if (i.kH * i.kW * i.inC === 0) return filled(ctx, outShape, 'float32', 0);
  const statements = `let acc = 0;
for (let kh = 0; kh < ${i.kH}; kh++) {
  const ih = oh * ${i.strideH} - ${i.padTop} + kh * ${i.dilationH};
  for (let kw = 0; kw < ${i.kW}; kw++) {
    const iw = ow * ${i.strideW} - ${i.padLeft} + kw * ${i.dilationW};
    if (ih >= 0 && ih < ${i.inH} && iw >= 0 && iw < ${i.inW}) {
      const xb = ((b * ${i.inH} + ih) * ${i.inW} + iw) * ${i.inC};
      const wb = (kh * ${i.kW} + kw) * ${i.inC * i.outC} + oc;
      for (let c = 0; c < ${i.inC}; c++) {
        acc += x[xb + c] * w[wb + c * ${i.outC}];
      }
    }
  }
}
return acc;`;
  const build = () => ({
    source: stridedSource(['x', 'w'], ['b', 'oh', 'ow', 'oc'], coords(outShape), statements),
    loopMax: Math.max(i.kH, i.kW, i.inC),
  });
  return launch(ctx, 'conv2d', infoKey(i), outShape, 'float32', build, [x, filter]);
}

export function conv2dBackpropInput(
  ctx: GpuContext,
  [dy, filter]: KernelSpecs['conv2dBackpropInput']['inputs'],
  { info: i }: KernelSpecs['conv2dBackpropInput']['attrs'],
): TensorInfo {
  const outShape = [i.batch, i.inH, i.inW, i.inC];
  if (i.outH * i.outW * i.outC === 0) return filled(ctx, outShape, 'float32', 0);
  // dx[b, ih, iw, c] = Σ dy[b, oh, ow, oc] · w[kh, kw, c, oc] over the (kh, kw) with ih = oh·sH − padTop + kh·dH.
  const statements = `let acc = 0;
for (let kh = 0; kh < ${i.kH}; kh++) {
  const th = ih + ${i.padTop} - kh * ${i.dilationH};
  const oh = rfDiv(th, ${i.strideH});
  for (let kw = 0; kw < ${i.kW}; kw++) {
    const tw = iw + ${i.padLeft} - kw * ${i.dilationW};
    const ow = rfDiv(tw, ${i.strideW});
    if (th >= 0 && tw >= 0 && oh * ${i.strideH} === th && ow * ${i.strideW} === tw && oh < ${i.outH} && ow < ${i.outW}) {
      const db = ((b * ${i.outH} + oh) * ${i.outW} + ow) * ${i.outC};
      const wb = ((kh * ${i.kW} + kw) * ${i.inC} + c) * ${i.outC};
      for (let oc = 0; oc < ${i.outC}; oc++) {
        acc += dy[db + oc] * w[wb + oc];
      }
    }
  }
}
return acc;`;
  const build = () => ({
    source: stridedSource(['dy', 'w'], ['b', 'ih', 'iw', 'c'], coords(outShape), statements),
    loopMax: Math.max(i.kH, i.kW, i.outC),
  });
  return launch(ctx, 'conv2dBackpropInput', infoKey(i), outShape, 'float32', build, [dy, filter]);
}

export function conv2dBackpropFilter(
  ctx: GpuContext,
  [x, dy]: KernelSpecs['conv2dBackpropFilter']['inputs'],
  { info: i }: KernelSpecs['conv2dBackpropFilter']['attrs'],
): TensorInfo {
  const outShape = [i.kH, i.kW, i.inC, i.outC];
  if (i.batch * i.outH * i.outW === 0) return filled(ctx, outShape, 'float32', 0);
  // dW[kh, kw, c, oc] = Σ over batch and output pixels of x at the tap times dy.
  const statements = `let acc = 0;
for (let b = 0; b < ${i.batch}; b++) {
  for (let oh = 0; oh < ${i.outH}; oh++) {
    const ih = oh * ${i.strideH} - ${i.padTop} + kh * ${i.dilationH};
    if (ih >= 0 && ih < ${i.inH}) {
      for (let ow = 0; ow < ${i.outW}; ow++) {
        const iw = ow * ${i.strideW} - ${i.padLeft} + kw * ${i.dilationW};
        if (iw >= 0 && iw < ${i.inW}) {
          acc += x[((b * ${i.inH} + ih) * ${i.inW} + iw) * ${i.inC} + c] * dy[((b * ${i.outH} + oh) * ${i.outW} + ow) * ${i.outC} + oc];
        }
      }
    }
  }
}
return acc;`;
  const build = () => ({
    source: stridedSource(['x', 'dy'], ['kh', 'kw', 'c', 'oc'], coords(outShape), statements),
    loopMax: Math.max(i.batch, i.outH, i.outW),
  });
  return launch(ctx, 'conv2dBackpropFilter', infoKey(i), outShape, 'float32', build, [x, dy]);
}
