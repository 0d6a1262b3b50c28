import { ValueError } from '@rectify/tensor';
import type { PerActivation } from '@rectify/activations';
import type { Activation } from '@rectify/layers';
import { type OnnxGraphBuilder, attr } from './graph-builder.js';

type Emit = (
  b: OnnxGraphBuilder,
  x: string,
  options: Readonly<Record<string, number | string>>,
  scope: string,
) => string;

const num = (o: Readonly<Record<string, number | string>>, k: string): number => o[k] as number;

/** x·½(1 + erf(x/√2)), the exact GELU, for opsets before 20 (which lack the Gelu op). */
function geluErf(b: OnnxGraphBuilder, x: string, scope: string): string {
  const erf = b.node('Erf', [b.node('Mul', [x, b.constFloat([Math.SQRT1_2], [], scope)], {}, scope)], {}, scope);
  const half = b.node(
    'Mul',
    [b.node('Add', [erf, b.constFloat([1], [], scope)], {}, scope), b.constFloat([0.5], [], scope)],
    {},
    scope,
  );
  return b.node('Mul', [x, half], {}, scope);
}

/** x·σ(2u), u = √(2/π)(x + 0.044715x³): the tanh approximation, written as Rectify's kernel writes it. */
function geluTanh(b: OnnxGraphBuilder, x: string, scope: string): string {
  const x3 = b.node('Mul', [b.node('Mul', [x, x], {}, scope), x], {}, scope);
  const inner = b.node('Add', [x, b.node('Mul', [x3, b.constFloat([0.044715], [], scope)], {}, scope)], {}, scope);
  const s = b.node(
    'Sigmoid',
    [b.node('Mul', [inner, b.constFloat([1.5957691216057308], [], scope)], {}, scope)],
    {},
    scope,
  );
  return b.node('Mul', [x, s], {}, scope);
}

/**
 * Each Rectify activation (by its canonical name) as standard ONNX ops. Those ONNX lacks in the chosen opset are
 * composed from ops it has (GELU before opset 20, Mish before 18, swish always: x·sigmoid(βx)). Typed per
 * activation, so a new catalogue entry is a compile error here until it has an emitter — or an explicit `'none'`,
 * which makes exporting a model that uses it a clear error.
 */
const EMITTERS: PerActivation<Emit | 'none'> = {
  relu: (b, x, _o, s) => b.node('Relu', [x], {}, s),
  relu6: (b, x, _o, s) => b.node('Clip', [x, b.constFloat([0], [], s), b.constFloat([6], [], s)], {}, s),
  leakyRelu: (b, x, o, s) => b.node('LeakyRelu', [x], { alpha: attr.float(num(o, 'alpha')) }, s),
  // The registry's prelu has no learned slope: a fixed alpha, i.e. leaky ReLU (the PReLU layer exports as PRelu).
  prelu: (b, x, o, s) => b.node('LeakyRelu', [x], { alpha: attr.float(num(o, 'alpha')) }, s),
  elu: (b, x, o, s) => b.node('Elu', [x], { alpha: attr.float(num(o, 'alpha')) }, s),
  selu: (b, x, _o, s) =>
    b.node('Selu', [x], { alpha: attr.float(1.6732632423543772), gamma: attr.float(1.0507009873554805) }, s),
  celu: (b, x, o, s) => b.node('Celu', [x], { alpha: attr.float(num(o, 'alpha')) }, s),
  gelu: (b, x, o, s) => {
    const approximate = o['approximate'] === 'tanh' ? 'tanh' : 'none';
    if (b.opset >= 20) return b.node('Gelu', [x], { approximate: attr.string(approximate) }, s);
    return approximate === 'tanh' ? geluTanh(b, x, s) : geluErf(b, x, s);
  },
  swish: (b, x, o, s) => {
    const beta = num(o, 'beta');
    const z = beta === 1 ? x : b.node('Mul', [x, b.constFloat([beta], [], s)], {}, s);
    return b.node('Mul', [x, b.node('Sigmoid', [z], {}, s)], {}, s);
  },
  mish: (b, x, _o, s) => {
    if (b.opset >= 18) return b.node('Mish', [x], {}, s);
    return b.node('Mul', [x, b.node('Tanh', [b.node('Softplus', [x], {}, s)], {}, s)], {}, s);
  },
  hardSigmoid: (b, x, _o, s) => b.node('HardSigmoid', [x], { alpha: attr.float(1 / 6), beta: attr.float(0.5) }, s),
  hardSwish: (b, x, _o, s) => b.node('HardSwish', [x], {}, s),
  sigmoid: (b, x, _o, s) => b.node('Sigmoid', [x], {}, s),
  tanh: (b, x, _o, s) => b.node('Tanh', [x], {}, s),
  softplus: (b, x, _o, s) => b.node('Softplus', [x], {}, s),
  softsign: (b, x, _o, s) => b.node('Softsign', [x], {}, s),
  softmax: (b, x, o, s) => b.node('Softmax', [x], { axis: attr.int(num(o, 'axis')) }, s),
  logSoftmax: (b, x, o, s) => b.node('LogSoftmax', [x], { axis: attr.int(num(o, 'axis')) }, s),
  linear: (_b, x) => x,
};

/** The activations `exportOnnx` can write, by canonical name. @example onnxActivationNames().includes('gelu'); // true */
export function onnxActivationNames(): string[] {
  return Object.entries(EMITTERS)
    .filter(([, emit]) => emit !== 'none')
    .map(([name]) => name);
}

/**
 * Appends the activation's ONNX ops after `x` (nothing for none or linear). An activation without an ONNX form
 * (a user-registered one, a plain function) is an error naming the layer and the activation.
 */
export function emitActivation(b: OnnxGraphBuilder, act: Activation | undefined, x: string, layerName: string): string {
  if (!act) return x;
  const name = configName(act);
  const emit =
    name !== undefined && Object.hasOwn(EMITTERS, name) ? (EMITTERS as Record<string, Emit | 'none'>)[name] : undefined;
  if (emit === undefined || emit === 'none') {
    throw new ValueError(
      `exportOnnx: layer '${layerName}' uses activation '${act.name}', which has no ONNX equivalent; supported: ${onnxActivationNames().join(', ')}`,
    );
  }
  return emit(b, x, act.options, layerName);
}

/** The registry name, or undefined for a wrapped plain function (whose JS name could shadow a built-in's). */
function configName(act: Activation): string | undefined {
  try {
    return act.getConfig().name;
  } catch {
    return undefined;
  }
}

/** Whether the activation acts on each element alone (so it may run in NCHW inside a conv block). */
export function isElementwise(act: Activation | undefined): boolean {
  return !act || act.properties.elementwise;
}
