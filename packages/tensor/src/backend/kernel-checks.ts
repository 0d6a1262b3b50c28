import type { Conv2DInfo, Pool2DInfo } from '../conv-geometry.js';
import { isDType, type DType } from '../dtype.js';
import { ShapeError, ValueError, fmtShape } from '../errors.js';
import { broadcastShapes, type Shape } from '../shape.js';
import type { BackendKernelName, KernelSpecs, SoftmaxAttrs } from './kernels.js';

/** What a check sees of each input. */
interface Shaped {
  readonly shape: Shape;
  readonly dtype: DType;
}

/** A problem with a kernel call, in words, or undefined when the call is well-formed. */
type Check<K extends BackendKernelName> = (
  inputs: readonly Shaped[],
  attrs: KernelSpecs[K]['attrs'],
) => string | undefined;

// Each helper returns a problem or undefined and allocates nothing on the well-formed path: every primitive
// kernel call runs through them, the ones the ops make included.

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isFn = (fn: unknown): boolean =>
  fn !== null && typeof fn === 'object' && typeof (fn as { f?: unknown }).f === 'function';

function axisIn(name: string, axis: unknown, rank: number): string | undefined {
  return isInt(axis) && axis >= 0 && axis < rank
    ? undefined
    : `${name} must be an integer in [0, ${rank}) (resolved, not negative), received ${String(axis)}`;
}

function intList(name: string, list: unknown, length: number, min: number): string | undefined {
  if (!Array.isArray(list) || list.length !== length)
    return `${name} must list ${length} integers (one per axis), received ${JSON.stringify(list)}`;
  for (const v of list)
    if (!isInt(v) || v < min) return `${name} must hold integers >= ${min}, received ${JSON.stringify(list)}`;
  return undefined;
}

/** NumPy broadcasting of two shapes, ignoring the last `skip` axes of each, checked without building the result. */
function broadcastable(a: Shape, b: Shape, skip = 0): boolean {
  for (let i = 1 + skip; i <= Math.min(a.length, b.length); i++) {
    const da = a[a.length - i]!;
    const db = b[b.length - i]!;
    if (da !== db && da !== 1 && db !== 1) return false;
  }
  return true;
}

function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Throws the op-level message ('add: shapes [2,3] and [4] cannot be broadcast (axis -1: 3 vs 4)') the ops give. */
function broadcastProblem(op: string, a: Shape, b: Shape): never {
  broadcastShapes(op, a, b);
  throw new ShapeError(`${op}: shapes ${fmtShape(a)} and ${fmtShape(b)} cannot be broadcast`);
}

const REDUCE_OPS: ReadonlySet<unknown> = new Set(['sum', 'max', 'min', 'prod', 'any', 'all']);

function shapeIs(name: string, shape: Shape, ...dims: number[]): string | undefined {
  if (shape.length !== dims.length) return `${name} must have rank ${dims.length}, received ${fmtShape(shape)}`;
  for (let i = 0; i < dims.length; i++)
    if (shape[i] !== dims[i])
      return `${name} must have shape ${fmtShape(dims)} (from attrs.info), received ${fmtShape(shape)}`;
  return undefined;
}

const isInfo = (info: unknown): boolean =>
  info !== null && typeof info === 'object' && isInt((info as { batch?: unknown }).batch);
const convIn = (x: Shape, i: Conv2DInfo) => shapeIs('x', x, i.batch, i.inH, i.inW, i.inC);
const convOut = (dy: Shape, i: Conv2DInfo) => shapeIs('dy', dy, i.batch, i.outH, i.outW, i.outC);
const convFilter = (f: Shape, i: Conv2DInfo) => shapeIs('filter', f, i.kH, i.kW, i.inC, i.outC);
const poolIn = (x: Shape, i: Pool2DInfo) => shapeIs('x', x, i.batch, i.inH, i.inW, i.channels);
const poolOut = (dy: Shape, i: Pool2DInfo) => shapeIs('dy', dy, i.batch, i.outH, i.outW, i.channels);

function unaryFnAttrs(attrs: { fn: unknown; a: unknown; b: unknown }): string | undefined {
  if (!isFn(attrs.fn)) return 'attrs.fn must be a UnaryFn (an object with f)';
  return typeof attrs.a === 'number' && typeof attrs.b === 'number'
    ? undefined
    : `attrs.a and attrs.b must be numbers, received ${String(attrs.a)} and ${String(attrs.b)}`;
}

