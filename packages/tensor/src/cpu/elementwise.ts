import type { KernelSpecs, TensorInfo } from '../backend/kernels.js';
import { allocate, type DType, type TypedArray } from '../dtype.js';
import type { BinaryFn, UnaryFn } from '../scalar-fn.js';
import { broadcastShapes, broadcastStrides, shapesEqual, sizeOf } from '../shape.js';
import { loopCache } from './compile.js';
import type { CpuStorage } from './storage.js';

type Fn1 = (x: number, a: number, b: number) => number;
type Fn2 = (x: number, y: number) => number;

function unaryTemplate(f: Fn1, x: TypedArray, out: TypedArray, n: number, a: number, b: number): void {
  for (let i = 0; i < n; i++) out[i] = f(x[i]!, a, b);
}

function gradTemplate(df: Fn1, x: TypedArray, dy: TypedArray, out: TypedArray, n: number, a: number, b: number): void {
  for (let i = 0; i < n; i++) out[i] = dy[i]! * df(x[i]!, a, b);
}

// Fast paths for equal shapes and scalar operands; otherwise the output is walked with per-operand strides and the
// innermost axis stays a tight loop.
function binaryTemplate(
  f: Fn2,
  x: TypedArray,
  y: TypedArray,
  out: TypedArray,
  outShape: readonly number[],
  sx: readonly number[],
  sy: readonly number[],
): void {
  const n = out.length;
  const rank = outShape.length;
  if (x.length === n && y.length === n) {
    for (let i = 0; i < n; i++) out[i] = f(x[i]!, y[i]!);
    return;
  }
  if (y.length === 1) {
    const c = y[0]!;
    for (let i = 0; i < n; i++) out[i] = f(x[i]!, c);
    return;
  }
  if (x.length === 1) {
    const c = x[0]!;
    for (let i = 0; i < n; i++) out[i] = f(c, y[i]!);
    return;
  }
  const inner = outShape[rank - 1]!;
  if (n === 0) return;
  const ix = sx[rank - 1]!;
  const iy = sy[rank - 1]!;
  const outer = n / inner;
  const idx = new Array<number>(rank).fill(0);
  let ox = 0;
  let oy = 0;
  let o = 0;
  for (let k = 0; k < outer; k++) {
    for (let j = 0; j < inner; j++) out[o++] = f(x[ox + j * ix]!, y[oy + j * iy]!);
    for (let d = rank - 2; d >= 0; d--) {
      idx[d]!++;
      ox += sx[d]!;
      oy += sy[d]!;
      if (idx[d]! < outShape[d]!) break;
      ox -= sx[d]! * outShape[d]!;
      oy -= sy[d]! * outShape[d]!;
      idx[d] = 0;
    }
  }
}

const unaryLoop = loopCache<UnaryFn, typeof unaryTemplate>(unaryTemplate);
const gradLoop = loopCache<UnaryFn, typeof gradTemplate>(gradTemplate);
const binaryLoop = loopCache<BinaryFn, typeof binaryTemplate>(binaryTemplate);
const zeroDerivative = (): number => 0;

export function unary(
  store: CpuStorage,
  [x]: KernelSpecs['unary']['inputs'],
  { fn, a, b }: KernelSpecs['unary']['attrs'],
): TensorInfo {
  const dtype: DType = fn.out === 'same' ? x.dtype : fn.out === 'bool' ? 'bool' : 'float32';
  const xs = store.get(x.dataId);
  const out = allocate(dtype, xs.length);
  unaryLoop(fn)(fn.f, xs, out, xs.length, a, b);
  return store.put(out, x.shape, dtype);
}

export function unaryGrad(
  store: CpuStorage,
  [x, dy]: KernelSpecs['unaryGrad']['inputs'],
  { fn, a, b }: KernelSpecs['unaryGrad']['attrs'],
): TensorInfo {
  const xs = store.get(x.dataId);
  const out = new Float32Array(xs.length);
  gradLoop(fn)(fn.df ?? zeroDerivative, xs, store.get(dy.dataId), out, xs.length, a, b);
  return store.put(out, x.shape, 'float32');
}

export function binary(
  store: CpuStorage,
  [x, y]: KernelSpecs['binary']['inputs'],
  { fn, dtype }: KernelSpecs['binary']['attrs'],
): TensorInfo {
  const outShape = broadcastShapes(fn.name, x.shape, y.shape);
  const out = allocate(dtype, sizeOf(outShape));
  binaryLoop(fn)(
    fn.f,
    store.get(x.dataId),
    store.get(y.dataId),
    out,
    outShape,
    broadcastStrides(x.shape, outShape),
    broadcastStrides(y.shape, outShape),
  );
  return store.put(out, outShape, dtype);
}

export function where(
  store: CpuStorage,
  [c, x, y]: KernelSpecs['where']['inputs'],
  { dtype }: KernelSpecs['where']['attrs'],
): TensorInfo {
  const outShape = broadcastShapes('where', broadcastShapes('where', c.shape, x.shape), y.shape);
  const cs = store.get(c.dataId),
    xs = store.get(x.dataId),
    ys = store.get(y.dataId);
  const out = allocate(dtype, sizeOf(outShape));
  if (shapesEqual(c.shape, outShape) && shapesEqual(x.shape, outShape) && shapesEqual(y.shape, outShape)) {
    for (let i = 0; i < out.length; i++) out[i] = cs[i] ? xs[i]! : ys[i]!;
  } else {
    const sc = broadcastStrides(c.shape, outShape),
      sx = broadcastStrides(x.shape, outShape),
      sy = broadcastStrides(y.shape, outShape);
    const idx = new Array<number>(outShape.length).fill(0);
    for (let i = 0; i < out.length; i++) {
      let oc = 0,
        ox = 0,
        oy = 0;
      for (let d = 0; d < idx.length; d++) {
        oc += idx[d]! * sc[d]!;
        ox += idx[d]! * sx[d]!;
        oy += idx[d]! * sy[d]!;
      }
      out[i] = cs[oc] ? xs[ox]! : ys[oy]!;
      for (let d = idx.length - 1; d >= 0; d--) {
        if (++idx[d]! < outShape[d]!) break;
        idx[d] = 0;
      }
    }
  }
  return store.put(out, outShape, dtype);
}

export function cast(
  store: CpuStorage,
  [x]: KernelSpecs['cast']['inputs'],
  { dtype }: KernelSpecs['cast']['attrs'],
): TensorInfo {
  const xs = store.get(x.dataId);
  const out = allocate(dtype, xs.length);
  if (dtype === 'bool') for (let i = 0; i < xs.length; i++) out[i] = xs[i] !== 0 ? 1 : 0;
  else if (dtype === 'int32') for (let i = 0; i < xs.length; i++) out[i] = Math.trunc(xs[i]!);
  else out.set(xs);
  return store.put(out, x.shape, dtype);
}
