import type { Tensor } from '../tensor.js';
import type { DType, TypedArray } from '../dtype.js';
import type { BinaryFn, UnaryFn } from '../scalar-fn.js';
import type { Shape } from '../shape.js';
import type { Conv2DInfo, Pool2DInfo } from '../conv-geometry.js';

/** A backend's handle on one buffer. Opaque: only the backend that made it looks inside. */
export type DataId = object;

/** What a kernel sees of a tensor: its buffer handle, shape and dtype. */
export interface TensorInfo {
  readonly dataId: DataId;
  readonly shape: Shape;
  readonly dtype: DType;
}

/** Which output of an LSTM step a `lstmCell` kernel computes: the new cell state or the new hidden state. */
export type LstmCellPart = 'state' | 'hidden';

export type ReduceOp = 'sum' | 'max' | 'min' | 'prod' | 'any' | 'all';
export type ArgReduceOp = 'argmax' | 'argmin';

/**
 * The closed set of primitive kernels. Every public op is one of these or is composed of them, and a backend is
 * a value implementing every member: a missing kernel is a compile error, never a runtime "not implemented".
 * `inputs` lists the tensors in order; `attrs` are plain values, already validated and resolved by the op.
 */
export interface KernelSpecs {
  /** Elementwise `fn.f(x, a, b)`. */
  unary: { inputs: [x: TensorInfo]; attrs: { fn: UnaryFn; a: number; b: number } };
  /** Elementwise `fn.f(x, y)` with NumPy broadcasting; `dtype` is the result dtype. */
  binary: { inputs: [x: TensorInfo, y: TensorInfo]; attrs: { fn: BinaryFn; dtype: DType } };
  /** `dy * fn.df(x, a, b)` in one pass: the backward of every unary function, activations included. */
  unaryGrad: { inputs: [x: TensorInfo, dy: TensorInfo]; attrs: { fn: UnaryFn; a: number; b: number } };
  /**
   * float32 `fn.f(z + bias[j], a, b)` where j is the last-axis index, in one pass: a dense layer's epilogue. `z` is
   * float32 `[…, units]`, `bias` float32 `[units]`; the result has z's shape.
   */
  biasActivation: { inputs: [z: TensorInfo, bias: TensorInfo]; attrs: { fn: UnaryFn; a: number; b: number } };
  /** `cond ? x : y` with broadcasting over all three; `cond` is bool, `x` and `y` both have dtype `dtype`. */
  /**
   * One half of an LSTM cell's pointwise step, from the float32 gate pre-activations `z` `[batch, 4·units]` (Keras
   * order i, f, g, o) and a float32 `c` `[batch, units]`: part `state` gives `c' = σ(z_f)·c + σ(z_i)·tanh(z_g)` (`c`
   * the previous cell state), part `hidden` gives `h = σ(z_o)·tanh(c)` (`c` the new cell state). Result `[batch, units]`.
   */
  lstmCell: { inputs: [z: TensorInfo, c: TensorInfo]; attrs: { part: LstmCellPart } };
  /**
   * The backward of `lstmCell` for upstream gradient `dy` `[batch, units]`: with `wrt: 'z'` the gradient of `z`
   * (`[batch, 4·units]`, zero in the gates the part does not read), with `wrt: 'c'` that of `c` (`[batch, units]`).
   */
  lstmCellGrad: {
    inputs: [z: TensorInfo, c: TensorInfo, dy: TensorInfo];
    attrs: { part: LstmCellPart; wrt: 'z' | 'c' };
  };
  /**
   * A GRU step's pointwise part (Keras' `resetAfter`, sigmoid gates, tanh candidate) from the float32 input part
   * `zx = x·W + b_x` and recurrent part `zh = h·U + b_h` (both `[batch, 3·units]`, gates z, r, h) and the previous
   * state `h` `[batch, units]`: `z = σ(zx_z + zh_z)`, `r = σ(zx_r + zh_r)`, `h̃ = tanh(zx_h + r·zh_h)`,
   * `h' = h̃ + z·(h − h̃)`. Result `[batch, units]`.
   */
  gruCell: { inputs: [zx: TensorInfo, zh: TensorInfo, h: TensorInfo]; attrs: Record<string, never> };
  /** The backward of `gruCell` for upstream gradient `dy` `[batch, units]`: the gradient of input `wrt`. */
  gruCellGrad: {
    inputs: [zx: TensorInfo, zh: TensorInfo, h: TensorInfo, dy: TensorInfo];
    attrs: { wrt: 'zx' | 'zh' | 'h' };
  };
  where: { inputs: [cond: TensorInfo, x: TensorInfo, y: TensorInfo]; attrs: { dtype: DType } };
  cast: { inputs: [x: TensorInfo]; attrs: { dtype: DType } };
  /** Reduces `axes` (sorted, unique, non-empty); the result drops those axes. */
  reduce: { inputs: [x: TensorInfo]; attrs: { axes: readonly number[]; op: ReduceOp } };
  /** Index of the max/min along `axis` (first on ties); int32 result without that axis. */
  argReduce: { inputs: [x: TensorInfo]; attrs: { axis: number; op: ArgReduceOp } };
  /** Batched `a · b` over the last two axes, batch axes broadcast; transposes applied to the last two axes. */
  matmul: { inputs: [a: TensorInfo, b: TensorInfo]; attrs: { transposeA: boolean; transposeB: boolean } };
  transpose: { inputs: [x: TensorInfo]; attrs: { perm: readonly number[] } };
  slice: { inputs: [x: TensorInfo]; attrs: { begin: readonly number[]; size: readonly number[] } };
  concat: { inputs: TensorInfo[]; attrs: { axis: number } };
  pad: { inputs: [x: TensorInfo]; attrs: { paddings: ReadonlyArray<readonly [number, number]>; value: number } };
  tile: { inputs: [x: TensorInfo]; attrs: { reps: readonly number[] } };
  /** Picks slices of `x` along `axis` at int32 `indices` (any shape); out-of-range indices are an error. */
  gather: { inputs: [x: TensorInfo, indices: TensorInfo]; attrs: { axis: number } };
  /** The adjoint of gather: sums `updates` into a zero tensor of `shape` at `indices` along `axis`. */
  scatterAdd: { inputs: [updates: TensorInfo, indices: TensorInfo]; attrs: { axis: number; shape: Shape } };
  conv2d: { inputs: [x: TensorInfo, filter: TensorInfo]; attrs: { info: Conv2DInfo } };
  conv2dBackpropInput: { inputs: [dy: TensorInfo, filter: TensorInfo]; attrs: { info: Conv2DInfo } };
  conv2dBackpropFilter: { inputs: [x: TensorInfo, dy: TensorInfo]; attrs: { info: Conv2DInfo } };
  maxPool: { inputs: [x: TensorInfo]; attrs: { info: Pool2DInfo } };
  maxPoolGrad: { inputs: [dy: TensorInfo, x: TensorInfo]; attrs: { info: Pool2DInfo } };
  avgPool: { inputs: [x: TensorInfo]; attrs: { info: Pool2DInfo } };
  avgPoolGrad: { inputs: [dy: TensorInfo]; attrs: { info: Pool2DInfo } };
  /**
   * float32 softmax over the last axis of `scale · x`, with masked keys excluded (weight exactly 0). `x` is
   * `[…, T, S]`; a row is one query. With `mask` (bool `[M, S]`) and `maskRows` (int32, one entry per row of x),
   * row r sees key j only where `mask[maskRows[r], j]`; with `causal`, query i (its index along T) sees only keys
   * j ≤ i + `causalOffset`. A row that sees no key gets uniform weights 1/S, as an additive −1e9 mask gives.
   */
  softmax: {
    inputs: [x: TensorInfo] | [x: TensorInfo, mask: TensorInfo, maskRows: TensorInfo];
    attrs: SoftmaxAttrs;
  };
  /**
   * The backward of `softmax` from its output y: dx = scale · y ⊙ (dy − Σ dy ⊙ y) over the keys a row sees, 0 on
   * masked keys and in rows that see none. Same mask inputs and attrs as the forward call.
   */
  softmaxGrad: {
    inputs: [y: TensorInfo, dy: TensorInfo] | [y: TensorInfo, dy: TensorInfo, mask: TensorInfo, maskRows: TensorInfo];
    attrs: SoftmaxAttrs;
  };
}