function matmulProblem(
  [a, b]: readonly Shaped[],
  { transposeA, transposeB }: KernelSpecs['matmul']['attrs'],
): string | undefined {
  const sa = a!.shape;
  const sb = b!.shape;
  if (sa.length < 2 || sb.length < 2) return 'both operands need rank >= 2';
  const k1 = transposeA ? sa[sa.length - 2] : sa[sa.length - 1];
  const k2 = transposeB ? sb[sb.length - 1] : sb[sb.length - 2];
  if (k1 !== k2) return `inner dimensions differ (${k1} != ${k2}; transposeA ${transposeA}, transposeB ${transposeB})`;
  return broadcastable(sa, sb, 2) ? undefined : 'batch dimensions cannot be broadcast';
}

function concatProblem(inputs: readonly Shaped[], { axis }: KernelSpecs['concat']['attrs']): string | undefined {
  const first = inputs[0]!;
  const bad = axisIn('attrs.axis', axis, first.shape.length);
  if (bad) return bad;
  for (const t of inputs) {
    if (t.dtype !== first.dtype) return `all inputs must have one dtype, received ${first.dtype} and ${t.dtype}`;
    if (t.shape.length !== first.shape.length) return 'all inputs must have the same rank';
    for (let i = 0; i < t.shape.length; i++)
      if (i !== axis && t.shape[i] !== first.shape[i])
        return `inputs differ on axis ${i}, which is not the concat axis`;
  }
  return undefined;
}

function sliceProblem([x]: readonly Shaped[], { begin, size }: KernelSpecs['slice']['attrs']): string | undefined {
  const shape = x!.shape;
  const bad = intList('attrs.begin', begin, shape.length, 0) ?? intList('attrs.size', size, shape.length, 0);
  if (bad) return bad;
  for (let i = 0; i < shape.length; i++)
    if (begin[i]! + size[i]! > shape[i]!)
      return `begin + size exceeds the shape on axis ${i} (${begin[i]} + ${size[i]} > ${shape[i]})`;
  return undefined;
}

function padProblem([x]: readonly Shaped[], { paddings, value }: KernelSpecs['pad']['attrs']): string | undefined {
  const rank = x!.shape.length;
  if (!Array.isArray(paddings) || paddings.length !== rank)
    return `attrs.paddings must hold ${rank} [before, after] pairs, received ${JSON.stringify(paddings)}`;
  for (const p of paddings)
    if (!Array.isArray(p) || p.length !== 2 || !isInt(p[0]) || !isInt(p[1]) || p[0] < 0 || p[1] < 0)
      return `attrs.paddings must hold pairs of integers >= 0, received ${JSON.stringify(paddings)}`;
  return typeof value === 'number' ? undefined : `attrs.value must be a number, received ${String(value)}`;
}

function transposeProblem([x]: readonly Shaped[], { perm }: KernelSpecs['transpose']['attrs']): string | undefined {
  const rank = x!.shape.length;
  const bad = intList('attrs.perm', perm, rank, 0);
  if (bad) return bad;
  // A permutation of 0..rank-1: in range and no repeats (rank is small; quadratic is cheaper than a Set).
  for (let i = 0; i < rank; i++) {
    if (perm[i]! >= rank) return `attrs.perm must be a permutation of 0..${rank - 1}, received ${JSON.stringify(perm)}`;
    for (let j = 0; j < i; j++)
      if (perm[j] === perm[i])
        return `attrs.perm must be a permutation of 0..${rank - 1}, received ${JSON.stringify(perm)}`;
  }
  return undefined;
}

function reduceProblem([x]: readonly Shaped[], { axes, op }: KernelSpecs['reduce']['attrs']): string | undefined {
  const rank = x!.shape.length;
  if (!REDUCE_OPS.has(op)) return `attrs.op must be sum, max, min, prod, any or all, received ${String(op)}`;
  if (!Array.isArray(axes) || axes.length === 0)
    return `attrs.axes must be a non-empty list of axes, received ${JSON.stringify(axes)}`;
  for (let i = 0; i < axes.length; i++) {
    const bad = axisIn('attrs.axes', axes[i], rank);
    if (bad) return bad;
    if (i > 0 && axes[i]! <= axes[i - 1]!)
      return `attrs.axes must be sorted and unique, received ${JSON.stringify(axes)}`;
  }
  return undefined;
}

