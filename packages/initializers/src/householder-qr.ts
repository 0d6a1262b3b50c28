/**
 * The Q factor of a thin QR decomposition, in float64 on the host. Householder reflections keep Q orthonormal to
 * machine precision however ill-conditioned the input (Gram–Schmidt loses orthogonality in proportion to the
 * condition number, and square Gaussian matrices are occasionally very ill-conditioned).
 *
 * `a` is an m×n row-major matrix with m >= n; it is overwritten. Returns Q (m×n, row-major) with orthonormal
 * columns and a = Q·R where R has a non-negative diagonal — the sign convention Keras and PyTorch apply to make
 * the factorisation unique, which makes Q of a Gaussian matrix uniformly (Haar) distributed.
 *
 * @example
 * const q = orthonormalQ(Float64Array.from([3, 1, 4, 1, 5, 9]), 3, 2); // 3×2, qᵀq = I
 */
export function orthonormalQ(a: Float64Array, m: number, n: number): Float64Array {
  const reflectors: Float64Array[] = [];
  const betas = new Float64Array(n);
  const rDiagonal = new Float64Array(n);
  const w = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let norm2 = 0;
    for (let i = k; i < m; i++) norm2 += a[i * n + k]! ** 2;
    const x0 = a[k * n + k]!;
    // Reflect x onto −sign(x0)·‖x‖·e1 so that v0 = x0 − alpha never cancels.
    const alpha = x0 >= 0 ? -Math.sqrt(norm2) : Math.sqrt(norm2);
    const v = new Float64Array(m - k);
    for (let i = k; i < m; i++) v[i - k] = a[i * n + k]!;
    v[0] = x0 - alpha;
    const vNorm2 = norm2 - x0 * x0 + v[0]! * v[0]!;
    const beta = vNorm2 > 0 ? 2 / vNorm2 : 0;
    applyReflector(a, n, k, m, k, v, beta, w);
    reflectors.push(v);
    betas[k] = beta;
    rDiagonal[k] = beta > 0 ? alpha : x0;
  }
  const q = new Float64Array(m * n);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  // Q = H0·H1·…·H(n−1)·[I; 0]; reflector k leaves columns < k of the partial product untouched.
  for (let k = n - 1; k >= 0; k--) applyReflector(q, n, k, m, k, reflectors[k]!, betas[k]!, w);
  for (let k = 0; k < n; k++) {
    if (rDiagonal[k]! >= 0) continue;
    for (let i = 0; i < m; i++) q[i * n + k] = -q[i * n + k]!;
  }
  return q;
}

/** x[rows r0.., cols c0..] −= beta · v · (vᵀ x[...]), row by row for cache-friendly access. */
function applyReflector(
  x: Float64Array,
  n: number,
  r0: number,
  m: number,
  c0: number,
  v: Float64Array,
  beta: number,
  w: Float64Array,
): void {
  if (beta === 0) return;
  w.fill(0, c0, n);
  for (let i = r0; i < m; i++) {
    const vi = v[i - r0]!;
    if (vi === 0) continue;
    const row = i * n;
    for (let j = c0; j < n; j++) w[j] = w[j]! + vi * x[row + j]!;
  }
  for (let j = c0; j < n; j++) w[j] = w[j]! * beta;
  for (let i = r0; i < m; i++) {
    const vi = v[i - r0]!;
    if (vi === 0) continue;
    const row = i * n;
    for (let j = c0; j < n; j++) x[row + j] = x[row + j]! - vi * w[j]!;
  }
}
