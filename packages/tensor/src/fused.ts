import type { FusedKernelName, FusedKernelSpecs } from './backend/kernels.js';
import { ShapeError, ValueError, fmtShape } from './errors.js';
import { shapesEqual } from './shape.js';
import type { Tensor } from './tensor.js';

/** A tuple of TensorInfos with Tensors in their place (a homomorphic mapped type keeps the tuple). */
type Tensors<T extends readonly unknown[]> = { readonly [I in keyof T]: Tensor };
/** The tensors a fused kernel takes, in the order of its spec's TensorInfos. */
export type FusedInputs<K extends FusedKernelName> = Tensors<FusedKernelSpecs[K]['inputs']>;
/** The tensors a fused kernel returns, in the order of its spec's outputs. */
export type FusedOutputs<K extends FusedKernelName> = Tensors<FusedKernelSpecs[K]['outputs']>;

interface FusedKernelDef<K extends FusedKernelName> {
  /** Input positions the kernel may overwrite when the caller donates them and nothing else shares their buffers. */
  readonly donated: readonly number[];
  /** Throws on bad input, before any backend sees it, so every backend (and the fallback) fails alike. */
  readonly check: (inputs: FusedInputs<K>, attrs: FusedKernelSpecs[K]['attrs']) => void;
}

/** `value` must be finite and >= 0, and below 1 when `unit` (Adam's betas). */
const checkRange = (option: string, value: number, unit = false): void => {
  if (!(value >= 0 && (unit ? value < 1 : Number.isFinite(value)))) {
    throw new ValueError(
      `adamUpdate: ${option} must be ${unit ? 'in [0, 1)' : 'a finite number >= 0'}, received ${value}`,
    );
  }
};

/**
 * What the engine knows about each fused kernel, independent of backends. The mapped type makes a fused kernel
 * without a definition a compile error.
 */
export const fusedKernelDefs: { readonly [K in FusedKernelName]: FusedKernelDef<K> } = {
  adamUpdate: {
    donated: [0, 2, 3],
    check: ([p, ...rest], { learningRate, beta1, beta2, epsilon, step, weightDecay }) => {
      const names = ['g', 'm', 'v'];
      [p, ...rest].forEach((t, i) => {
        if (t.dtype !== 'float32')
          throw new ShapeError(`adamUpdate: ${['p', ...names][i]} must be float32, received ${t.dtype}`);
      });
      rest.forEach((t, i) => {
        if (!shapesEqual(t.shape, p.shape)) {
          throw new ShapeError(
            `adamUpdate: ${names[i]} must have the shape of p ${fmtShape(p.shape)}, received ${fmtShape(t.shape)}`,
          );
        }
      });
      checkRange('learningRate', learningRate);
      checkRange('beta1', beta1, true);
      checkRange('beta2', beta2, true);
      checkRange('epsilon', epsilon);
      checkRange('weightDecay', weightDecay);
      if (!Number.isInteger(step) || step < 1)
        throw new ValueError(`adamUpdate: step must be an integer >= 1, received ${step}`);
    },
  },
};

/** α = lr·√(1−β₂ᵗ)/(1−β₁ᵗ), Adam's bias-corrected step size, in float64. @example adamStepSize(1e-3, 0.9, 0.999, 1) // ≈ 3.16e-4 */
export function adamStepSize(learningRate: number, beta1: number, beta2: number, step: number): number {
  return (learningRate * Math.sqrt(1 - beta2 ** step)) / (1 - beta1 ** step);
}
