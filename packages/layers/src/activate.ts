import { noGrad } from '@rectify/autograd';
import { type Tensor, ValueError, add, biasActivation, cast, dispose, keep } from '@rectify/tensor';
import type { Layer } from './layer.js';

/** What one `withPreActivations` call watches and what the watched layers produced while it ran. */
interface Capture {
  readonly watched: ReadonlySet<Layer>;
  readonly captured: Map<Layer, Tensor[]>;
}

/** The captures in progress. A set, not a single flag, so that nested captures each see every call. */
const captures = new Set<Capture>();

/**
 * `layer.activation(z + bias)`, the last step of Dense, the convolutions and the activation layers: one fused
 * `biasActivation` kernel when the activation is elementwise and no {@link withPreActivations} watches the layer
 * (the fused kernel never materialises `z + bias`); otherwise `add`, a copy for each watcher, then the activation.
 * @example
 * // A Dense-like layer with a relu: its call() ends in activate().
 * class Affine extends Layer<Tensor> {
 *   override readonly activation = rf.activations.get('relu');
 *   kernel?: Variable;
 *   bias?: Variable;
 *   override build(inputShape: Shape | Shape[]): void {
 *     const features = (inputShape as Shape)[1]!;
 *     this.kernel = this.addWeight('kernel', [features, 2], 'ones');
 *     this.bias = this.addWeight('bias', [2], 'zeros');
 *     super.build(inputShape);
 *   }
 *   call(inputs: Tensor | Tensor[]): Tensor {
 *     return activate(this, matmul(singleInput(this, inputs), this.kernel!), this.bias);
 *   }
 * }
 * new Affine().apply(tensor([[1, -2], [3, 1]])); // → [[0, 0], [4, 4]]
 */
export function activate(layer: Layer, z: Tensor, bias?: Tensor): Tensor {
  const watchers = [...captures].filter((c) => c.watched.has(layer));
  const unary = layer.activation?.unaryKernel;
  if (bias && unary && watchers.length === 0 && z.dtype === 'float32' && bias.dtype === 'float32') {
    return biasActivation(z, bias, unary.fn, unary.a, unary.b);
  }
  const pre = bias ? add(z, bias) : z;
  for (const c of watchers) {
    const list = c.captured.get(layer) ?? [];
    // A copy that outlives the caller's tidy, unrecorded by autograd; the capture disposes it.
    list.push(keep(noGrad(() => cast(pre, pre.dtype))));
    c.captured.set(layer, list);
  }
  return layer.activation ? layer.activation.apply(pre) : pre;
}

/**
 * Runs `fn` while recording the pre-activation (`z + bias`, before the activation) of every call of `layers`,
 * and hands `fn` the record: one tensor per call, in call order (a layer shared by two branches, or applied at
 * every time step, is called more than once). The record is freed and the layers stop being watched when `fn`
 * returns or throws, so `fn` must use it before returning, and must be synchronous. Captures nest: an inner one
 * does not disturb an outer one watching the same layer.
 * @example
 * const hidden = dense({ units: 2, activation: 'relu', kernelInitializer: 'ones' });
 * const x = tensor([[1, -2], [3, 1]]);
 * // The pre-activations are [-1, -1] and [4, 4]: half of them positive, which the relu's outputs would not show.
 * const fractionPositive = withPreActivations([hidden], (pre) => {
 *   hidden.apply(x);
 *   return mean(cast(greater(pre.get(hidden)![0]!, 0), 'float32')).item();
 * }); // → 0.5
 */
export function withPreActivations<T>(
  layers: Iterable<Layer>,
  fn: (preActivations: ReadonlyMap<Layer, readonly Tensor[]>) => T,
): T {
  const capture: Capture = { watched: new Set(layers), captured: new Map() };
  captures.add(capture);
  try {
    const result = fn(capture.captured);
    if (result instanceof Promise) {
      throw new ValueError(
        'withPreActivations: fn returned a Promise; it must be synchronous (the capture ends when fn returns)',
      );
    }
    return result;
  } finally {
    captures.delete(capture);
    for (const list of capture.captured.values()) dispose(list);
  }
}
