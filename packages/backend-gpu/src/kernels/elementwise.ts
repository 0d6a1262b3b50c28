import { type DType, type KernelSpecs, type TensorInfo, broadcastShapes, sizeOf } from '@rectify/tensor';
import { axesKey, broadcastAxes, stridedSource } from '../codegen/index-code.js';
import { type GpuContext, launch, storeAs } from './launch.js';

/**
 * Elementwise kernels are generated from the scalar definitions (`UnaryFn.f`, `.df`, `BinaryFn.f`): the
 * function becomes the helper `rfF` and the kernel reads each operand at its broadcast offset. One kernel per
 * (function source, result dtype, iteration space).
 */

export function unary(
  ctx: GpuContext,
  [x]: KernelSpecs['unary']['inputs'],
  { fn, a, b }: KernelSpecs['unary']['attrs'],
): TensorInfo {
  const dtype: DType = fn.out === 'same' ? x.dtype : fn.out === 'bool' ? 'bool' : 'float32';
  const sf = ctx.runner.scalar(fn.f, 3, `'${fn.name}'.f`);
  const build = () => ({
    source: `function (x, a, b) {\nreturn ${storeAs(dtype, 'rfF(x[this.thread.x], a, b)')};\n}`,
    functions: [sf],
    helpers: sf.helpers,
  });
  return launch(ctx, 'unary', `${sf.id} ${dtype} ${sizeOf(x.shape)}`, x.shape, dtype, build, [x], [a, b]);
}

export function unaryGrad(
  ctx: GpuContext,
  [x, dy]: KernelSpecs['unaryGrad']['inputs'],
  { fn, a, b }: KernelSpecs['unaryGrad']['attrs'],
): TensorInfo {
  const sf = ctx.runner.scalar(fn.df, 3, `'${fn.name}'.df`);
  const build = () => ({
    source: `function (x, dy, a, b) {\nconst i = this.thread.x;\nreturn dy[i] * rfF(x[i], a, b);\n}`,
    functions: [sf],
    helpers: sf.helpers,
  });
  return launch(ctx, 'unaryGrad', `${sf.id} ${sizeOf(x.shape)}`, x.shape, 'float32', build, [x, dy], [a, b]);
}

/** `fn.f(z + bias)` with bias read at the last-axis index: the `unary` codegen over a broadcast iteration space. */
export function biasActivation(
  ctx: GpuContext,
  [z, bias]: KernelSpecs['biasActivation']['inputs'],
  { fn, a, b }: KernelSpecs['biasActivation']['attrs'],
): TensorInfo {
  const axes = broadcastAxes(z.shape, [z.shape, bias.shape]);
  const sf = ctx.runner.scalar(fn.f, 3, `'${fn.name}'.f`);
  const build = () => ({
    source: stridedSource(['z', 'bias', 'a', 'b'], ['iz', 'ib'], axes, 'return rfF(z[iz] + bias[ib], a, b);'),
    functions: [sf],
    helpers: sf.helpers,
  });
  return launch(ctx, 'biasActivation', `${sf.id} ${axesKey(axes)}`, z.shape, 'float32', build, [z, bias], [a, b]);
}

export function binary(
  ctx: GpuContext,
  [x, y]: KernelSpecs['binary']['inputs'],
  { fn, dtype }: KernelSpecs['binary']['attrs'],
): TensorInfo {
  const outShape = broadcastShapes(fn.name, x.shape, y.shape);
  const axes = broadcastAxes(outShape, [x.shape, y.shape]);
  const sf = ctx.runner.scalar(fn.f, 2, `'${fn.name}'.f`);
  const build = () => ({
    source: stridedSource(['x', 'y'], ['ix', 'iy'], axes, `return ${storeAs(dtype, 'rfF(x[ix], y[iy])')};`),
    functions: [sf],
    helpers: sf.helpers,
  });
  return launch(ctx, 'binary', `${sf.id} ${dtype} ${axesKey(axes)}`, outShape, dtype, build, [x, y]);
}

export function where(
  ctx: GpuContext,
  [c, x, y]: KernelSpecs['where']['inputs'],
  { dtype }: KernelSpecs['where']['attrs'],
): TensorInfo {
  const outShape = broadcastShapes('where', broadcastShapes('where', c.shape, x.shape), y.shape);
  const axes = broadcastAxes(outShape, [c.shape, x.shape, y.shape]);
  const build = () => ({
    source: stridedSource(['c', 'x', 'y'], ['ic', 'ix', 'iy'], axes, 'return c[ic] !== 0 ? x[ix] : y[iy];'),
  });
  return launch(ctx, 'where', axesKey(axes), outShape, dtype, build, [c, x, y]);
}

export function cast(
  ctx: GpuContext,
  [x]: KernelSpecs['cast']['inputs'],
  { dtype }: KernelSpecs['cast']['attrs'],
): TensorInfo {
  // Every dtype is float32 on the device: only conversions to int32 and bool compute anything.
  const value = dtype === 'bool' ? 'v !== 0 ? 1 : 0' : storeAs(dtype, 'v');
  const build = () => ({ source: `function (x) {\nconst v = x[this.thread.x];\nreturn ${value};\n}` });
  return launch(ctx, 'cast', `${dtype} ${sizeOf(x.shape)}`, x.shape, dtype, build, [x]);
}
