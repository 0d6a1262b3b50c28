import { type DType, ShapeError, type Tensor, ValueError, checkOptions, optionNames } from '@rectify/tensor';
import { type CallArgs, Layer, type LayerConfig, singleInput } from './layer.js';
import { type Shape, fmtShape } from './shape.js';
import { SymbolicTensor } from './symbolic-tensor.js';

export interface InputLayerArgs {
  /** The full input shape, batch dimension first (`null` = unknown). */
  batchInputShape: Shape;
  name?: string;
  /** The dtype fed in: float32 features, or int32 indices for an embedding. Default float32. */
  inputDType?: 'float32' | 'int32';
}

export interface InputLayerConfig extends LayerConfig {
  batchInputShape: Shape;
  inputDType: 'float32' | 'int32';
}

/**
 * The entry of a functional graph: holds the declared input shape and checks real inputs against it. Created by
 * {@link input}.
 * @example const layer = new InputLayer({ batchInputShape: [null, 4] });
 */
export class InputLayer extends Layer<Tensor> {
  static override readonly className: string = 'InputLayer';
  readonly inputDType: 'float32' | 'int32';

  constructor(args: InputLayerArgs) {
    super({ name: args.name, batchInputShape: args.batchInputShape });
    const shape = args.batchInputShape;
    if (!Array.isArray(shape) || !shape.every((d) => d === null || (Number.isInteger(d) && d >= 0))) {
      throw new ValueError(`input: shape must hold non-negative integers or null, received ${JSON.stringify(shape)}`);
    }
    const dtype = args.inputDType ?? 'float32';
    if (dtype !== 'float32' && dtype !== 'int32') {
      throw new ValueError(`input: dtype must be 'float32' or 'int32', received ${JSON.stringify(dtype)}`);
    }
    this.inputDType = dtype;
    const outputs: SymbolicTensor[] = [];
    const node = { layer: this, inputs: [], outputs, args: {}, listInput: false, index: 0 };
    outputs.push(new SymbolicTensor([...shape], dtype, node, 0));
    this.inboundNodes.push(node);
    this.built = true;
  }

  /** The SymbolicTensor this layer feeds into the graph. */
  get output(): SymbolicTensor {
    return this.inboundNodes[0]!.outputs[0]!;
  }

  protected override assertInputShapes(shapes: readonly Shape[]): void {
    const want = this.batchInputShape!;
    const got = shapes[0];
    if (shapes.length !== 1 || !got)
      throw new ShapeError(`${this.name}: expected a single input, received ${shapes.length} inputs`);
    if (got.length !== want.length || want.some((d, i) => d !== null && got[i] !== null && got[i] !== d)) {
      throw new ShapeError(`${this.name}: expected input of shape ${fmtShape(want)}, received shape ${fmtShape(got)}`);
    }
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    return singleInput(this, inputs);
  }

  override getConfig(): InputLayerConfig {
    return { ...super.getConfig(), batchInputShape: [...this.batchInputShape!], inputDType: this.inputDType };
  }
}

export interface InputArgs {
  /** The shape of one sample, without the batch dimension. */
  shape?: readonly (number | null)[];
  /** A fixed batch size; default unknown (null). */
  batchSize?: number | null;
  name?: string;
  dtype?: DType;
  /** TensorFlow.js spelling: the full shape, batch dimension first (instead of `shape` and `batchSize`). */
  batchShape?: readonly (number | null)[];
}

const inputArgNames = optionNames<InputArgs>()({
  shape: true,
  batchSize: true,
  name: true,
  dtype: true,
  batchShape: true,
});

/**
 * Starts a functional graph: a SymbolicTensor of shape `[null, ...shape]`.
 * @example
 * const x = input({ shape: [784] });
 * const y = dense({ units: 10 }).apply(x);
 * const model = new Functional({ inputs: x, outputs: y });
 */
export function input(args: InputArgs): SymbolicTensor {
  checkOptions('input', args, inputArgNames);
  if (args.batchShape !== undefined && (args.shape !== undefined || args.batchSize !== undefined)) {
    throw new ValueError('input: give batchShape, or shape (and batchSize), not both');
  }
  const { shape = args.batchShape?.slice(1), batchSize = args.batchShape?.[0] ?? null, name, dtype = 'float32' } = args;
  if (!Array.isArray(shape)) throw new ValueError(`input: shape must be an array, received ${JSON.stringify(shape)}`);
  if (dtype !== 'float32' && dtype !== 'int32')
    throw new ValueError(`input: dtype must be 'float32' or 'int32', received ${JSON.stringify(dtype)}`);
  return new InputLayer({ batchInputShape: [batchSize, ...shape], name, inputDType: dtype }).output;
}

/** TensorFlow.js' `tf.layers.inputLayer` arguments. */
export interface TfjsInputLayerArgs {
  inputShape?: readonly (number | null)[];
  batchInputShape?: Shape;
  batchSize?: number;
  dtype?: 'float32' | 'int32';
  name?: string;
}

/**
 * TensorFlow.js' `layers.inputLayer({ inputShape | batchInputShape, batchSize?, dtype?, name? })`: an {@link InputLayer}.
 * @example const layer = inputLayer({ inputShape: [4] }); // batchInputShape [null, 4]
 */
export function inputLayer(args: TfjsInputLayerArgs): InputLayer {
  checkOptions(
    'inputLayer',
    args,
    optionNames<TfjsInputLayerArgs>()({
      inputShape: true,
      batchInputShape: true,
      batchSize: true,
      dtype: true,
      name: true,
    }),
  );
  if ((args.inputShape === undefined) === (args.batchInputShape === undefined)) {
    throw new ValueError('inputLayer: give exactly one of inputShape and batchInputShape');
  }
  const batchInputShape = args.batchInputShape ?? [args.batchSize ?? null, ...args.inputShape!];
  return new InputLayer({ batchInputShape, name: args.name, inputDType: args.dtype });
}
