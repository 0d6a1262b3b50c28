import { PRNGKey } from '@rectify/tensor';

/**
 * Every random choice of a run derives from (seed, purpose, epoch, step) by folding Philox keys, never from a
 * stream that advances as training goes — so a run resumed at epoch k, step s makes exactly the choices an
 * uninterrupted run makes there.
 */
const PURPOSE = { init: 1, validation: 2, shuffle: 3, step: 4 } as const;

/** The key for weight initialisation. */
export function initSeed(seed: number): number {
  return PRNGKey.fromSeed(seed).fold(PURPOSE.init).uint32(1)[0]!;
}

/** The seed of the train/validation split. */
export function validationSeed(seed: number): number {
  return PRNGKey.fromSeed(seed).fold(PURPOSE.validation).uint32(1)[0]!;
}

/** The key of epoch `epoch`'s shuffle (0-based epoch). */
export function shuffleKey(seed: number, epoch: number): PRNGKey {
  return PRNGKey.fromSeed(seed).fold(PURPOSE.shuffle).fold(epoch);
}

/**
 * The global seed set before step `step` of epoch `epoch`: dropout and other random layers draw from it.
 *
 * @example
 * setSeed(stepSeed(42, 3, 17));
 */
export function stepSeed(seed: number, epoch: number, step: number): number {
  return PRNGKey.fromSeed(seed).fold(PURPOSE.step).fold(epoch).fold(step).uint32(1)[0]!;
}
