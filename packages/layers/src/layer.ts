import { noGrad } from '@rectify/autograd';
import { ShapeError, Tensor, ValueError, type Variable, cast, checkOptions, optionNames } from '@rectify/tensor';
import type { Activation, InitializerIdentifier } from './identifiers.js';
import { type InputSpec, assertInputSpec } from './input-spec.js';
import { toSnakeCase, uniqueName } from './naming.js';
import { type Shape, fmtShape, isShapeList } from './shape.js';
import { type Node, SymbolicTensor } from './symbolic-tensor.js';
import { type AddWeightOptions, type WeightRecord, assignWeights, createWeight } from './weights.js';

export type { AddWeightOptions } from './weights.js';

export interface LayerArgs {
  name?: string;
  trainable?: boolean;
  /** The input shape without the batch dimension (first layer of a Sequential). */
  inputShape?: readonly (number | null)[];
  /** The input shape with the batch dimension (`null` when unknown). */
  batchInputShape?: Shape;
  dtype?: 'float32';
  /** TensorFlow.js spelling: a fixed batch size, with `inputShape` (batchInputShape = [batchSize, ...inputShape]). */
  batchSize?: number;
  /** TensorFlow.js spelling of `inputShape: [inputDim]` (except on Embedding, where it is the vocabulary size). */
  inputDim?: number;
  /** TensorFlow.js' dtype of the first layer's input; layers take the dtype they are fed, so only a check. */
  inputDType?: 'float32' | 'int32';
}

/** Every layer's common option names (the keys of LayerArgs). */
export const layerArgNames = optionNames<LayerArgs>()({
  name: true,
  trainable: true,
  inputShape: true,
  batchInputShape: true,
  dtype: true,
  batchSize: true,
  inputDim: true,
  inputDType: true,
});

/** TensorFlow.js layer options Rectify has no equivalent for: an error that says so, rather than "unknown". */
export const tfjsOnly: Readonly<Record<string, string>> = Object.fromEntries(
  ['kernelConstraint', 'biasConstraint', 'betaConstraint', 'gammaConstraint', 'alphaConstraint', 'embeddingsConstraint']
    .map((k) => [k, 'weight constraints are a TensorFlow.js feature Rectify does not implement'])
    .concat([
      ['activityRegularizer', 'activity regularizers are a TensorFlow.js feature Rectify does not implement'],
      ['weights', 'set initial weights with layer.setWeights(...) after the layer is built'],
    ]),
);

export interface CallArgs {
  /** Training mode: dropout drops, batch normalization uses and updates batch statistics. Default false. */
  training?: boolean;
  /** Layer-specific options, e.g. attention's `mask` and `useCausalMask`. */
  [option: string]: unknown;
}

/** What every `getConfig()` holds; layers add their own options. Everything in it is plain JSON. */
export interface LayerConfig {
  name: string;
  trainable: boolean;
  dtype: 'float32';
  batchInputShape?: Shape;
}

type Inputs = Tensor | readonly Tensor[];

/**
 * Masks attached to the tensors layers returned (Keras' `_keras_mask`): `[batch, time]`, 1 where a step is real and
 * 0 where it is padding. A WeakMap, so a mask lives exactly as long as anyone can reach its tensor.
 */
const masks = new WeakMap<Tensor, Tensor>();

/**
 * The mask a layer attached to `t` (Embedding with `maskZero`, Masking, or a layer that passed one on), if any.
 * @example getMask(embedding({ inputDim: 5, outputDim: 2, maskZero: true }).apply(tensor([[1, 0]], undefined, 'int32'))); // → [[true, false]]
 */
export function getMask(t: Tensor): Tensor | undefined {
  return masks.get(t);
}
type SymbolicInputs = SymbolicTensor | readonly SymbolicTensor[];
/** What a layer producing `Out` gives when applied to SymbolicTensors. */
export type SymbolicOutput<Out> = Out extends Tensor[] ? SymbolicTensor[] : SymbolicTensor;

/**
 * The layer lifecycle (Keras): the constructor validates options; `build(inputShape)` creates the weights with
 * `addWeight` once the input size is known; `call` computes; `apply` checks the input shape, builds on first use,
 * then calls — on real tensors, or on SymbolicTensors to record a functional graph.
 *
 * @example
 * const layer = dense({ units: 2 });
 * const y = layer.apply(ones([3, 4])); // builds a [4, 2] kernel, y.shape = [3, 2]
 */