function scatterProblem(
  [updates, indices]: readonly Shaped[],
  { axis, shape }: KernelSpecs['scatterAdd']['attrs'],
): string | undefined {
  if (!Array.isArray(shape)) return `attrs.shape must be a shape, received ${JSON.stringify(shape)}`;
  const bad =
    axisIn('attrs.axis', axis, shape.length) ??
    (indices!.dtype === 'int32' ? undefined : `indices must be int32, received ${indices!.dtype}`);
  if (bad) return bad;
  // updates = shape[:axis] ++ indices.shape ++ shape[axis+1:]
  const u = updates!.shape;
  const ir = indices!.shape.length;
  if (u.length !== shape.length - 1 + ir)
    return `updates must have rank ${shape.length - 1 + ir}, received ${fmtShape(u)}`;
  for (let i = 0; i < u.length; i++) {
    const want = i < axis ? shape[i] : i < axis + ir ? indices!.shape[i - axis] : shape[i - ir + 1];
    if (u[i] !== want)
      return `updates must have shape shape[:axis] + indices.shape + shape[axis+1:], received ${fmtShape(u)}`;
  }
  return undefined;
}

/** Checks softmax's attrs and its optional [mask, maskRows] pair against the float32 `[…, S]` tensors it reads. */
function softmaxProblem(floats: readonly Shaped[], masks: readonly Shaped[], attrs: SoftmaxAttrs): string | undefined {
  const { scale, causal, causalOffset } = attrs;
  if (typeof scale !== 'number' || !Number.isFinite(scale))
    return `attrs.scale must be a finite number, received ${String(scale)}`;
  if (typeof causal !== 'boolean') return `attrs.causal must be a boolean, received ${String(causal)}`;
  if (!isInt(causalOffset)) return `attrs.causalOffset must be an integer, received ${String(causalOffset)}`;
  const x = floats[0]!;
  if (x.shape.length < 1) return 'x must have rank >= 1';
  for (const t of floats) {
    if (t.dtype !== 'float32') return `inputs must be float32, received ${t.dtype}`;
    if (!sameShape(t.shape, x.shape)) return 'y and dy must have the same shape';
  }
  if (masks.length === 0) return undefined;
  if (masks.length !== 2) return 'the mask comes with maskRows: pass both or neither';
  const [mask, rows] = masks as [Shaped, Shaped];
  const cols = x.shape[x.shape.length - 1]!;
  if (mask.dtype !== 'bool') return `mask must be bool, received ${mask.dtype}`;
  if (mask.shape.length !== 2 || mask.shape[1] !== cols)
    return `mask must have shape [rows, ${cols}], received ${fmtShape(mask.shape)}`;
  if (rows.dtype !== 'int32') return `maskRows must be int32, received ${rows.dtype}`;
  const xRows = cols === 0 ? 0 : x.shape.reduce((a, b) => a * b, 1) / cols;
  return rows.shape.length === 1 && rows.shape[0] === xRows
    ? undefined
    : `maskRows must have shape [${xRows}] (one entry per row of x), received ${fmtShape(rows.shape)}`;
}

/**
 * The checks every primitive kernel call passes before a backend sees it: the number of inputs, their shapes
 * against each other and against the attrs. Typed by the kernel names, so a new kernel without a check is a
 * compile error. The ops validate their arguments with friendlier messages first; these catch direct
 * `engine.runKernel` calls, which backends would otherwise answer with garbage or out-of-bounds reads.
 */
