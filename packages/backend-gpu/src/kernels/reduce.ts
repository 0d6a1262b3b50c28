import { type DType, type KernelSpecs, type ReduceOp, type TensorInfo, sizeOf } from '@rectify/tensor';
import { axesKey, collapseAxes, stridedSource } from '../codegen/index-code.js';
import { type GpuContext, filled, launch } from './launch.js';
import { transpose } from './layout.js';

/**
 * Reductions view x as [outer, R, inner] (reduced axes that are not adjacent are first transposed to the end)
 * and reduce R in passes of at most BLOCK elements per thread: long reductions become a tree — 60,000 → 235 → 1 —
 * which keeps every loop short, gives the device parallel work even for a full sum, and bounds float32 rounding
 * (sums also add in chunks of CHUNK, so each pass rounds like ~BLOCK/CHUNK + CHUNK terms, not BLOCK).
 */
const BLOCK = 256;
const CHUNK = 16;

interface Blocks {
  readonly x: TensorInfo;
  readonly outer: number;
  readonly reduced: number;
  readonly inner: number;
  /** A transposed copy made for the reduction, to free afterwards. */
  readonly temporary: TensorInfo | null;
}

function asBlocks(ctx: GpuContext, x: TensorInfo, axes: readonly number[]): Blocks {
  const first = axes[0]!;
  const last = axes[axes.length - 1]!;
  const s = x.shape;
  if (last - first + 1 === axes.length) {
    return {
      x,
      outer: sizeOf(s.slice(0, first)),
      reduced: sizeOf(s.slice(first, last + 1)),
      inner: sizeOf(s.slice(last + 1)),
      temporary: null,
    };
  }
  const kept = s.map((_, i) => i).filter((i) => !axes.includes(i));
  const t = transpose(ctx, [x], { perm: [...kept, ...axes] });
  return {
    x: t,
    outer: sizeOf(kept.map((i) => s[i]!)),
    reduced: sizeOf(axes.map((i) => s[i]!)),
    inner: 1,
    temporary: t,
  };
}

const INITIAL: Record<ReduceOp, number> = { sum: 0, prod: 1, max: -Infinity, min: Infinity, any: 0, all: 1 };

/** Statements folding `v` into `acc`. max/min let NaN win, as the CPU backend does. */
const FOLD: Record<Exclude<ReduceOp, 'sum'>, string> = {
  prod: 'acc = acc * v;',
  max: 'if (v > acc || v !== v) {\n acc = v;\n }',
  min: 'if (v < acc || v !== v) {\n acc = v;\n }',
  any: 'if (v !== 0) {\n acc = 1;\n }',
  all: 'if (v === 0) {\n acc = 0;\n }',
};

/** One pass: [outer, R, inner] → [outer, ceil(R / block), inner]. */
function pass(
  ctx: GpuContext,
  x: TensorInfo,
  op: ReduceOp,
  outer: number,
  reduced: number,
  inner: number,
  block: number,
  shape: readonly number[],
  dtype: DType,
): TensorInfo {
  const groups = Math.ceil(reduced / block);
  // g is the group; base is where its first element sits.
  const axes = collapseAxes(
    [outer, groups, inner],
    [
      [0, 1, 0],
      [reduced * inner, block * inner, 1],
    ],
  );
  const read = (r: string) => `x[base + (${r}) * ${inner}]`;
  let statements: string;
  if (op === 'sum') {
    const chunks = Math.ceil(block / CHUNK);
    statements = `let acc = 0;
for (let c = 0; c < ${chunks}; c++) {
  let part = 0;
  for (let t = 0; t < ${CHUNK}; t++) {
    const r = c * ${CHUNK} + t;
    if (r < ${block} && g * ${block} + r < ${reduced}) {
      part += ${read('r')};
    }
  }
  acc += part;
}
return acc;`;
  } else {
    // Every group has at least one element: start from it, so no ±Infinity literal is needed.
    statements = `let acc = ${read('0')};
for (let r = 1; r < ${block}; r++) {
  if (g * ${block} + r < ${reduced}) {
    const v = ${read('r')};
    ${FOLD[op]}
  }
}
return acc;`;
  }
  const key = `${op} ${reduced} ${inner} ${block} ${axesKey(axes)}`;
  return launch(
    ctx,
    'reduce',
    key,
    shape,
    dtype,
    () => ({ source: stridedSource(['x'], ['g', 'base'], axes, statements), loopMax: block }),
    [x],
  );
}

export function reduce(
  ctx: GpuContext,
  [x]: KernelSpecs['reduce']['inputs'],
  { axes, op }: KernelSpecs['reduce']['attrs'],
): TensorInfo {
  const outShape = x.shape.filter((_, i) => !axes.includes(i));
  const dtype: DType = op === 'any' || op === 'all' ? 'bool' : x.dtype === 'bool' ? 'int32' : x.dtype;
  if (sizeOf(outShape) === 0) return ctx.storage.put(outShape, dtype, null, null);
  const { x: xs, outer, reduced, inner, temporary } = asBlocks(ctx, x, axes);
  if (reduced === 0) return filled(ctx, outShape, dtype, INITIAL[op]);
  let cur = xs;
  let r = reduced;
  const partials: TensorInfo[] = [];
  while (r > BLOCK) {
    const groups = Math.ceil(r / BLOCK);
    cur = pass(ctx, cur, op, outer, r, inner, BLOCK, [outer, groups, inner], dtype);
    partials.push(cur);
    r = groups;
  }
  const out = pass(ctx, cur, op, outer, r, inner, r, outShape, dtype);
  for (const t of [...partials, ...(temporary ? [temporary] : [])]) ctx.storage.delete(t.dataId);
  return out;
}

export function argReduce(
  ctx: GpuContext,
  [x]: KernelSpecs['argReduce']['inputs'],
  { axis, op }: KernelSpecs['argReduce']['attrs'],
): TensorInfo {
  const outShape = x.shape.filter((_, i) => i !== axis);
  const outer = sizeOf(x.shape.slice(0, axis));
  const reduced = x.shape[axis]!;
  const inner = sizeOf(x.shape.slice(axis + 1));
  if (sizeOf(outShape) === 0) return ctx.storage.put(outShape, 'int32', null, null);
  if (reduced === 0) return filled(ctx, outShape, 'int32', 0);
  const axes = collapseAxes([outer, inner], [[reduced * inner, 1]]);
  // The first extreme wins ties; the first NaN wins outright and ends the search, as on the CPU.
  const better = op === 'argmax' ? 'v > best' : 'v < best';
  const statements = `let best = x[base];
let at = 0;
for (let r = 1; r < ${reduced}; r++) {
  if (best === best) {
    const v = x[base + r * ${inner}];
    if (${better} || v !== v) {
      best = v;
      at = r;
    }
  }
}
return at;`;
  const build = () => ({ source: stridedSource(['x'], ['base'], axes, statements), loopMax: reduced });
  return launch(ctx, 'argReduce', `${op} ${reduced} ${inner} ${axesKey(axes)}`, outShape, 'int32', build, [x]);
}
