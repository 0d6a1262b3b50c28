import { Functional } from './functional.js';
import { InputLayer } from './input-layer.js';
import { Layer } from './layer.js';
import { type LayerClass, type SerializedLayer, deserializeWith } from './layer-class.js';
import * as builtinLayers from './layers/index.js';

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
 * Every built-in layer class by className (sorted): what a wrapper's `fromConfig` needs to recreate the layers
 * inside it when called directly.
 * @example
 * const x = input({ shape: [3] });
 * const model = new Functional({ inputs: x, outputs: dense({ units: 2 }).apply(x) });
 * const copy = Functional.fromConfig(model.getConfig(), layerClasses());
 * copy.apply(ones([1, 3])).shape; // → [1, 2]
 */
export function layerClasses(): Record<string, LayerClass> {
  return Object.fromEntries(layerClassNames().map((n) => [n, builtins().get(n)!]));
}

export { serializeLayer, type LayerClass, type SerializedLayer } from './layer-class.js';

/**
 * Recreates an unbuilt layer from `serializeLayer`'s output. Only registered classes are ever constructed; layer
 * classes defined elsewhere (custom layers, the umbrella's models) are passed in `customClasses`.
 * @example deserializeLayer({ className: 'Dense', config: { name: 'd', trainable: true, dtype: 'float32', units: 2 } });
 */
export function deserializeLayer(spec: SerializedLayer, customClasses: Record<string, LayerClass> = {}): Layer {
  return deserializeWith(spec, { ...layerClasses(), ...customClasses });
}