export const kernelChecks: { readonly [K in BackendKernelName]: { readonly arity: number; readonly check: Check<K> } } =
  {
    unary: { arity: 1, check: (_, attrs) => unaryFnAttrs(attrs) },
    binary: {
      arity: 2,
      check: ([x, y], { fn, dtype }) =>
        typeof (fn as { f?: unknown } | null)?.f !== 'function'
          ? 'attrs.fn must be a BinaryFn (an object with f)'
          : !isDType(dtype)
            ? `attrs.dtype must be float32, int32 or bool, received ${String(dtype)}`
            : broadcastable(x!.shape, y!.shape)
              ? undefined
              : broadcastProblem(fn.name, x!.shape, y!.shape),
    },
    unaryGrad: {
      arity: 2,
      check: ([x, dy], attrs) =>
        unaryFnAttrs(attrs) ?? (sameShape(x!.shape, dy!.shape) ? undefined : 'x and dy must have the same shape'),
    },
    biasActivation: {
      arity: 2,
      check: ([z, bias], attrs) =>
        unaryFnAttrs(attrs) ??
        (z!.dtype !== 'float32' || bias!.dtype !== 'float32'
          ? 'z and bias must be float32'
          : z!.shape.length < 1 || bias!.shape.length !== 1 || bias!.shape[0] !== z!.shape[z!.shape.length - 1]
            ? 'bias must have shape [units], units being the last axis of z'
            : undefined),
    },
    lstmCell: { arity: 2, check: ([z, c], { part }) => lstmProblem(z!, c!, part) },
    lstmCellGrad: {
      arity: 3,
      check: ([z, c, dy], { part, wrt }) =>
        wrt !== 'z' && wrt !== 'c'
          ? `attrs.wrt must be 'z' or 'c', received ${String(wrt)}`
          : (lstmProblem(z!, c!, part) ??
            (sameShape(c!.shape, dy!.shape) && dy!.dtype === 'float32'
              ? undefined
              : 'dy must be float32 with the shape of c')),
    },
    gruCell: { arity: 3, check: ([zx, zh, h]) => gruProblem(zx!, zh!, h!) },
    gruCellGrad: {
      arity: 4,
      check: ([zx, zh, h, dy], { wrt }) =>
        wrt !== 'zx' && wrt !== 'zh' && wrt !== 'h'
          ? `attrs.wrt must be 'zx', 'zh' or 'h', received ${String(wrt)}`
          : (gruProblem(zx!, zh!, h!) ??
            (sameShape(h!.shape, dy!.shape) && dy!.dtype === 'float32'
              ? undefined
              : 'dy must be float32 with the shape of h')),
    },
    where: {
      arity: 3,
      check: ([c, x, y], { dtype }) =>
        c!.dtype !== 'bool'
          ? `cond must be bool, received ${c!.dtype}`
          : x!.dtype !== dtype || y!.dtype !== dtype
            ? `x and y must both have attrs.dtype ${String(dtype)}`
            : !broadcastable(x!.shape, y!.shape)
              ? broadcastProblem('where', x!.shape, y!.shape)
              : !broadcastable(c!.shape, x!.shape)
                ? broadcastProblem('where', c!.shape, x!.shape)
                : broadcastable(c!.shape, y!.shape)
                  ? undefined
                  : broadcastProblem('where', c!.shape, y!.shape),
    },
    cast: {
      arity: 1,
      check: (_, { dtype }) =>
        isDType(dtype) ? undefined : `attrs.dtype must be float32, int32 or bool, received ${String(dtype)}`,
    },
    reduce: { arity: 1, check: reduceProblem },
    argReduce: {
      arity: 1,
      check: ([x], { axis, op }) =>
        op === 'argmax' || op === 'argmin'
          ? axisIn('attrs.axis', axis, x!.shape.length)
          : `attrs.op must be argmax or argmin, received ${String(op)}`,
    },
    matmul: { arity: 2, check: matmulProblem },
    transpose: { arity: 1, check: transposeProblem },
    slice: { arity: 1, check: sliceProblem },
    concat: { arity: -1, check: concatProblem },
    pad: { arity: 1, check: padProblem },
    tile: { arity: 1, check: ([x], { reps }) => intList('attrs.reps', reps, x!.shape.length, 0) },
    gather: {
      arity: 2,
      check: ([x, indices], { axis }) =>
        axisIn('attrs.axis', axis, x!.shape.length) ??
        (indices!.dtype === 'int32' ? undefined : `indices must be int32, received ${indices!.dtype}`),
    },
    scatterAdd: { arity: 2, check: scatterProblem },
    conv2d: {
      arity: 2,
      check: ([x, f], { info }) =>
        isInfo(info)
          ? (convIn(x!.shape, info) ?? convFilter(f!.shape, info))
          : 'attrs.info must be a Conv2DInfo (see conv2dInfo)',
    },
    conv2dBackpropInput: {
      arity: 2,
      check: ([dy, f], { info }) =>
        isInfo(info)
          ? (convOut(dy!.shape, info) ?? convFilter(f!.shape, info))
          : 'attrs.info must be a Conv2DInfo (see conv2dInfo)',
    },
    conv2dBackpropFilter: {
      arity: 2,
      check: ([x, dy], { info }) =>
        isInfo(info)
          ? (convIn(x!.shape, info) ?? convOut(dy!.shape, info))
          : 'attrs.info must be a Conv2DInfo (see conv2dInfo)',
    },
    maxPool: {
      arity: 1,
      check: ([x], { info }) =>
        isInfo(info) ? poolIn(x!.shape, info) : 'attrs.info must be a Pool2DInfo (see pool2dInfo)',
    },
    maxPoolGrad: {
      arity: 2,
      check: ([dy, x], { info }) =>
        isInfo(info)
          ? (poolOut(dy!.shape, info) ?? poolIn(x!.shape, info))
          : 'attrs.info must be a Pool2DInfo (see pool2dInfo)',
    },
    avgPool: {
      arity: 1,
      check: ([x], { info }) =>
        isInfo(info) ? poolIn(x!.shape, info) : 'attrs.info must be a Pool2DInfo (see pool2dInfo)',
    },
    avgPoolGrad: {
      arity: 1,
      check: ([dy], { info }) =>
        isInfo(info) ? poolOut(dy!.shape, info) : 'attrs.info must be a Pool2DInfo (see pool2dInfo)',
    },
    softmax: {
      arity: -1,
      check: (inputs, attrs) =>
        inputs.length > 3
          ? 'expected x, or x, mask and maskRows'
          : softmaxProblem(inputs.slice(0, 1), inputs.slice(1), attrs),
    },
    softmaxGrad: {
      arity: -1,
      check: (inputs, attrs) =>
        inputs.length < 2 || inputs.length > 4
          ? 'expected y and dy, or y, dy, mask and maskRows'
          : softmaxProblem(inputs.slice(0, 2), inputs.slice(2), attrs),
    },
  };

