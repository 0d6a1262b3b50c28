import {
  type KernelSpecs,
  type SoftmaxAttrs,
  type SoftmaxRows,
  type TensorInfo,
  sizeOf,
  softmaxRows,
} from '@rectify/tensor';
import { type GpuContext, launch } from './launch.js';

/**
 * The fused softmax as three small kernels — each row's max and sum (one thread per row), then the weights (one
 * per element) — and its gradient as two: each row's Σ dy·y, then the weights' gradient. Visibility is worked out
 * from the indices (causal) and the mask row in every kernel; the masked scores are never written.
 */
interface Geometry extends SoftmaxRows {
  readonly masked: boolean;
  /** Rows of the mask (0 without one): kernels are compiled per input size. */
  readonly maskSize: number;
}

function geometry(x: TensorInfo, masks: readonly TensorInfo[]): Geometry {
  return {
    ...softmaxRows(x.shape),
    masked: masks.length > 0,
    maskSize: masks.length > 0 ? masks[0]!.shape[0]! : 0,
  };
}

/** Statements declaring `sees`: whether row `r` sees key `j` (the causal limit, then the mask row). */
function seesCode({ cols, queries, masked }: Geometry, causal: boolean): string {
  const lines = ['let sees = 1;'];
  if (causal) {
    lines.push(`const rq = r - rfDiv(r, ${queries}) * ${queries};`, 'if (j > rq + offset) {\n  sees = 0;\n}');
  }
  // The mask index and value get names of their own: WebGL2's translation fails on a read indexed by a read.
  if (masked)
    lines.push(`const mi = maskRows[r] * ${cols} + j;`, 'const mv = mask[mi];', 'if (mv === 0) {\n  sees = 0;\n}');
  return lines.join('\n');
}

const maskParams = (g: Geometry) => (g.masked ? ['mask', 'maskRows'] : []);
const keyOf = (g: Geometry, causal: boolean) => `${g.rows} ${g.cols} ${g.queries} ${g.maskSize} ${causal}`;

/** One value per row: a loop over the visible keys of row r = the thread index. */
function perRow(
  ctx: GpuContext,
  op: string,
  g: Geometry,
  causal: boolean,
  params: readonly string[],
  body: string,
  inputs: readonly TensorInfo[],
  scalars: readonly number[],
): TensorInfo {
  const source = `function (${[...params, ...maskParams(g), 'scale', 'offset'].join(', ')}) {
const r = rfFloat(this.thread.x);
${body.replace('%SEES%', seesCode(g, causal))}
}`;
  return launch(ctx, op, keyOf(g, causal), [g.rows], 'float32', () => ({ source, loopMax: g.cols }), inputs, scalars);
}

/** One value per element: row r and key j split from the flat index. */
function perElement(
  ctx: GpuContext,
  op: string,
  g: Geometry,
  causal: boolean,
  shape: readonly number[],
  params: readonly string[],
  body: string,
  inputs: readonly TensorInfo[],
  scalars: readonly number[],
): TensorInfo {
  const source = `function (${[...params, ...maskParams(g), 'scale', 'offset'].join(', ')}) {
const i = rfFloat(this.thread.x);
const r = rfDiv(i, ${g.cols});
const j = i - r * ${g.cols};
${seesCode(g, causal)}
${body}
}`;
  return launch(ctx, op, keyOf(g, causal), shape, 'float32', () => ({ source }), inputs, scalars);
}

const loop = (g: Geometry, inner: string) => `for (let j = 0; j < ${g.cols}; j++) {
%SEES%
if (sees === 1) {
${inner}
}
}`;

export function softmax(
  ctx: GpuContext,
  inputs: KernelSpecs['softmax']['inputs'],
  { scale, causal, causalOffset }: SoftmaxAttrs,
): TensorInfo {
  const [x, ...masks] = inputs;
  if (sizeOf(x.shape) === 0) return ctx.storage.put(x.shape, 'float32', null, null);
  const g = geometry(x, masks);
  const scalars = [scale, causalOffset];
  // The max starts at the first visible key, so no −∞ literal is needed; NaN is skipped here as on the cpu and
  // poisons the sum instead.
  const max = perRow(
    ctx,
    'softmaxMax',
    g,
    causal,
    ['x'],
    `let m = 0;
let seen = 0;
${loop(g, `const v = scale * x[r * ${g.cols} + j];\nif (seen === 0 || v > m) {\n  m = v;\n}\nseen = 1;`)}
return m;`,
    [x, ...masks],
    scalars,
  );
  // A row that sees no key sums to 0; any other sums to at least 1 (its max term).
  const sum = perRow(
    ctx,
    'softmaxSum',
    g,
    causal,
    ['x', 'm'],
    `let s = 0;
${loop(g, `s += Math.exp(scale * x[r * ${g.cols} + j] - m[r]);`)}
return s;`,
    [x, max, ...masks],
    scalars,
  );
  const y = perElement(
    ctx,
    'softmax',
    g,
    causal,
    x.shape,
    ['x', 'm', 's'],
    `if (s[r] === 0) {
  return ${1 / g.cols};
}
if (sees === 0) {
  return 0;
}
return Math.exp(scale * x[i] - m[r]) / s[r];`,
    [x, max, sum, ...masks],
    scalars,
  );
  ctx.storage.delete(max.dataId);
  ctx.storage.delete(sum.dataId);
  return y;
}

export function softmaxGrad(
  ctx: GpuContext,
  inputs: KernelSpecs['softmaxGrad']['inputs'],
  { scale, causal, causalOffset }: SoftmaxAttrs,
): TensorInfo {
  const [y, dy, ...masks] = inputs;
  if (sizeOf(y.shape) === 0) return ctx.storage.put(y.shape, 'float32', null, null);
  const g = geometry(y, masks);
  const scalars = [scale, causalOffset];
  const dot = perRow(
    ctx,
    'softmaxDot',
    g,
    causal,
    ['y', 'dy'],
    `let d = 0;
${loop(g, `d += y[r * ${g.cols} + j] * dy[r * ${g.cols} + j];`)}
return d;`,
    [y, dy, ...masks],
    scalars,
  );
  const dx = perElement(
    ctx,
    'softmaxGrad',
    g,
    causal,
    y.shape,
    ['y', 'dy', 'd'],
    `if (sees === 0) {
  return 0;
}
return scale * y[i] * (dy[i] - d[r]);`,
    [y, dy, dot, ...masks],
    scalars,
  );
  ctx.storage.delete(dot.dataId);
  return dx;
}
