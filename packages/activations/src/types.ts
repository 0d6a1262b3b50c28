import type { Tensor, UnaryFn } from '@rectify/tensor';
import type { OptionSpecs, OptionValues } from './options.js';

/**
 * Names of the weight initializers an activation is usually paired with (see @rectify/initializers).
 * @example
 * ```ts
 * import { type InitializerName, get } from '@rectify/activations';
 * const init: InitializerName = get('selu').recommendedInitializer;
 * init; // → 'lecunNormal'
 * ```
 */
export type InitializerName =
  'heNormal' | 'heUniform' | 'lecunNormal' | 'lecunUniform' | 'glorotUniform' | 'glorotNormal';

/**
 * What is known about an activation's shape; layers, callbacks and the CLI read these instead of hard-coding names.
 * @example
 * ```ts
 * import { get } from '@rectify/activations';
 * get('tanh').properties; // → {"range":[-1,1],"smooth":true,"monotonic":true,"zeroCentred":true,"selfNormalizing":false,"reluFamily":false,"elementwise":true}
 * ```
 */
export interface ActivationProperties {
  /** The closure of the output range, `[lo, hi]`, with ±Infinity for unbounded sides. */
  readonly range: readonly [number, number];
  /** Continuously differentiable everywhere (C¹): no kink where the gradient jumps. */
  readonly smooth: boolean;
  /** Non-decreasing in its input. */
  readonly monotonic: boolean;
  /** Outputs are centred on zero by design: odd-symmetric (tanh, softsign) or mean-zero at its fixed point (selu). */
  readonly zeroCentred: boolean;
  /** Keeps activations at mean 0, variance 1 through deep stacks (SELU with lecunNormal). */
  readonly selfNormalizing: boolean;
  /**
   * Gates like ReLU: a positive output means the unit is active, the negative side is zero or a small leak.
   * `activationStats` counts such a unit as active when its output is > 0; other units when their derivative is
   * not saturated.
   */
  readonly reluFamily: boolean;
  /** Acts on each element on its own. False for softmax and logSoftmax, which mix an axis. */
  readonly elementwise: boolean;
}

/**
 * An elementwise kernel: one scalar function compiled by each backend, differentiated by autograd with `fn.df`
 * through the fused `unaryGrad` kernel. `a`, `b` carry the options (alpha, beta…).
 * @example
 * ```ts
 * import { get } from '@rectify/activations';
 * const kernel = get({ name: 'elu', alpha: 0.5 }).unaryKernel;
 * [kernel?.fn.name, kernel?.a, kernel?.b]; // → ['elu', 0.5, 0]
 * ```
 */
export interface UnaryKernel {
  readonly fn: UnaryFn;
  readonly a?: number;
  readonly b?: number;
}

/**
 * An activation composed of other ops (softmax, logSoftmax) or a view (linear).
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { type CompositeKernel, get, register } from '@rectify/activations';
 * const double: CompositeKernel = {
 *   apply: (x) => x.mul(2),
 *   derivative: (x) => x.mul(0).add(2),
 *   f: (x) => 2 * x,
 *   df: () => 2,
 * };
 * register({
 *   name: 'double', describe: 'twice its input', recommendedInitializer: 'glorotUniform', kernel: () => double,
 *   properties: { range: [-Infinity, Infinity], smooth: true, monotonic: true, zeroCentred: true,
 *                 selfNormalizing: false, reluFamily: false, elementwise: true },
 * });
 * [get('double').apply(tensor([1, -2])), get('double').df(5), get('double').unaryKernel]; // → [[2, -4], 2, undefined]
 * ```
 */
export interface CompositeKernel {
  readonly apply: (x: Tensor) => Tensor;
  /** The elementwise derivative as a tensor; for softmax-like activations the diagonal of the Jacobian. */
  readonly derivative: (x: Tensor) => Tensor;
  /** Scalar value in float64, for documentation, plots and tests. */
  readonly f: (x: number) => number;
  readonly df: (x: number) => number;
}

/**
 * What an activation's `kernel(options)` returns: an elementwise {@link UnaryKernel} or a {@link CompositeKernel}.
 * @example
 * ```ts
 * import { type ActivationKernel, activations } from '@rectify/activations';
 * const kernel: ActivationKernel = activations.leakyRelu.kernel({ alpha: 0.2 });
 * 'fn' in kernel ? [kernel.fn.name, kernel.a] : 'composite'; // → [ 'leakyRelu', 0.2 ]
 * ```
 */
export type ActivationKernel = UnaryKernel | CompositeKernel;

/**
 * What a catalogue file (or a user) writes: everything about one activation, side by side.
 * @example
 * ```ts
 * import { type ActivationSpec, defineActivation, reluFn } from '@rectify/activations';
 * const spec: ActivationSpec<'myRelu'> = {
 *   name: 'myRelu', describe: 'relu under another name', recommendedInitializer: 'heNormal',
 *   properties: { range: [0, Infinity], smooth: false, monotonic: true, zeroCentred: false,
 *                 selfNormalizing: false, reluFamily: true, elementwise: true },
 *   kernel: () => ({ fn: reluFn }),
 * };
 * defineActivation(spec).aliases; // → []
 * ```
 */
export interface ActivationSpec<N extends string = string, S extends OptionSpecs = OptionSpecs> {
  readonly name: N;
  /** Other names `get()` accepts: Keras's snake_case spellings, PyTorch's names. */
  readonly aliases?: readonly string[];
  /** Each option with its type and default; `{}` for none. */
  readonly options?: S;
  /** One line for help texts and the CLI. */
  readonly describe: string;
  readonly recommendedInitializer: InitializerName;
  readonly properties: ActivationProperties | ((options: OptionValues<S>) => ActivationProperties);
  /** Picks the kernel for resolved options. Must return module-level `UnaryFn`s: backends cache loops per function. */
  readonly kernel: (options: OptionValues<S>) => ActivationKernel;
}

/**
 * A spec after {@link defineActivation}: aliases and options filled in, defaults spelled out, frozen.
 * @example
 * ```ts
 * import { type ActivationDefinition, type NumberOption, activations } from '@rectify/activations';
 * const def: ActivationDefinition<'swish', { readonly beta: NumberOption }> = activations.swish;
 * [def.name, def.aliases, def.defaults]; // → ['swish', [ 'silu' ], { beta: 1 }]
 * ```
 */
export interface ActivationDefinition<
  N extends string = string,
  S extends OptionSpecs = OptionSpecs,
> extends ActivationSpec<N, S> {
  readonly aliases: readonly string[];
  readonly options: S;
  readonly defaults: OptionValues<S>;
}
