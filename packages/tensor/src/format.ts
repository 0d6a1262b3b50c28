import type { DType, TypedArray } from './dtype.js';
import type { Shape } from './shape.js';

/** Like NumPy: tensors of more than THRESHOLD elements show EDGE entries at each end of every long axis. */
const THRESHOLD = 1000;
const EDGE = 3;
/** Fraction digits at most (NumPy prints 8; 4 keeps float32 noise out of sight, as TensorFlow.js does). */
const PRECISION = 4;

/** Flat indices of the elements that will be shown, in order, with -1 marking each elision. */
function shownIndices(shape: Shape, summarize: boolean): number[] {
  const out: number[] = [];
  const walk = (dim: number, offset: number, stride: number): void => {
    if (dim === shape.length) {
      out.push(offset);
      return;
    }
    const n = shape[dim]!;
    const inner = stride / Math.max(n, 1);
    for (const i of axisIndices(n, summarize)) if (i >= 0) walk(dim + 1, offset + i * inner, inner);
  };
  walk(
    0,
    0,
    shape.reduce((a, b) => a * b, 1),
  );
  return out;
}

function axisIndices(n: number, summarize: boolean): number[] {
  if (!summarize || n <= 2 * EDGE) return Array.from({ length: n }, (_, i) => i);
  return [...Array.from({ length: EDGE }, (_, i) => i), -1, ...Array.from({ length: EDGE }, (_, i) => n - EDGE + i)];
}

function trimZeros(s: string): string {
  return s.replace(/0+$/, '');
}

/** One formatter per tensor, chosen from the values shown, so that every cell lines up (NumPy's "maxprec"). */
function floatFormatter(values: number[]): (v: number) => string {
  const finite = values.filter((v) => Number.isFinite(v));
  const nonZero = finite.map(Math.abs).filter((v) => v !== 0);
  const maxAbs = Math.max(0, ...nonZero);
  const minAbs = Math.min(Infinity, ...nonZero);
  const special = (v: number): string | null =>
    Number.isNaN(v) ? 'nan' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : null;
  const sign = (v: number) => (v < 0 || Object.is(v, -0) ? '-' : '');
  if (nonZero.length > 0 && (maxAbs >= 1e8 || minAbs < 1e-4 || maxAbs / minAbs > 1e3)) {
    // Scientific: every mantissa gets the same number of digits, padded with zeros, as NumPy does.
    const mantissa = (v: number) => trimZeros(Math.abs(v).toExponential(PRECISION).split('e')[0]!);
    const digits = Math.max(0, ...finite.map((v) => mantissa(v).length - mantissa(v).indexOf('.') - 1));
    return (v) => {
      const s = special(v);
      if (s) return s;
      const [m, e] = Math.abs(v).toExponential(digits).split('e') as [string, string];
      const exp = `${e[0]}${e.slice(1).padStart(2, '0')}`;
      return `${sign(v)}${digits === 0 ? `${m}.` : m}e${exp}`;
    };
  }
  const fixed = (v: number) => {
    const [int, frac = ''] = Math.abs(v).toFixed(PRECISION).split('.');
    return { int: `${sign(v)}${int}`, frac: trimZeros(frac) };
  };
  const parts = finite.map(fixed);
  const intWidth = Math.max(0, ...parts.map((p) => p.int.length));
  const fracWidth = Math.max(0, ...parts.map((p) => p.frac.length));
  return (v) => {
    const s = special(v);
    if (s) return s.padStart(intWidth + 1 + fracWidth);
    const p = fixed(v);
    return `${p.int.padStart(intWidth)}.${p.frac.padEnd(fracWidth)}`;
  };
}

/**
 * NumPy-style text, with JS literals for bools: `[[1. , 2.5],\n [3. , 4. ]]`. Floats print with up to 4 fraction
 * digits, aligned on the decimal point, switching to scientific notation when magnitudes span more than 10³ or
 * leave [1e-4, 1e8); tensors of more than 1000 elements elide the middle of long axes with `...`.
 * @example formatTensor(Float32Array.of(1, 2.5), [2], 'float32') // → '[1. , 2.5]'
 */
export function formatTensor(values: TypedArray, shape: Shape, dtype: DType): string {
  const summarize = values.length > THRESHOLD;
  const shownAt = shownIndices(shape, summarize);
  const shown = shownAt.map((i) => values[i]!);
  let fmt: (v: number) => string;
  if (dtype === 'bool') fmt = (v) => (v ? 'true' : 'false');
  else if (dtype === 'int32') fmt = String;
  else fmt = floatFormatter(shown);
  const strs = new Map<number, string>();
  let width = 0;
  for (const i of shownAt) {
    const s = fmt(values[i]!);
    strs.set(i, s);
    width = Math.max(width, s.length);
  }
  const cell = (i: number) => strs.get(i)!.padStart(width);
  if (shape.length === 0) return strs.get(0)!.trim();
  const strides: number[] = [];
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  const render = (dim: number, offset: number, indent: string): string => {
    const idx = axisIndices(shape[dim]!, summarize);
    if (dim === shape.length - 1) return `[${idx.map((i) => (i < 0 ? '...' : cell(offset + i))).join(', ')}]`;
    // Blocks of rank r are separated by r − 1 blank lines, each continuation indented under the opening bracket.
    const sep = `,${'\n'.repeat(shape.length - 1 - dim)}${indent} `;
    return `[${idx.map((i) => (i < 0 ? '...' : render(dim + 1, offset + i * strides[dim]!, `${indent} `))).join(sep)}]`;
  };
  return render(0, 0, '');
}
