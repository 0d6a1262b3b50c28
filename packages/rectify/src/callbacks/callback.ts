import { RectifyError, type Tensor } from '@rectify/tensor';
import type { Optimizer } from '../optimizers/optimizer.js';

/** What `fit` reports at each hook: 'loss', metric values, 'val_…' after validation, 'learningRate'. */
export type Logs = Record<string, number>;

/** The facts about a training run that callbacks receive before it starts (Keras' `params`). */
export interface TrainingParams {
  readonly epochs: number;
  readonly initialEpoch: number;
  /** Batches per epoch; null when a dataset does not say (fitDataset without batchesPerEpoch, as tf.js). */
  readonly steps: number | null;
  /** Training examples per epoch; null for datasets. */
  readonly samples: number | null;
  /** Null for datasets, whose batches are made before training sees them. */
  readonly batchSize: number | null;
  readonly verbose: number;
  /** The log keys an epoch produces, validation ones included. */
  readonly metrics: readonly string[];
  readonly doValidation: boolean;
  /** The first training batch, unshuffled: a fixed probe for diagnostics such as ActivationMonitor. */
  readonly probeBatch?: { readonly x: Tensor | Tensor[]; readonly y: Tensor | Tensor[] };
}

/**
 * The part of a model callbacks may use. `Model` implements it; keeping it small keeps callbacks testable and
 * free of the training loop.
 */
export interface CallbackModel {
  /** Set to true to end training after the current epoch (EarlyStopping does). */
  stopTraining: boolean;
  readonly optimizer: Optimizer | undefined;
  getWeights(): Tensor[];
  setWeights(weights: readonly Tensor[]): void;
  save(path: string): Promise<unknown>;
}

/**
 * The hooks a callback may implement, with TensorFlow.js' names and arguments. Any plain object with some of
 * them works as a callback; hooks may be async (training awaits them).
 */
export interface CallbackHooks {
  onTrainBegin?(logs: Logs): void | Promise<void>;
  onTrainEnd?(logs: Logs): void | Promise<void>;
  onEpochBegin?(epoch: number, logs: Logs): void | Promise<void>;
  onEpochEnd?(epoch: number, logs: Logs): void | Promise<void>;
  onBatchBegin?(batch: number, logs: Logs): void | Promise<void>;
  onBatchEnd?(batch: number, logs: Logs): void | Promise<void>;
  setModel?(model: CallbackModel): void;
  setParams?(params: TrainingParams): void;
}

/**
 * A base class for callbacks that need the model or the run's params.
 * @example
 * class StopAt extends Callback {
 *   onEpochEnd(_: number, logs: Logs) { if (logs.loss < 0.01) this.model!.stopTraining = true; }
 * }
 */
export class Callback implements CallbackHooks {
  model?: CallbackModel;
  params?: TrainingParams;

  setModel(model: CallbackModel): void {
    this.model = model;
  }

  setParams(params: TrainingParams): void {
    this.params = params;
  }

  /** The model, or an error naming the callback when it is used outside `fit`. */
  protected requireModel(): CallbackModel {
    if (!this.model)
      throw new RectifyError(`${this.constructor.name}: not attached to a model; pass it to model.fit({callbacks})`);
    return this.model;
  }
}

/**
 * Runs the hooks of several callbacks in order, awaiting each (what `fit` uses; handy for custom loops).
 * @example const list = new CallbackList([new History(), { onEpochEnd: (e) => console.log(e) }]); await list.epochEnd(0, {});
 */
export class CallbackList {
  constructor(readonly callbacks: readonly CallbackHooks[]) {}

  setModel(model: CallbackModel): void {
    for (const c of this.callbacks) c.setModel?.(model);
  }

  setParams(params: TrainingParams): void {
    for (const c of this.callbacks) c.setParams?.(params);
  }

  async trainBegin(logs: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onTrainBegin?.(logs);
  }

  async trainEnd(logs: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onTrainEnd?.(logs);
  }

  async epochBegin(epoch: number, logs: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onEpochBegin?.(epoch, logs);
  }

  async epochEnd(epoch: number, logs: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onEpochEnd?.(epoch, logs);
  }

  async batchBegin(batch: number, logs: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onBatchBegin?.(batch, logs);
  }

  async batchEnd(batch: number, logs: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onBatchEnd?.(batch, logs);
  }
}