/** How `softmax` and `softmaxGrad` scale and mask the logits (see KernelSpecs.softmax). */
export interface SoftmaxAttrs {
  readonly scale: number;
  readonly causal: boolean;
  /** Query i sees keys j ≤ i + causalOffset (used only when `causal`). */
  readonly causalOffset: number;
}

export type BackendKernelName = keyof KernelSpecs;

/**
 * Ops the engine performs itself without a kernel — reshape shares the buffer — but which autograd still records.
 * `identity` is a fresh tensor handle on the same buffer.
 */
export interface ViewSpecs {
  reshape: { inputs: [x: TensorInfo]; attrs: { shape: Shape } };
  identity: { inputs: [x: TensorInfo]; attrs: Record<string, never> };
  /**
   * A function with a user-written gradient (autograd's `customGrad`): its forward ops run unrecorded and the
   * record carries the gradient function. The inputs are the function's arguments (the first `numInputs`) and
   * then the tensors it saved for its gradient, which the tape keeps alive that way. `needs` says which arguments
   * need a gradient; the function may return null for the others.
   */
  customGrad: {
    inputs: TensorInfo[];
    attrs: {
      gradFunc: (dy: Tensor, saved: readonly Tensor[], needs: readonly boolean[]) => ReadonlyArray<Tensor | null>;
      numInputs: number;
    };
  };
}

export type OpSpecs = KernelSpecs & ViewSpecs;
export type OpName = keyof OpSpecs;
export type OpAttrs<K extends OpName> = OpSpecs[K]['attrs'];

