import { type Tensor, ValueError, checkOptions } from '@rectify/tensor';
import {
  type CallArgs,
  Functional,
  type FunctionalConfig,
  InputLayer,
  type Layer,
  type LayerClass,
  type LayerConfig,
  type Shape,
  type SymbolicTensor,
  layerClasses,
} from '@rectify/layers';
import { LayersModel, type SummaryRow } from './layers-model.js';
import { Sequential } from './sequential.js';

export interface ModelArgs {
  inputs: SymbolicTensor | readonly SymbolicTensor[];
  outputs: SymbolicTensor | readonly SymbolicTensor[];
  name?: string;
  trainable?: boolean;
}

/**
 * A model over a graph of layers built with `input()` and `layer.apply(symbolic)` (the Keras functional API):
 * several inputs or outputs, skip connections, shared layers.
 *
 * @example
 * const x = input({ shape: [4] });
 * const h = layers.dense({ units: 8, activation: 'relu' }).apply(x) as SymbolicTensor;
 * const skip = layers.dense({ units: 8 }).apply(x) as SymbolicTensor;
 * const y = layers.dense({ units: 1 }).apply(layers.add().apply([h, skip])) as SymbolicTensor;
 * const m = model({ inputs: x, outputs: y });
 */
export class Model extends LayersModel {
  static override readonly className = 'Model';
  /** The graph runner from @rectify/layers that this model trains. */
  readonly graph: Functional;

  constructor(args: ModelArgs) {
    if (args === null || typeof args !== 'object' || !args.inputs || !args.outputs) {
      throw new ValueError('model: expected {inputs, outputs} from input() and layer.apply(...)');
    }
    checkOptions('model', args, ['inputs', 'outputs', 'name', 'trainable'] satisfies (keyof ModelArgs)[]);
    super({ name: args.name, trainable: args.trainable });
    this.graph = this.trackLayer(new Functional({ inputs: args.inputs, outputs: args.outputs }));
    this.built = true;
  }

  get layers(): readonly Layer[] {
    return this.graph.layers;
  }

  get inputs(): readonly SymbolicTensor[] {
    return this.graph.inputs;
  }

  get outputs(): readonly SymbolicTensor[] {
    return this.graph.outputs;
  }

  get outputNames(): readonly string[] {
    const names = this.graph.outputs.map((s) => s.sourceLayer.name);
    // A layer with several outputs appears once per output; suffixes keep the log keys apart.
    return names.map((n, i) => (names.indexOf(n) === i && names.lastIndexOf(n) === i ? n : `${n}_${i}`));
  }

  protected override assertInputShapes(): void {
    // The graph's input layers check count and shapes.
  }

  call(inputs: Tensor | Tensor[], args: CallArgs): Tensor | Tensor[] {
    return this.graph.apply(inputs, args);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return this.graph.computeOutputShape(inputShape);
  }

  summaryRows(): SummaryRow[] {
    return this.graph.layers.map((layer) => {
      if (layer instanceof InputLayer) return { layer, outputShape: layer.batchInputShape! };
      const nodes = this.graph.nodes.filter((n) => n.layer === layer);
      if (nodes.length !== 1) return { layer, outputShape: 'multiple' };
      const shapes = nodes[0]!.outputs.map((s) => s.shape);
      return { layer, outputShape: shapes.length === 1 ? shapes[0]! : shapes };
    });
  }

  override getConfig(): FunctionalConfig {
    return { ...this.graph.getConfig(), ...super.getConfig() };
  }

  static override fromConfig<T extends Layer>(
    this: new (args: never) => T,
    config: LayerConfig,
    customClasses: Record<string, LayerClass> = {},
  ): T {
    const c = config as FunctionalConfig;
    const graph = Functional.fromConfig(c, { ...layerClasses(), Model, Sequential, ...customClasses }) as Functional;
    const pick = (list: readonly SymbolicTensor[], asList: boolean): SymbolicTensor | readonly SymbolicTensor[] =>
      asList ? list : list[0]!;
    return new Model({
      inputs: pick(graph.inputs, c.listInput),
      outputs: pick(graph.outputs, c.listOutput),
      name: c.name,
      trainable: c.trainable,
    }) as unknown as T;
  }
}

/**
 * A functional {@link Model} from its input and output SymbolicTensors.
 * @example
 * const x = input({ shape: [4] });
 * const y = layers.dense({ units: 1 }).apply(x) as SymbolicTensor;
 * const m = model({ inputs: x, outputs: y });
 * m.predict(ones([2, 4])).shape; // → [2, 1]
 */
export function model(args: ModelArgs): Model {
  return new Model(args);
}
