import type { OpAttrs, OpName, Tensor } from '@rectify/tensor';

/** What a rule sees of one recorded op: its inputs, attributes and output, as they were in the forward pass. */
export interface OpContext<K extends OpName> {
  readonly inputs: readonly Tensor[];
  readonly attrs: OpAttrs<K>;
  readonly output: Tensor;
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
