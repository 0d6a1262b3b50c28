import { type GradientCheckResult, checkGradients } from '@rectify/autograd';
import type { Tensor } from '@rectify/tensor';
import type { CallArgs, Layer } from '@rectify/layers';

/** The one output of a single-output layer. */
export const T = (x: unknown): Tensor => x as Tensor;

/** Flat values as a plain array, for toEqual / toBeCloseTo comparisons. */
export const values = (x: unknown): number[] => Array.from(T(x).dataSync());

/** Expects every element of `actual` within `tol` of the float64 reference. */
export function expectClose(actual: unknown, expected: readonly number[], tol = 1e-5): void {
  const got = values(actual);
  if (got.length !== expected.length) throw new Error(`expected ${expected.length} values, received ${got.length}`);
  got.forEach((v, i) => {
    if (!(Math.abs(v - expected[i]!) <= tol)) {
      throw new Error(`element ${i}: expected ${expected[i]} ± ${tol}, received ${v} (all: [${got.join(', ')}])`);
    }
  });
}

/**
 * Finite-difference check of a built layer's gradient with respect to its inputs and each trainable weight. The
 * weights themselves are passed as sources; for the perturbed evaluations their values are assigned in place and
 * restored afterwards.
 */
export function checkLayerGradients(
  layer: Layer,
  inputs: readonly Tensor[],
  args: CallArgs = {},
  tol = 1e-2,
): GradientCheckResult {
  const ws = layer.trainableWeights;
  const saved = layer.getWeights();
  try {
    return checkGradients(
      (...xs: Tensor[]) => {
        const ins = xs.slice(0, inputs.length);
        xs.slice(inputs.length).forEach((w, i) => {
          if (w !== ws[i]) ws[i]!.assign(w);
        });
        return T(layer.apply(ins.length === 1 ? ins[0]! : ins, args));
      },
      [...inputs, ...ws],
      { tol },
    );
  } finally {
    const all = layer.weights;
    saved.forEach((v, i) => all[i]!.assign(v));
    saved.forEach((v) => v.dispose());
  }
}
