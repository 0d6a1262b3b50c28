import { type Tensor, ValueError, type Variable, cast, gather, notEqual, optionNames } from '@rectify/tensor';
import {
  type Initializer,
  type InitializerConfig,
  type InitializerIdentifier,
  resolveInitializer,
} from '../../identifiers.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, singleInput } from '../../layer.js';
import { optionalRegularizer, positiveInt } from '../../options.js';
import type { Regularizer, RegularizerConfig, RegularizerIdentifier } from '../../regularizers.js';
import { type Shape, singleShape } from '../../shape.js';

export interface EmbeddingArgs extends LayerArgs {
  /** Vocabulary size: indices must lie in [0, inputDim). */
  inputDim: number;
  /** Size of each embedding vector. */
  outputDim: number;
  /** Default uniform in [-0.05, 0.05] (as Keras). */
  embeddingsInitializer?: InitializerIdentifier;
  embeddingsRegularizer?: RegularizerIdentifier | null;
  /** Treat index 0 as padding: the output carries a mask (0 where the index is 0) that recurrent layers skip. */
  maskZero?: boolean;
  /** TensorFlow.js spelling of `inputShape: [inputLength]`: the length of the index sequences. */
  inputLength?: number;
}

export interface EmbeddingConfig extends LayerConfig {
  inputDim: number;
  outputDim: number;
  embeddingsInitializer: InitializerConfig;
  embeddingsRegularizer: RegularizerConfig | null;
  maskZero: boolean;
}

/**
 * Looks up a learned vector per integer index (a gather whose gradient is a scatter-add into the table).
 *
 * Shape: `[batch, …]` int32 indices → `[batch, …, outputDim]`; table `[inputDim, outputDim]`.
 * Reference: Keras `Embedding`.
 *
 * @example embedding({ inputDim: 10, outputDim: 4 }).apply(tensor([[1, 2]], undefined, 'int32')); // shape [1, 2, 4]
 */
export class Embedding extends Layer<Tensor> {
  static override readonly className: string = 'Embedding';
  static override readonly argNames: readonly string[] = optionNames<
    Omit<EmbeddingArgs, Exclude<keyof LayerArgs, 'inputDim'>>
  >()({
    inputDim: true,
    outputDim: true,
    embeddingsInitializer: true,
    embeddingsRegularizer: true,
    maskZero: true,
    inputLength: true,
  });
  readonly inputDim: number;
  readonly outputDim: number;
  readonly embeddingsInitializer: Initializer;
  readonly embeddingsRegularizer: Regularizer | undefined;
  readonly maskZero: boolean;
  embeddings?: Variable;

  constructor(args: EmbeddingArgs) {
    super(
      args.inputLength !== undefined && !args.inputShape && !args.batchInputShape
        ? { ...args, inputShape: [args.inputLength] }
        : args,
    );
    this.inputDim = positiveInt(this.kind, 'inputDim', args.inputDim);
    this.outputDim = positiveInt(this.kind, 'outputDim', args.outputDim);
    this.embeddingsInitializer = resolveInitializer(
      args.embeddingsInitializer ?? { name: 'randomUniform', minval: -0.05, maxval: 0.05 },
    );
    this.embeddingsRegularizer = optionalRegularizer(args.embeddingsRegularizer);
    this.maskZero = args.maskZero ?? false;
  }

  override build(inputShape: Shape | Shape[]): void {
    this.embeddings = this.addWeight('embeddings', [this.inputDim, this.outputDim], this.embeddingsInitializer, {
      regularizer: this.embeddingsRegularizer,
    });
    super.build(inputShape);
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    const x = singleInput(this, inputs);
    const indices = x.dtype === 'int32' ? x : cast(x, 'int32');
    this.checkRange(indices);
    return gather(this.embeddings!, indices);
  }

  /** A clear error naming the layer before gather's own, which cannot know the layer. */
  private checkRange(indices: Tensor): void {
    const v = indices.dataSync();
    for (let i = 0; i < v.length; i++) {
      const idx = v[i]!;
      if (idx < 0 || idx >= this.inputDim) {
        throw new ValueError(
          `${this.name}: index ${idx} is out of range [0, ${this.inputDim}) (inputDim ${this.inputDim}), at flat position ${i}`,
        );
      }
    }
  }

  override computeMask(inputs: Tensor | Tensor[], _mask: Tensor | undefined): Tensor | undefined {
    return this.maskZero ? notEqual(singleInput(this, inputs), 0) : undefined;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return [...singleShape(this.name, inputShape), this.outputDim];
  }

  override getConfig(): EmbeddingConfig {
    return {
      ...super.getConfig(),
      inputDim: this.inputDim,
      outputDim: this.outputDim,
      embeddingsInitializer: this.embeddingsInitializer.getConfig(),
      embeddingsRegularizer: this.embeddingsRegularizer?.getConfig() ?? null,
      maskZero: this.maskZero,
    };
  }
}

/** Creates an {@link Embedding} layer. @example embedding({ inputDim: 1000, outputDim: 64 }) */
export function embedding(args: EmbeddingArgs): Embedding {
  return new Embedding(args);
}
