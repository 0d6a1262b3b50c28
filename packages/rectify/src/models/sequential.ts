import { type Tensor, ValueError, checkOptions, optionNames } from '@rectify/tensor';
import {
  type CallArgs,
  InputLayer,
  Layer,
  type LayerClass,
  type LayerConfig,
  type SerializedLayer,
  type Shape,
  SymbolicTensor,
  deserializeLayer,
  serializeLayer,
} from '@rectify/layers';
import { LayersModel, type SummaryRow } from './layers-model.js';

export interface SequentialArgs {
  /** The layers in order; an `input({shape})` first gives the input shape, as Keras allows. */
  layers?: readonly (Layer | SymbolicTensor)[];
  name?: string;
}

const sequentialOptions = optionNames<SequentialArgs>()({ layers: true, name: true });

export interface SequentialConfig extends LayerConfig {
  layers: SerializedLayer[];
}

/**
 * A linear stack of layers (Keras `Sequential`). It builds as soon as the input shape is known — from the first
 * layer's `inputShape`, a leading `input()`, `build(shape)`, or the first batch it sees.
 *
 * @example
 * const model = sequential([layers.dense({ units: 16, activation: 'relu', inputShape: [4] }), layers.dense({ units: 3 })]);
 * model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
 */
export class Sequential extends LayersModel {
  static override readonly className = 'Sequential';
  private readonly stack: Layer[] = [];

  constructor(args: SequentialArgs = {}) {
    checkOptions('sequential', args, sequentialOptions);
    super({ name: args.name });
    const items = [...(args.layers ?? [])];
    if (items[0] instanceof SymbolicTensor) {
      const source = items.shift() as SymbolicTensor;
      if (!(source.sourceLayer instanceof InputLayer)) {
        throw new ValueError(
          `sequential: a SymbolicTensor may only come first and must come from input(), received the output of '${source.sourceLayer.name}'`,
        );
      }
      this.batchInputShape = [...source.shape];
    }
    for (const l of items) this.add(l as Layer);
    if (this.batchInputShape && !this.built) this.build(this.batchInputShape);
  }

  get layers(): readonly Layer[] {
    return [...this.stack];
  }

  get outputNames(): readonly string[] {
    const last = this.stack[this.stack.length - 1];
    return [last ? last.name : this.name];
  }

  /**
   * Appends a layer; if the model is already built, the layer is built at once for the current output shape.
   * @example
   * const model = sequential([layers.dense({ units: 4, inputShape: [2] })]);
   * model.add(layers.dense({ units: 1 }));
   * model.layers.length; // → 2
   */
  add(layer: Layer): void {
    if (!(layer instanceof Layer)) {
      throw new ValueError(
        `sequential.add: expected a Layer, received ${layer === null ? 'null' : typeof layer === 'object' ? (layer as object).constructor.name : typeof layer}`,
      );
    }
    if (layer instanceof InputLayer) {
      throw new ValueError(
        `sequential.add: pass input({shape}) as the first element of sequential([...]) or give the first layer an inputShape`,
      );
    }
    if (this.stack.some((l) => l.name === layer.name)) {
      throw new ValueError(`sequential.add: layer names must be unique, '${layer.name}' is already in the model`);
    }
    if (this.stack.length === 0 && !this.batchInputShape && layer.batchInputShape)
      this.batchInputShape = [...layer.batchInputShape];
    this.stack.push(this.trackLayer(layer));
    if (this.built) layer.maybeBuild(this.outputShapeAt(this.stack.length - 2));
    else if (this.stack.length === 1 && this.batchInputShape) this.build(this.batchInputShape);
  }

  /** Builds every layer for inputs of `inputShape` (batch axis first, null allowed). */
  override build(inputShape: Shape | Shape[]): void {
    let shape = inputShape;
    for (const l of this.stack) {
      l.maybeBuild(shape);
      shape = l.computeOutputShape(shape);
    }
    if (!this.batchInputShape && !Array.isArray(inputShape[0]))
      this.batchInputShape = [null, ...(inputShape as Shape).slice(1)];
    super.build(inputShape);
  }

  call(inputs: Tensor | Tensor[], args: CallArgs): Tensor | Tensor[] {
    if (this.stack.length === 0)
      throw new ValueError(`${this.name}: the model has no layers; add some before calling it`);
    let x: Tensor | Tensor[] = inputs;
    for (const l of this.stack) x = l.apply(x, args);
    return x;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return this.stack.reduce<Shape | Shape[]>((s, l) => l.computeOutputShape(s), inputShape);
  }

  /** The output shape after layer `index` (−1: the input shape). */
  private outputShapeAt(index: number): Shape | Shape[] {
    let shape: Shape | Shape[] = this.batchInputShape!;
    for (let i = 0; i <= index; i++) shape = this.stack[i]!.computeOutputShape(shape);
    return shape;
  }

  summaryRows(): SummaryRow[] {
    return this.stack.map((layer, i) => ({ layer, outputShape: this.outputShapeAt(i) }));
  }

  override getConfig(): SequentialConfig {
    return { ...super.getConfig(), layers: this.stack.map((l) => serializeLayer(l)) };
  }

  static override fromConfig<T extends Layer>(
    this: new (args: never) => T,
    config: LayerConfig,
    customClasses: Record<string, LayerClass> = {},
  ): T {
    const c = config as SequentialConfig;
    if (!Array.isArray(c.layers))
      throw new ValueError(
        `sequential.fromConfig: config.layers must be an array, received ${JSON.stringify(c.layers)}`,
      );
    const layers = c.layers.map((l) => deserializeLayer(l, { Sequential, ...customClasses }));
    const model = new Sequential({ name: c.name, layers }) as unknown as T;
    if (c.batchInputShape && !model.built) (model as unknown as Sequential).build(c.batchInputShape);
    return model;
  }
}

/**
 * A {@link Sequential} model from a list of layers, or from TensorFlow.js' `{ layers, name }`.
 * @example
 * const model = sequential([
 *   layers.dense({ units: 8, activation: 'relu', inputShape: [2] }),
 *   layers.dense({ units: 1, activation: 'sigmoid' }),
 * ]);
 * const same = sequential({ layers: [layers.dense({ units: 1, inputShape: [2] })] }); // tfjs' form
 */
export function sequential(
  layers?: readonly (Layer | SymbolicTensor)[] | SequentialArgs,
  options: { name?: string } = {},
): Sequential {
  if (layers === undefined || Array.isArray(layers)) {
    checkOptions('sequential', options, ['name']);
    return new Sequential({ layers: (layers ?? []) as readonly (Layer | SymbolicTensor)[], ...options });
  }
  return new Sequential(layers as SequentialArgs);
}
