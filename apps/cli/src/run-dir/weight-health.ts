import type { LayersModel } from '@rectify/rectify';

/**
 * Runs `load` with `console.warn` captured, so the library's own warnings reach the user once, in the CLI's
 * format, and the CLI can tell which facts the library already reported.
 *
 * @example
 * const { value: model, warnings } = await captureWarnings(() => loadModel(dir));
 */
export async function captureWarnings<T>(load: () => Promise<T>): Promise<{ value: T; warnings: string[] }> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  try {
    return { value: await load(), warnings };
  } finally {
    console.warn = original;
  }
}

/**
 * One line per weight of `model` holding NaN or ±Infinity — such a model predicts NaN — skipping weights a
 * warning in `already` names (the library may have reported them while loading).
 *
 * @example
 * nonFiniteWeightWarnings(model, 'runs/x/model', []);
 * // ["weight 'dense_1/kernel' of the model in runs/x/model holds 1 NaN and 0 infinite values (of 48); its outputs will be NaN"]
 */
export function nonFiniteWeightWarnings(model: LayersModel, dir: string, already: readonly string[]): string[] {
  const lines: string[] = [];
  for (const w of model.weights) {
    if (already.some((line) => line.includes(w.name))) continue;
    const values = w.dataSync();
    let nan = 0;
    let inf = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v !== v) nan++;
      else if (v === Infinity || v === -Infinity) inf++;
    }
    if (nan + inf > 0) {
      lines.push(
        `weight '${w.name}' of the model in ${dir} holds ${nan} NaN and ${inf} infinite values (of ${values.length}); its outputs will be NaN`,
      );
    }
  }
  return lines;
}
