import type { Tensor } from '@rectify/tensor';

/**
 * Supplies a weight's value while a model is rebuilt from a file: called with the variable's full name
 * (`dense/kernel`) and shape before anything is allocated. It returns a fresh tensor (the layer takes ownership)
 * or throws — a loader uses it to refuse a shape its manifest does not list, so that a tiny model.json declaring a
 * 20000×20000 kernel fails before 1.6 GB are initialised, and to skip the throwaway random initialisation.
 */
export type WeightSource = (name: string, shape: readonly number[]) => Tensor;

let current: WeightSource | undefined;

/**
 * Runs `build` with every `addWeight` taking its value from `source` instead of the layer's initializer.
 * @example
 * // Every weight built inside takes its value from the source (a loader reads it from a file), not an initializer.
 * const layer = withWeightSource(
 *   (name, shape) => fill(shape, 0.5),
 *   () => {
 *     const d = dense({ units: 1 });
 *     d.build([null, 2]);
 *     return d;
 *   },
 * );
 * layer.apply(ones([1, 2])); // → [[1.5]]
 */
export function withWeightSource<T>(source: WeightSource, build: () => T): T {
  const previous = current;
  current = source;
  try {
    return build();
  } finally {
    current = previous;
  }
}

/** The active source, if a loader set one. */
export function activeWeightSource(): WeightSource | undefined {
  return current;
}
