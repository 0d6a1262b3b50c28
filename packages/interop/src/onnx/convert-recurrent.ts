import {
  Bidirectional,
  GRU,
  GRUCell,
  GlobalAveragePooling1D,
  LSTM,
  LSTMCell,
  type Layer,
  RNN,
  type RNNCell,
  SimpleRNN,
  SimpleRNNCell,
} from '@rectify/layers';
import type { Activation } from '@rectify/activations';
import type { Variable } from '@rectify/tensor';
import { type Converter, type OnnxValue, unsupported } from './convert-types.js';
import { type OnnxGraphBuilder, attr } from './graph-builder.js';
import type { OnnxAttribute } from './proto.js';

/** A built-in cell as ONNX sees it: the op, and which Keras gate block fills each ONNX gate block. */
interface CellForm {
  readonly op: 'LSTM' | 'GRU' | 'RNN';
  /** ONNX LSTM gates are i, o, f, c; Keras's i, f, c, o. GRU (z, r, h) and RNN agree with Keras. */
  readonly order: readonly number[];
  /** The cell's activations in ONNX's order: f (gates), g (candidate), h (LSTM output); RNN has f only. */
  readonly activations: readonly (Activation | undefined)[];
  readonly extra: Record<string, OnnxAttribute>;
}

function cellForm(layer: Layer, cell: RNNCell): CellForm {
  if (cell instanceof LSTMCell && cell.constructor === LSTMCell)
    return {
      op: 'LSTM',
      order: [0, 3, 1, 2],
      activations: [cell.recurrentActivation, cell.activation, cell.activation],
      extra: {},
    };
  if (cell instanceof GRUCell && cell.constructor === GRUCell)
    return {
      op: 'GRU',
      order: [0, 1, 2],
      activations: [cell.recurrentActivation, cell.activation],
      // Keras' resetAfter (r applied to h·U + b_rh) is ONNX's linear_before_reset.
      extra: { linear_before_reset: attr.int(cell.resetAfter ? 1 : 0) },
    };
  if (cell instanceof SimpleRNNCell && cell.constructor === SimpleRNNCell)
    return { op: 'RNN', order: [0], activations: [cell.activation], extra: {} };
  throw unsupported(
    layer,
    `runs a ${cell.className} cell; ONNX export supports one LSTMCell, GRUCell or SimpleRNNCell (stacked or custom cells have no ONNX recurrent op)`,
  );
}

/** ONNX's name (and alpha, beta) for an activation inside a recurrent op; undefined (linear) is Affine(1, 0). */
function onnxActivation(layer: Layer, act: Activation | undefined): { name: string; alpha?: number; beta?: number } {
  if (act === undefined) return { name: 'Affine', alpha: 1, beta: 0 };
  switch (act.name) {
    case 'sigmoid':
      return { name: 'Sigmoid' };
    case 'tanh':
      return { name: 'Tanh' };
    case 'relu':
      return { name: 'Relu' };
    case 'softsign':
      return { name: 'Softsign' };
    case 'softplus':
      return { name: 'Softplus' };
    // Rectify's (and Keras 3's) hard sigmoid is relu6(x + 3) / 6 = clip(x/6 + 0.5, 0, 1).
    case 'hardSigmoid':
      return { name: 'HardSigmoid', alpha: 1 / 6, beta: 0.5 };
    default:
      throw unsupported(
        layer,
        `uses activation '${act.name}' inside its cell; ONNX recurrent ops take sigmoid, tanh, relu, softsign, softplus, hardSigmoid or linear`,
      );
  }
}

/** A kernel `[rows, gates·u]` as ONNX's `[gates·u, rows]`, gate blocks rearranged by `order`. */
function gateMajor(values: Float32Array, rows: number, units: number, order: readonly number[]): Float32Array {
  const width = order.length * units;
  const out = new Float32Array(values.length);
  order.forEach((src, dst) => {
    for (let j = 0; j < units; j++)
      for (let r = 0; r < rows; r++) out[(dst * units + j) * rows + r] = values[r * width + src * units + j]!;
  });
  return out;
}

