import { type FusedKernelImpl, type FusedKernels, type TensorInfo, adamStepSize, sizeOf } from '@rectify/tensor';
import type { Context } from './context.js';
import { lstmSequence, lstmSequenceGrad } from './kernels/lstm-sequence.js';

/**
 * Parameters from which Adam's update is split between threads: seven streams of memory and a square root per
 * element pay for the hand-off far earlier than an elementwise op (2¹⁹). From 2¹⁶ the MLP bench's 784×256 kernel
 * is split: its whole training step ran 5–7 % faster in alternating runs than with the old threshold of 2¹⁸.
 */
const ADAM_PARALLEL = 1 << 16;

/**
 * The engine's `FusedKernels`: Adam's update in one pass over memory (`adamUpdate`, which rectify's Adam and AdamW
 * reach through `engine.runFused`), and a whole LSTM sequence forward and backward in one task each (`lstmSequence`,
 * `lstmSequenceGrad`, which @rectify/tensor's ops of those names reach). The dense-layer epilogue is the primitive
 * `biasActivation` kernel.
 */
export class FusedOps implements FusedKernels {
  constructor(private readonly ctx: Context) {}

  /**
   * One Adam/AdamW step for one parameter in one pass (`FusedKernelSpecs.adamUpdate`; the engine has validated the
   * inputs): m ← m + (1−β₁)(g − m), v ← v + (1−β₂)(g² − v), p ← p·(1 − lr·weightDecay) − α·m/(√v + ε) with
   * α = lr·√(1−β₂ᵗ)/(1−β₁ᵗ). Overwrites p, m and v when `inPlace`, which the engine sets only when nothing else
   * shares them.
   * @example
   * const previous = getBackend();
   * await ready('wasm');
   * const [w, g, m, v] = [tensor([1, 2]), tensor([0.5, -0.5]), zeros([2]), zeros([2])];
   * const hyper = { learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, step: 1, weightDecay: 0 };
   * // The first step moves each weight by about the learning rate, against its gradient.
   * const [w1, m1, v1] = engine.runFused('adamUpdate', [w, g, m, v], hyper)!;
   * w1 // → [0.9, 2.1]
   * m1 // → [0.05, -0.05]
   * setBackend(previous);
   */
  readonly adamUpdate: FusedKernelImpl<'adamUpdate'> = ([p, g, m, v], attrs) => {
    const n = sizeOf(p.shape);
    const { ctx } = this;
    const [pd, gd, md, vd] = [ctx.data(p), ctx.data(g), ctx.data(m), ctx.data(v)];
    const [po, mo, vo] = attrs.inPlace
      ? [pd, md, vd]
      : [ctx.out('float32', n), ctx.out('float32', n), ctx.out('float32', n)];
    if (n > 0) {
      const { learningRate, beta1, beta2, epsilon, step, weightDecay } = attrs;
      // The complements are taken in float64: 1 − f32(0.999) is 1.3e-5 off in relative terms.
      const params = {
        n,
        w: pd.ptr,
        g: gd.ptr,
        m: md.ptr,
        v: vd.ptr,
        wOut: po.ptr,
        mOut: mo.ptr,
        vOut: vo.ptr,
        alpha: adamStepSize(learningRate, beta1, beta2, step),
        epsilon,
        oneMinusBeta1: 1 - beta1,
        oneMinusBeta2: 1 - beta2,
        keep: 1 - learningRate * weightDecay,
      };
      ctx.run('adam', params, n >= ADAM_PARALLEL);
    }
    const info = (d: typeof po): TensorInfo => ({ dataId: d, shape: p.shape, dtype: 'float32' });
    return [info(po), info(mo), info(vo)];
  };

  /**
   * A whole LSTM sequence in one task (`FusedKernelSpecs.lstmSequence`): U packed once, each step's product and
   * pointwise cell together, the threads sharing each step's units. z is written over zx when `inPlace`.
   * @example
   * const previous = getBackend();
   * await ready('wasm');
   * const [, h] = engine.runFused('lstmSequence', [zeros([1, 1, 4]), zeros([1, 4]), zeros([1, 1]), zeros([1, 1])], {})!;
   * h // → [[[0]]]
   * setBackend(previous);
   */
  readonly lstmSequence: FusedKernelImpl<'lstmSequence'> = (inputs, { inPlace }) =>
    lstmSequence(this.ctx, inputs, inPlace);

  /**
   * Backpropagation through a whole LSTM sequence in one task (`FusedKernelSpecs.lstmSequenceGrad`).
   * @example
   * const previous = getBackend();
   * await ready('wasm');
   * const [z, , c] = engine.runFused('lstmSequence', [zeros([1, 1, 4]), zeros([1, 4]), zeros([1, 1]), zeros([1, 1])], {})!;
   * const [, dh0, dc0] = engine.runFused('lstmSequenceGrad', [z, c, zeros([1, 1]), zeros([1, 4]), ones([1, 1])], {})!;
   * dh0 // → [[0]]
   * dc0 // → [[0.25]]
   * setBackend(previous);
   */
  readonly lstmSequenceGrad: FusedKernelImpl<'lstmSequenceGrad'> = (inputs) => lstmSequenceGrad(this.ctx, inputs);
}