export abstract class Layer<Out extends Tensor | Tensor[] = Tensor | Tensor[]> {
  /** The serialization name of the class (`'Dense'`); each subclass sets its own. */
  static readonly className: string = 'Layer';
  /**
   * The constructor options this class adds to {@link LayerArgs}; when set (every built-in layer sets it), any other
   * key is an error with a "did you mean" hint. A custom layer may set it to get the same check.
   */
  static readonly argNames?: readonly string[];

  readonly name: string;
  readonly dtype = 'float32' as const;
  built = false;
  batchInputShape?: Shape;
  /** The shape `build` received, kept so a deserialized layer can be rebuilt before `setWeights`. */
  buildInputShape?: Shape | Shape[];
  /** The activation the layer applies, if any (through `activate`, which `withPreActivations` can watch). */
  readonly activation?: Activation;
  /** Where this layer was applied to SymbolicTensors (functional API), in order. */
  readonly inboundNodes: Node[] = [];
  /** Whether the input's mask passes through unchanged (elementwise layers; Keras `supports_masking`). */
  supportsMasking = false;
  /** Whether `call` reads the input's mask as `args.mask` (recurrent layers); others never see it. */
  protected readonly receivesMask: boolean = false;
  /** Checked by `apply`: rank in the constructor, sizes once built. An array gives one spec per input. */
  protected inputSpec?: InputSpec | InputSpec[];

  private readonly ownWeights: WeightRecord[] = [];
  private readonly children: Layer[] = [];
  private trainableFlag: boolean;

  constructor(args: LayerArgs = {}) {
    const own = (this.constructor as typeof Layer).argNames;
    if (own) checkOptions(this.kind, args, [...layerArgNames, ...own], tfjsOnly);
    if (args.name !== undefined && (typeof args.name !== 'string' || args.name.length === 0)) {
      throw new ValueError(`${this.kind}: name must be a non-empty string, received ${JSON.stringify(args.name)}`);
    }
    this.name = args.name ?? uniqueName(this.kind);
    this.trainableFlag = args.trainable ?? true;
    if (args.dtype !== undefined && args.dtype !== 'float32') {
      throw new ValueError(`${this.kind}: dtype must be 'float32', received ${JSON.stringify(args.dtype)}`);
    }
    const dataFormat = (args as { dataFormat?: unknown }).dataFormat;
    if (dataFormat !== undefined && dataFormat !== 'channelsLast') {
      throw new ValueError(
        `${this.kind}: dataFormat must be 'channelsLast' (NHWC, the only layout Rectify implements), received ${JSON.stringify(dataFormat)}`,
      );
    }
    if (args.inputDType !== undefined && args.inputDType !== 'float32' && args.inputDType !== 'int32') {
      throw new ValueError(
        `${this.kind}: inputDType must be 'float32' or 'int32', received ${JSON.stringify(args.inputDType)}`,
      );
    }
    const inputShape =
      args.inputShape ?? (args.inputDim !== undefined && !own?.includes('inputDim') ? [args.inputDim] : undefined);
    if (args.inputDim !== undefined && args.inputShape !== undefined && !own?.includes('inputDim')) {
      throw new ValueError(
        `${this.kind}: give inputShape or inputDim, not both (received ${JSON.stringify(args.inputShape)} and ${args.inputDim})`,
      );
    }
    if (args.batchSize !== undefined && (!Number.isInteger(args.batchSize) || args.batchSize < 1)) {
      throw new ValueError(`${this.kind}: batchSize must be a positive integer, received ${String(args.batchSize)}`);
    }
    if (args.batchInputShape) this.batchInputShape = [...args.batchInputShape];
    else if (inputShape) this.batchInputShape = [args.batchSize ?? null, ...inputShape];
  }

  get className(): string {
    return (this.constructor as typeof Layer).className;
  }

  /**
   * The layer type in snake_case: the base of default names (`dense`, `dense_1`) and the subject of errors about
   * constructor options (`dense: units must be a positive integer, received 0`).
   */
  protected get kind(): string {
    return toSnakeCase(this.className);
  }

  /** A frozen layer (`trainable = false`) lists all its weights as non-trainable; gradients skip them. */
  get trainable(): boolean {
    return this.trainableFlag;
  }

  set trainable(value: boolean) {
    this.trainableFlag = value;
    for (const w of this.ownWeights) w.variable.trainable = w.trainable && value;
    for (const l of this.children) l.trainable = value;
  }

  /** Creates the weights for inputs of `inputShape`; subclasses end with `super.build(inputShape)`. */
  build(inputShape: Shape | Shape[]): void {
    this.buildInputShape = inputShape;
    this.built = true;
  }

  /** Builds once; parents call this on their sublayers. */
  maybeBuild(inputShape: Shape | Shape[]): void {
    if (this.built) return;
    this.build(inputShape);
    this.built = true;
  }

