import type { DType } from '@rectify/tensor';
import type { CallArgs, Layer } from './layer.js';
import { type Shape, fmtShape } from './shape.js';

/**
 * One application of a layer in a functional graph: which SymbolicTensors went in, which came out, and the call
 * arguments fixed at graph-building time (e.g. `{useCausalMask: true}`, or `{training: true}` for MC dropout).
 */
export interface Node {
  readonly layer: Layer;
  readonly inputs: readonly SymbolicTensor[];
  readonly outputs: SymbolicTensor[];
  readonly args: CallArgs;
  /** Whether the layer was called with a list (even of one tensor) rather than a single tensor. */
  readonly listInput: boolean;
  /** Position of this node in `layer.inboundNodes`. */
  readonly index: number;
}

let nextId = 0;

/**
 * A placeholder for a tensor in a functional graph: it has a shape (with `null` for unknown sizes such as the
 * batch) and knows the node that produces it, but holds no values.
 * @example
 * const x = input({ shape: [4] });
 * const y = dense({ units: 2 }).apply(x) as SymbolicTensor;
 * y.shape; // → [null, 2]
 */
export class SymbolicTensor {
  readonly id = nextId++;

  constructor(
    readonly shape: Shape,
    readonly dtype: DType,
    readonly node: Node,
    readonly outputIndex: number,
  ) {}

  get rank(): number {
    return this.shape.length;
  }

  /** The layer that produces this tensor. */
  get sourceLayer(): Layer {
    return this.node.layer;
  }

  /** `dense_1/0:0`-style name: layer, node index, output index. */
  get name(): string {
    return `${this.node.layer.name}/${this.node.index}:${this.outputIndex}`;
  }

  toString(): string {
    return `SymbolicTensor(${this.name}, shape=${fmtShape(this.shape)}, dtype=${this.dtype})`;
  }
}