/** A bias `[gates·u]` with its gate blocks rearranged by `order`. */
function gateBias(values: Float32Array, units: number, order: readonly number[]): Float32Array {
  const out = new Float32Array(order.length * units);
  order.forEach((src, dst) => out.set(values.subarray(src * units, (src + 1) * units), dst * units));
  return out;
}

/** W `[dirs, g·u, in]`, R `[dirs, g·u, u]` and B `[dirs, 2·g·u]` (input then recurrent bias) of one or two cells. */
function weights(b: OnnxGraphBuilder, cells: readonly RNNCell[], form: CellForm, scope: string): string[] {
  const units = cells[0]!.stateSize[0]!;
  const g = form.order.length;
  const W: number[] = [];
  const R: number[] = [];
  const B: number[] = [];
  let inputs = 0;
  for (const cell of cells) {
    const { kernel, recurrentKernel, bias } = cell as unknown as {
      kernel: Variable;
      recurrentKernel: Variable;
      bias?: Variable;
    };
    inputs = kernel.shape[0]!;
    W.push(...gateMajor(kernel.dataSync() as Float32Array, inputs, units, form.order));
    R.push(...gateMajor(recurrentKernel.dataSync() as Float32Array, units, units, form.order));
    const raw = bias ? (bias.dataSync() as Float32Array) : new Float32Array(g * units);
    // GRU with resetAfter keeps two bias rows (input, recurrent); the others have one input bias.
    const input = raw.length === 2 * g * units ? raw.subarray(0, g * units) : raw;
    const recurrent = raw.length === 2 * g * units ? raw.subarray(g * units) : new Float32Array(g * units);
    B.push(...gateBias(input, units, form.order), ...gateBias(recurrent, units, form.order));
  }
  const dirs = cells.length;
  return [
    b.constFloat(W, [dirs, g * units, inputs], `${scope}/W`),
    b.constFloat(R, [dirs, g * units, units], `${scope}/R`),
    b.constFloat(B, [dirs, 2 * g * units], `${scope}/B`),
  ];
}

/** Refuses what the exported graph could not reproduce: carried states, and masks (checked by encodeOnnx). */
function checkLoop(layer: Layer, rnn: RNN): void {
  if (rnn.stateful)
    throw unsupported(layer, 'is stateful (stateful: true); an ONNX graph cannot carry states between calls');
}

/**
 * One ONNX LSTM / GRU / RNN node over `x` (`[batch, time, features]`), `cells` one per direction; returns its
 * outputs Y `[time, dirs, batch, u]`, Y_h (and Y_c for LSTM) `[dirs, batch, u]`.
 */
function emitRecurrent(
  b: OnnxGraphBuilder,
  layer: Layer,
  cells: readonly RNNCell[],
  x: OnnxValue,
  direction: 'forward' | 'reverse' | 'bidirectional',
  initial: readonly string[],
): string[] {
  const form = cellForm(layer, cells[0]!);
  const units = cells[0]!.stateSize[0]!;
  const acts = form.activations.map((a) => onnxActivation(layer, a));
  const alphas = acts.filter((a) => a.alpha !== undefined).map((a) => a.alpha!);
  const betas = acts.filter((a) => a.beta !== undefined).map((a) => a.beta!);
  const dirs = cells.length;
  const names = Array.from({ length: dirs }, () => acts.map((a) => a.name)).flat();
  const timeMajor = b.transpose(x.name, [1, 0, 2], layer.name);
  const states = initial.map((s) => b.unsqueeze(s, [0], layer.name));
  const inputs = [timeMajor, ...weights(b, cells, form, layer.name), ...(states.length > 0 ? ['', ...states] : [])];
  return b.nodeOutputs(
    form.op,
    inputs,
    form.op === 'LSTM' ? 3 : 2,
    {
      hidden_size: attr.int(units),
      direction: attr.string(direction),
      activations: attr.strings(names),
      ...(alphas.length > 0 ? { activation_alpha: attr.floats(Array(dirs).fill(alphas).flat()) } : {}),
      ...(betas.length > 0 ? { activation_beta: attr.floats(Array(dirs).fill(betas).flat()) } : {}),
      ...form.extra,
    },
    layer.name,
  );
}

