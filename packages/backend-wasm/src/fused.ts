import {
  type FusedKernelImpl,
  type FusedKernels,
  type TensorInfo,
  type UnaryFn,
  ShapeError,
  adamStepSize,
  fmtShape,
  sizeOf,
} from '@rectify/tensor';
import type { Context } from './context.js';
import { PARALLEL_ELEMENTS } from './kernels/elementwise.js';
import { BIAS_CODES, parallelFrom, unaryCandidate } from './kernels/op-codes.js';
import type { Probe } from './kernels/probe.js';

/**
 * Fused kernels, each one pass over memory: Adam's update (`adamUpdate`, one of the engine's `FusedKernels`, which
 * rectify's Adam and AdamW reach through `engine.runFused`) and the dense-layer epilogue `biasActivation`, a
 * backend-specific extra on TensorInfos that no layer calls yet.
 */
export class FusedOps implements FusedKernels {
  constructor(
    private readonly ctx: Context,
    private readonly probe: Probe,
  ) {}

  /**
   * `fn(x + bias)` over the last axis in one pass (`fn` omitted: bias only). Returns null when `fn` has no fused
   * kernel, so the caller falls back to `add` then `mapUnary`.
   * @example backend.fused.biasActivation(xInfo, biasInfo, reluFn)
   */
  biasActivation(x: TensorInfo, bias: TensorInfo, fn?: UnaryFn, a = 0, b = 0): TensorInfo | null {
    const cols = x.shape[x.shape.length - 1] ?? 1;
    if (bias.shape.length !== 1 || bias.shape[0] !== cols) {
      throw new ShapeError(
        `biasActivation: bias must have shape [${cols}] to match x ${fmtShape(x.shape)}, received ${fmtShape(bias.shape)}`,
      );
    }
    if (x.dtype !== 'float32' || bias.dtype !== 'float32') return null;
    const code = fn ? unaryCandidate(fn) : 0;
    if (code === undefined || (code !== 0 && (!BIAS_CODES.has(code) || !this.probe.unary(fn!, code, a, b, false))))
      return null;
    const { ctx } = this;
    const xd = ctx.data(x);
    const out = ctx.out('float32', xd.length);
    if (xd.length > 0) {
      ctx.args32([code, xd.length / Math.max(cols, 1), cols, xd.ptr, ctx.data(bias).ptr, out.ptr, 0, 0]);
      ctx.argF(6, a);
      ctx.argF(7, b);
      ctx.run('biasUnary', xd.length >= parallelFrom(code || undefined));
    }
    return { dataId: out, shape: x.shape, dtype: 'float32' };
  }

  /**
   * One Adam/AdamW step for one parameter in one pass (`FusedKernelSpecs.adamUpdate`; the engine has validated the
   * inputs): m ← m + (1−β₁)(g − m), v ← v + (1−β₂)(g² − v), p ← p·(1 − lr·weightDecay) − α·m/(√v + ε) with
   * α = lr·√(1−β₂ᵗ)/(1−β₁ᵗ). Overwrites p, m and v when `inPlace`, which the engine sets only when nothing else
   * shares them.
   * @example const r = engine.runFused('adamUpdate', [w, g, m, v], { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, step: 1, weightDecay: 0 });
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
      ctx.args32([n, pd.ptr, gd.ptr, md.ptr, vd.ptr, po.ptr, mo.ptr, vo.ptr]);
      // The complements are taken in float64: 1 − f32(0.999) is 1.3e-5 off in relative terms.
      const floats = [
        adamStepSize(learningRate, beta1, beta2, step),
        epsilon,
        1 - beta1,
        1 - beta2,
        1 - learningRate * weightDecay,
      ];
      floats.forEach((f, i) => ctx.argF(8 + i, f));
      ctx.run('adam', n >= PARALLEL_ELEMENTS / 2);
    }
    const info = (d: typeof po): TensorInfo => ({ dataId: d, shape: p.shape, dtype: 'float32' });
    return [info(po), info(mo), info(vo)];
  };
}
