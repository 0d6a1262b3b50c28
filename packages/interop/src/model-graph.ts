import { RectifyError, ValueError } from '@rectify/tensor';
import {
  type CallArgs,
  Embedding,
  Functional,
  InputLayer,
  type Layer,
  type Shape,
  type SymbolicTensor,
} from '@rectify/layers';

/** A linear stack of layers with the shape of its input (batch axis first), like a Sequential model. */
export interface LayerStack {
  readonly layers: readonly Layer[];
  /** The input shape with the batch axis; default the first layer's `batchInputShape`. */
  readonly batchInputShape?: Shape;
  readonly name?: string;
}

/**
 * What the exporters accept: a functional graph (`Functional` from @rectify/layers), the umbrella's functional
 * `Model` (`{ graph: Functional }`), or a layer stack (the umbrella's `Sequential`, or `{ layers, batchInputShape }`).
 */
export type ExportableModel = Functional | { readonly graph: Functional; readonly name?: string } | LayerStack;

/** One tensor flowing through the graph. */
export interface GraphValue {
  readonly id: number;
  readonly shape: Shape;
  readonly dtype: 'float32' | 'int32';
}

/** One layer application. `args.training` is set only where the graph fixed it (MC dropout). */
export interface GraphStep {
  readonly layer: Layer;
  readonly inputs: readonly GraphValue[];
  readonly outputs: readonly GraphValue[];
  readonly args: CallArgs;
}

/** A model flattened to layer applications in execution order; nested models are inlined. */
export interface LayerGraph {
  readonly name: string;
  readonly inputs: readonly { readonly name: string; readonly value: GraphValue }[];
  readonly outputs: readonly { readonly name: string; readonly value: GraphValue }[];
  readonly steps: readonly GraphStep[];
}

let nextId = 0;
const value = (shape: Shape, dtype: 'float32' | 'int32'): GraphValue => ({ id: nextId++, shape: [...shape], dtype });

function isStack(m: unknown): m is LayerStack {
  return typeof m === 'object' && m !== null && Array.isArray((m as LayerStack).layers) && !(m instanceof Functional);
}

function graphOf(m: unknown): Functional | undefined {
  if (m instanceof Functional) return m;
  const g = (m as { graph?: unknown } | null)?.graph;
  return g instanceof Functional ? g : undefined;
}

/**
 * The model as a flat list of layer applications.
 * @example toLayerGraph('exportOnnx', sequential([layers.dense({ units: 2, inputShape: [3] })])).steps.length; // → 1
 */
export function toLayerGraph(fn: string, model: ExportableModel): LayerGraph {
  const name = (model as { name?: string }).name ?? 'model';
  const graph = graphOf(model);
  if (graph) {
    const inputs = graph.inputs.map((s) => ({
      name: s.sourceLayer.name,
      value: value(s.shape, s.dtype === 'int32' ? 'int32' : 'float32'),
    }));
    const steps: GraphStep[] = [];
    const outs = inlineGraph(
      fn,
      graph,
      inputs.map((i) => i.value),
      undefined,
      steps,
    );
    const names = graph.outputs.map((s) => s.sourceLayer.name);
    const outputs = outs.map((v, i) => ({
      name: names.indexOf(names[i]!) === i ? names[i]! : `${names[i]}_${i}`,
      value: v,
    }));
    return { name, inputs, outputs, steps };
  }
  if (!isStack(model)) {
    throw new ValueError(
      `${fn}: expected a Functional, a model with a graph, or {layers, batchInputShape}, received ${describe(model)}`,
    );
  }
  const first = model.layers[0];
  const shape = model.batchInputShape ?? first?.batchInputShape;
  if (!first) throw new ValueError(`${fn}: the model '${name}' has no layers`);
  if (!shape) {
    throw new RectifyError(
      `${fn}: the input shape of '${name}' is unknown; give the first layer an inputShape or pass batchInputShape`,
    );
  }
  const input = value(shape, first instanceof Embedding ? 'int32' : 'float32');
  const steps: GraphStep[] = [];
  const out = inlineStack(fn, model.layers, input, undefined, steps);
  const last = model.layers[model.layers.length - 1]!;
  return { name, inputs: [{ name: 'input', value: input }], outputs: [{ name: last.name, value: out }], steps };
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x !== 'object') return typeof x;
  return (x as object).constructor?.name ?? 'an object';
}

function training(inherited: boolean | undefined, args: CallArgs): CallArgs {
  const t = args.training ?? inherited;
  return t === undefined ? { ...args } : { ...args, training: t };
}

function inlineGraph(
  fn: string,
  g: Functional,
  inputs: readonly GraphValue[],
  inherited: boolean | undefined,
  steps: GraphStep[],
): GraphValue[] {
  const values = new Map<number, GraphValue>();
  g.inputs.forEach((s, i) => values.set(s.id, inputs[i]!));
  for (const node of g.nodes) {
    if (node.layer instanceof InputLayer) continue;
    const ins = node.inputs.map((s) => values.get(s.id)!);
    const args = training(inherited, node.args);
    const outs = applyLayer(fn, node.layer, ins, node.outputs, args, steps);
    node.outputs.forEach((s, i) => values.set(s.id, outs[i]!));
  }
  return g.outputs.map((s) => values.get(s.id)!);
}

function inlineStack(
  fn: string,
  layers: readonly Layer[],
  input: GraphValue,
  inherited: boolean | undefined,
  steps: GraphStep[],
): GraphValue {
  let x = input;
  for (const layer of layers) {
    const shape = layer.computeOutputShape(x.shape);
    if (Array.isArray(shape[0]))
      throw new ValueError(`${fn}: layer '${layer.name}' in a stack returns several outputs`);
    const args = training(inherited, {});
    x = applyLayer(fn, layer, [x], [{ shape: shape as Shape, dtype: 'float32' }], args, steps)[0]!;
  }
  return x;
}

function applyLayer(
  fn: string,
  layer: Layer,
  ins: readonly GraphValue[],
  outs: readonly Pick<SymbolicTensor, 'shape' | 'dtype'>[],
  args: CallArgs,
  steps: GraphStep[],
): GraphValue[] {
  const graph = graphOf(layer);
  if (graph) return inlineGraph(fn, graph, ins, args.training as boolean | undefined, steps);
  if (layer.className === 'Sequential' && isStack(layer))
    return [inlineStack(fn, layer.layers, ins[0]!, args.training as boolean | undefined, steps)];
  if (!layer.built) {
    throw new RectifyError(
      `${fn}: layer '${layer.name}' is not built yet (it has no weights); run the model once or build it before exporting`,
    );
  }
  const outputs = outs.map((s) => value(s.shape, 'float32'));
  steps.push({ layer, inputs: ins, outputs, args });
  return outputs;
}
