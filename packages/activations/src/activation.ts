import { grad } from '@rectify/autograd';
import { type Tensor, type TensorLike, ValueError, scalar, tidy, toTensor } from '@rectify/tensor';
import { applyKernel, derivativeOfKernel, propertiesOf } from './define.js';
import type { OptionSpecs, OptionValues } from './options.js';
import type {
  ActivationDefinition,
  ActivationKernel,
  ActivationProperties,
  InitializerName,
  UnaryKernel,
} from './types.js';

/**
 * `{ name, ...options }`: what `getConfig()` returns and `get()` accepts, as Keras serializes activations.
 * @example
 * ```ts
 * import { type ActivationConfig, get } from '@rectify/activations';
 * const config: ActivationConfig = get({ name: 'gelu', approximate: 'tanh' }).getConfig();
 * config; // → { name: 'gelu', approximate: 'tanh' }
 * ```
 */
export interface ActivationConfig {
  readonly name: string;
  readonly [option: string]: unknown;
}

const brand = Symbol.for('rectify.activation');

/**
 * One activation with its options resolved: what `get()` returns and what layers hold. `apply` runs the kernel
 * (autograd differentiates it with the exact derivative), `f`/`df` evaluate it on one float64 number.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { get } from '@rectify/activations';
 * const act = get({ name: 'leakyRelu', alpha: 0.2 });
 * act.apply(tensor([-1, 2])); // → [-0.2, 2]
 * [act.f(-1), act.df(-1)]; // → [-0.2, 0.2]
 * act.getConfig(); // → { name: 'leakyRelu', alpha: 0.2 }
 * ```
 */
export class Activation {
  readonly [brand] = true;
  readonly name: string;
  readonly options: Readonly<Record<string, number | string>>;
  readonly properties: ActivationProperties;
  readonly recommendedInitializer: InitializerName;
  readonly describe: string;
  private readonly kernel: ActivationKernel;
  /** Null for a wrapped plain function, which has no name `get()` could find it by. */
  private readonly configName: string | null;

  /** @internal use `get()`. */
  constructor(init: {
    name: string;
    options: Readonly<Record<string, number | string>>;
    properties: ActivationProperties;
    recommendedInitializer: InitializerName;
    describe: string;
    kernel: ActivationKernel;
    configName: string | null;
  }) {
    this.name = init.name;
    this.options = Object.freeze({ ...init.options });
    this.properties = init.properties;
    this.recommendedInitializer = init.recommendedInitializer;
    this.describe = init.describe;
    this.kernel = init.kernel;
    this.configName = init.configName;
  }

  /**
   * The scalar function and its `a`, `b` when this activation is elementwise (`apply(x)` is then
   * `mapUnary(x, fn, a, b)`), or undefined for composite ones (softmax, linear): lets a layer fuse it with its bias.
   * @example
   * ```ts
   * import { get } from '@rectify/activations';
   * [get('relu').unaryKernel?.fn.name, get('softmax').unaryKernel]; // → ['relu', undefined]
   * ```
   */
  get unaryKernel(): Readonly<Required<UnaryKernel>> | undefined {
    const k = this.kernel;
    return 'fn' in k ? { fn: k.fn, a: k.a ?? 0, b: k.b ?? 0 } : undefined;
  }

  /** The activation applied to a tensor (any shape; softmax-like ones act along their `axis`). */
  readonly apply = (x: TensorLike): Tensor => applyKernel(this.kernel, toTensor(x, 'x', this.name));

  /** f'(x) as a tensor shaped like x; for softmax and logSoftmax the diagonal of the Jacobian. */
  readonly derivative = (x: TensorLike): Tensor => derivativeOfKernel(this.kernel, toTensor(x, 'x', this.name));

  /** f(x) on one number, in float64 (the same scalar function the kernels compile). */
  readonly f = (x: number): number => {
    const k = this.kernel;
    return 'fn' in k ? k.fn.f(x, k.a ?? 0, k.b ?? 0) : k.f(x);
  };

  /** f'(x) on one number, in float64. */
  readonly df = (x: number): number => {
    const k = this.kernel;
    if (!('fn' in k)) return k.df(x);
    return k.fn.df ? k.fn.df(x, k.a ?? 0, k.b ?? 0) : 0;
  };

  /** `{ name, ...options }` with every option spelled out; `get(getConfig())` gives this activation back. */
  getConfig(): ActivationConfig {
    if (this.configName === null) {
      throw new ValueError(
        `activations: cannot serialize the plain function '${this.name}'; ` +
          `register it with register({ name: '${this.name}', … }) and refer to it by name`,
      );
    }
    return { name: this.configName, ...this.options };
  }
}

/**
 * Whether `x` is an {@link Activation} (also one made by another copy of this package).
 * @example
 * ```ts
 * import { get, isActivation } from '@rectify/activations';
 * [isActivation(get('relu')), isActivation({ name: 'relu' })]; // → [true, false]
 * ```
 */
export function isActivation(x: unknown): x is Activation {
  return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[brand] === true;
}

/** An activation from a definition and its resolved options. */
export function instantiate<S extends OptionSpecs>(
  def: ActivationDefinition<string, S>,
  options: OptionValues<S>,
): Activation {
  return new Activation({
    name: def.name,
    options: options as Readonly<Record<string, number | string>>,
    properties: propertiesOf(def, options),
    recommendedInitializer: def.recommendedInitializer,
    describe: def.describe,
    kernel: def.kernel(options),
    configName: def.name,
  });
}

const unknownProperties: ActivationProperties = Object.freeze({
  range: [-Infinity, Infinity] as const,
  smooth: false,
  monotonic: false,
  zeroCentred: false,
  selfNormalizing: false,
  reluFamily: false,
  elementwise: true,
});

/**
 * Wraps a plain `(x) => Tensor` function, assumed elementwise. Nothing is known of its shape, so every property
 * is the cautious one; `f`/`df` run it on a float32 scalar, `df` through autograd.
 */
export function wrapFunction(fn: (x: Tensor) => Tensor): Activation {
  const name = fn.name || 'custom';
  return new Activation({
    name,
    options: {},
    properties: unknownProperties,
    recommendedInitializer: 'glorotUniform',
    describe: `user function ${name}`,
    kernel: {
      apply: fn,
      derivative: (x) => grad(fn)(x),
      f: (x) => tidy(() => fn(scalar(x)).item()),
      df: (x) => tidy(() => grad(fn)(scalar(x)).item()),
    },
    configName: null,
  });
}
