import { get as getActivation, list as activationNames } from '@rectify/activations';
import { deserializeLayer, gatedFeedForward, layerClassNames, type Layer } from '@rectify/layers';
import { RectifyError } from '@rectify/tensor';
import type { Dataset } from '../datasets/types.js';
import { UsageError } from '../errors.js';
import { didYouMean } from '../suggest.js';
import { defaultPreset, presetLayers } from './presets.js';
import type { ResolvedConfig } from './resolve.js';
import type { LayerConfig } from './schema.js';

const normalize = (name: string) => name.toLowerCase().replace(/[_\-\s]/g, '');

/** Layer classes a config may name: every registered layer except the graph plumbing. */
export function layerTypes(): string[] {
  return layerClassNames().filter((c) => !['InputLayer', 'Functional', 'Sequential'].includes(c));
}

/** The registered class for a config `type`, matched ignoring case, `_` and `-` ('dense', 'max_pooling2d'). */
function classNameOf(type: string, path: string): string {
  const types = layerTypes();
  const hit = types.find((c) => normalize(c) === normalize(type));
  if (hit === undefined) {
    throw new UsageError(
      `${path}.type: unknown layer type '${type}'${didYouMean(type, types)}; known types: ${types.join(', ')}`,
    );
  }
  return hit;
}

/** Layers that take a `kernelInitializer`, and so get the activation's recommended one by default. */
const HAS_KERNEL = new Set(['Dense', 'Conv2D', 'TransformerEncoder']);

/**
 * The activation's name checked against the registry, with a suggestion when misspelt. Gated feed-forward names
 * (geglu, swiglu, reglu) pass where `gated` allows them: they are options of transformer blocks, not functions.
 */
export function checkActivation(name: string, path: string, { gated = false } = {}): string {
  if (gatedFeedForward(name) !== undefined) {
    if (gated) return name;
    throw new UsageError(
      `${path}: '${name}' is a gated feed-forward network, which only transformer blocks have (--model gpt or transformer)`,
    );
  }
  try {
    return getActivation(name).name;
  } catch {
    const known = activationNames();
    throw new UsageError(
      `${path}: unknown activation '${name}'${didYouMean(name, known)}; known activations: ${known.join(', ')}`,
    );
  }
}

/**
 * The layer configs a resolved config describes: a preset expanded for the dataset, or the explicit list; the
 * model-level activation replaces every hidden layer's activation (not the output layer's), and each layer with a
 * kernel gets `model.initializer` or, by default, its activation's recommended initializer. The first layer gets
 * the dataset's input shape.
 *
 * @example
 * layerSpecs({ ...config, model: { preset: 'mlp', activation: 'gelu' } }, iris);
 */
export function layerSpecs(config: ResolvedConfig, dataset: Dataset): LayerConfig[] {
  const m = config.model;
  const activation =
    m.activation === undefined ? undefined : checkActivation(m.activation, 'model.activation', { gated: true });
  const base = m.layers ?? presetLayers(m.preset ?? defaultPreset(dataset), dataset, activation ?? 'relu', m.hidden);
  return base.map((layer, i) => {
    const path = m.layers ? `model.layers[${i}]` : `model (preset ${m.preset})`;
    const className = classNameOf(layer.type, path);
    const spec: Record<string, unknown> = { ...layer };
    const isOutput = i === base.length - 1;
    if (activation !== undefined && !isOutput && typeof spec['activation'] === 'string')
      spec['activation'] = activation;
    if (typeof spec['activation'] === 'string') {
      const gated = className === 'TransformerEncoder';
      spec['activation'] = checkActivation(spec['activation'], `${path}.activation`, { gated });
    }
    if (HAS_KERNEL.has(className) && spec['kernelInitializer'] === undefined) {
      const named = typeof spec['activation'] === 'string' ? spec['activation'] : 'linear';
      const act = gatedFeedForward(named) ?? named;
      spec['kernelInitializer'] = m.initializer ?? getActivation(act).recommendedInitializer;
    }
    if (i === 0 && spec['inputShape'] === undefined) spec['inputShape'] = [...dataset.inputShape];
    return spec as LayerConfig;
  });
}

/**
 * Constructs the layers; a layer that rejects its options becomes a usage error naming its place in the config,
 * e.g. `model.layers[0] (dense): dense: units must be a positive integer, received 0`.
 *
 * @example
 * const layers = buildLayers(layerSpecs(config, dataset), Boolean(config.model.layers));
 */
export function buildLayers(specs: readonly LayerConfig[], explicit: boolean): Layer[] {
  return specs.map((spec, i) => {
    const { type, ...args } = spec;
    const path = explicit ? `model.layers[${i}]` : `model layer ${i}`;
    const className = classNameOf(type, path);
    try {
      return deserializeLayer({ className, config: args as never });
    } catch (error) {
      if (error instanceof RectifyError) throw new UsageError(`${path} (${type}): ${error.message}`);
      throw error;
    }
  });
}
