import { RectifyError, ValueError } from '@rectify/tensor';
import { Callback, type Logs } from './callback.js';

/** Receives the epoch (from 0) and the current rate; returns the rate for this epoch. */
export type EpochSchedule = (epoch: number, learningRate: number) => number;

/**
 * Sets the learning rate at the start of every epoch from `schedule(epoch, lr)` (Keras `LearningRateScheduler`);
 * adds `learningRate` to the logs. For per-step schedules, give the optimizer a schedule instead.
 * @example new LearningRateScheduler((epoch, lr) => (epoch < 10 ? lr : lr * 0.9))
 */
export class LearningRateScheduler extends Callback {
  constructor(readonly schedule: EpochSchedule) {
    super();
    if (typeof schedule !== 'function') {
      throw new ValueError(
        `LearningRateScheduler: schedule must be a function (epoch, lr) => number, received ${typeof schedule}`,
      );
    }
  }

  onEpochBegin(epoch: number): void {
    const optimizer = this.requireModel().optimizer;
    if (!optimizer)
      throw new RectifyError('LearningRateScheduler: the model has no optimizer; call model.compile first');
    const lr = this.schedule(epoch, optimizer.learningRate);
    if (typeof lr !== 'number' || !Number.isFinite(lr) || lr < 0) {
      throw new ValueError(
        `LearningRateScheduler: schedule returned ${String(lr)} for epoch ${epoch}; expected a non-negative number`,
      );
    }
    optimizer.learningRate = lr;
  }

  onEpochEnd(_epoch: number, logs: Logs): void {
    const optimizer = this.requireModel().optimizer;
    if (optimizer) logs['learningRate'] = optimizer.learningRate;
  }
}
