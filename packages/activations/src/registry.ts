import type { Tensor } from '@rectify/tensor';
import { ValueError } from '@rectify/tensor';
import { Activation, type ActivationConfig, instantiate, isActivation, wrapFunction } from './activation.js';
import * as catalogue from './catalogue/index.js';
import { defineActivation, isActivationDefinition } from './define.js';
import { type OptionSpecs, resolveOptions } from './options.js';
import type { ActivationDefinition, ActivationSpec } from './types.js';

type Catalogue = typeof catalogue;
/** The catalogue's exports that are definitions (`reluDefinition` …), as opposed to functions, kernels and types. */
type DefinitionExport = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [K in keyof Catalogue]: Catalogue[K] extends ActivationDefinition<string, any> ? K : never;
}[keyof Catalogue];
/** The built-ins keyed by their own `name`: `{ relu: typeof reluDefinition, … }`. */
type Builtins = {
  readonly [
    K in DefinitionExport as Catalogue[K] extends { readonly name: infer N extends string } ? N : never
  ]: Catalogue[K];
};

/**
 * Every built-in activation keyed by its own `name`, derived from the catalogue's exports: a catalogue file's
 * definition is registered by being exported, so the key can never drift from the definition and no second list
 * exists. `ActivationName`, `get`, `list` and every per-activation table ({@link PerActivation}) derive from it.
 * Names are in alphabetical order.
 * @example
 * ```ts
 * import { activations } from '@rectify/activations';
 * [activations.leakyRelu.defaults, activations.leakyRelu.aliases]; // → [{ alpha: 0.01 }, [ 'leaky_relu' ]]
 * ```
 */
export const activations = Object.freeze(
  Object.fromEntries(
    Object.values(catalogue)
      .filter(isActivationDefinition)
      .map((def) => [def.name, def] as const)
      // By name, not by export name: a module namespace orders 'relu6Definition' before 'reluDefinition', and a
      // bundler's or test runner's namespace may keep file order instead.
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  ),
) as Builtins;

/**
 * The name of a built-in activation: `'relu' | 'gelu' | …`, derived from the catalogue.
 * @example
 * ```ts
 * import { type ActivationName, get } from '@rectify/activations';
 * const name: ActivationName = 'gelu';
 * get(name).describe; // → 'Gaussian error linear unit: x·Φ(x), exact or tanh-approximated'
 * ```
 */
export type ActivationName = keyof Builtins;

/**
 * A table with one entry per built-in activation — the ONNX lowering, the docs notes, a backend's SIMD kernels.
 * Every such table is typed with this marker, so adding a catalogue file is a compile error in each table that must
 * learn the new activation (a table says so explicitly where an activation has no entry of its kind, e.g. `'none'`);
 * a repository test finds the tables by this name and checks exactly that.
 * @example
 * ```ts
 * import { type PerActivation, list } from '@rectify/activations';
 * const bounded = Object.fromEntries(list().map((n) => [n, n.startsWith('hard')])) as PerActivation<boolean>;
 * [bounded.hardSwish, bounded.relu]; // → [true, false]
 * ```
 */
export type PerActivation<T> = { readonly [K in ActivationName]: T };

/**
 * Anything `get()` turns into an activation.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { type ActivationIdentifier, get } from '@rectify/activations';
 * const ids: ActivationIdentifier[] = ['relu', 'leaky_relu', { name: 'elu', alpha: 0.5 }, get('tanh'), (x) => x.mul(2)];
 * ids.map((id) => get(id).name); // → [ 'relu', 'leakyRelu', 'elu', 'tanh', 'custom' ]
 * ```
 */
export type ActivationIdentifier =
  ActivationName | (string & {}) | ActivationConfig | Activation | ((x: Tensor) => Tensor);

// Option types differ per definition and a kernel's parameter type makes them invariant; the maps hold them all,
// and every option is checked at run time by resolveOptions before a kernel sees it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDefinition = ActivationDefinition<string, any>;

const byName = new Map<string, AnyDefinition>();
const byAlias = new Map<string, string>();

function add(where: string, def: AnyDefinition): void {
  for (const key of [def.name, ...def.aliases]) {
    const aliasOf = byAlias.get(key);
    if (byName.has(key)) throw new ValueError(`${where}: an activation named '${key}' is already registered`);
    if (aliasOf !== undefined) {
      throw new ValueError(
        key === def.name
          ? `${where}: the name '${key}' is already an alias of '${aliasOf}'`
          : `${where}: alias '${key}' of '${def.name}' is already taken by '${aliasOf}'`,
      );
    }
  }
  if (new Set(def.aliases).size !== def.aliases.length || def.aliases.includes(def.name)) {
    throw new ValueError(`${where}: '${def.name}' lists the same name twice among its name and aliases`);
  }
  byName.set(def.name, def);
  for (const alias of def.aliases) byAlias.set(alias, def.name);
}

