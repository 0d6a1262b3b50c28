import { type KernelSpecs, type TensorInfo, sizeOf, stridesOf } from '@rectify/tensor';
import { axesKey, collapseAxes, stridedSource, transposeAxes } from '../codegen/index-code.js';
import { type GpuContext, filled, launch } from './launch.js';

/**
 * Layout kernels move values without computing on them. Transpose, slice and tile are all one strided read
 * (`x[base + Σ cᵢ·sᵢ]`), differing only in the strides; pad and concat choose per element where to read.
 */

export function transpose(
  ctx: GpuContext,
  [x]: KernelSpecs['transpose']['inputs'],
  { perm }: KernelSpecs['transpose']['attrs'],
): TensorInfo {
  const axes = transposeAxes(x.shape, perm);
  const outShape = perm.map((p) => x.shape[p]!);
  const build = () => ({ source: stridedSource(['x'], ['ix'], axes, 'return x[ix];') });
  return launch(ctx, 'transpose', axesKey(axes), outShape, x.dtype, build, [x]);
}

export function slice(
  ctx: GpuContext,
  [x]: KernelSpecs['slice']['inputs'],
  { begin, size }: KernelSpecs['slice']['attrs'],
): TensorInfo {
  const strides = stridesOf(x.shape);
  const base = begin.reduce((acc, b, i) => acc + b * strides[i]!, 0);
  const axes = collapseAxes(size, [strides]);
  const build = () => ({ source: stridedSource(['x'], ['ix'], axes, 'return x[ix];', [base]) });
  return launch(ctx, 'slice', `${sizeOf(x.shape)} ${base} ${axesKey(axes)}`, size, x.dtype, build, [x]);
}

export function tile(
  ctx: GpuContext,
  [x]: KernelSpecs['tile']['inputs'],
  { reps }: KernelSpecs['tile']['attrs'],
): TensorInfo {
  // Each axis of the output is [rep, d] with the input read at stride 0 along rep.
  const inStrides = stridesOf(x.shape);
  const axes = collapseAxes(
    x.shape.flatMap((d, i) => [reps[i]!, d]),
    [x.shape.flatMap((_, i) => [0, inStrides[i]!])],
  );
  const outShape = x.shape.map((d, i) => d * reps[i]!);
  const build = () => ({ source: stridedSource(['x'], ['ix'], axes, 'return x[ix];') });
  return launch(ctx, 'tile', `${sizeOf(x.shape)} ${axesKey(axes)}`, outShape, x.dtype, build, [x]);
}

/** One operand per axis whose "offset" is that axis' coordinate: [0,…,1,…,0] strides. */
function coordinateAxes(shape: readonly number[]) {
  return collapseAxes(
    shape,
    shape.map((_, k) => shape.map((__, j) => (j === k ? 1 : 0))),
  );
}

export function pad(
  ctx: GpuContext,
  [x]: KernelSpecs['pad']['inputs'],
  { paddings, value }: KernelSpecs['pad']['attrs'],
): TensorInfo {
  const outShape = x.shape.map((d, i) => d + paddings[i]![0] + paddings[i]![1]);
  if (sizeOf(x.shape) === 0) return filled(ctx, outShape, x.dtype, value);
  const strides = stridesOf(x.shape);
  const names = x.shape.map((_, k) => `c${k}`);
  const inside = x.shape.map((d, k) => `c${k} >= ${paddings[k]![0]} && c${k} < ${paddings[k]![0] + d}`);
  // Reads are clamped into x so that no lane of a vectorised kernel reads outside it.
  const offset = x.shape.map((d, k) => `Math.min(Math.max(c${k} - ${paddings[k]![0]}, 0), ${d - 1}) * ${strides[k]}`);
  const statements = `const ix = ${['0', ...offset].join(' + ')};\nreturn ${inside.length ? `${inside.join(' && ')} ? x[ix] : v` : 'x[ix]'};`;
  const build = () => ({ source: stridedSource(['x', 'v'], names, coordinateAxes(outShape), statements) });
  const key = `${x.shape.join('x')} ${paddings.map((p) => p.join(',')).join(';')}`;
  return launch(ctx, 'pad', key, outShape, x.dtype, build, [x], [value]);
}

/** Inputs per concat kernel; more are concatenated in groups (GL has at least 16 texture units). */
const CONCAT_GROUP = 8;

function concatGroup(ctx: GpuContext, inputs: readonly TensorInfo[], axis: number): TensorInfo {
  const first = inputs[0]!;
  const outShape = [...first.shape];
  outShape[axis] = inputs.reduce((n, t) => n + t.shape[axis]!, 0);
  const outRow = sizeOf(outShape.slice(axis));
  const rows = inputs.map((t) => sizeOf(t.shape.slice(axis)));
  const params = inputs.map((_, j) => `x${j}`);
  // The output is [outer, outRow]; its row is the inputs' rows side by side.
  let pick = '';
  let start = 0;
  rows.forEach((row, j) => {
    const read = `x${j}[o * ${row} + Math.min(Math.max(col - ${start}, 0), ${row - 1})]`;
    pick = j === rows.length - 1 ? `${pick}${read}${')'.repeat(j)}` : `${pick}(col < ${start + row} ? ${read} : `;
    start += row;
  });
  const source = `function (${params.join(', ')}) {
const rfI = rfFloat(this.thread.x);
const o = rfDiv(rfI, ${outRow});
const col = rfI - o * ${outRow};
return ${pick};
}`;
  return launch(ctx, 'concat', `${outRow} ${rows.join(',')}`, outShape, first.dtype, () => ({ source }), inputs);
}

export function concat(
  ctx: GpuContext,
  inputs: KernelSpecs['concat']['inputs'],
  { axis }: KernelSpecs['concat']['attrs'],
): TensorInfo {
  const nonEmpty = inputs.filter((t) => sizeOf(t.shape) > 0);
  if (nonEmpty.length === 0) {
    const outShape = [...inputs[0]!.shape];
    outShape[axis] = inputs.reduce((n, t) => n + t.shape[axis]!, 0);
    return ctx.storage.put(outShape, inputs[0]!.dtype, null, null);
  }
  let parts: TensorInfo[] = nonEmpty;
  const temporaries: TensorInfo[] = [];
  while (parts.length > CONCAT_GROUP) {
    const next: TensorInfo[] = [];
    for (let i = 0; i < parts.length; i += CONCAT_GROUP) {
      const group = parts.slice(i, i + CONCAT_GROUP);
      if (group.length === 1) next.push(group[0]!);
      else {
        const joined = concatGroup(ctx, group, axis);
        temporaries.push(joined);
        next.push(joined);
      }
    }
    parts = next;
  }
  const out = concatGroup(ctx, parts, axis);
  for (const t of temporaries) ctx.storage.delete(t.dataId);
  return out;
}
