import { ShapeError, type Tensor, ValueError, optionNames } from '@rectify/tensor';
import {
  type InitializerConfig,
  type InitializerIdentifier,
  offsetSeed,
  resolveInitializer,
} from '../../identifiers.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig } from '../../layer.js';
import { positiveInt, rate } from '../../options.js';
import { type Shape, fmtShape, isShapeList, knownDim } from '../../shape.js';
import { Dense } from '../core/dense.js';
import { Dropout } from '../core/dropout.js';
import { maskForHeads, mergeHeads, scaledDotProductAttention, splitHeads } from './attention-math.js';

export interface MultiHeadAttentionArgs extends LayerArgs {
  numHeads: number;
  /** Size of each head's queries and keys. */
  keyDim: number;
  /** Size of each head's values; default keyDim. */
  valueDim?: number | null;
  /** Dropout rate on the attention weights (training only); default 0. */
  dropout?: number;
  /** Seed of that dropout. */
  seed?: number | null;
  /** Biases in the four projections; default true. */
  useBias?: boolean;
  /** Output size; default the query's last dimension. */
  outputDim?: number | null;
  kernelInitializer?: InitializerIdentifier;
  biasInitializer?: InitializerIdentifier;
}

export interface MultiHeadAttentionConfig extends LayerConfig {
  numHeads: number;
  keyDim: number;
  valueDim: number;
  dropout: number;
  seed: number | null;
  useBias: boolean;
  outputDim: number | null;
  kernelInitializer: InitializerConfig;
  biasInitializer: InitializerConfig;
}

export interface AttentionCallArgs extends CallArgs {
  /** true (or 1) where query i may attend to key j: `[B, T, S]` or broadcastable to it. */
  mask?: Tensor;
  /** Lets query i attend only to keys 0..i. */
  useCausalMask?: boolean;
}

/**
 * Multi-head attention: queries, keys and values are projected per head, combined by scaled dot-product
 * attention, and the heads' outputs projected back. `apply(x)` is self-attention; `apply([query, value])` or
 * `apply([query, value, key])` attends from query to value (key defaults to value).
 *
 * Shape: query `[B, T, dq]`, value `[B, S, dv]`, key `[B, S, dk]` → `[B, T, outputDim ?? dq]`.
 * Reference: Vaswani et al. 2017; Keras `MultiHeadAttention`.
 *
 * @example
 * const x = ones([2, 5, 8]); // [batch, time, features]
 * multiHeadAttention({ numHeads: 2, keyDim: 4 }).apply(x, { useCausalMask: true }).shape; // → [2, 5, 8]
 */
export class MultiHeadAttention extends Layer<Tensor> {
  static override readonly className: string = 'MultiHeadAttention';
  static override readonly argNames: readonly string[] = optionNames<Omit<MultiHeadAttentionArgs, keyof LayerArgs>>()({
    numHeads: true,
    keyDim: true,
    valueDim: true,
    dropout: true,
    seed: true,
    useBias: true,
    outputDim: true,
    kernelInitializer: true,
    biasInitializer: true,
  });
  readonly numHeads: number;
  readonly keyDim: number;
  readonly valueDim: number;
  readonly dropout: number;
  readonly seed: number | null;
  readonly useBias: boolean;
  readonly outputDim: number | null;
  private readonly initializers: { kernel: InitializerConfig; bias: InitializerConfig };
  readonly query: Dense;
  readonly key: Dense;
  readonly value: Dense;
  output?: Dense;
  private readonly weightDropout: Dropout;

  constructor(args: MultiHeadAttentionArgs) {
    super(args);
    this.numHeads = positiveInt(this.kind, 'numHeads', args.numHeads);
    this.keyDim = positiveInt(this.kind, 'keyDim', args.keyDim);
    this.valueDim = positiveInt(this.kind, 'valueDim', args.valueDim ?? this.keyDim);
    this.dropout = rate(this.kind, 'dropout', args.dropout ?? 0);
    const seed = args.seed ?? null;
    if (seed !== null && !Number.isInteger(seed))
      throw new ValueError(`${this.kind}: seed must be an integer, received ${String(seed)}`);
    this.seed = seed;
    this.useBias = args.useBias ?? true;
    this.outputDim = args.outputDim == null ? null : positiveInt(this.kind, 'outputDim', args.outputDim);
    this.initializers = {
      kernel: resolveInitializer(args.kernelInitializer ?? 'glorotUniform').getConfig(),
      bias: resolveInitializer(args.biasInitializer ?? 'zeros').getConfig(),
    };
    this.query = this.trackLayer(this.projection('query', this.numHeads * this.keyDim, 0));
    this.key = this.trackLayer(this.projection('key', this.numHeads * this.keyDim, 1));
    this.value = this.trackLayer(this.projection('value', this.numHeads * this.valueDim, 2));
    this.weightDropout = this.trackLayer(
      new Dropout({ name: `${this.name}/dropout`, rate: this.dropout, seed: this.seed }),
    );
  }

