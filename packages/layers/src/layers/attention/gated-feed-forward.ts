/**
 * The gated feed-forward networks of modern transformers (Shazeer 2020, "GLU Variants Improve Transformer"):
 * `FFN(x) = (act(x·W) ⊙ (x·V))·W₂`. They are options of a transformer block, not activations — the gate needs a
 * second projection, which an elementwise function cannot own.
 */
export const GATED_FEED_FORWARD = { geglu: 'gelu', swiglu: 'swish', reglu: 'relu' } as const;

export type GatedFeedForwardName = keyof typeof GATED_FEED_FORWARD;

/**
 * The activation a gated feed-forward name stands for, or undefined for anything else.
 * @example gatedFeedForward('swiglu'); // 'swish'
 */
export function gatedFeedForward(name: unknown): (typeof GATED_FEED_FORWARD)[GatedFeedForwardName] | undefined {
  return typeof name === 'string' && Object.hasOwn(GATED_FEED_FORWARD, name)
    ? GATED_FEED_FORWARD[name as GatedFeedForwardName]
    : undefined;
}
