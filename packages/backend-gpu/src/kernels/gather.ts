import { type KernelSpecs, type TensorInfo, sizeOf } from '@rectify/tensor';
import { axesKey, collapseAxes, stridedSource } from '../codegen/index-code.js';
import { type GpuContext, filled, launch } from './launch.js';

/**
 * The ops check indices on the host before they reach a kernel (tensor's ops/gather.ts), so kernels assume them
 * valid; reads are still clamped into x, so that a bad index can never address outside it.
 */
export function gather(
  ctx: GpuContext,
  [x, indices]: KernelSpecs['gather']['inputs'],
  { axis }: KernelSpecs['gather']['attrs'],
): TensorInfo {
  const outer = sizeOf(x.shape.slice(0, axis));
  const n = x.shape[axis]!;
  const inner = sizeOf(x.shape.slice(axis + 1));
  const count = sizeOf(indices.shape);
  const outShape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
  // Output [outer, count, inner]: k picks the index, base is where x's row starts before adding index × inner.
  const axes = collapseAxes(
    [outer, count, inner],
    [
      [0, 1, 0],
      [n * inner, 0, 1],
    ],
  );
  const build = () => ({
    source: stridedSource(
      ['x', 'indices'],
      ['k', 'base'],
      axes,
      `const i = Math.min(Math.max(indices[k], 0), ${n - 1});\nreturn x[base + i * ${inner}];`,
    ),
  });
  return launch(ctx, 'gather', `${n} ${inner} ${axesKey(axes)}`, outShape, x.dtype, build, [x, indices]);
}

export function scatterAdd(
  ctx: GpuContext,
  [updates, indices]: KernelSpecs['scatterAdd']['inputs'],
  { axis, shape }: KernelSpecs['scatterAdd']['attrs'],
): TensorInfo {
  const outer = sizeOf(shape.slice(0, axis));
  const n = shape[axis]!;
  const inner = sizeOf(shape.slice(axis + 1));
  const count = sizeOf(indices.shape);
  if (count === 0) return filled(ctx, shape, updates.dtype, 0);
  // Gather-style: every output cell sums the updates whose index names it (no atomics needed).
  const axes = collapseAxes(
    [outer, n, inner],
    [
      [0, 1, 0],
      [count * inner, 0, 1],
    ],
  );
  const statements = `let s = 0;
for (let k = 0; k < ${count}; k++) {
  if (indices[k] === t) {
    s += updates[base + k * ${inner}];
  }
}
return s;`;
  const build = () => ({
    source: stridedSource(['updates', 'indices'], ['t', 'base'], axes, statements),
    loopMax: count,
  });
  return launch(ctx, 'scatterAdd', `${count} ${inner} ${axesKey(axes)}`, shape, updates.dtype, build, [
    updates,
    indices,
  ]);
}
