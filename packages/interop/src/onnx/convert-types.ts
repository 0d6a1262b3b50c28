import { ValueError } from '@rectify/tensor';
import type { Layer, Shape } from '@rectify/layers';
import type { GraphStep } from '../model-graph.js';
import type { OnnxGraphBuilder } from './graph-builder.js';

/** A tensor of the ONNX graph being built, with the shape Rectify computed for it. */
export interface OnnxValue {
  readonly name: string;
  readonly shape: Shape;
}

/** Turns one layer application into ONNX nodes; returns the names of its outputs. */
export type Converter<L extends Layer = Layer> = (
  b: OnnxGraphBuilder,
  layer: L,
  inputs: readonly OnnxValue[],
  step: GraphStep,
) => string[];

/** The error for an option or mode that ONNX cannot express: it names the layer, the option and the value. */
export function unsupported(layer: Layer, what: string): ValueError {
  return new ValueError(`exportOnnx: layer '${layer.name}' (${layer.className}) ${what}`);
}

/** Inference only: a graph that fixed `training: true` (MC dropout, batch statistics) would be a different model. */
export function assertInference(layer: Layer, step: GraphStep, why: string): void {
  if (step.args.training === true)
    throw unsupported(
      layer,
      `is called with training: true fixed in the graph (${why}); ONNX export is inference only`,
    );
}

/** The axis in [0, rank). */
export function positiveAxis(axis: number, rank: number): number {
  return axis < 0 ? axis + rank : axis;
}
