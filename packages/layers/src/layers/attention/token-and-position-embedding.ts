import { type Tensor, add, optionNames } from '@rectify/tensor';
import { type InitializerConfig, type InitializerIdentifier, resolveInitializer } from '../../identifiers.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, singleInput } from '../../layer.js';
import { oneOf, positiveInt } from '../../options.js';
import { type Shape, singleShape } from '../../shape.js';
import { Embedding } from '../core/embedding.js';
import { PositionEmbedding } from './position-embedding.js';
import { SinePositionEncoding } from './sine-position-encoding.js';

export interface TokenAndPositionEmbeddingArgs extends LayerArgs {
  /** Number of token ids: indices lie in [0, vocabularySize). */
  vocabularySize: number;
  /** The longest sequence. */
  sequenceLength: number;
  /** Size of each token's vector. */
  embeddingDim: number;
  /** 'learned' (a table per position, as GPT; default) or 'sine' (the fixed encoding of Vaswani et al.). */
  positions?: 'learned' | 'sine';
  /** Default uniform in [-0.05, 0.05] for tokens, glorotUniform for learned positions. */
  embeddingsInitializer?: InitializerIdentifier;
}

export interface TokenAndPositionEmbeddingConfig extends LayerConfig {
  vocabularySize: number;
  sequenceLength: number;
  embeddingDim: number;
  positions: 'learned' | 'sine';
  embeddingsInitializer: InitializerConfig;
}

/**
 * Token embedding plus position embedding, the input layer of a transformer language model, in one layer so that
 * a `sequential` stack can hold it.
 *
 * Shape: `[B, T]` int token ids → `[B, T, embeddingDim]` with T ≤ sequenceLength.
 * Reference: KerasNLP `TokenAndPositionEmbedding`.
 *
 * @example tokenAndPositionEmbedding({ vocabularySize: 37, sequenceLength: 64, embeddingDim: 128 })
 */
export class TokenAndPositionEmbedding extends Layer<Tensor> {
  static override readonly className: string = 'TokenAndPositionEmbedding';
  static override readonly argNames: readonly string[] = optionNames<
    Omit<TokenAndPositionEmbeddingArgs, keyof LayerArgs>
  >()({ vocabularySize: true, sequenceLength: true, embeddingDim: true, positions: true, embeddingsInitializer: true });
  readonly vocabularySize: number;
  readonly sequenceLength: number;
  readonly embeddingDim: number;
  readonly positions: 'learned' | 'sine';
  private readonly embeddingsInitializer: InitializerConfig;
  readonly tokens: Embedding;
  readonly position: PositionEmbedding | SinePositionEncoding;

  constructor(args: TokenAndPositionEmbeddingArgs) {
    super(args);
    this.vocabularySize = positiveInt(this.kind, 'vocabularySize', args.vocabularySize);
    this.sequenceLength = positiveInt(this.kind, 'sequenceLength', args.sequenceLength);
    this.embeddingDim = positiveInt(this.kind, 'embeddingDim', args.embeddingDim);
    this.positions = oneOf(this.kind, 'positions', args.positions ?? 'learned', ['learned', 'sine'] as const);
    this.embeddingsInitializer = resolveInitializer(
      args.embeddingsInitializer ?? { name: 'randomUniform', minval: -0.05, maxval: 0.05 },
    ).getConfig();
    this.tokens = this.trackLayer(
      new Embedding({
        name: `${this.name}/token_embedding`,
        inputDim: this.vocabularySize,
        outputDim: this.embeddingDim,
        embeddingsInitializer: this.embeddingsInitializer,
      }),
    );
    this.position = this.trackLayer(
      this.positions === 'learned'
        ? new PositionEmbedding({ name: `${this.name}/position_embedding`, sequenceLength: this.sequenceLength })
        : new SinePositionEncoding({ name: `${this.name}/position_encoding` }),
    );
    this.inputSpec = { ndim: 2 };
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = singleShape(this.name, inputShape);
    this.tokens.maybeBuild(shape);
    this.position.maybeBuild([...shape, this.embeddingDim]);
    super.build(inputShape);
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    const tokens = this.tokens.apply(singleInput(this, inputs));
    return add(tokens, this.position.apply(tokens));
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return [...singleShape(this.name, inputShape), this.embeddingDim];
  }

  override getConfig(): TokenAndPositionEmbeddingConfig {
    return {
      ...super.getConfig(),
      vocabularySize: this.vocabularySize,
      sequenceLength: this.sequenceLength,
      embeddingDim: this.embeddingDim,
      positions: this.positions,
      embeddingsInitializer: this.embeddingsInitializer,
    };
  }
}

/** Creates a {@link TokenAndPositionEmbedding} layer. @example tokenAndPositionEmbedding({ vocabularySize: 37, sequenceLength: 64, embeddingDim: 64 }) */
export function tokenAndPositionEmbedding(args: TokenAndPositionEmbeddingArgs): TokenAndPositionEmbedding {
  return new TokenAndPositionEmbedding(args);
}
