import { PRNGKey, Tensor, type TensorLike, ValueError, engine, reshape, tensor, toTensor } from '@rectify/tensor';
import { computeGradients } from './compute-gradients.js';

export interface CheckGradientsOptions {
  /** Finite-difference step. float32 arithmetic makes 1e-3 a good balance of truncation and rounding error. */
  readonly eps?: number;
  /** Allowed error per element: |analytic − numeric| <= tol · max(1, |numeric|). */
  readonly tol?: number;
  /** Seed of the random projection that turns a non-scalar output into a scalar. */
  readonly seed?: number;
}

export interface GradientCheckInput {
  readonly analytic: Float32Array;
  readonly numeric: Float64Array;
  readonly maxError: number;
  /** Flat index of the worst element (-1 for an empty input). */
  readonly worstIndex: number;
}

export interface GradientCheckResult {
  readonly ok: boolean;
  readonly maxError: number;
  readonly inputs: readonly GradientCheckInput[];
  /** A human-readable summary naming the worst input and element. */
  readonly message: string;
}

function positive(name: string, v: number | undefined, fallback: number): number {
  const x = v ?? fallback;
  if (!(x > 0) || !Number.isFinite(x))
    throw new ValueError(`checkGradients: ${name} must be a finite positive number, received ${x}`);
  return x;
}

/**
 * Compares autograd's gradient of `f` with central finite differences, element by element. A non-scalar output is
 * projected on a fixed random direction r (checking Σ f(x)·r, summed in float64), which exercises the whole
 * Jacobian. Nothing it creates outlives the call.
 * @example
 * const r = checkGradients((x) => sigmoid(x), [tensor([-1, 0, 2])]);
 * r.ok; // → true
 */
export function checkGradients(
  f: (...xs: Tensor[]) => Tensor,
  inputs: readonly TensorLike[],
  options: CheckGradientsOptions = {},
): GradientCheckResult {
  if (typeof f !== 'function') throw new ValueError(`checkGradients: f must be a function, received ${typeof f}`);
  if (!Array.isArray(inputs) || inputs.length === 0)
    throw new ValueError('checkGradients: inputs must be a non-empty array of tensors');
  const eps = positive('eps', options.eps, 1e-3);
  const tol = positive('tol', options.tol, 1e-2);
  return engine.tidy(() => {
    const xs = inputs.map((x, i) => toTensor(x, `inputs[${i}]`, 'checkGradients'));
    const probe = engine.withoutListeners(() => f(...xs));
    if (!(probe instanceof Tensor))
      throw new ValueError(`checkGradients: f must return a Tensor, received ${typeof probe}`);
    if (probe.dtype !== 'float32')
      throw new ValueError(`checkGradients: f must return a float32 tensor, received ${probe.dtype}`);
    const r =
      probe.size === 1
        ? Float32Array.of(1)
        : Float32Array.from(PRNGKey.fromSeed(options.seed ?? 1234, 'checkGradients').normal(probe.size));
    const { grads } = computeGradients('checkGradients', () => f(...xs), xs, tensor(r, probe.shape));
    const project = (args: Tensor[]): number =>
      engine.withoutListeners(() =>
        engine.tidy(() => {
          const y = f(...args).dataSync();
          let s = 0;
          for (let i = 0; i < y.length; i++) s += y[i]! * r[i]!;
          return s;
        }),
      );
    const results = xs.map((x, i): GradientCheckInput => {
      const base = x.dataSync() as Float32Array;
      const numeric = new Float64Array(base.length);
      const at = (values: Float32Array) => xs.map((t, k) => (k === i ? reshape(tensor(values), x.shape) : t));
      for (let j = 0; j < base.length; j++) {
        const plus = base.slice();
        const minus = base.slice();
        plus[j] = base[j]! + eps;
        minus[j] = base[j]! - eps;
        // Divide by the step actually taken in float32, not the nominal eps.
        numeric[j] = engine.tidy(() => (project(at(plus)) - project(at(minus))) / (plus[j]! - minus[j]!));
      }
      const analytic = grads[i]!.dataSync() as Float32Array;
      let maxError = 0;
      let worstIndex = -1;
      for (let j = 0; j < numeric.length; j++) {
        const err = Math.abs(analytic[j]! - numeric[j]!) / Math.max(1, Math.abs(numeric[j]!));
        if (!(err <= maxError) || worstIndex < 0) {
          maxError = Number.isNaN(err) ? Infinity : Math.max(err, maxError);
          worstIndex = j;
        }
      }
      return { analytic, numeric, maxError, worstIndex };
    });
    const worst = results.reduce((w, res, i) => (res.maxError > results[w]!.maxError ? i : w), 0);
    const wr = results[worst]!;
    const ok = results.every((res) => res.maxError <= tol);
    const message = ok
      ? `gradients match (max error ${wr.maxError.toExponential(2)} <= tol ${tol})`
      : `gradient mismatch on input ${worst}, element ${wr.worstIndex}: analytic ${wr.analytic[wr.worstIndex]}, ` +
        `numeric ${wr.numeric[wr.worstIndex]} (error ${wr.maxError.toExponential(2)} > tol ${tol})`;
    return { ok, maxError: wr.maxError, inputs: results, message };
  });
}
