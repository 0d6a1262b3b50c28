import { ValueError } from '@rectify/tensor';
import { Functional } from './functional.js';
import { InputLayer } from './input-layer.js';
import { Layer, type LayerConfig } from './layer.js';
import * as builtinLayers from './layers/index.js';

/** A layer class as the registry sees it: its serialization name and its `fromConfig`. */
export interface LayerClass {
  readonly className: string;
  readonly prototype: Layer;
  fromConfig(config: LayerConfig, customClasses?: Record<string, LayerClass>): Layer;
}

export interface SerializedLayer {
  className: string;
  config: LayerConfig;
}

let classes: Map<string, LayerClass> | undefined;

/**
 * className → class, derived from the exported layer classes themselves (built on first use, so that module
 * load order does not matter): adding a layer file adds it here.
 */
function builtins(): Map<string, LayerClass> {
  if (!classes) {
    const candidates: unknown[] = [...Object.values(builtinLayers), InputLayer, Functional];
    // Abstract bases (Pooling2D, Merge) inherit their className instead of declaring one: they are not registered.
    const found = candidates.filter(
      (v): v is LayerClass => typeof v === 'function' && v.prototype instanceof Layer && Object.hasOwn(v, 'className'),
    );
    classes = new Map(found.map((c) => [c.className, c]));
  }
  return classes;
}

/** The classNames `deserializeLayer` knows, sorted. @example layerClassNames().includes('Dense'); // true */
export function layerClassNames(): string[] {
  return [...builtins().keys()].sort();
}

/**
 * `{className, config}`: what `deserializeLayer` needs to recreate the layer (weights are saved separately).
 * @example serializeLayer(dense({ units: 2 })); // { className: 'Dense', config: { name: 'dense', units: 2, … } }
 */
export function serializeLayer(layer: Layer): SerializedLayer {
  return { className: layer.className, config: layer.getConfig() };
}

/**
 * Recreates an unbuilt layer from `serializeLayer`'s output. Only registered classes are ever constructed; layer
 * classes defined elsewhere (custom layers, the umbrella's models) are passed in `customClasses`.
 * @example deserializeLayer({ className: 'Dense', config: { name: 'd', trainable: true, dtype: 'float32', units: 2 } });
 */
export function deserializeLayer(spec: SerializedLayer, customClasses: Record<string, LayerClass> = {}): Layer {
  if (
    spec === null ||
    typeof spec !== 'object' ||
    typeof spec.className !== 'string' ||
    spec.config === null ||
    typeof spec.config !== 'object'
  ) {
    throw new ValueError(
      `deserializeLayer: expected {className: string, config: object}, received ${JSON.stringify(spec)}`,
    );
  }
  const cls = Object.hasOwn(customClasses, spec.className)
    ? customClasses[spec.className]
    : builtins().get(spec.className);
  if (!cls) {
    const known = [...layerClassNames(), ...Object.keys(customClasses)].join(', ');
    throw new ValueError(
      `deserializeLayer: unknown layer class '${spec.className}'; known classes: ${known} (pass other classes in customClasses)`,
    );
  }
  return cls.fromConfig(spec.config, customClasses);
}
