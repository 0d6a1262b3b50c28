import { activationStats } from '@rectify/activations';
import { variableGrads } from '@rectify/autograd';
import { type Layer, withPreActivations } from '@rectify/layers';
import {
  type Tensor,
  ValueError,
  checkOptions,
  closestName,
  concat,
  optionNames,
  reshape,
  tidy,
} from '@rectify/tensor';
import { l2Norm } from '../optimizers/clipping.js';
import { totalLoss } from '../training/total-loss.js';
import { requireCompiled, type TrainableModel } from '../training/trainable.js';

/** One layer's activity on one batch: what `ActivationMonitor`, `rectify inspect` and the docs playground show. */
export interface LayerActivity {
  readonly layer: string;
  /** The activation's name ('linear' for a layer named in `options.layers` that applies none). */
  readonly activation: string;
  readonly units: number;
  /** Mean over units of the fraction of samples where the unit is active (output > 0 for the ReLU family, not saturated otherwise). */
  readonly fractionActive: number;
  /** Units active for no sample of the batch: dead ReLUs, or sigmoid/tanh units stuck in saturation. */
  readonly deadUnits: number;
  readonly deadFraction: number;
  /** Fraction of (sample, unit) pairs where |f'(z)| < 1e-3: no gradient gets through. */
  readonly fractionSaturated: number;
  /** Mean of f'(z): how much gradient the layer lets through on average. */
  readonly meanDerivative: number;
  /** Mean and (population) variance of the layer's outputs, after the activation. */
  readonly mean: number;
  readonly variance: number;
  /**
   * ‖∂loss/∂kernel‖ on the batch (the layer's `kernel`, else its first trainable weight): tiny in the first layers
   * of a deep sigmoid net. NaN when not measured: no `y` given, or the layer has no trainable weight.
   */
  readonly gradNorm: number;
  /** Every output value (after the activation), flattened: only with `{ outputs: true }`, e.g. for a histogram. */
  readonly outputs?: Float32Array;
}

export interface LayerActivityOptions {
  /** Names of the layers to measure (nested ones included); default: every layer with an activation. */
  readonly layers?: readonly string[];
  /** Also return each layer's output values. */
  readonly outputs?: boolean;
}

/** A model `layerActivity` can measure: `Sequential` and `Model`. */
export type ActivityModel = TrainableModel & { readonly layers: readonly Layer[] };

const optionKeys = optionNames<LayerActivityOptions>()({ layers: true, outputs: true });

/**
 * Measures every layer with an activation — nested ones too, such as a transformer block's feed-forward — on one
 * batch, in one forward pass (in inference mode): the fraction of active units, dead units, saturation and output
 * moments from `activationStats` of the layer's pre-activations, and, given `y` (the model must be compiled), the
 * norm of the loss gradient with respect to the layer's kernel. Layers the batch does not reach are left out.
 * @example
 * const model = sequential([
 *   layers.dense({ units: 2, activation: 'relu', inputShape: [2], kernelInitializer: 'ones', name: 'h' }),
 *   layers.dense({ units: 1, kernelInitializer: 'ones' }),
 * ]);
 * model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
 * const x = tensor([[1, 2], [-1, -2]]);
 * const y = tensor([[1], [0]]);
 * const [hidden] = layerActivity(model, x, y);
 * // Both units are active on the first example only: active half the time, none dead.
 * [hidden!.layer, hidden!.fractionActive, hidden!.deadUnits]; // → ['h', 0.5, 0]
 */
export function layerActivity(
  model: ActivityModel,
  x: Tensor | readonly Tensor[],
  y?: Tensor | readonly Tensor[],
  options: LayerActivityOptions = {},
): LayerActivity[] {
  const fn = 'layerActivity';
  checkOptions(fn, options, optionKeys);
  const all = withSublayers(model.layers);
  const watched = options.layers ? options.layers.map((name) => byName(all, name)) : all.filter((l) => l.activation);
  const compiled = y === undefined ? undefined : requireCompiled(model, fn);
  const xs = Array.isArray(x) ? x : [x as Tensor];
  const ys = y === undefined ? [] : Array.isArray(y) ? y : [y as Tensor];
  return withPreActivations(watched, (pre) =>
    tidy(() => {
      let grads: Record<string, Tensor> = {};
      if (compiled) {
        const loss = () => totalLoss(fn, compiled, ys, model.run(xs, false), []).total;
        grads = variableGrads(loss, model.trainableWeights).grads;
      } else model.run(xs, false);
      return watched.flatMap((l) => {
        const calls = pre.get(l);
        return calls ? [measure(l, calls, grads, options.outputs === true)] : [];
      });
    }),
  );
}

function measure(l: Layer, calls: readonly Tensor[], grads: Record<string, Tensor>, outputs: boolean): LayerActivity {
  const units = calls[0]!.shape.at(-1)!;
  const z = calls.length === 1 ? calls[0]! : concat(calls.map((t) => reshape(t, [-1, units])));
  const s = activationStats(z, l.activation ?? 'linear');
  const kernel = l.trainableWeights.find((w) => w.name === `${l.name}/kernel`) ?? l.trainableWeights[0];
  const g = kernel && grads[kernel.name];
  return {
    layer: l.name,
    activation: s.activation,
    units: s.units,
    fractionActive: s.overall.fractionActive,
    deadUnits: s.overall.deadUnits,
    deadFraction: s.overall.deadFraction,
    fractionSaturated: s.overall.fractionSaturated,
    meanDerivative: s.overall.meanDerivative,
    mean: s.overall.mean,
    variance: s.overall.variance,
    gradNorm: g ? l2Norm(g).item() : NaN,
    ...(outputs && { outputs: Float32Array.from((l.activation ? l.activation.apply(z) : z).dataSync()) }),
  };
}

/** Every layer with the ones nested inside it (a transformer block's feed-forward, a nested model's layers). */
function withSublayers(layers: readonly Layer[]): Layer[] {
  return layers.flatMap((l) => [l, ...withSublayers(l.sublayers)]);
}

function byName(all: readonly Layer[], name: string): Layer {
  const found = all.find((l) => l.name === name);
  if (found) return found;
  const names = all.map((l) => l.name);
  const hint = closestName(name, names);
  throw new ValueError(
    `layerActivity: options.layers names no layer '${name}'${hint ? ` (did you mean '${hint}'?)` : ''}; the model has ${names.join(', ')}`,
  );
}
