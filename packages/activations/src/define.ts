import {
  type Tensor,
  type TensorLike,
  ValueError,
  mapUnary,
  mapUnaryGrad,
  onesLike,
  tidy,
  toTensor,
} from '@rectify/tensor';
import { type OptionSpecs, type OptionValues, resolveOptions } from './options.js';
import type { ActivationDefinition, ActivationKernel, ActivationProperties, ActivationSpec } from './types.js';

// Every definition defineActivation made: the registry picks the built-ins out of the catalogue's exports with it,
// so a catalogue export is registered by being a definition, not by being listed somewhere else.
const definitions = new WeakSet<object>();

/**
 * Turns a spec into a definition: fills in empty aliases and options, spells out the defaults, checks the shape of
 * the spec and freezes it. Every catalogue file calls it once; users call it (or pass a raw spec) to `register`.
 * @example
 * ```ts
 * import { unaryFn } from '@rectify/tensor';
 * import { defineActivation, numberOption } from '@rectify/activations';
 * const squareplusFn = unaryFn({
 *   name: 'squareplus',
 *   f: (x, b) => 0.5 * (x + Math.sqrt(x * x + b)),
 *   df: (x, b) => 0.5 * (1 + x / Math.sqrt(x * x + b)),
 * });
 * const squareplus = defineActivation({
 *   name: 'squareplus', describe: '(x + sqrt(x² + b)) / 2', recommendedInitializer: 'heNormal',
 *   options: { b: numberOption(4, { positive: true }) },
 *   properties: { range: [0, Infinity], smooth: true, monotonic: true, zeroCentred: false,
 *                 selfNormalizing: false, reluFamily: true, elementwise: true },
 *   kernel: ({ b }) => ({ fn: squareplusFn, a: b }),
 * });
 * [squareplus.defaults, Object.isFrozen(squareplus)]; // → [{ b: 4 }, true]
 * ```
 */
export function defineActivation<const N extends string, const S extends OptionSpecs = Record<never, never>>(
  spec: ActivationSpec<N, S>,
): ActivationDefinition<N, S> {
  const where = 'defineActivation';
  if (typeof spec !== 'object' || spec === null) {
    throw new ValueError(
      `${where}: expected an activation spec object, received ${spec === null ? 'null' : typeof spec}`,
    );
  }
  if (typeof spec.name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(spec.name)) {
    throw new ValueError(
      `${where}: name must be an identifier such as 'myRelu', received ${JSON.stringify(spec.name)}`,
    );
  }
  const aliases = spec.aliases ?? [];
  if (!Array.isArray(aliases) || aliases.some((a) => typeof a !== 'string' || a.length === 0)) {
    throw new ValueError(`${where}: '${spec.name}' aliases must be an array of non-empty strings`);
  }
  if (typeof spec.kernel !== 'function') {
    throw new ValueError(`${where}: '${spec.name}' needs a kernel(options) function, received ${typeof spec.kernel}`);
  }
  if (typeof spec.describe !== 'string')
    throw new ValueError(`${where}: '${spec.name}' needs a one-line describe string`);
  if (typeof spec.recommendedInitializer !== 'string') {
    throw new ValueError(`${where}: '${spec.name}' needs a recommendedInitializer such as 'heNormal'`);
  }
  if (typeof spec.properties !== 'function' && (typeof spec.properties !== 'object' || spec.properties === null)) {
    throw new ValueError(`${where}: '${spec.name}' needs properties (an object or a function of the options)`);
  }
  const options = (spec.options ?? {}) as S;
  // Passing the defaults as given values checks them like user input.
  const given = Object.fromEntries(Object.entries(options).map(([k, o]) => [k, o.default]));
  const defaults = resolveOptions(where, spec.name, options, given);
  const def = Object.freeze({ ...spec, aliases: Object.freeze([...aliases]), options, defaults });
  definitions.add(def);
  return def;
}

/**
 * Whether `x` is a definition made by {@link defineActivation} (the `*Definition` exports of the catalogue are).
 * @example
 * ```ts
 * import { isActivationDefinition, reluDefinition, relu } from '@rectify/activations';
 * [isActivationDefinition(reluDefinition), isActivationDefinition(relu)]; // → [true, false]
 * ```
 */
export function isActivationDefinition(x: unknown): x is ActivationDefinition<string, OptionSpecs> {
  return typeof x === 'object' && x !== null && definitions.has(x);
}

/** The properties of `def` for resolved `options`. */
export function propertiesOf<S extends OptionSpecs>(
  def: ActivationDefinition<string, S>,
  options: OptionValues<S>,
): ActivationProperties {
  return typeof def.properties === 'function' ? def.properties(options) : def.properties;
}

/** Runs a kernel forward: the compiled elementwise function, or the composite. */
export function applyKernel(kernel: ActivationKernel, x: Tensor): Tensor {
  return 'fn' in kernel ? mapUnary(x, kernel.fn, kernel.a ?? 0, kernel.b ?? 0) : kernel.apply(x);
}

/** f'(x) elementwise as a tensor, through the same fused gradient kernel autograd uses. */
export function derivativeOfKernel(kernel: ActivationKernel, x: Tensor): Tensor {
  if (!('fn' in kernel)) return kernel.derivative(x);
  const { fn, a = 0, b = 0 } = kernel;
  return tidy(() => mapUnaryGrad(x, onesLike(x), fn, a, b));
}

/**
 * The body of every exported tensor function (`relu(x)`, `leakyRelu(x, {alpha})` …): checks the options against
 * the definition, then runs its kernel.
 */
export function callActivation<S extends OptionSpecs>(
  def: ActivationDefinition<string, S>,
  x: TensorLike,
  options?: unknown,
): Tensor {
  const o = resolveOptions(def.name, def.name, def.options, options);
  return applyKernel(def.kernel(o), toTensor(x, 'x', def.name));
}
