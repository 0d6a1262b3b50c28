import { describe, expect, it } from 'vitest';
import { PRNGKey, ShapeError } from '@rectify/tensor';
import { orthogonal } from '@rectify/initializers';
import { orthonormalQ } from '../src/householder-qr.js';

/** Float64 Gram matrix of the columns of a rows×cols row-major matrix: (AᵀA)[i][j]. */
function columnGram(a: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const g = new Float64Array(cols * cols);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < cols; i++) {
      const ai = a[r * cols + i]!;
      for (let j = 0; j < cols; j++) g[i * cols + j] = g[i * cols + j]! + ai * a[r * cols + j]!;
    }
  }
  return g;
}

function transposed(a: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const t = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = a[r * cols + c]!;
  return t;
}

/** max |G − s·I| over the entries. */
function maxDeviationFromScaledIdentity(g: Float64Array, n: number, s: number): number {
  let worst = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) worst = Math.max(worst, Math.abs(g[i * n + j]! - (i === j ? s : 0)));
  return worst;
}

describe('orthogonal', () => {
  it('gives a square matrix with WᵀW = I and WWᵀ = I', () => {
    const w = orthogonal({ seed: 1 }).apply([64, 64]).dataSync();
    expect(maxDeviationFromScaledIdentity(columnGram(w, 64, 64), 64, 1)).toBeLessThan(1e-5);
    expect(maxDeviationFromScaledIdentity(columnGram(transposed(w, 64, 64), 64, 64), 64, 1)).toBeLessThan(1e-5);
  });

  it('gives a tall matrix orthonormal columns and a wide one orthonormal rows', () => {
    const tall = orthogonal({ seed: 2 }).apply([128, 32]).dataSync();
    expect(maxDeviationFromScaledIdentity(columnGram(tall, 128, 32), 32, 1)).toBeLessThan(1e-5);
    const wide = orthogonal({ seed: 3 }).apply([32, 128]).dataSync();
    expect(maxDeviationFromScaledIdentity(columnGram(transposed(wide, 32, 128), 128, 32), 32, 1)).toBeLessThan(1e-5);
  });

  it('flattens all but the last axis of a conv kernel [3, 3, 16, 32] into a 144×32 matrix', () => {
    const t = orthogonal({ seed: 4 }).apply([3, 3, 16, 32]);
    expect(t.shape).toEqual([3, 3, 16, 32]);
    expect(maxDeviationFromScaledIdentity(columnGram(t.dataSync(), 144, 32), 32, 1)).toBeLessThan(1e-5);
  });

  it('scales by gain: WᵀW = gain²·I', () => {
    const w = orthogonal({ gain: 2, seed: 5 }).apply([40, 40]).dataSync();
    expect(maxDeviationFromScaledIdentity(columnGram(w, 40, 40), 40, 4)).toBeLessThan(4e-5);
  });

  it('is the sign-corrected Q of the Gaussian draw: QᵀA is upper triangular with a positive diagonal', () => {
    // The documented recipe: A is [max, min] = [48, 20] row-major from keyFor(seed); A = QR, diag(R) > 0.
    const a = PRNGKey.fromSeed(6).normal(48 * 20);
    const q = orthogonal({ seed: 6 }).apply([48, 20]).dataSync();
    for (let i = 0; i < 20; i++) {
      for (let j = 0; j < 20; j++) {
        let r = 0;
        for (let k = 0; k < 48; k++) r += q[k * 20 + i]! * a[k * 20 + j]!;
        if (i > j) expect(Math.abs(r)).toBeLessThan(1e-4);
        if (i === j) expect(r).toBeGreaterThan(0.5);
      }
    }
  });

  it('transposes for a wide shape: W = Qᵀ of the tall draw', () => {
    const tall = orthogonal({ seed: 7 }).apply([30, 10]).dataSync();
    const wide = orthogonal({ seed: 7 }).apply([10, 30]).dataSync();
    expect(Array.from(wide)).toEqual(Array.from(transposed(tall, 30, 10)));
  });

  it('draws Haar-like entries: mean 0 and mean square exactly 1/rows for a tall matrix', () => {
    const w = orthogonal({ seed: 8 }).apply([256, 128]).dataSync();
    let sum = 0;
    let squares = 0;
    for (const x of w) {
      sum += x;
      squares += x * x;
    }
    expect(Math.abs(sum / w.length)).toBeLessThan((5 * (1 / 16)) / Math.sqrt(w.length));
    expect(squares / w.length).toBeCloseTo(1 / 256, 7);
  });

  it('returns an empty tensor for a zero-sized shape', () => {
    expect(orthogonal({ seed: 1 }).apply([0, 5]).shape).toEqual([0, 5]);
  });

  it('rejects rank < 2', () => {
    expect(() => orthogonal().apply([5])).toThrow(ShapeError);
    expect(() => orthogonal().apply([5])).toThrow('orthogonal: shape must have rank >= 2, received [5] (rank 1)');
    expect(() => orthogonal().apply([])).toThrow('orthogonal: shape must have rank >= 2, received [] (rank 0)');
  });
});

describe('orthonormalQ (Householder, float64)', () => {
  it('stays orthonormal to ~1e-15 on an ill-conditioned matrix where Gram–Schmidt would not', () => {
    // Columns 1, 1+ε·noise: condition number ~1e10.
    const m = 40;
    const n = 3;
    const base = PRNGKey.fromSeed(9).normal(m);
    const noise = PRNGKey.fromSeed(10).normal(m * n);
    const a = new Float64Array(m * n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) a[i * n + j] = base[i]! + 1e-10 * j * noise[i * n + j]!;
    const q = orthonormalQ(a, m, n);
    expect(maxDeviationFromScaledIdentity(columnGram(q, m, n), n, 1)).toBeLessThan(1e-14);
  });

  it('reproduces a hand-computed QR: [[3, 0], [4, 5]] has Q = [[0.6, -0.8], [0.8, 0.6]]', () => {
    // R = QᵀA = [[5, 4], [0, 3]] has a positive diagonal, so this Q is the sign-corrected one.
    const q = orthonormalQ(Float64Array.from([3, 0, 4, 5]), 2, 2);
    [0.6, -0.8, 0.8, 0.6].forEach((v, i) => expect(q[i]).toBeCloseTo(v, 14));
  });

  it('keeps a zero column (rank deficiency) without NaN', () => {
    const q = orthonormalQ(Float64Array.from([1, 0, 1, 0, 1, 0]), 3, 2);
    expect(Array.from(q).every(Number.isFinite)).toBe(true);
    expect(q[0]).toBeCloseTo(1 / Math.sqrt(3), 14);
  });
});
