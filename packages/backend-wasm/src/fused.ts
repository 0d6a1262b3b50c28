import { BackendError, type TensorInfo, type UnaryFn, ShapeError, fmtShape, sizeOf } from '@rectify/tensor';
import type { Context } from './context.js';
import { PARALLEL_ELEMENTS } from './kernels/elementwise.js';
import { BIAS_CODES, parallelFrom, unaryCandidate } from './kernels/op-codes.js';
import type { Probe } from './kernels/probe.js';

/** Adam's hyper-parameters for one step; `step` is t, counted from 1. */
export interface AdamStep {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly step: number;
}

/**
 * Fused kernels the primitive kernel set has no slot for: the dense-layer epilogue and Adam's update, each one pass
 * over memory. They work on the backend's TensorInfos (what kernels take and return); the engine needs a small
 * addition before optimizers and layers can call them on Tensors (see the package README).
 */
export class FusedOps {
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
      throw new ShapeError(`biasActivation: bias must have shape [${cols}] to match x ${fmtShape(x.shape)}, received ${fmtShape(bias.shape)}`);
    }
    if (x.dtype !== 'float32' || bias.dtype !== 'float32') return null;
    const code = fn ? unaryCandidate(fn) : 0;
    if (code === undefined || (code !== 0 && (!BIAS_CODES.has(code) || !this.probe.unary(fn!, code, a, b, false)))) return null;
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
   * One Adam step for one parameter in one pass, in the form rectify's Adam optimizer (and Keras) use:
   * m ← m + (1−β₁)(g − m), v ← v + (1−β₂)(g² − v), p ← p − α·m/(√v + ε) with α = lr·√(1−β₂ᵗ)/(1−β₁ᵗ).
   * Returns new buffers, or overwrites p, m and v when `inPlace` (only safe when nothing else shares them).
   * @example const next = backend.fused.adam(p, g, m, v, { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, step: 1 });
   */
  adam(p: TensorInfo, g: TensorInfo, m: TensorInfo, v: TensorInfo, hyper: AdamStep, inPlace = false): { p: TensorInfo; m: TensorInfo; v: TensorInfo } {
    const n = sizeOf(p.shape);
    for (const [name, t] of [['g', g], ['m', m], ['v', v]] as const) {
      if (sizeOf(t.shape) !== n || t.dtype !== 'float32') {
        throw new ShapeError(`adam: ${name} must be float32 with shape ${fmtShape(p.shape)}, received ${t.dtype} ${fmtShape(t.shape)}`);
      }
    }
    if (!(hyper.step >= 1)) throw new BackendError(`adam: step must be >= 1, received ${hyper.step}`);
    const { ctx } = this;
    const [pd, gd, md, vd] = [ctx.data(p), ctx.data(g), ctx.data(m), ctx.data(v)];
    const [po, mo, vo] = inPlace ? [pd, md, vd] : [ctx.out('float32', n), ctx.out('float32', n), ctx.out('float32', n)];
    if (n > 0) {
      ctx.args32([n, pd.ptr, gd.ptr, md.ptr, vd.ptr, po.ptr, mo.ptr, vo.ptr]);
      const { learningRate, beta1, beta2, epsilon, step } = hyper;
      const alpha = (learningRate * Math.sqrt(1 - beta2 ** step)) / (1 - beta1 ** step);
      [alpha, epsilon, 1 - beta1, 1 - beta2].forEach((f, i) => ctx.argF(8 + i, f));
      ctx.run('adam', n >= PARALLEL_ELEMENTS / 2);
    }
    const info = (d: typeof po): TensorInfo => ({ dataId: d, shape: p.shape, dtype: 'float32' });
    return { p: info(po), m: info(mo), v: info(vo) };
  }
}
