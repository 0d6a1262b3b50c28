import { ValueError } from '@rectify/tensor';
import * as constantFamily from './constant.js';
import * as identityFamily from './identity.js';
import {
  type Initializer,
  type InitializerConfig,
  type InitializerFactory,
  isInitializer,
  isInitializerFactory,
} from './initializer.js';
import { fmtValue, snakeCase } from './options.js';
import * as orthogonalFamily from './orthogonal.js';
import * as presetFamily from './presets.js';
import * as randomFamily from './random.js';
import * as varianceScalingFamily from './variance-scaling.js';

/**
 * The registry is read off the family modules themselves: every factory a family file exports is registered under
 * its own name, so a new initializer is one definition in one file, and no list of names can drift from the code.
 */
const definitions = {
  ...constantFamily,
  ...randomFamily,
  ...varianceScalingFamily,
  ...presetFamily,
  ...orthogonalFamily,
  ...identityFamily,
};

type FactoryKeys<T> = { [K in keyof T]: T[K] extends InitializerFactory<never> ? K : never }[keyof T];

/** The names of the built-in initializers: `'zeros' | 'heNormal' | …`. */
export type InitializerName = FactoryKeys<typeof definitions>;

/** What {@link get} accepts: a name (camelCase or Keras snake_case), a config, an initializer or a factory. */
export type InitializerIdentifier =
  InitializerName | (string & {}) | InitializerConfig | Initializer | InitializerFactory<never>;

const canonical: string[] = [];
const lookup = new Map<string, InitializerFactory>();

function add(op: string, factory: InitializerFactory): void {
  const name = factory.initializerName;
  for (const key of new Set([name, snakeCase(name)])) {
    if (lookup.has(key)) throw new ValueError(`${op}: an initializer named '${key}' is already registered`);
  }
  canonical.push(name);
  lookup.set(name, factory);
  lookup.set(snakeCase(name), factory);
}

/** TensorFlow.js' spellings of built-in names, accepted by `get` (`tf.initializers.leCunNormal`). */
const tfjsNames: Readonly<Record<string, string>> = { leCunNormal: 'lecunNormal', leCunUniform: 'lecunUniform' };

// Sorted by name: module-namespace key order differs between bundlers and native ESM.
// A Set: the tfjs spellings (leCunNormal) are the same factory objects as the names they alias.
const builtIns = [...new Set(Object.values(definitions).filter(isInitializerFactory))];
builtIns.sort((a, b) => (a.initializerName < b.initializerName ? -1 : 1));
for (const factory of builtIns) add('initializers', factory);
for (const [alias, name] of Object.entries(tfjsNames)) lookup.set(alias, lookup.get(name)!);

function factoryFor(name: string): InitializerFactory {
  const factory = lookup.get(name);
  if (!factory) throw new ValueError(`initializers.get: unknown initializer '${name}'; known: ${canonical.join(', ')}`);
  return factory;
}

/**
 * Resolves an identifier into an initializer: a name ('heNormal', or Keras's 'he_normal'), a config such as
 * `getConfig()` returns (`{ name, ...options }`; unknown options are an error naming the allowed ones), or an
 * initializer, which is returned as is, or a factory, which is called without options.
 *
 * @example
 * get('glorot_uniform').apply([4, 4]);
 * get({ name: 'varianceScaling', scale: 2, mode: 'fan_out', seed: 1 });
 * get(heNormal({ seed: 3 }).getConfig()); // an equal initializer
 */
export function get(identifier: InitializerIdentifier): Initializer {
  if (typeof identifier === 'string') return factoryFor(identifier)();
  if (isInitializer(identifier)) return identifier;
  if (isInitializerFactory(identifier)) return identifier();
  if (typeof identifier === 'object' && identifier !== null && !Array.isArray(identifier)) {
    const { name, ...options } = identifier as InitializerConfig;
    if (typeof name !== 'string') {
      throw new ValueError(`initializers.get: a config must have a string 'name', received ${fmtValue(identifier)}`);
    }
    return factoryFor(name)(options);
  }
  throw new ValueError(
    `initializers.get: expected a name, a config {name, ...options} or an Initializer, received ${fmtValue(identifier)}`,
  );
}

/**
 * The canonical (camelCase) names of every registered initializer: the built-ins in alphabetical order, then
 * those added with {@link register}, in order.
 * @example list().includes('heNormal') // → true
 */
export function list(): string[] {
  return [...canonical];
}

/**
 * Registers a user-defined factory (made with `defineInitializer`) so that `get` and saved configs can name it.
 * Its camelCase name and snake_case alias must both be free.
 *
 * @example
 * register(defineInitializer({ name: 'half', options: [], dtypes: ['float32'],
 *   configure: () => ({}), sample: (shape) => full(shape, 0.5) }));
 * get('half').apply([2]); // → [0.5, 0.5]
 */
export function register(factory: InitializerFactory<never>): void {
  if (!isInitializerFactory(factory)) {
    throw new ValueError(
      `initializers.register: expected a factory made by defineInitializer, received ${fmtValue(factory)}`,
    );
  }
  add('initializers.register', factory);
}
