import type { Tensor } from '@rectify/tensor';
import {
  type OnnxAttribute,
  OnnxDataType,
  type OnnxDataTypeCode,
  type OnnxGraph,
  type OnnxNode,
  type OnnxTensor,
  type OnnxValueInfo,
} from './proto.js';

/** Attribute helpers: ONNX needs to know whether 1 is an int or a float. */
export const attr = {
  float: (value: number): OnnxAttribute => ({ type: 'float', value }),
  int: (value: number): OnnxAttribute => ({ type: 'int', value }),
  ints: (value: readonly number[]): OnnxAttribute => ({ type: 'ints', value }),
  string: (value: string): OnnxAttribute => ({ type: 'string', value }),
  floats: (value: readonly number[]): OnnxAttribute => ({ type: 'floats', value }),
  strings: (value: readonly string[]): OnnxAttribute => ({ type: 'strings', value }),
};

function float32Bytes(values: ArrayLike<number>): Uint8Array {
  const b = new Uint8Array(values.length * 4);
  const view = new DataView(b.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return b;
}

function int64Bytes(values: readonly number[]): Uint8Array {
  const b = new Uint8Array(values.length * 8);
  const view = new DataView(b.buffer);
  values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
  return b;
}

const isInverse = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((p, i) => b[p] === i);

/**
 * Collects nodes and initializers with unique names. Two small rewrites keep exported graphs clean: a Transpose
 * of a Transpose that undoes it returns the original tensor (so NHWC↔NCHW pairs between consecutive convolutions
 * vanish), and `finish` drops nodes whose outputs nothing reads.
 */
export class OnnxGraphBuilder {
  private readonly nodes: OnnxNode[] = [];
  private readonly initializers: OnnxTensor[] = [];
  private readonly used = new Set<string>();
  private readonly transposes = new Map<string, { input: string; perm: readonly number[] }>();
  private readonly weightCache = new Map<Tensor, Map<string, string>>();

  constructor(readonly opset: number) {}

  /** A name not used yet, from a readable base (`dense/MatMul`, `dense/MatMul_1`, …). */
  fresh(base: string): string {
    let name = base;
    for (let i = 1; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }

  /** Reserves a name given by the model (graph inputs). */
  reserve(name: string): string {
    return this.fresh(name);
  }

  /** Adds a node with one output and returns the output's name. */
  node(
    opType: string,
    inputs: readonly string[],
    attributes: Record<string, OnnxAttribute> = {},
    scope = opType,
  ): string {
    const name = this.fresh(`${scope}/${opType}`);
    const output = this.fresh(`${scope}/${opType}:0`);
    this.nodes.push({ opType, name, inputs, outputs: [output], attributes });
    return output;
  }

  /** Adds a node with `outputs` outputs (LSTM's Y, Y_h, Y_c) and returns their names. */
  nodeOutputs(
    opType: string,
    inputs: readonly string[],
    outputs: number,
    attributes: Record<string, OnnxAttribute> = {},
    scope = opType,
  ): string[] {
    const name = this.fresh(`${scope}/${opType}`);
    const names = Array.from({ length: outputs }, (_, i) => this.fresh(`${scope}/${opType}:${i}`));
    this.nodes.push({ opType, name, inputs, outputs: names, attributes });
    return names;
  }

  /** Transpose, except that undoing the previous Transpose returns its input. */
  transpose(x: string, perm: readonly number[], scope: string): string {
    const prev = this.transposes.get(x);
    if (prev && isInverse(prev.perm, perm)) return prev.input;
    const y = this.node('Transpose', [x], { perm: attr.ints(perm) }, scope);
    this.transposes.set(y, { input: x, perm });
    return y;
  }

  /** Squeeze (`axes` an input since opset 13). */
  squeeze(x: string, axes: readonly number[], scope: string): string {
    return this.node('Squeeze', [x, this.constInt64(axes, [axes.length], scope)], {}, scope);
  }

  /** Unsqueeze (`axes` an input since opset 13). */
  unsqueeze(x: string, axes: readonly number[], scope: string): string {
    return this.node('Unsqueeze', [x, this.constInt64(axes, [axes.length], scope)], {}, scope);
  }

  constFloat(values: ArrayLike<number>, dims: readonly number[], scope: string): string {
    return this.initializer(this.fresh(`${scope}/const`), OnnxDataType.FLOAT, dims, float32Bytes(values));
  }

  constBool(values: readonly boolean[], dims: readonly number[], scope: string): string {
    return this.initializer(
      this.fresh(`${scope}/const`),
      OnnxDataType.BOOL,
      dims,
      Uint8Array.from(values, (v) => (v ? 1 : 0)),
    );
  }

  constInt64(values: readonly number[], dims: readonly number[], scope: string): string {
    return this.initializer(this.fresh(`${scope}/const`), OnnxDataType.INT64, dims, int64Bytes(values));
  }

  /**
   * A weight as an initializer named after its variable (`dense/kernel`), optionally rearranged (`key` names the
   * rearrangement, e.g. a conv kernel in OIHW). A shared layer's weight is stored once.
   */
  weight(
    t: Tensor,
    name: string,
    transform?: { key: string; dims: readonly number[]; values: (v: Float32Array) => Float32Array },
  ): string {
    const key = transform?.key ?? '';
    const cached = this.weightCache.get(t)?.get(key);
    if (cached) return cached;
    const values = t.dataSync() as Float32Array;
    const out = this.initializer(
      this.fresh(name),
      OnnxDataType.FLOAT,
      transform?.dims ?? t.shape,
      float32Bytes(transform ? transform.values(values) : values),
    );
    if (!this.weightCache.has(t)) this.weightCache.set(t, new Map());
    this.weightCache.get(t)!.set(key, out);
    return out;
  }

  private initializer(name: string, dataType: OnnxDataTypeCode, dims: readonly number[], raw: Uint8Array): string {
    this.initializers.push({ name, dataType, dims: [...dims], raw });
    return name;
  }

  /** The graph, with every output renamed by an Identity node and nodes nothing reads removed. */
  finish(
    name: string,
    inputs: readonly OnnxValueInfo[],
    outputs: readonly (OnnxValueInfo & { readonly value: string })[],
  ): OnnxGraph {
    const finalOutputs = outputs.map((o) => {
      const outName = this.fresh(o.name);
      this.nodes.push({
        opType: 'Identity',
        name: this.fresh(`${outName}/Identity`),
        inputs: [o.value],
        outputs: [outName],
        attributes: {},
      });
      return { name: outName, elemType: o.elemType, shape: o.shape };
    });
    const needed = new Set(finalOutputs.map((o) => o.name));
    const kept: OnnxNode[] = [];
    for (let i = this.nodes.length - 1; i >= 0; i--) {
      const n = this.nodes[i]!;
      if (!n.outputs.some((o) => needed.has(o))) continue;
      kept.push(n);
      for (const x of n.inputs) needed.add(x);
    }
    return {
      name,
      nodes: kept.reverse(),
      initializers: this.initializers.filter((t) => needed.has(t.name)),
      inputs,
      outputs: finalOutputs,
    };
  }
}