  private projection(name: string, units: number, index: number): Dense {
    const { kernel, bias } = this.initializers;
    return new Dense({
      name: `${this.name}/${name}`,
      units,
      useBias: this.useBias,
      kernelInitializer: offsetSeed(kernel, index),
      biasInitializer: offsetSeed(bias, index),
    });
  }

  protected override assertInputShapes(shapes: readonly Shape[]): void {
    if (shapes.length < 1 || shapes.length > 3) {
      throw new ShapeError(
        `${this.name}: expected query, [query, value] or [query, value, key], received ${shapes.length} inputs`,
      );
    }
    const [q, v = q, k = v] = shapes as [Shape, Shape?, Shape?];
    for (const [role, s, projection] of [
      ['query', q, this.query],
      ['value', v, this.value],
      ['key', k, this.key],
    ] as const) {
      if (s.length !== 3)
        throw new ShapeError(
          `${this.name}: expected ${role} of rank 3 [batch, length, features], received shape ${fmtShape(s)}`,
        );
      const features = projection.kernel?.shape[0];
      if (features !== undefined && s[2] !== null && s[2] !== features) {
        throw new ShapeError(
          `${this.name}: expected ${role} with last dimension ${features}, received shape ${fmtShape(s)}`,
        );
      }
    }
    if (k[1] !== null && v[1] !== null && k[1] !== v[1]) {
      throw new ShapeError(
        `${this.name}: key and value must have the same length, received key ${fmtShape(k)} and value ${fmtShape(v)}`,
      );
    }
  }

  override build(inputShape: Shape | Shape[]): void {
    const [q, v = q, k = v] = isShapeList(inputShape) ? inputShape : [inputShape];
    this.query.maybeBuild(q!);
    this.value.maybeBuild(v!);
    this.key.maybeBuild(k!);
    const outputDim = this.outputDim ?? knownDim(this.name, q!, -1);
    this.output = this.trackLayer(this.projection('attention_output', outputDim, 3));
    this.output.maybeBuild([q![0] ?? null, q![1] ?? null, this.numHeads * this.valueDim]);
    super.build(inputShape);
  }

  call(inputs: Tensor | Tensor[], { training = false, mask, useCausalMask = false }: AttentionCallArgs): Tensor {
    const [q, v = q, k = v] = Array.isArray(inputs) ? inputs : [inputs];
    const heads = this.numHeads;
    const query = splitHeads(this.query.apply(q!), heads);
    const key = splitHeads(this.key.apply(k!), heads);
    const value = splitHeads(this.value.apply(v!), heads);
    const dropWeights = this.dropout > 0 ? (w: Tensor) => this.weightDropout.apply(w, { training }) : undefined;
    const { output } = scaledDotProductAttention(query, key, value, {
      mask: mask && maskForHeads(mask),
      causal: useCausalMask,
      dropWeights,
    });
    return this.output!.apply(mergeHeads(output));
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const q = isShapeList(inputShape) ? inputShape[0]! : inputShape;
    return [q[0] ?? null, q[1] ?? null, this.outputDim ?? q[2] ?? null];
  }

  override getConfig(): MultiHeadAttentionConfig {
    return {
      ...super.getConfig(),
      numHeads: this.numHeads,
      keyDim: this.keyDim,
      valueDim: this.valueDim,
      dropout: this.dropout,
      seed: this.seed,
      useBias: this.useBias,
      outputDim: this.outputDim,
      kernelInitializer: this.initializers.kernel,
      biasInitializer: this.initializers.bias,
    };
  }
}

/** Creates a {@link MultiHeadAttention} layer. @example multiHeadAttention({ numHeads: 4, keyDim: 16 }) */
export function multiHeadAttention(args: MultiHeadAttentionArgs): MultiHeadAttention {
  return new MultiHeadAttention(args);
}
