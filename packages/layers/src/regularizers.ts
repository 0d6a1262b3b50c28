import { type Tensor, ValueError, abs, add, checkOptions, mul, square, sum, tidy } from '@rectify/tensor';

/** A penalty on a weight, added to the training loss: `apply(w)` is a scalar tensor. */
export interface Regularizer {
  readonly name: RegularizerName;
  apply(x: Tensor): Tensor;
  getConfig(): RegularizerConfig;
}

export interface RegularizerConfig {
  readonly name: RegularizerName;
  readonly [option: string]: number | string;
}

function coefficient(fn: string, option: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ValueError(`${fn}: ${option} must be a non-negative finite number, received ${String(value)}`);
  }
  return value;
}

/**
 * L1 penalty: `l1 · Σ|w|` (Keras `L1`), which drives weights to exactly zero.
 * @example l1({ l1: 0.01 }).apply(tensor([1, -2])); // → 0.03
 */
export function l1(options: { l1?: number } = {}): Regularizer {
  checkOptions('l1', options, ['l1']);
  const c = options.l1 ?? 0.01;
  const k = coefficient('l1', 'l1', c);
  return { name: 'l1', apply: (x) => tidy(() => mul(sum(abs(x)), k)), getConfig: () => ({ name: 'l1', l1: k }) };
}

/**
 * L2 penalty (weight decay): `l2 · Σw²` (Keras `L2`; no ½ factor).
 * @example l2({ l2: 0.01 }).apply(tensor([1, -2])); // → 0.05
 */
export function l2(options: { l2?: number } = {}): Regularizer {
  checkOptions('l2', options, ['l2']);
  const c = options.l2 ?? 0.01;
  const k = coefficient('l2', 'l2', c);
  return { name: 'l2', apply: (x) => tidy(() => mul(sum(square(x)), k)), getConfig: () => ({ name: 'l2', l2: k }) };
}

/**
 * Both penalties: `l1 · Σ|w| + l2 · Σw²` (Keras `L1L2`, tfjs `l1l2` defaults).
 * @example l1l2({ l1: 0.1, l2: 0.01 }).apply(tensor([1, -2])); // → 0.35
 */
export function l1l2(options: { l1?: number; l2?: number } = {}): Regularizer {
  checkOptions('l1l2', options, ['l1', 'l2']);
  const { l1: c1 = 0.01, l2: c2 = 0.01 } = options;
  const k1 = coefficient('l1l2', 'l1', c1);
  const k2 = coefficient('l1l2', 'l2', c2);
  return {
    name: 'l1l2',
    apply: (x) => tidy(() => add(mul(sum(abs(x)), k1), mul(sum(square(x)), k2))),
    getConfig: () => ({ name: 'l1l2', l1: k1, l2: k2 }),
  };
}

/** The registry is these factories themselves, so a name and its function cannot drift apart. */
const registry = { l1, l2, l1l2 } as const;
export type RegularizerName = keyof typeof registry;
export type RegularizerIdentifier =
  RegularizerName | { readonly name: RegularizerName; readonly [option: string]: unknown } | Regularizer;

function isName(name: unknown): name is RegularizerName {
  return typeof name === 'string' && Object.hasOwn(registry, name);
}

/**
 * Resolves a name (`'l2'`), a config (`{name: 'l2', l2: 0.001}`) or a Regularizer (returned as is).
 * @example get({ name: 'l1l2', l1: 0, l2: 1e-4 }).getConfig(); // → { name: 'l1l2', l1: 0, l2: 0.0001 }
 */
export function get(identifier: RegularizerIdentifier): Regularizer {
  if (
    typeof identifier === 'object' &&
    identifier !== null &&
    typeof (identifier as Regularizer).apply === 'function'
  ) {
    return identifier as Regularizer;
  }
  const name = typeof identifier === 'string' ? identifier : (identifier as { name?: unknown } | null)?.name;
  if (!isName(name)) {
    const shown = typeof identifier === 'string' ? `'${identifier}'` : JSON.stringify(identifier);
    throw new ValueError(`regularizers.get: unknown regularizer ${shown}; known: ${Object.keys(registry).join(', ')}`);
  }
  const options = typeof identifier === 'string' ? {} : identifier;
  const { name: _name, ...rest } = options as Record<string, unknown>;
  return (registry[name] as (o: Record<string, unknown>) => Regularizer)(rest);
}

/** Names `get` accepts. @example names(); // → ['l1', 'l2', 'l1l2'] */
export function names(): RegularizerName[] {
  return Object.keys(registry) as RegularizerName[];
}
