import type { DType, TypedArray } from './dtype.js';
import type { Shape } from './shape.js';

const EDGE = 3; // like NumPy, show the first and last 3 entries of an axis longer than 1000 elements in total

function fmtValue(v: number, dtype: DType, decimals: number): string {
  if (dtype === 'bool') return v ? 'true' : 'false';
  if (dtype === 'int32') return String(v);
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (decimals === 0) return `${v.toFixed(0)}.`;
  return v.toFixed(decimals);
}

/** Chooses a fixed precision like NumPy: integers print as `1.`, others with up to 4 decimals, trailing 0s cut. */
function decimalsFor(values: TypedArray, dtype: DType): number {
  if (dtype !== 'float32') return 0;
  let need = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    const s = v.toFixed(4).replace(/0+$/, '');
    const frac = s.length - s.indexOf('.') - 1;
    if (frac > need) need = frac;
    if (need === 4) break;
  }
  return need;
}

/** NumPy-style text: `[[1., 2.],\n [3., 4.]]`, eliding long tensors with `...`. */
export function formatTensor(values: TypedArray, shape: Shape, dtype: DType): string {
  const summarize = values.length > 1000;
  const decimals = decimalsFor(values, dtype);
  const strs = Array.from(values, (v) => fmtValue(v, dtype, decimals));
  const width = strs.reduce((w, s) => Math.max(w, s.length), 0);
  const cell = (i: number) => strs[i]!.padStart(width);
  if (shape.length === 0) return strs[0] ?? '';
  const strides: number[] = [];
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  const render = (dim: number, offset: number, indent: string): string => {
    const n = shape[dim]!;
    const idx = summarize && n > 2 * EDGE ? [...range(0, EDGE), -1, ...range(n - EDGE, n)] : range(0, n);
    if (dim === shape.length - 1) {
      return `[${idx.map((i) => (i < 0 ? '...' : cell(offset + i))).join(', ')}]`;
    }
    const sep = `,${'\n'.repeat(shape.length - 1 - dim)}${indent} `;
    const parts = idx.map((i) => (i < 0 ? '...' : render(dim + 1, offset + i * strides[dim]!, `${indent} `)));
    return `[${parts.join(sep)}]`;
  };
  return render(0, 0, '');
}

function range(a: number, b: number): number[] {
  return Array.from({ length: Math.max(0, b - a) }, (_, i) => a + i);
}
