import { type Tensor, ValueError, randomUniform, tensor, tidy, type Seed } from '@rectify/tensor';
import { type SampleOptions, checkSampleOptions, sampleToken } from './sample.js';

/** What generation needs of a model: token ids `[1, T]` in, next-token scores `[1, T, vocabulary]` out. */
export interface TokenModel {
  predict(x: Tensor): Tensor | Tensor[];
}

export interface GenerateOptions extends SampleOptions {
  /** How many tokens to add. */
  length: number;
  /** Seed of the sampling; the same seed gives the same text. Default: the global random stream. */
  seed?: Seed;
  /** Tokens the model sees at once; default the length the model was built for. */
  contextLength?: number;
  /** Fills the unused tail of a short context; the causal mask keeps it from mattering. Default 0. */
  padToken?: number;
}

/** The input length a model was built for: a Sequential's batchInputShape, else its first input's shape. */
function modelLength(model: TokenModel): number | undefined {
  const m = model as {
    batchInputShape?: readonly (number | null)[];
    inputs?: ReadonlyArray<{ shape: readonly (number | null)[] }>;
  };
  return (m.batchInputShape ?? m.inputs?.[0]?.shape)?.[1] ?? undefined;
}

/**
 * Continues a prompt with a causal language model, one token at a time: the last `contextLength` tokens go in
 * (right-padded while the text is shorter — position i of a causal model never sees positions after i), the
 * scores at the last real position are sampled with {@link sampleToken}, and the token is appended.
 *
 * @example
 * // A (tiny, untrained) causal language model over 16 tokens that reads 8 at a time.
 * const model = sequential([
 *   layers.tokenAndPositionEmbedding({ vocabularySize: 16, sequenceLength: 8, embeddingDim: 8, inputShape: [8] }),
 *   layers.dense({ units: 16, activation: 'softmax' }),
 * ]);
 * const ids = generate(model, [3, 1, 12], { length: 5, temperature: 0.8, topK: 4, seed: 1 });
 * ids.length; // → 5
 * ids.every((id) => Number.isInteger(id) && id >= 0 && id < 16); // → true
 * // The same seed gives the same tokens.
 * generate(model, [3, 1, 12], { length: 5, temperature: 0.8, topK: 4, seed: 1 }).join() === ids.join(); // → true
 */
export function generate(model: TokenModel, prompt: readonly number[], options: GenerateOptions): number[] {
  const where = 'generate';
  const { length, seed, padToken = 0 } = options;
  const sampling = checkSampleOptions(where, options);
  if (!Number.isInteger(length) || length < 0)
    throw new ValueError(`${where}: length must be a non-negative integer, received ${String(length)}`);
  if (prompt.length === 0) throw new ValueError(`${where}: prompt must hold at least one token, received none`);
  const context = options.contextLength ?? modelLength(model);
  if (context === undefined || !Number.isInteger(context) || context < 1)
    throw new ValueError(
      `${where}: contextLength must be a positive integer (the model does not fix its input length)`,
    );
  const u = length === 0 ? new Float32Array(0) : tidy(() => randomUniform([length], 0, 1, 'float32', seed).dataSync());
  const tokens = [...prompt];
  for (let step = 0; step < length; step++) {
    const window = tokens.slice(-context);
    const last = window.length - 1;
    const ids = Int32Array.from({ length: context }, (_, i) => window[i] ?? padToken);
    const row = tidy(() => {
      const out = model.predict(tensor(ids, [1, context], 'int32'));
      const scores = Array.isArray(out) ? out[0]! : out;
      if (scores.rank !== 3 || scores.shape[1] !== context)
        throw new ValueError(
          `${where}: the model must give scores at every position, shape [1, ${context}, vocabulary]; received [${scores.shape.join(', ')}] (is it a causal language model?)`,
        );
      const vocabulary = scores.shape[scores.rank - 1]!;
      return scores.dataSync().slice(last * vocabulary, (last + 1) * vocabulary);
    });
    tokens.push(sampleToken(row, u[step]!, sampling));
  }
  return tokens.slice(prompt.length);
}
