import { type Tensor, type TensorLike, ValueError, engine, mul, randomNormal, reshape, sum, tidy, toTensor } from '@rectify/tensor';
import { computeGradients } from './gradients.js';

export interface CheckGradientsOptions {
  /** Finite-difference step. float32 arithmetic makes 1e-3 a good balance of truncation and rounding error. */
  readonly eps?: number;
  /** Allowed error: |analytic − numeric| <= tol · max(1, |numeric|). */
  readonly tol?: number;
  /** Seed of the random projection that turns a non-scalar output into a scalar. */
  readonly seed?: number;
}

export interface GradientCheckInput {
  readonly analytic: Float32Array;
  readonly numeric: Float64Array;
  readonly maxError: number;
  /** Flat index of the worst element. */
  readonly worstIndex: number;
}

export interface GradientCheckResult {
  readonly ok: boolean;
  readonly maxError: number;
  readonly inputs: readonly GradientCheckInput[];
  /** A human-readable summary naming the worst input and element. */
  readonly message: string;
}

/**
 * Compares autograd's gradient of `f` with central finite differences, element by element. A non-scalar output is
 * projected on a fixed random direction r (checking sum(f(x)·r)), which exercises the whole Jacobian.
 * @example
 * const r = checkGradients((x) => sigmoid(x), [tensor([-1, 0, 2])]);
 * r.ok; // true
 */
export function checkGradients(f: (...xs: Tensor[]) => Tensor, inputs: readonly TensorLike[], options: CheckGradientsOptions = {}): GradientCheckResult {
  const eps = options.eps ?? 1e-3;
  const tol = options.tol ?? 1e-2;
  if (!(eps > 0)) throw new ValueError(`checkGradients: eps must be positive, received ${eps}`);
  if (!(tol > 0)) throw new ValueError(`checkGradients: tol must be positive, received ${tol}`);
  const xs = inputs.map((x, i) => toTensor(x, `inputs[${i}]`, 'checkGradients'));
  return tidy(() => {
    const probe = f(...xs);
    const r = probe.size === 1 ? null : randomNormal(probe.shape, 0, 1, 'float32', options.seed ?? 1234);
    const scalarF = (...args: Tensor[]): Tensor => {
      const y = f(...args);
      return r ? sum(mul(y, r)) : sum(y);
    };
    const { grads } = computeGradients('checkGradients', () => scalarF(...xs), xs);
    const evaluate = (args: Tensor[]): number => engine.withoutListeners(() => tidy(() => scalarF(...args).dataSync()[0]!));
    const results = xs.map((x, i): GradientCheckInput => {
      const base = x.dataSync() as Float32Array;
      const numeric = new Float64Array(base.length);
      for (let j = 0; j < base.length; j++) {
        const plus = base.slice();
        const minus = base.slice();
        plus[j] = base[j]! + eps;
        minus[j] = base[j]! - eps;
        const at = (values: Float32Array) => xs.map((t, k) => (k === i ? reshape(toTensor(values, 'x', 'checkGradients'), x.shape) : t));
        // Divide by the step actually taken in float32, not the nominal eps.
        numeric[j] = (evaluate(at(plus)) - evaluate(at(minus))) / (plus[j]! - minus[j]!);
      }
      const analytic = grads[i]!.dataSync() as Float32Array;
      let maxError = 0;
      let worstIndex = -1;
      for (let j = 0; j < numeric.length; j++) {
        const err = Math.abs(analytic[j]! - numeric[j]!) / Math.max(1, Math.abs(numeric[j]!));
        if (!(err <= maxError)) {
          maxError = err;
          worstIndex = j;
        }
      }
      return { analytic, numeric, maxError, worstIndex };
    });
    const worst = results.reduce((w, r, i) => (r.maxError > results[w]!.maxError ? i : w), 0);
    const maxError = results[worst]?.maxError ?? 0;
    const ok = results.every((r) => r.maxError <= tol);
    const wr = results[worst];
    const message = ok
      ? `gradients match (max error ${maxError.toExponential(2)} <= tol ${tol})`
      : `gradient mismatch on input ${worst}, element ${wr!.worstIndex}: analytic ${wr!.analytic[wr!.worstIndex]}, numeric ${wr!.numeric[wr!.worstIndex]} (error ${maxError.toExponential(2)} > tol ${tol})`;
    return { ok, maxError, inputs: results, message };
  });
}
