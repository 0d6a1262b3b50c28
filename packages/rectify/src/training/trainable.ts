import { RectifyError, type Tensor, type Variable } from '@rectify/tensor';
import type { CallbackModel } from '../callbacks/callback.js';
import type { Compiled } from './compiled.js';

/** What the training loop needs from a model; `Model` and `Sequential` implement it. */
export interface TrainableModel extends CallbackModel {
  readonly name: string;
  /** One name per output, used as the log prefix of a multi-output model. */
  readonly outputNames: readonly string[];
  readonly compiled: Compiled | undefined;
  readonly trainableWeights: Variable[];
  readonly nonTrainableWeights: Variable[];
  /** The forward pass on real tensors, always returning a list (one tensor per output). */
  run(inputs: readonly Tensor[], training: boolean): Tensor[];
  regularizationLosses(): Tensor[];
}

/** The compiled state, or an error naming the method that needed it. */
export function requireCompiled(model: TrainableModel, fn: string): Compiled {
  if (!model.compiled) {
    throw new RectifyError(
      `${fn}: the model must be compiled first: model.compile({ optimizer: 'adam', loss: 'meanSquaredError' })`,
    );
  }
  return model.compiled;
}
