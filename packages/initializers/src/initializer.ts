import { DTypeError, type DType, type Seed, type Tensor, ValueError, checkOptions, fmtShape } from '@rectify/tensor';
import { fmtValue, seedOption } from './options.js';

/** Per-call options of {@link Initializer.apply}. */
export interface ApplyOptions {
  /** The dtype of the tensor made; float32 by default. Random initializers only make float32. */
  readonly dtype?: DType;
  /** Overrides the initializer's own seed for this call (a layer may pass a key derived from its own). */
  readonly seed?: Seed;
}

/** What `getConfig()` returns and `get()` accepts: the initializer's name plus its resolved options. */
export interface InitializerConfig {
  readonly name: string;
  readonly [option: string]: unknown;
}

/**
 * Makes the initial value of a weight from its shape. Seeding follows Keras 3: an initializer built with a `seed`
 * returns the same values on every call for the same shape (two layers sharing one seeded initializer get equal
 * weights — pass a per-call `seed` to tell them apart). Without a seed, each call draws the next key of the tensor
 * global stream, so calls differ, and `setSeed(n)` makes the whole sequence reproducible.
 */
export interface Initializer {
  readonly name: string;
  apply(shape: readonly number[], options?: ApplyOptions): Tensor;
  getConfig(): InitializerConfig;
}

/** A factory function carrying its registry name and the option names it accepts. */
export interface InitializerFactory<O extends object = Record<string, unknown>> {
  (options?: O): Initializer;
  readonly initializerName: string;
  readonly optionNames: readonly string[];
}

/** How {@link defineInitializer} builds a factory: check the options once, then sample per call. */
export interface InitializerSpec<O extends object, C extends object> {
  /** camelCase; the registry also accepts its snake_case spelling. */
  readonly name: string;
  readonly options: readonly (keyof O & string)[];
  /** The dtypes `apply` may produce; the first is the default. */
  readonly dtypes: readonly DType[];
  /** Validates the options and fills in defaults; `getConfig()` reports the result, and its `seed`, if any, is
   * the default seed of `apply`. */
  readonly configure: (options: O) => C;
  /** `seed` is the per-call seed, else the configured one, else undefined (the global stream). */
  readonly sample: (shape: readonly number[], config: C, dtype: DType, seed: Seed | undefined) => Tensor;
}

const factories = new WeakSet<object>();

/** Whether `x` was made by {@link defineInitializer}. @example isInitializerFactory(heNormal) // true */
export function isInitializerFactory(x: unknown): x is InitializerFactory {
  return typeof x === 'function' && factories.has(x);
}

/**
 * Whether `x` looks like an {@link Initializer} (user-written ones need not come from a factory).
 * @example isInitializer(heNormal()) // true; isInitializer({ name: 'heNormal' }) // false: a config
 */
export function isInitializer(x: unknown): x is Initializer {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return typeof o.name === 'string' && typeof o.apply === 'function' && typeof o.getConfig === 'function';
}

/**
 * Defines an initializer family member: the factory validates options (unknown names included) when called, and
 * the initializer it returns validates shape, dtype and seed on every `apply`.
 *
 * @example
 * const half = defineInitializer<{ seed?: number }, { seed?: number }>({
 *   name: 'half', options: ['seed'], dtypes: ['float32'],
 *   configure: (o) => ({ seed: o.seed }),
 *   sample: (shape) => full(shape, 0.5),
 * });
 * half().apply([2, 2]); // → [[0.5, 0.5], [0.5, 0.5]]
 */
export function defineInitializer<O extends object, C extends object>(
  spec: InitializerSpec<O, C>,
): InitializerFactory<O> {
  const { name } = spec;
  const make = (options?: O): Initializer => {
    checkOptions(name, options, spec.options);
    const config = spec.configure((options ?? {}) as O);
    return Object.freeze({
      name,
      apply(shape: readonly number[], applyOptions: ApplyOptions = {}): Tensor {
        checkShape(name, shape);
        const dtype = applyOptions.dtype ?? spec.dtypes[0]!;
        if (!spec.dtypes.includes(dtype)) {
          const allowed = spec.dtypes.map((d) => `'${d}'`).join(' or ');
          throw new DTypeError(`${name}: dtype must be ${allowed}, received ${fmtValue(dtype)}`);
        }
        const seed = seedOption(name, applyOptions.seed) ?? (config as { readonly seed?: Seed }).seed;
        return spec.sample(shape, config, dtype, seed);
      },
      getConfig(): InitializerConfig {
        const out: Record<string, unknown> = { name };
        for (const [k, v] of Object.entries(config)) if (v !== undefined) out[k] = v;
        return out as InitializerConfig;
      },
    });
  };
  const factory = Object.assign(make, { initializerName: name, optionNames: Object.freeze([...spec.options]) });
  factories.add(factory);
  return factory;
}

function checkShape(op: string, shape: unknown): asserts shape is readonly number[] {
  const ok = Array.isArray(shape) && shape.every((d) => Number.isSafeInteger(d) && d >= 0);
  if (!ok) {
    const shown = Array.isArray(shape) ? fmtShape(shape as number[]) : fmtValue(shape);
    throw new ValueError(`${op}: shape must be an array of non-negative integers, received ${shown}`);
  }
}
