import * as activations from '@rectify/activations';
import * as initializers from '@rectify/initializers';

/** Anything `@rectify/activations`' `get` accepts: a name, `{name, ...options}`, an Activation or a function. */
export type ActivationIdentifier = Parameters<typeof activations.get>[0];
export type Activation = ReturnType<typeof activations.get>;
/** Anything `@rectify/initializers`' `get` accepts: a name, `{name, ...options}` or an Initializer. */
export type InitializerIdentifier = Parameters<typeof initializers.get>[0];
export type Initializer = ReturnType<typeof initializers.get>;
export type ActivationConfig = ReturnType<Activation['getConfig']>;
export type InitializerConfig = ReturnType<Initializer['getConfig']>;

/**
 * The activation a layer applies, or undefined for none: `'linear'`, `null` and `undefined` skip the op entirely
 * rather than running an identity.
 */
export function resolveActivation(id: ActivationIdentifier | 'linear' | null | undefined): Activation | undefined {
  if (id === undefined || id === null || id === 'linear') return undefined;
  if (typeof id === 'object' && 'name' in id && id.name === 'linear' && !('apply' in id)) return undefined;
  return activations.get(id);
}

/** An activation's config for `getConfig`, `'linear'` when the layer applies none (as Keras writes it). */
export function activationConfig(a: Activation | undefined): ActivationConfig | 'linear' {
  return a ? a.getConfig() : 'linear';
}

export function resolveInitializer(id: InitializerIdentifier): Initializer {
  return initializers.get(id);
}

/**
 * The config with its seed, if any, moved by `offset`. A seeded initializer returns the same values for the same
 * shape on every call, so layers that create several same-shaped weights from one (attention's query, key and value
 * projections) offset the seed per weight to keep them different yet reproducible.
 */
export function offsetSeed(config: InitializerConfig, offset: number): InitializerConfig {
  const seed = (config as { seed?: unknown }).seed;
  return typeof seed === 'number' ? { ...config, seed: seed + offset } : config;
}
