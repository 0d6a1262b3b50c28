import { ShapeError, type Tensor, type Variable, broadcastTo, fmtShape, optionNames, slice } from '@rectify/tensor';
import {
  type Initializer,
  type InitializerConfig,
  type InitializerIdentifier,
  resolveInitializer,
} from '../../identifiers.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, singleInput } from '../../layer.js';
import { positiveInt } from '../../options.js';
import { type Shape, knownDim, singleShape } from '../../shape.js';

export interface PositionEmbeddingArgs extends LayerArgs {
  /** The longest sequence the table covers. */
  sequenceLength: number;
  /** Default glorotUniform (as KerasNLP). */
  initializer?: InitializerIdentifier;
}

export interface PositionEmbeddingConfig extends LayerConfig {
  sequenceLength: number;
  initializer: InitializerConfig;
}

/**
 * A learned vector per position: returns the rows 0..T−1 of a `[sequenceLength, features]` table, broadcast to the
 * input's shape. Add it to the token embeddings yourself (or use {@link TokenAndPositionEmbedding}).
 *
 * Shape: `[B, T, features]` → `[B, T, features]` with T ≤ sequenceLength; table `[sequenceLength, features]`.
 * Reference: KerasNLP `PositionEmbedding`; Radford et al. 2018 (GPT).
 *
 * @example
 * // Token embeddings [batch, time, features], 5 positions of at most 64; rf.add is the tensor op, not the Add layer.
 * const x = ones([2, 5, 8]);
 * rf.add(x, positionEmbedding({ sequenceLength: 64 }).apply(x)).shape; // → [2, 5, 8]
 */
export class PositionEmbedding extends Layer<Tensor> {
  static override readonly className: string = 'PositionEmbedding';
  static override readonly argNames: readonly string[] = optionNames<Omit<PositionEmbeddingArgs, keyof LayerArgs>>()({
    sequenceLength: true,
    initializer: true,
  });
  readonly sequenceLength: number;
  readonly initializer: Initializer;
  embeddings?: Variable;

  constructor(args: PositionEmbeddingArgs) {
    super(args);
    this.sequenceLength = positiveInt(this.kind, 'sequenceLength', args.sequenceLength);
    this.initializer = resolveInitializer(args.initializer ?? 'glorotUniform');
    this.inputSpec = { ndim: 3 };
  }

  override build(inputShape: Shape | Shape[]): void {
    const features = knownDim(this.name, singleShape(this.name, inputShape), -1);
    this.embeddings = this.addWeight('embeddings', [this.sequenceLength, features], this.initializer);
    super.build(inputShape);
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    const x = singleInput(this, inputs);
    const table = this.embeddings!;
    return broadcastTo(slice(table, [0, 0], [positionsOf(this.name, x, this.sequenceLength), table.shape[1]!]), [
      ...x.shape,
    ]);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return singleShape(this.name, inputShape);
  }

  override getConfig(): PositionEmbeddingConfig {
    return { ...super.getConfig(), sequenceLength: this.sequenceLength, initializer: this.initializer.getConfig() };
  }
}

/** The input's length (axis 1), checked against the table's. */
export function positionsOf(layer: string, x: Tensor, sequenceLength: number): number {
  const t = x.shape[1]!;
  if (t > sequenceLength) {
    throw new ShapeError(
      `${layer}: input length ${t} exceeds sequenceLength ${sequenceLength}, received shape ${fmtShape(x.shape)}`,
    );
  }
  return t;
}

/** Creates a {@link PositionEmbedding} layer. @example positionEmbedding({ sequenceLength: 128 }) */
export function positionEmbedding(args: PositionEmbeddingArgs): PositionEmbedding {
  return new PositionEmbedding(args);
}