export type KernelImpl<K extends BackendKernelName> = (
  inputs: KernelSpecs[K]['inputs'],
  attrs: KernelSpecs[K]['attrs'],
) => TensorInfo;

export type Kernels = { readonly [K in BackendKernelName]: KernelImpl<K> };

/**
 * Adam's update for one parameter, in the bias-corrected step-size form rectify's Adam and AdamW (and Keras) use:
 * m ← m + (1−β₁)(g − m), v ← v + (1−β₂)(g² − v), p ← p·(1 − lr·weightDecay) − α·m/(√v + ε),
 * α = lr·√(1−β₂ᵗ)/(1−β₁ᵗ).
 */
export interface AdamUpdateAttrs {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** t, counted from 1. */
  readonly step: number;
  /** Decoupled weight decay per unit of learning rate (AdamW); 0 for plain Adam. */
  readonly weightDecay: number;
}

/**
 * Optional multi-op kernels, each one pass over memory where the composed ops take several. Unlike the primitive
 * kernels a backend may leave any of them out (or decline a call by returning null): callers then run the composed
 * ops, which stay the definition. The engine validates inputs before calling one and sets `inPlace` only when the
 * caller gave the donated inputs up and no other tensor shares their buffers. Fused kernels are never recorded for
 * autograd: they serve updates that run outside gradient functions, such as optimizer steps, and the insides of
 * hand-written gradients (a `customGrad` forward and its gradient function).
 */
export interface FusedKernelSpecs {
  /** One Adam/AdamW step; `p`, `m` and `v` are donated (overwritten when `inPlace`). */
  adamUpdate: {
    inputs: [p: TensorInfo, g: TensorInfo, m: TensorInfo, v: TensorInfo];
    attrs: AdamUpdateAttrs;
    outputs: [p: TensorInfo, m: TensorInfo, v: TensorInfo];
  };
  /**
   * A whole LSTM sequence (the `lstmCell` step, Keras' default activations) from every step's input part
   * `zx` `[steps, batch, 4·units]` (x·W + b), the recurrent kernel `u` `[units, 4·units]` and the initial states
   * `h0`, `c0` `[batch, units]`: step i computes z_i = zx_i + h_{i−1}·u, then c_i and h_i. Returns every step's `z`
   * (what the backward reads), `h` and `c` (`[steps, batch, …]`). `zx` is donated (z may be written over it).
   */
  lstmSequence: {
    inputs: [zx: TensorInfo, u: TensorInfo, h0: TensorInfo, c0: TensorInfo];
    attrs: Record<string, never>;
    outputs: [z: TensorInfo, h: TensorInfo, c: TensorInfo];
  };
  /**
   * Backpropagation through time of `lstmSequence` from its saved `z` and `c`, the initial `c0`, `u`, and the
   * upstream gradient `dh` of the hidden states — every step's (`[steps, batch, units]`) or only the last one's
   * (`[batch, units]`). Returns the gradient of every step's z (so of zx: the caller forms dW, du and db from it
   * with two products and a sum) and of `h0` and `c0`.
   */
  lstmSequenceGrad: {
    inputs: [z: TensorInfo, c: TensorInfo, c0: TensorInfo, u: TensorInfo, dh: TensorInfo];
    attrs: Record<string, never>;
    outputs: [dz: TensorInfo, dh0: TensorInfo, dc0: TensorInfo];
  };
}

export type FusedKernelName = keyof FusedKernelSpecs;

/** Returns the outputs, or null to decline (e.g. a dtype it has no kernel for). */
export type FusedKernelImpl<K extends FusedKernelName> = (
  inputs: FusedKernelSpecs[K]['inputs'],
  attrs: FusedKernelSpecs[K]['attrs'] & { readonly inPlace: boolean },
) => FusedKernelSpecs[K]['outputs'] | null;

export type FusedKernels = { readonly [K in FusedKernelName]?: FusedKernelImpl<K> };

export interface BackendMemory {
  /** Buffers the backend holds. */
  readonly numDataBuffers: number;
  readonly numBytes: number;
}

/**
 * A backend stores buffers and runs the primitive kernels on them. Values cross the boundary only through
 * `write` and `read`/`readSync`, so a GPU backend can keep data on the device between kernels.
 */
export interface Backend {
  readonly name: string;
  /** Free-form facts for users: the mode a GPU library runs in, thread counts, … */
  readonly info: Readonly<Record<string, unknown>>;
  readonly kernels: Kernels;
  /** The fused kernels this backend implements, if any (see `FusedKernelSpecs`). */
  readonly fused?: FusedKernels;
  /** Takes ownership of `values` (the caller does not touch them again). */
  write(values: TypedArray, shape: Shape, dtype: DType): TensorInfo;
  readSync(dataId: DataId): TypedArray;
  read(dataId: DataId): Promise<TypedArray>;
  disposeData(dataId: DataId): void;
  memory(): BackendMemory;
}