/** z `[batch, 4·units]` and c `[batch, units]`, both float32, and a known part. */
function lstmProblem(z: Shaped, c: Shaped, part: unknown): string | undefined {
  if (part !== 'state' && part !== 'hidden') return `attrs.part must be 'state' or 'hidden', received ${String(part)}`;
  if (z.dtype !== 'float32' || c.dtype !== 'float32') return 'z and c must be float32';
  const [batch, units] = c.shape;
  return c.shape.length === 2 && z.shape.length === 2 && z.shape[0] === batch && z.shape[1] === 4 * units!
    ? undefined
    : 'z must be [batch, 4·units] and c [batch, units]';
}

/** zx and zh `[batch, 3·units]` and h `[batch, units]`, all float32. */
function gruProblem(zx: Shaped, zh: Shaped, h: Shaped): string | undefined {
  if (zx.dtype !== 'float32' || zh.dtype !== 'float32' || h.dtype !== 'float32') return 'zx, zh and h must be float32';
  const [batch, units] = h.shape;
  return h.shape.length === 2 &&
    zx.shape.length === 2 &&
    zx.shape[0] === batch &&
    zx.shape[1] === 3 * units! &&
    sameShape(zx.shape, zh.shape)
    ? undefined
    : 'zx and zh must be [batch, 3·units] and h [batch, units]';
}

/** `runKernel('matmul') received [2,3] float32, [4,5] float32: inner dimensions differ …`. */
function describe(op: string, inputs: readonly Shaped[], problem: string): string {
  return `runKernel('${op}'): ${problem}; received inputs ${inputs.map((t) => `${fmtShape(t.shape)} ${t.dtype}`).join(', ') || '(none)'}`;
}

/**
 * Throws a `ShapeError` (or `ValueError` for an unknown kernel or missing attrs) naming the kernel and the shapes
 * received when a primitive kernel call is malformed; returns quietly, allocating nothing, when it is not.
 *
 * @example
 * checkKernelCall('matmul', [a, b], { transposeA: false, transposeB: false });
 * // ShapeError: runKernel('matmul'): inner dimensions differ (3 != 4; …); received inputs [2,3] float32, [4,5] float32
 */
export function checkKernelCall(op: string, inputs: readonly Shaped[], attrs: unknown): void {
  const entry = (
    kernelChecks as Record<
      string,
      { arity: number; check: (i: readonly Shaped[], a: unknown) => string | undefined } | undefined
    >
  )[op];
  if (entry === undefined || !Object.hasOwn(kernelChecks, op)) {
    throw new ValueError(`runKernel: unknown kernel '${String(op)}'; kernels: ${Object.keys(kernelChecks).join(', ')}`);
  }
  if (!Array.isArray(inputs))
    throw new ValueError(`runKernel('${op}'): inputs must be an array of tensors, received ${typeof inputs}`);
  for (const t of inputs) {
    if (t === null || typeof t !== 'object' || !Array.isArray(t.shape))
      throw new ValueError(`runKernel('${op}'): inputs must be tensors, received ${t === null ? 'null' : typeof t}`);
  }
  if (entry.arity === -1 ? inputs.length === 0 : inputs.length !== entry.arity) {
    throw new ValueError(
      `runKernel('${op}'): expected ${entry.arity === -1 ? 'at least 1 input' : `${entry.arity} input${entry.arity > 1 ? 's' : ''}`}, received ${inputs.length}`,
    );
  }
  if (attrs === null || typeof attrs !== 'object')
    throw new ValueError(
      `runKernel('${op}'): attrs must be an object, received ${attrs === null ? 'null' : typeof attrs}`,
    );
  const problem = entry.check(inputs, attrs);
  if (problem !== undefined) throw new ShapeError(describe(op, inputs, problem));
}