  /** The computation, on real tensors; `apply` has already validated and built. */
  abstract call(inputs: Tensor | Tensor[], args: CallArgs): Out;

  /** The output shape for an input shape, without running anything. Identity by default. */
  computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return inputShape;
  }

  /**
   * Checks the input shape, builds on first use, then calls. With SymbolicTensors it records a graph node instead
   * and returns SymbolicTensors of the computed output shape.
   */
  apply(inputs: SymbolicInputs, args?: CallArgs): SymbolicOutput<Out>;
  apply(inputs: Inputs, args?: CallArgs): Out;
  apply(inputs: Inputs | SymbolicInputs, args?: CallArgs): Out | SymbolicOutput<Out>;
  apply(inputs: Inputs | SymbolicInputs, args: CallArgs = {}): Out | SymbolicOutput<Out> {
    const list: readonly unknown[] = Array.isArray(inputs) ? inputs : [inputs];
    const symbolic = list.length > 0 && list.every((x) => x instanceof SymbolicTensor);
    if (!symbolic && !(list.length > 0 && list.every((x) => x instanceof Tensor))) {
      const got = list.map((x) =>
        x instanceof Tensor ? 'Tensor' : x instanceof SymbolicTensor ? 'SymbolicTensor' : typeof x,
      );
      throw new ValueError(
        `${this.name}: inputs must all be Tensors or all SymbolicTensors, received [${got.join(', ')}]`,
      );
    }
    const shapes = (list as (Tensor | SymbolicTensor)[]).map((t) => t.shape);
    const shapeArg = Array.isArray(inputs) ? shapes : shapes[0]!;
    this.assertInputShapes(shapes);
    this.maybeBuild(shapeArg);
    this.assertInputShapes(shapes);
    if (symbolic)
      return this.applySymbolic(list as SymbolicTensor[], Array.isArray(inputs), shapeArg, args) as SymbolicOutput<Out>;
    const real = inputs as Tensor | Tensor[];
    const mask = masks.get(list[0] as Tensor);
    const out = this.call(real, mask && this.receivesMask && args.mask === undefined ? { ...args, mask } : args);
    const outMask = this.computeMask(real, mask);
    if (outMask) for (const t of Array.isArray(out) ? out : [out]) masks.set(t, outMask);
    return out;
  }

  /**
   * The mask of the output for the input's mask (`[batch, time]`): the input's own when `supportsMasking`, none
   * otherwise. Embedding and Masking create one; recurrent layers keep it only when they return sequences.
   */
  computeMask(_inputs: Tensor | Tensor[], mask: Tensor | undefined): Tensor | undefined {
    return this.supportsMasking ? mask : undefined;
  }

  /** Validates against `inputSpec`; layers with several inputs or special rules override this. */
  protected assertInputShapes(shapes: readonly Shape[]): void {
    const spec = this.inputSpec;
    if (!spec) return;
    if (Array.isArray(spec)) {
      if (spec.length !== shapes.length) {
        throw new ShapeError(`${this.name}: expected ${spec.length} inputs, received ${shapes.length}`);
      }
      spec.forEach((s, i) => assertInputSpec(this.name, s, shapes[i]!, i));
      return;
    }
    if (shapes.length !== 1)
      throw new ShapeError(`${this.name}: expected a single input, received ${shapes.length} inputs`);
    assertInputSpec(this.name, spec as InputSpec, shapes[0]!);
  }

  private applySymbolic(
    inputs: SymbolicTensor[],
    listInput: boolean,
    shapeArg: Shape | Shape[],
    args: CallArgs,
  ): SymbolicTensor | SymbolicTensor[] {
    const out = this.computeOutputShape(shapeArg);
    const outShapes = isShapeList(out) ? out : [out];
    const node: Node = { layer: this, inputs, outputs: [], args, listInput, index: this.inboundNodes.length };
    node.outputs.push(...outShapes.map((s, i) => new SymbolicTensor(s, 'float32', node, i)));
    this.inboundNodes.push(node);
    return isShapeList(out) ? node.outputs : node.outputs[0]!;
  }

  /**
   * Creates a weight through an initializer. Its variable is named `${layer.name}/${name}`, unique per layer.
   * @example
   * // Multiplies each feature by a learned scale, one per input feature, created when the input shape is known.
   * class Scale extends Layer<Tensor> {
   *   scale?: Variable;
   *   override build(inputShape: Shape | Shape[]): void {
   *     const shape = inputShape as Shape;
   *     this.scale = this.addWeight('scale', [shape[shape.length - 1]!], 'ones', { regularizer: 'l2' });
   *     super.build(inputShape);
   *   }
   *   call(inputs: Tensor | Tensor[]): Tensor {
   *     return mul(inputs as Tensor, this.scale!);
   *   }
   * }
   * const layer = new Scale({ name: 'scale' });
   * layer.apply(tensor([[1, -2, 3]])) // → [[1, -2, 3]]
   * layer.weights.map((w) => w.shape) // → [[3]]
   */
  addWeight(
    name: string,
    shape: readonly number[],
    initializer: InitializerIdentifier,
    options: AddWeightOptions = {},
  ): Variable {
    if (this.ownWeights.some((w) => w.variable.name === `${this.name}/${name}`)) {
      throw new ValueError(`${this.name}: a weight named '${name}' already exists (was build called twice?)`);
    }
    const record = createWeight(this.name, name, shape, initializer, options, this.trainable);
    this.ownWeights.push(record);
    return record.variable;
  }

  /** Registers a layer used inside this one, so its weights count as this layer's. */
  protected trackLayer<T extends Layer>(layer: T): T {
    this.children.push(layer);
    return layer;
  }

  /** Layers used inside this one (attention projections, a graph's layers), in tracking order. */
  get sublayers(): readonly Layer[] {
    return this.children;
  }

  /** All weights in creation order (own first, then sublayers'): the order of getWeights/setWeights. */
  get weights(): Variable[] {
    return [...this.ownWeights.map((w) => w.variable), ...this.children.flatMap((l) => l.weights)];
  }

  get trainableWeights(): Variable[] {
    if (!this.trainable) return [];
    const own = this.ownWeights.filter((w) => w.trainable).map((w) => w.variable);
    return [...own, ...this.children.flatMap((l) => l.trainableWeights)];
  }

  get nonTrainableWeights(): Variable[] {
    if (!this.trainable) return this.weights;
    const own = this.ownWeights.filter((w) => !w.trainable).map((w) => w.variable);
    return [...own, ...this.children.flatMap((l) => l.nonTrainableWeights)];
  }

  /** Snapshots of the current weight values, in `weights` order. They share memory until a weight is assigned. */
  getWeights(): Tensor[] {
    return noGrad(() => this.weights.map((w) => cast(w, w.dtype)));
  }

  /** Replaces every weight's value, after checking the count and every shape (nothing changes on error). */
  setWeights(values: readonly Tensor[]): void {
    assignWeights(this.name, this.built, this.weights, values);
  }

  /** The number of scalars in all weights. */
  countParams(): number {
    return this.weights.reduce((n, w) => n + w.size, 0);
  }

  /**
   * Regularization penalties on the current weights (own and sublayers'); add them to the loss. A frozen layer
   * contributes none: its penalty would be a constant.
   */
  regularizationLosses(): Tensor[] {
    const own = this.ownWeights
      .filter((w) => w.regularizer && this.trainable)
      .map((w) => w.regularizer!.apply(w.variable));
    return [...own, ...this.children.flatMap((l) => l.regularizationLosses())];
  }

  /** The options that recreate this layer with `fromConfig`: `{...super.getConfig(), ...own}` in subclasses. */
  getConfig(): LayerConfig {
    return {
      name: this.name,
      trainable: this.trainable,
      dtype: this.dtype,
      ...(this.batchInputShape && { batchInputShape: [...this.batchInputShape] }),
    };
  }

  /** A new, unbuilt layer from `getConfig()`'s output. */
  static fromConfig<T extends Layer>(this: new (args: never) => T, config: LayerConfig): T {
    return new this(config as never);
  }

  /** Frees the weights (and sublayers'); the layer cannot be used afterwards. */
  dispose(): void {
    for (const w of this.ownWeights) w.variable.dispose();
    this.ownWeights.length = 0;
    for (const l of this.children) l.dispose();
    this.built = false;
  }

  toString(): string {
    const shape = this.batchInputShape ? `, batchInputShape=${fmtShape(this.batchInputShape)}` : '';
    return `${this.className}(${this.name}${shape})`;
  }
}

/**
 * The one tensor of a single-input layer; a list of several is a clear error naming the layer.
 * @example singleInput(dense({ units: 1 }), [tensor([1, 2])]); // → [1, 2]
 */
export function singleInput(layer: Layer, inputs: Tensor | Tensor[]): Tensor {
  if (Array.isArray(inputs)) {
    if (inputs.length !== 1)
      throw new ValueError(`${layer.name}: expected a single input tensor, received a list of ${inputs.length}`);
    return inputs[0]!;
  }
  return inputs;
}