for (const def of Object.values(activations)) add('activations', def);

/**
 * Canonical names of every activation `get()` knows: the built-ins in alphabetical order, then registered ones.
 * @example
 * ```ts
 * import { list } from '@rectify/activations';
 * [list().includes('gelu'), list().includes('leaky_relu')]; // → [true, false]
 * ```
 */
export function list(): string[] {
  return [...byName.keys()];
}

/**
 * Adds a user-defined activation, so that layers and configs can name it like a built-in. Names and aliases must
 * be new. Give it a kernel built on a module-level `UnaryFn` with its exact `df`, or a composite.
 * @example
 * ```ts
 * import { unaryFn } from '@rectify/tensor';
 * import { get, numberOption, register } from '@rectify/activations';
 * const squareplusFn = unaryFn({
 *   name: 'squareplus',
 *   f: (x, b) => 0.5 * (x + Math.sqrt(x * x + b)),
 *   df: (x, b) => 0.5 * (1 + x / Math.sqrt(x * x + b)),
 * });
 * register({
 *   name: 'squareplus', aliases: ['square_plus'], describe: '(x + √(x² + b)) / 2', recommendedInitializer: 'heNormal',
 *   options: { b: numberOption(4, { positive: true }) },
 *   properties: { range: [0, Infinity], smooth: true, monotonic: true, zeroCentred: false, selfNormalizing: false,
 *                 reluFamily: false, elementwise: true },
 *   kernel: ({ b }) => ({ fn: squareplusFn, a: b }),
 * });
 * [get({ name: 'square_plus', b: 1 }).f(-3), get('squareplus').f(0)]; // → [0.08113883008418976, 1]
 * ```
 */
export function register<const N extends string, const S extends OptionSpecs = Record<never, never>>(
  spec: ActivationSpec<N, S>,
): ActivationDefinition<N, S> {
  const def = defineActivation(spec);
  add('activations.register', def);
  return def;
}

function unknownName(where: string, name: string): ValueError {
  const squash = (s: string) => s.toLowerCase().replace(/[_-]/g, '');
  const near = [...byName.keys(), ...byAlias.keys()].find((k) => squash(k) === squash(name));
  const hint = near === undefined ? '' : ` (did you mean '${near}'?)`;
  const aliases = byAlias.size ? `; aliases: ${[...byAlias.keys()].join(', ')}` : '';
  return new ValueError(`${where}: unknown activation '${name}'${hint}; known: ${list().join(', ')}${aliases}`);
}

function lookup(where: string, name: string): AnyDefinition {
  const def = byName.get(name) ?? byName.get(byAlias.get(name) ?? '');
  if (!def) throw unknownName(where, name);
  return def;
}

/**
 * Resolves an identifier into an {@link Activation}, as layers do with their `activation` argument (Keras-style).
 * Accepts a name or alias (`'gelu'`, `'leaky_relu'`), a config `{ name, ...options }` (unknown or ill-typed options
 * are errors naming the option), an `Activation` (returned as is) or a plain `(x) => Tensor` function.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { get } from '@rectify/activations';
 * get('relu').apply(tensor([-1, 2])); // → [0, 2]
 * get({ name: 'leaky_relu', alpha: 0.2 }).df(-1); // → 0.2
 * get(get('gelu').getConfig()).getConfig(); // → { name: 'gelu', approximate: 'none' }
 * ```
 */
export function get(identifier: ActivationIdentifier): Activation {
  const where = 'activations.get';
  if (isActivation(identifier)) return identifier;
  if (typeof identifier === 'string') {
    const def = lookup(where, identifier);
    return instantiate(def, def.defaults);
  }
  if (typeof identifier === 'function') return wrapFunction(identifier);
  if (typeof identifier === 'object' && identifier !== null && !Array.isArray(identifier)) {
    const { name, ...options } = identifier as ActivationConfig;
    if (typeof name !== 'string') {
      throw new ValueError(
        `${where}: a config needs a string 'name', received ${name === undefined ? 'none' : typeof name}`,
      );
    }
    const def = lookup(where, name);
    return instantiate(def, resolveOptions(where, def.name, def.options, options));
  }
  const shown =
    identifier === null
      ? 'null'
      : Array.isArray(identifier)
        ? 'an array'
        : `${typeof identifier} ${String(identifier)}`;
  throw new ValueError(
    `${where}: expected a name, a config { name, ...options }, an Activation or a function, received ${shown}`,
  );
}

export { Activation };
