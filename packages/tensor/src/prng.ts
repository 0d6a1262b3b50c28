import { ValueError } from './errors.js';

/**
 * Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC'11): a counter-based generator.
 * Output block i is a pure function of (key, i), so any range of numbers can be produced independently — the
 * same seed gives the same numbers on every backend and in every order of generation — and keys split into
 * independent streams like JAX's `random.split`.
 */
const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;

function mulHi(a: number, b: number): number {
  const aH = a >>> 16;
  const aL = a & 0xffff;
  const bH = b >>> 16;
  const bL = b & 0xffff;
  const mid1 = aH * bL + ((aL * bL) >>> 16);
  const mid2 = aL * bH + (mid1 & 0xffff);
  return (aH * bH + (mid1 >>> 16) + (mid2 >>> 16)) >>> 0;
}

/** Writes the 4 words of block (c0, c1, c2, c3) under key (k0, k1) into out[at..at+3]. */
function philoxBlock(
  k0: number,
  k1: number,
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  out: Uint32Array,
  at: number,
): void {
  for (let r = 0; r < 10; r++) {
    const hi0 = mulHi(M0, c0);
    const lo0 = Math.imul(M0, c0) >>> 0;
    const hi1 = mulHi(M1, c2);
    const lo1 = Math.imul(M1, c2) >>> 0;
    c0 = (hi1 ^ c1 ^ k0) >>> 0;
    c1 = lo1;
    c2 = (hi0 ^ c3 ^ k1) >>> 0;
    c3 = lo0;
    k0 = (k0 + W0) >>> 0;
    k1 = (k1 + W1) >>> 0;
  }
  out[at] = c0;
  out[at + 1] = c1;
  out[at + 2] = c2;
  out[at + 3] = c3;
}

/**
 * An immutable key into the Philox stream. `split` derives independent child keys; `uint32`, `uniform`, `normal`
 * draw numbers. Equal keys always give equal numbers.
 *
 * @example
 * const [a, b] = PRNGKey.fromSeed(42).split();
 * a.uniform(3); // three numbers in [0, 1), the same on every run
 */
export class PRNGKey {
  private constructor(
    readonly k0: number,
    readonly k1: number,
  ) {}

  static fromSeed(seed: number, op = 'PRNGKey.fromSeed'): PRNGKey {
    if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
      throw new ValueError(`${op}: seed must be a safe integer, received ${String(seed)}`);
    }
    const lo = seed >>> 0;
    const hi = Math.floor(seed / 0x100000000) >>> 0;
    return new PRNGKey(lo, hi);
  }

  /** `n` independent keys, derived by hashing this key with the counters (n, i). */
  split(n = 2): PRNGKey[] {
    const out = new Uint32Array(4);
    return Array.from({ length: n }, (_, i) => {
      philoxBlock(this.k0, this.k1, i, 0x5eed5eed, n, 0x0ddba11, out, 0);
      return new PRNGKey(out[0]!, out[1]!);
    });
  }

  /** A key for index `i`, without materialising a list: `fold(i)` = the i-th of an unbounded split. */
  fold(i: number): PRNGKey {
    const out = new Uint32Array(4);
    philoxBlock(this.k0, this.k1, i >>> 0, Math.floor(i / 0x100000000) >>> 0, 0xf01d, 0xf01d, out, 0);
    return new PRNGKey(out[0]!, out[1]!);
  }

  uint32(n: number): Uint32Array {
    const blocks = Math.ceil(n / 4);
    const out = new Uint32Array(blocks * 4);
    for (let b = 0; b < blocks; b++)
      philoxBlock(this.k0, this.k1, b >>> 0, Math.floor(b / 0x100000000), 0, 0, out, 4 * b);
    return out.subarray(0, n);
  }

  /** `n` floats uniform in [0, 1), each exactly representable in float32 (24 random bits). */
  uniform(n: number): Float64Array {
    const u = this.uint32(n);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = (u[i]! >>> 8) * 5.960464477539063e-8;
    return out;
  }

  /** `n` standard normal numbers by the Box–Muller transform. */
  normal(n: number): Float64Array {
    const u = this.uniform(n + (n % 2));
    const out = new Float64Array(n);
    for (let i = 0; i < n; i += 2) {
      const r = Math.sqrt(-2 * Math.log(1 - u[i]!)); // 1 - u is in (0, 1]: log never sees 0
      const theta = 2 * Math.PI * u[i + 1]!;
      out[i] = r * Math.cos(theta);
      if (i + 1 < n) out[i + 1] = r * Math.sin(theta);
    }
    return out;
  }
}

let globalKey = PRNGKey.fromSeed(Math.floor(Math.random() * 0x7fffffff));

/** Makes every later unseeded random op reproducible, like `tf.random.set_seed` or `torch.manual_seed`. @example setSeed(42); */
export function setSeed(seed: number): void {
  globalKey = PRNGKey.fromSeed(seed, 'setSeed');
}

/** The key for one random op: from `seed` when given, otherwise the next key of the global stream. @example keyFor(7).uniform(2) */
export function keyFor(seed: number | PRNGKey | undefined, op = 'keyFor'): PRNGKey {
  if (seed instanceof PRNGKey) return seed;
  if (seed !== undefined) return PRNGKey.fromSeed(seed, op);
  const [next, use] = globalKey.split(2) as [PRNGKey, PRNGKey];
  globalKey = next;
  return use;
}
