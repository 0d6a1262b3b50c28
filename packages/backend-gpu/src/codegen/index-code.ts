import { stridesOf } from '@rectify/tensor';
import type { KernelFunctionSettings } from '../gpujs.js';

/**
 * Kernels see every tensor as a flat float array and compute with float indices (GLSL ES and gpu.js's
 * translation both lean that way). Integer division of floats is done by `rfDiv`, which corrects the quotient
 * so that it is exact even where a driver's division is a few ulp off: indices are exact up to 2²⁴.
 */
export const INDEX_FUNCTIONS: readonly KernelFunctionSettings[] = [
  {
    source: `function rfDiv(a, b) {
  let q = Math.floor(a / b);
  if (q * b > a) {
    q = q - 1;
  }
  if ((q + 1) * b <= a) {
    q = q + 1;
  }
  return q;
}`,
    settings: { argumentTypes: ['Number', 'Number'], returnType: 'Number' },
  },
  // gpu.js types `this.thread.x` as an integer; passing it through a Number function makes index math float.
  { source: 'function rfFloat(v) {\n  return v;\n}', settings: { argumentTypes: ['Number'], returnType: 'Number' } },
  // What storing into an Int32Array does to a float (for int32 results), but 0 instead of wrapping past 2³¹.
  {
    source: `function rfToInt(v) {
  if (v === v && Math.abs(v) < 2147483648) {
    return Math.trunc(v);
  }
  return 0;
}`,
    settings: { argumentTypes: ['Number'], returnType: 'Number' },
  },
];

/** Largest flat index the float index math handles exactly. */
export const MAX_INDEX = 2 ** 24;

/** An iteration space: axis sizes (outermost first) and, per operand, its element stride along each axis. */
export interface Axes {
  readonly dims: readonly number[];
  readonly strides: readonly (readonly number[])[];
}

/**
 * Simplifies an iteration space without changing which elements it visits: size-1 axes go, and neighbouring
 * axes merge wherever every operand steps through them as one (both contiguous, or both broadcast).
 * [2,3,4] with strides [12,4,1] (contiguous) becomes one axis of 24.
 */
export function collapseAxes(dims: readonly number[], strides: readonly (readonly number[])[]): Axes {
  const outDims: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let k = 0; k < dims.length; k++) {
    const d = dims[k]!;
    if (d === 1) continue;
    const last = outDims.length - 1;
    const mergeable = last >= 0 && strides.every((s, j) => outStrides[j]![last] === s[k]! * d);
    if (mergeable) {
      outDims[last] = outDims[last]! * d;
      strides.forEach((s, j) => (outStrides[j]![last] = s[k]!));
    } else {
      outDims.push(d);
      strides.forEach((s, j) => outStrides[j]!.push(s[k]!));
    }
  }
  return { dims: outDims, strides: outStrides };
}

/** Strides for reading `shape` as if broadcast to `outShape`: 0 along broadcast axes. */
export function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const own = stridesOf(shape);
  const offset = outShape.length - shape.length;
  return outShape.map((_, i) => (i < offset || shape[i - offset] === 1 ? 0 : own[i - offset]!));
}

/** The iteration space of an elementwise op: the output shape, each input read through broadcasting. */
export function broadcastAxes(outShape: readonly number[], inputShapes: readonly (readonly number[])[]): Axes {
  return collapseAxes(
    outShape,
    inputShapes.map((s) => broadcastStrides(s, outShape)),
  );
}

/** A transposed read of `shape` by `perm`, in output order. */
export function transposeAxes(shape: readonly number[], perm: readonly number[]): Axes {
  const strides = stridesOf(shape);
  return collapseAxes(
    perm.map((p) => shape[p]!),
    [perm.map((p) => strides[p]!)],
  );
}

/**
 * Kernel statements that split the flat float index `flat` over `axes` and declare, for operand j, the float
 * `names[j]` = base offset + Σ coordinate × stride. A single axis needs no division at all. `prefix` keeps the
 * temporaries of several calls in one kernel apart.
 */
export function offsetCode(
  flat: string,
  axes: Axes,
  names: readonly string[],
  prefix: string,
  bases: readonly number[] = [],
): string {
  const { dims, strides } = axes;
  const lines: string[] = [];
  const coords: string[] = [];
  let rest = flat;
  for (let k = 0; k < dims.length - 1; k++) {
    const inner = dims.slice(k + 1).reduce((a, b) => a * b, 1);
    const c = `${prefix}C${k}`;
    const r = `${prefix}R${k}`;
    lines.push(`const ${c} = rfDiv(${rest}, ${inner});`, `const ${r} = ${rest} - ${c} * ${inner};`);
    coords.push(c);
    rest = r;
  }
  if (dims.length > 0) coords.push(rest);
  names.forEach((name, j) => {
    const terms = coords
      .map((c, k) => (strides[j]![k] === 0 ? '' : strides[j]![k] === 1 ? c : `${c} * ${strides[j]![k]}`))
      .filter((t) => t);
    const base = bases[j] ?? 0;
    if (base !== 0 || terms.length === 0) terms.unshift(String(base));
    lines.push(`const ${name} = ${terms.join(' + ')};`);
  });
  return lines.join('\n');
}

/** The part of a cache key an iteration space contributes. */
export function axesKey(axes: Axes): string {
  return `${axes.dims.join('x')}|${axes.strides.map((s) => s.join(',')).join('|')}`;
}

/**
 * Kernel source: splits the flat output index over `axes`, declares each operand's offset `names[j]` (plus
 * `bases[j]`), then runs `statements`, which end in a return.
 */
export function stridedSource(
  params: readonly string[],
  names: readonly string[],
  axes: Axes,
  statements: string,
  bases: readonly number[] = [],
): string {
  return `function (${params.join(', ')}) {
const rfI = rfFloat(this.thread.x);
${offsetCode('rfI', axes, names, 'rfO', bases)}
${statements}
}`;
}
