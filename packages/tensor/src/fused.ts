import type { FusedKernelName, FusedKernelSpecs } from './backend/kernels.js';
import { DTypeError, ShapeError, ValueError, fmtShape } from './errors.js';
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

/** Throws unless every tensor is float32 (`names` in input order). */
const checkFloat32 = (op: string, names: readonly string[], tensors: readonly Tensor[]): void => {
  tensors.forEach((t, i) => {
    if (t.dtype !== 'float32') throw new DTypeError(`${op}: ${names[i]} must be float32, received ${t.dtype}`);
  });
};

/** `expected` describes the layout; `tensors` are named by `names` in the message. */
const shapeProblem = (op: string, expected: string, names: readonly string[], tensors: readonly Tensor[]) =>
  new ShapeError(
    `${op}: expected ${expected}, received ${tensors.map((t, i) => `${names[i]} ${fmtShape(t.shape)}`).join(', ')}`,
  );

const isShape = (t: Tensor, shape: readonly number[]): boolean => shapesEqual(t.shape, shape);

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
  lstmSequence: {
    donated: [0],
    check: (inputs) => {
      const names = ['zx', 'u', 'h0', 'c0'];
      checkFloat32('lstmSequence', names, inputs);
      const [zx, u, h0, c0] = inputs;
      const [steps = 0, batch = 0, width = 0] = zx.shape;
      const units = width / 4;
      if (
        zx.rank !== 3 ||
        steps < 1 ||
        !isShape(u, [units, width]) ||
        !isShape(h0, [batch, units]) ||
        !isShape(c0, [batch, units])
      ) {
        const expected = 'zx [steps ≥ 1, batch, 4·units], u [units, 4·units], h0 and c0 [batch, units]';
        throw shapeProblem('lstmSequence', expected, names, inputs);
      }
    },
  },
  lstmSequenceGrad: {
    donated: [],
    check: (inputs) => {
      const names = ['z', 'c', 'c0', 'u', 'dh'];
      checkFloat32('lstmSequenceGrad', names, inputs);
      const [z, c, c0, u, dh] = inputs;
      const [steps = 0, batch = 0, width = 0] = z.shape;
      const units = width / 4;
      const state = [batch, units];
      if (
        z.rank !== 3 ||
        steps < 1 ||
        !isShape(c, [steps, ...state]) ||
        !isShape(c0, state) ||
        !isShape(u, [units, width]) ||
        !(isShape(dh, [steps, ...state]) || isShape(dh, state))
      ) {
        const expected =
          'z [steps ≥ 1, batch, 4·units], c [steps, batch, units], c0 [batch, units], u [units, 4·units], dh [steps, batch, units] or [batch, units]';
        throw shapeProblem('lstmSequenceGrad', expected, names, inputs);
      }
    },
  },
};

/** α = lr·√(1−β₂ᵗ)/(1−β₁ᵗ), Adam's bias-corrected step size, in float64. @example adamStepSize(1e-3, 0.9, 0.999, 1) // ≈ 3.16e-4 */
export function adamStepSize(learningRate: number, beta1: number, beta2: number, step: number): number {
  return (learningRate * Math.sqrt(1 - beta2 ** step)) / (1 - beta1 ** step);
}
