import { ValueError } from '@rectify/tensor';
import type { Layer, LayerConfig } from './layer.js';

/** A layer class as deserialization sees it: its serialization name and its `fromConfig`. */
export interface LayerClass {
  readonly className: string;
  readonly prototype: Layer;
  /** `classes` resolves the layers nested in `config` (a wrapper's layer, a graph's layers). */
  fromConfig(config: LayerConfig, classes?: Record<string, LayerClass>): Layer;
}

export interface SerializedLayer {
  className: string;
  config: LayerConfig;
}

/**
 * `{className, config}`: what `deserializeLayer` needs to recreate the layer (weights are saved separately).
 * @example serializeLayer(dense({ units: 2 })); // { className: 'Dense', config: { name: 'dense', units: 2, … } }
 */
export function serializeLayer(layer: Layer): SerializedLayer {
  return { className: layer.className, config: layer.getConfig() };
}

/**
 * Recreates a layer from `serializeLayer`'s output with the class `classes` names — the one step that
 * `deserializeLayer` (which passes every built-in class) and the wrappers' `fromConfig` (which pass on the classes
 * they were given, for their nested layers) share. Kept apart from the registry so that the wrappers, which the
 * registry lists, need not import it.
 * @example deserializeWith({ className: 'Dense', config }, { Dense });
 */
export function deserializeWith(spec: SerializedLayer, classes: Record<string, LayerClass>): Layer {
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
  const cls = Object.hasOwn(classes, spec.className) ? classes[spec.className] : undefined;
  if (!cls) {
    const known = Object.keys(classes).join(', ');
    const help = known
      ? `known classes: ${known} (pass other classes in customClasses)`
      : 'no classes were given (deserializeLayer knows every built-in layer; a direct fromConfig call needs them: fromConfig(config, layerClasses()))';
    throw new ValueError(`deserializeLayer: unknown layer class '${spec.className}'; ${help}`);
  }
  return cls.fromConfig(spec.config, classes);
}

/**
 * The classes of `layer` and of every layer inside it, by className: enough to recreate a copy of it from its
 * config, custom classes included (Bidirectional copies the layer it wraps this way).
 */
export function classesOf(layer: Layer): Record<string, LayerClass> {
  const own = { [layer.className]: layer.constructor as unknown as LayerClass };
  return Object.assign(own, ...layer.sublayers.map(classesOf));
}
