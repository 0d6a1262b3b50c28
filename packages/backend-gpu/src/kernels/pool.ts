import type { KernelSpecs, Pool2DInfo, TensorInfo } from '@rectify/tensor';
import { collapseAxes, stridedSource } from '../codegen/index-code.js';
import { type GpuContext, launch } from './launch.js';

/**
 * 2-D pooling, NHWC. Windows skip padding, as TensorFlow's do. The gradients are gather-style: each input cell
 * looks at the windows that contain it (at most kH·kW of them) and takes their share.
 */

function infoKey(i: Pool2DInfo): string {
  return [
    i.batch,
    i.inH,
    i.inW,
    i.channels,
    i.outH,
    i.outW,
    i.kH,
    i.kW,
    i.strideH,
    i.strideW,
    i.padTop,
    i.padLeft,
  ].join(',');
}

function coords(shape: readonly number[]) {
  return collapseAxes(
    shape,
    shape.map((_, k) => shape.map((__, j) => (j === k ? 1 : 0))),
  );
}

/** Statements looping over the valid cells (ih, iw) of window (oh, ow), running `body` for each. */
function forWindow(i: Pool2DInfo, oh: string, ow: string, body: string, suffix = ''): string {
  return `for (let kh${suffix} = 0; kh${suffix} < ${i.kH}; kh${suffix}++) {
  const ih${suffix} = ${oh} * ${i.strideH} - ${i.padTop} + kh${suffix};
  for (let kw${suffix} = 0; kw${suffix} < ${i.kW}; kw${suffix}++) {
    const iw${suffix} = ${ow} * ${i.strideW} - ${i.padLeft} + kw${suffix};
    if (ih${suffix} >= 0 && ih${suffix} < ${i.inH} && iw${suffix} >= 0 && iw${suffix} < ${i.inW}) {
      ${body}
    }
  }
}`;
}

/** Statements looping over the windows (oh, ow) that contain input cell (ih, iw), running `body` for each. */
function forContaining(i: Pool2DInfo, body: string): string {
  return `for (let th = 0; th < ${i.kH}; th++) {
  const sh = ih + ${i.padTop} - th;
  const oh = rfDiv(sh, ${i.strideH});
  for (let tw = 0; tw < ${i.kW}; tw++) {
    const sw = iw + ${i.padLeft} - tw;
    const ow = rfDiv(sw, ${i.strideW});
    if (sh >= 0 && sw >= 0 && oh * ${i.strideH} === sh && ow * ${i.strideW} === sw && oh < ${i.outH} && ow < ${i.outW}) {
      ${body}
    }
  }
}`;
}

const xAt = (i: Pool2DInfo, ih: string, iw: string) =>
  `x[((b * ${i.inH} + ${ih}) * ${i.inW} + ${iw}) * ${i.channels} + c]`;
const dyAt = (i: Pool2DInfo) => `dy[((b * ${i.outH} + oh) * ${i.outW} + ow) * ${i.channels} + c]`;
const outShapeOf = (i: Pool2DInfo) => [i.batch, i.outH, i.outW, i.channels];
const inShapeOf = (i: Pool2DInfo) => [i.batch, i.inH, i.inW, i.channels];

export function maxPool(
  ctx: GpuContext,
  [x]: KernelSpecs['maxPool']['inputs'],
  { info: i }: KernelSpecs['maxPool']['attrs'],
): TensorInfo {
  const negInf = ctx.runner.gl ? '-rfInf()' : '-Infinity';
  // Like the CPU: start from −∞ (what a window entirely in the padding gives); NaN wins and stays.
  const statements = `let acc = ${negInf};
${forWindow(
  i,
  'oh',
  'ow',
  `const v = ${xAt(i, 'ih', 'iw')};
      if (v > acc || v !== v) {
        acc = v;
      }`,
)}
return acc;`;
  const build = () => ({
    source: stridedSource(['x'], ['b', 'oh', 'ow', 'c'], coords(outShapeOf(i)), statements),
    helpers: ['rfInf'],
  });
  return launch(ctx, 'maxPool', infoKey(i), outShapeOf(i), 'float32', build, [x]);
}

export function maxPoolGrad(
  ctx: GpuContext,
  [dy, x]: KernelSpecs['maxPoolGrad']['inputs'],
  { info: i }: KernelSpecs['maxPoolGrad']['attrs'],
): TensorInfo {
  // A window's gradient goes to its first maximum (NaN never wins), as in TensorFlow and the CPU backend.
  const argmax = `let best = 0;
      let at = -1;
      ${forWindow(
        i,
        'oh',
        'ow',
        `const v = ${xAt(i, 'ih2', 'iw2')};
          if (at < 0 || v > best) {
            best = v;
            at = ih2 * ${i.inW} + iw2;
          }`,
        '2',
      )}
      if (at === ih * ${i.inW} + iw) {
        acc += ${dyAt(i)};
      }`;
  const statements = `let acc = 0;\n${forContaining(i, argmax)}\nreturn acc;`;
  const build = () => ({
    source: stridedSource(['dy', 'x'], ['b', 'ih', 'iw', 'c'], coords(inShapeOf(i)), statements),
  });
  return launch(ctx, 'maxPoolGrad', infoKey(i), inShapeOf(i), 'float32', build, [dy, x]);
}

/** The number of valid cells in window (oh, ow), as an expression. */
function windowCount(i: Pool2DInfo): string {
  const span = (o: string, s: number, p: number, k: number, n: number) =>
    `(Math.min(${o} * ${s} - ${p} + ${k}, ${n}) - Math.max(${o} * ${s} - ${p}, 0))`;
  return `${span('oh', i.strideH, i.padTop, i.kH, i.inH)} * ${span('ow', i.strideW, i.padLeft, i.kW, i.inW)}`;
}

export function avgPool(
  ctx: GpuContext,
  [x]: KernelSpecs['avgPool']['inputs'],
  { info: i }: KernelSpecs['avgPool']['attrs'],
): TensorInfo {
  const statements = `let acc = 0;
let n = 0;
${forWindow(i, 'oh', 'ow', `acc += ${xAt(i, 'ih', 'iw')};\n      n += 1;`)}
return n > 0 ? acc / n : 0;`;
  const build = () => ({ source: stridedSource(['x'], ['b', 'oh', 'ow', 'c'], coords(outShapeOf(i)), statements) });
  return launch(ctx, 'avgPool', infoKey(i), outShapeOf(i), 'float32', build, [x]);
}

export function avgPoolGrad(
  ctx: GpuContext,
  [dy]: KernelSpecs['avgPoolGrad']['inputs'],
  { info: i }: KernelSpecs['avgPoolGrad']['attrs'],
): TensorInfo {
  const statements = `let acc = 0;\n${forContaining(i, `acc += ${dyAt(i)} / (${windowCount(i)});`)}\nreturn acc;`;
  const build = () => ({ source: stridedSource(['dy'], ['b', 'ih', 'iw', 'c'], coords(inShapeOf(i)), statements) });
  return launch(ctx, 'avgPoolGrad', infoKey(i), inShapeOf(i), 'float32', build, [dy]);
}
