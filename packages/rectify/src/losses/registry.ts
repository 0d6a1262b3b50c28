import { type Tensor, type TensorLike, ValueError, mean, toTensor } from '@rectify/tensor';
import { normalizeName } from '../checks.js';
import { binaryCrossentropy } from './binary-crossentropy.js';
import { categoricalCrossentropy } from './categorical-crossentropy.js';
import { huber } from './huber.js';
import { type Loss, type LossFunction, batchMean } from './loss.js';
import { meanAbsoluteError } from './mean-absolute-error.js';
import { meanSquaredError } from './mean-squared-error.js';
import { sparseCategoricalCrossentropy } from './sparse-categorical-crossentropy.js';
import { absoluteDifference, meanSquaredError as tfjsMeanSquaredError } from './tfjs/tfjs-losses.js';

/**
 * Every loss factory, keyed by its canonical name. Lookups and deserialization derive from this object.
 * @example Object.keys(lossFactories); // ['meanSquaredError', 'meanAbsoluteError', 'huber', …]
 */
export const lossFactories = {
  meanSquaredError,
  meanAbsoluteError,
  huber,
  binaryCrossentropy,
  categoricalCrossentropy,
  sparseCategoricalCrossentropy,
} as const;

export type LossName = keyof typeof lossFactories;

/** Short names Keras accepts that are not spellings of a canonical name. */
const shortNames: Readonly<Record<string, LossName>> = {
  mse: 'meanSquaredError',
  mae: 'meanAbsoluteError',
  huberloss: 'huber',
};

/** tfjs loss functions that equal a registered loss when given (yTrue, yPred): compile stores them by name. */
const tfjsEquivalents = new Map<unknown, LossName>([
  [tfjsMeanSquaredError, 'meanSquaredError'],
  [absoluteDifference, 'meanAbsoluteError'],
]);

/**
 * Whether `fn` is a user-written loss function (not a Loss object, nor a tfjs function with a registered equal),
 * which model files cannot store.
 * @example isCustomLossFunction((t, p) => sum(p)); // → true
 */
export function isCustomLossFunction(fn: unknown): boolean {
  return typeof fn === 'function' && !('perSample' in fn) && !tfjsEquivalents.has(fn);
}

/** A loss as model.json stores it. */
export interface SerializedLoss {
  readonly className: string;
  readonly config?: Record<string, unknown>;
}

/** A name, a serialized loss, or a function: a {@link Loss} is one too (one call signature keeps `(t, p) =>` typed). */
export type LossIdentifier = string | LossFunction | SerializedLoss;

const byName = new Map<string, LossName>(Object.keys(lossFactories).map((n) => [normalizeName(n), n as LossName]));

/**
 * The canonical name for a spelling ('mse', 'categorical_crossentropy', 'BinaryCrossentropy'), or undefined.
 * @example lossNameOf('categorical_crossentropy'); // → 'categoricalCrossentropy'
 */
export function lossNameOf(name: string): LossName | undefined {
  const key = normalizeName(name);
  return byName.get(key) ?? shortNames[key];
}

/**
 * A loss from a name or alias (Keras spellings: 'mse', 'mae', 'sparse_categorical_crossentropy' …), a serialized
 * `{className, config}`, a loss, or any function (yTrue, yPred) → per-example or scalar tensor.
 * @example getLoss('categorical_crossentropy').name; // → 'categoricalCrossentropy'
 */
export function getLoss(identifier: LossIdentifier): Loss {
  if (typeof identifier === 'function') {
    const equivalent = tfjsEquivalents.get(identifier);
    if (equivalent) return lossFactories[equivalent]();
    return 'perSample' in identifier ? (identifier as Loss) : customLoss(identifier);
  }
  const raw = typeof identifier === 'string' ? identifier : identifier?.className;
  const name = typeof raw === 'string' ? lossNameOf(raw) : undefined;
  if (!name) {
    throw new ValueError(
      `getLoss: unknown loss ${JSON.stringify(raw ?? identifier)}; known losses: ${Object.keys(lossFactories).join(', ')} (aliases: ${Object.keys(shortNames).join(', ')})`,
    );
  }
  const config = typeof identifier === 'string' ? {} : (identifier.config ?? {});
  return (lossFactories[name] as (c: object) => Loss)(config);
}

/** Wraps a user function: its result is averaged to one value per example (a scalar is taken as is). */
function customLoss(fn: LossFunction): Loss {
  const perSample = (yTrue: TensorLike, yPred: Tensor): Tensor =>
    batchMean(fn(toTensor(yTrue, 'yTrue', fn.name || 'loss'), yPred));
  const loss = (yTrue: TensorLike, yPred: Tensor): Tensor => mean(perSample(yTrue, yPred));
  Object.defineProperty(loss, 'name', { value: fn.name || 'customLoss' });
  return Object.assign(loss, { fromLogits: false, perSample, getConfig: () => ({}) }) as Loss;
}
