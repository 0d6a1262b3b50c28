import type { OpAttrs, OpName, Tensor } from '@rectify/tensor';

/** What a rule sees of one recorded op: its inputs, attributes and output, as they were in the forward pass. */
export interface OpContext<K extends OpName> {
  /** The inputs; undefined where the op's entry in `unreadByRules` says its rule never reads one. */
  readonly inputs: ReadonlyArray<Tensor | undefined>;
  readonly attrs: OpAttrs<K>;
  /** The output; undefined where the op's entry in `unreadByRules` says its rule never reads it. */
  readonly output: Tensor | undefined;
  /**
   * Whether each input needs a gradient — whether it depends on a source. A rule returns null for an input that
   * does not, wherever that saves work: the first layer's dx when x is data, a convolution's input gradient.
   */
  readonly needs: readonly boolean[];
}

/**
 * Given the upstream gradient `dy` (shaped like the op's output), returns one gradient per input, shaped like that
 * input — or `null` for an input that has no gradient (indices, conditions, comparisons) or needs none (`ctx.needs`).
 */
export type GradRule<K extends OpName> = (dy: Tensor, ctx: OpContext<K>) => ReadonlyArray<Tensor | null>;

/** One rule per op; the mapped type makes a missing rule a compile error. */
export type GradRules = { readonly [K in OpName]: GradRule<K> };

/**
 * What an op's rule never reads: the tape keeps no handle on those tensors, so their buffers are freed as soon as
 * the forward pass lets go of them instead of living until backward (a fused softmax keeps only its weights, not
 * the [B, H, T, T] scores it was given).
 */
export interface Unread {
  /** Positions of inputs the rule never reads. */
  readonly inputs?: readonly number[];
  readonly output?: true;
}

/** An op's `Unread`, fixed or decided by the attributes of each call (which function a fused kernel applies). */
export type UnreadByRules = { readonly [K in OpName]?: Unread | ((attrs: OpAttrs<K>) => Unread) };
