import { ShapeError, type Tensor, ValueError } from '@rectify/tensor';
import { InputLayer } from './input-layer.js';
import { type CallArgs, Layer, type LayerConfig } from './layer.js';
import { type Shape, isShapeList } from './shape.js';
import type { Node, SymbolicTensor } from './symbolic-tensor.js';
import { type GraphConfig, deserializeGraph, serializeGraph } from './graph-config.js';
import type { LayerClass } from './layer-class.js';

export interface FunctionalArgs {
  inputs: SymbolicTensor | readonly SymbolicTensor[];
  outputs: SymbolicTensor | readonly SymbolicTensor[];
  name?: string;
  trainable?: boolean;
}

export type FunctionalConfig = LayerConfig & GraphConfig;

/**
 * A graph of layers built by applying them to SymbolicTensors (the Keras functional API): linear stacks,
 * several inputs or outputs, shared layers, merges. It is itself a layer, so graphs nest.
 *
 * @example
 * const a = input({ shape: [3] });
 * const b = input({ shape: [3] });
 * const y = dense({ units: 1 }).apply(add().apply([a, b]));
 * const model = new Functional({ inputs: [a, b], outputs: y });
 * model.apply([ones([2, 3]), ones([2, 3])]); // shape [2, 1]
 */
export class Functional extends Layer {
  static override readonly className: string = 'Functional';
  readonly inputs: readonly SymbolicTensor[];
  readonly outputs: readonly SymbolicTensor[];
  /** Every layer once, in execution order, input layers first. */
  readonly layers: readonly Layer[];
  /** Every node in execution order (a shared layer has one node per application). */
  readonly nodes: readonly Node[];
  /** Whether inputs / outputs were given as lists (then `call` takes / returns lists, even of one tensor). */
  readonly listInput: boolean;
  readonly listOutput: boolean;

  constructor(args: FunctionalArgs) {
    super({ name: args.name, trainable: args.trainable });
    this.listInput = Array.isArray(args.inputs);
    this.listOutput = Array.isArray(args.outputs);
    this.inputs = Array.isArray(args.inputs) ? [...args.inputs] : [args.inputs as SymbolicTensor];
    this.outputs = Array.isArray(args.outputs) ? [...args.outputs] : [args.outputs as SymbolicTensor];
    if (this.inputs.length === 0 || this.outputs.length === 0) {
      throw new ValueError(
        `${this.kind}: needs at least one input and one output, received ${this.inputs.length} and ${this.outputs.length}`,
      );
    }
    this.inputs.forEach((s, i) => {
      if (!(s.sourceLayer instanceof InputLayer)) {
        throw new ValueError(
          `${this.kind}: inputs[${i}] must come from input(), received the output of '${s.sourceLayer.name}'`,
        );
      }
    });
    this.nodes = topologicalNodes(this.kind, this.inputs, this.outputs);
    this.layers = [...new Set(this.nodes.map((n) => n.layer))];
    const seen = new Set<string>();
    for (const l of this.layers) {
      if (seen.has(l.name))
        throw new ValueError(`${this.kind}: layer names must be unique, '${l.name}' is used by two layers`);
      seen.add(l.name);
      this.trackLayer(l);
    }
    this.batchInputShape = this.inputs[0]!.shape;
    this.built = true;
  }

  protected override assertInputShapes(shapes: readonly Shape[]): void {
    if (shapes.length !== this.inputs.length) {
      throw new ShapeError(
        `${this.name}: expected ${this.inputs.length} input${this.inputs.length === 1 ? '' : 's'}, received ${shapes.length}`,
      );
    }
  }

  /** Runs the graph on real tensors; `args.training` reaches every layer unless a node fixed its own. */
  call(inputs: Tensor | Tensor[], args: CallArgs): Tensor | Tensor[] {
    const xs = Array.isArray(inputs) ? inputs : [inputs];
    const values = new Map<number, Tensor>();
    this.inputs.forEach((s, i) => values.set(s.id, s.sourceLayer.apply(xs[i]!) as Tensor));
    for (const node of this.nodes) {
      if (node.layer instanceof InputLayer) continue;
      const ins = node.inputs.map((s) => values.get(s.id)!);
      const out = node.layer.apply(node.listInput ? ins : ins[0]!, {
        ...node.args,
        training: node.args.training ?? args.training,
      });
      const outs = Array.isArray(out) ? out : [out];
      node.outputs.forEach((s, i) => values.set(s.id, outs[i]!));
    }
    const ys = this.outputs.map((s) => values.get(s.id)!);
    return this.listOutput ? ys : ys[0]!;
  }

  /** Propagates shapes through the graph without computing anything (used when a graph is nested). */
  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const given = isShapeList(inputShape) ? inputShape : [inputShape];
    const shapes = new Map<number, Shape>();
    this.inputs.forEach((s, i) => shapes.set(s.id, given[i] ?? s.shape));
    for (const node of this.nodes) {
      if (node.layer instanceof InputLayer) continue;
      const ins = node.inputs.map((s) => shapes.get(s.id)!);
      const out = node.layer.computeOutputShape(node.listInput ? ins : ins[0]!);
      const outs = isShapeList(out) ? out : [out];
      node.outputs.forEach((s, i) => shapes.set(s.id, outs[i]!));
    }
    const ys = this.outputs.map((s) => shapes.get(s.id)!);
    return this.listOutput ? ys : ys[0]!;
  }

  /** The layers and their connections, as plain JSON (Keras' functional config). */
  override getConfig(): FunctionalConfig {
    return { ...super.getConfig(), ...serializeGraph(this.kind, this) };
  }

  /** Rebuilds the graph from `getConfig()`; `customClasses` resolves layer classes defined outside this package. */
  static override fromConfig<T extends Layer>(
    this: new (args: never) => T,
    config: LayerConfig,
    customClasses: Record<string, LayerClass> = {},
  ): T {
    const graph = deserializeGraph(config as FunctionalConfig, customClasses);
    const { name, trainable } = config;
    return new this({ ...graph, name, trainable } as never);
  }
}

/** Nodes from the inputs to the outputs, each after the nodes it reads (depth-first post-order). */
function topologicalNodes(kind: string, inputs: readonly SymbolicTensor[], outputs: readonly SymbolicTensor[]): Node[] {
  const order: Node[] = inputs.map((s) => s.node);
  const done = new Set<Node>(order);
  const visit = (node: Node): void => {
    if (done.has(node)) return;
    if (node.layer instanceof InputLayer) {
      throw new ValueError(`${kind}: the outputs depend on input '${node.layer.name}', which is not listed in inputs`);
    }
    done.add(node);
    for (const s of node.inputs) visit(s.node);
    order.push(node);
  };
  for (const s of outputs) visit(s.node);
  return order;
}
