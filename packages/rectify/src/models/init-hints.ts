import type { Layer } from '@rectify/layers';
import { mainInitializerConfig } from './layer-facts.js';

/** What summary needs of an activation; read from the layer (the Activation of @rectify/activations). */
interface ActivationFacts {
  readonly name: string;
  readonly recommendedInitializer: string;
  readonly properties: { readonly reluFamily: boolean; readonly selfNormalizing: boolean };
}

const GLOROT = new Set(['glorotUniform', 'glorotNormal']);
const LECUN = new Set(['lecunNormal', 'lecunUniform']);

/** The standard deviation a plain random initializer draws with, or undefined for scaled ones (He, Glorot …). */
function plainStd(init: Record<string, unknown>): number | undefined {
  const num = (k: string, d: number): number => (typeof init[k] === 'number' ? (init[k] as number) : d);
  switch (init['name']) {
    case 'randomNormal':
      return num('stddev', 0.05);
    case 'truncatedNormal':
      return num('stddev', 0.05) * 0.88;
    case 'randomUniform':
      return (num('maxval', 0.05) - num('minval', -0.05)) / Math.sqrt(12);
    default:
      return undefined;
  }
}

/** The kernel's fan-in (product of all but its last axis), once built. */
function fanIn(layer: Layer): number | undefined {
  const kernel = layer.weights.find((w) => w.name === `${layer.name}/kernel`) ?? layer.weights[0];
  if (!kernel || kernel.rank < 2) return undefined;
  return kernel.shape.slice(0, -1).reduce((a, b) => a * b, 1);
}

/**
 * One line under the summary when a layer's activation and initializer work against each other — the usual cause
 * of a deep net that does not train:
 * - ReLU family with Glorot: Glorot halves the variance budget ReLU needs, so activations shrink layer by layer;
 * - ReLU family with a plain normal/uniform init much smaller than He's √(2/fanIn): the signal vanishes;
 * - SELU without LeCun init: self-normalization only holds for variance 1/fanIn.
 */
export function initializerHint(layer: Layer): string | undefined {
  const act = (layer as { activation?: ActivationFacts }).activation;
  const init = mainInitializerConfig(layer);
  if (!act || !init || typeof init['name'] !== 'string') return undefined;
  const name = init['name'];
  const better = act.recommendedInitializer;
  if (act.properties.selfNormalizing && !LECUN.has(name)) {
    return `hint: ${layer.name} uses ${act.name} with ${name} — ${better} keeps ${act.name} self-normalizing (mean 0, variance 1 through the layers)`;
  }
  if (!act.properties.reluFamily) return undefined;
  if (GLOROT.has(name)) {
    return `hint: ${layer.name} uses ${act.name} with ${name} — ${better} keeps ReLU activations from shrinking layer after layer`;
  }
  const std = plainStd(init);
  const n = fanIn(layer);
  if (std !== undefined && n !== undefined && std < 0.5 * Math.sqrt(2 / n)) {
    const he = Math.sqrt(2 / n);
    return `hint: ${layer.name} uses ${act.name} with ${name} (std ${std.toPrecision(2)}, He would use ${he.toPrecision(2)} for fan-in ${n}) — ${better} keeps the signal from vanishing in deep ReLU stacks`;
  }
  return undefined;
}
