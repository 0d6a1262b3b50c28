import { type Tensor, type TensorLike, unaryFn } from '@rectify/tensor';
import { callActivation, defineActivation } from '../define.js';
import { choiceOption } from '../options.js';

/**
 * Exact GELU, x·Φ(x). Φ comes from erfc through Numerical Recipes' `erfcc` (a Chebyshev fit of erfc(z)·e^(z²)):
 * its *relative* error is below 1.1e−7 for every z ≥ 0, so the negative tail, where gelu is tiny, stays as
 * accurate as the rest. (Abramowitz–Stegun 7.1.26 is only accurate in absolute terms: 38% off in that tail.)
 * With e = ½·erfc(|x|/√2): Φ(x) = e for x < 0 and 1 − e for x ≥ 0, so
 * x·Φ(x) = relu(x) − |x|·e. Past |x| = 40 the term |x|·e is below 1e−300 and is dropped, which keeps ±∞ from
 * making ∞·0: gelu(+∞) = +∞, gelu(−∞) = 0 (relu's guard), and huge finite inputs stay exact (gelu(3e38) = 3e38).
 * f(−50) = 0, f(50) = 50. Both guards are predictable branches; the exponential dominates the cost.
 * @example
 * ```ts
 * import { geluFn } from '@rectify/activations';
 * [geluFn.f(1, 0, 0), geluFn.df?.(1, 0, 0)]; // → [0.8413447386043253, 1.0833154631234687]
 * ```
 */
export const geluFn = unaryFn({
  name: 'gelu',
  f: (x) => {
    const z = Math.abs(x) * 0.7071067811865476;
    const t = 1 / (1 + 0.5 * z);
    const e =
      0.5 *
      t *
      Math.exp(
        -z * z -
          1.26551223 +
          t *
            (1.00002368 +
              t *
                (0.37409196 +
                  t *
                    (0.09678418 +
                      t *
                        (-0.18628806 +
                          t *
                            (0.27886807 +
                              t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
      );
    return (x < -3.4e38 ? 0 : x * 0.5 + Math.abs(x) * 0.5) - (Math.abs(x) < 40 ? Math.abs(x) * e : 0);
  },
  // Φ(x) + x·φ(x), with φ the standard normal density; x·φ(x) is dropped past |x| = 40 (below 1e−340), as in f.
  df: (x) => {
    const z = Math.abs(x) * 0.7071067811865476;
    const t = 1 / (1 + 0.5 * z);
    const e =
      0.5 *
      t *
      Math.exp(
        -z * z -
          1.26551223 +
          t *
            (1.00002368 +
              t *
                (0.37409196 +
                  t *
                    (0.09678418 +
                      t *
                        (-0.18628806 +
                          t *
                            (0.27886807 +
                              t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
      );
    return (x >= 0 ? 1 - e : e) + (Math.abs(x) < 40 ? x * 0.3989422804014327 * Math.exp(-0.5 * x * x) : 0);
  },
});

/**
 * The tanh approximation, ½x(1 + tanh u) with u = √(2/π)(x + 0.044715x³). Written as x·σ(2u) = x / (1 + e^(−2u)),
 * which is the same function without 1 + tanh's cancellation for negative x (and so without NaN at −1000).
 * 2√(2/π) = 1.5957691216057308; 3·0.044715 = 0.134145.
 * @example
 * ```ts
 * import { geluTanhFn } from '@rectify/activations';
 * [geluTanhFn.f(1, 0, 0), geluTanhFn.df?.(1, 0, 0)]; // → [0.8411919906082768, 1.0829640838457826]
 * ```
 */
export const geluTanhFn = unaryFn({
  name: 'geluTanh',
  f: (x) => x / (1 + Math.exp(-1.5957691216057308 * x * (1 + 0.044715 * x * x))),
  // σ(2u) + x·σ(2u)(1 − σ(2u))·2u', with 2u' = 2√(2/π)(1 + 3·0.044715x²).
  df: (x) => {
    const s = 1 / (1 + Math.exp(-1.5957691216057308 * x * (1 + 0.044715 * x * x)));
    return s + x * s * (1 - s) * 1.5957691216057308 * (1 + 0.134145 * x * x);
  },
});

/**
 * The options of {@link gelu}; unknown or ill-typed options are errors naming the option.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { gelu, type GeluOptions } from '@rectify/activations';
 * const options: GeluOptions = { approximate: 'tanh' };
 * gelu(tensor([[-1, 2], [3, 4]]), options).arraySync(); // → [[-0.15880800783634186,1.9545977115631104],[2.9963626861572266,3.999929666519165]]
 * ```
 */
export interface GeluOptions {
  /** `'none'` (default): exact, with erf. `'tanh'`: the tanh approximation of the original paper and GPT-2. */
  readonly approximate?: 'none' | 'tanh';
}

/**
 * The registry's entry for `gelu`: name, aliases, options with their defaults, properties, recommended initializer
 * and kernel. `get('gelu')` instantiates it; `activations.gelu` is this object.
 * @example
 * ```ts
 * import { geluDefinition } from '@rectify/activations';
 * [geluDefinition.name, geluDefinition.defaults, geluDefinition.recommendedInitializer]; // → ['gelu', { approximate: 'none' }, 'heNormal']
 * ```
 */
export const geluDefinition = defineActivation({
  name: 'gelu',
  describe: 'Gaussian error linear unit: x·Φ(x), exact or tanh-approximated',
  recommendedInitializer: 'heNormal',
  options: { approximate: choiceOption('none', ['none', 'tanh']) },
  properties: ({ approximate }) => ({
    range: [approximate === 'tanh' ? -0.17004075057125406 : -0.16997120747990366, Infinity],
    smooth: true,
    monotonic: false,
    zeroCentred: false,
    selfNormalizing: false,
    reluFamily: true,
    elementwise: true,
  }),
  kernel: ({ approximate }) => ({ fn: approximate === 'tanh' ? geluTanhFn : geluFn }),
});

/**
 * Gaussian error linear unit: the input weighted by the probability that a standard normal variable is below it.
 *
 * Formula: f(x) = x·Φ(x) = ½x(1 + erf(x/√2)); with `approximate: 'tanh'`,
 * f(x) = ½x(1 + tanh(√(2/π)(x + 0.044715x³))).
 * Derivative: f'(x) = Φ(x) + x·φ(x), φ(x) = e^(−x²/2)/√(2π); for 'tanh', σ(2u) + x·σ(2u)(1 − σ(2u))·2u'.
 * Minimum ≈ −0.16997 at x ≈ −0.7518. Float32 results are within 1e−6 relative of the exact value everywhere.
 * @param x - any tensor.
 * @param options.approximate - `'none'` (default) or `'tanh'`.
 * @returns float32, same shape as x.
 * Reference: Hendrycks & Gimpel (2016); PyTorch `GELU(approximate)`, Keras `gelu(approximate)`.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { gelu } from '@rectify/activations';
 * gelu(tensor([-50, 0, 1])); // → [0, 0, 0.8413447141647339]
 * ```
 */
export function gelu(x: TensorLike, options?: GeluOptions): Tensor {
  return callActivation(geluDefinition, x, options);
}