/** `[time, batch, u]` → `[batch, time, u]`, reversed in time for a layer that went backwards (Keras's order). */
function batchMajor(b: OnnxGraphBuilder, y: string, reverse: boolean, scope: string): string {
  const out = b.transpose(y, [1, 0, 2], scope);
  if (!reverse) return out;
  const c = (v: number) => b.constInt64([v], [1], scope);
  return b.node('Slice', [out, c(-1), c(Number.MIN_SAFE_INTEGER), c(1), c(-1)], {}, scope);
}

/** SimpleRNN, LSTM, GRU, and RNN around one of their cells. */
const recurrent: Converter<RNN> = (b, layer, [x, ...initial]) => {
  checkLoop(layer, layer);
  const outs = emitRecurrent(
    b,
    layer,
    [layer.cell],
    x!,
    layer.goBackwards ? 'reverse' : 'forward',
    initial.map((s) => s.name),
  );
  const [y, ...states] = outs.map((o, i) => b.squeeze(o, [i === 0 ? 1 : 0], layer.name));
  const output = layer.returnSequences
    ? batchMajor(b, y!, layer.goBackwards, layer.name)
    : // The last output is the final hidden state.
      states[0]!;
  return layer.returnState ? [output, ...states] : [output];
};

/** Bidirectional: one node with direction "bidirectional" (its reverse half is already in time order). */
const bidirectional: Converter<Bidirectional> = (b, layer, [x, ...initial]) => {
  const fw = layer.forwardLayer;
  checkLoop(layer, fw);
  if (fw.goBackwards)
    throw unsupported(
      layer,
      'wraps a layer with goBackwards: true (its forward copy runs backwards); ONNX bidirectional runs forward first',
    );
  if (initial.length > 0) throw unsupported(layer, 'is given initial states; export it without them');
  const [Y, Yh, Yc] = emitRecurrent(b, layer, [fw.cell, layer.backwardLayer.cell], x!, 'bidirectional', []);
  const pick = (t: string, dir: number, axis: number) =>
    b.node('Gather', [t, b.constInt64([dir], [], layer.name)], { axis: attr.int(axis) }, layer.name);
  const half = (dir: number) =>
    fw.returnSequences ? b.transpose(pick(Y!, dir, 1), [1, 0, 2], layer.name) : pick(Yh!, dir, 0);
  const [f, bw] = [half(0), half(1)];
  let merged: string[];
  switch (layer.mergeMode) {
    case 'concat':
      merged = [b.node('Concat', [f, bw], { axis: attr.int(-1) }, layer.name)];
      break;
    case 'sum':
      merged = [b.node('Add', [f, bw], {}, layer.name)];
      break;
    case 'mul':
      merged = [b.node('Mul', [f, bw], {}, layer.name)];
      break;
    case 'ave':
      merged = [
        b.node('Mul', [b.node('Add', [f, bw], {}, layer.name), b.constFloat([0.5], [], layer.name)], {}, layer.name),
      ];
      break;
    default:
      merged = [f, bw];
  }
  if (!fw.returnState && layer.mergeMode !== null) return merged;
  const states = (dir: number) => [pick(Yh!, dir, 0), ...(Yc ? [pick(Yc, dir, 0)] : [])];
  return [...merged, ...(fw.returnState ? [...states(0), ...states(1)] : [])];
};

/** Converters of the recurrent layers, keyed by class. */
export const recurrentConverters: readonly (readonly [abstract new (...args: never[]) => unknown, Converter<never>])[] =
  [
    [LSTM, recurrent],
    [GRU, recurrent],
    [SimpleRNN, recurrent],
    [RNN, recurrent],
    [Bidirectional, bidirectional],
  ];

/** Layers that read a mask, which an exported graph would drop. */
export const MASK_READERS: readonly (abstract new (...args: never[]) => unknown)[] = [
  RNN,
  Bidirectional,
  GlobalAveragePooling1D,
];
