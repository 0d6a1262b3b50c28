import { RectifyError, ValueError, checkOptions, optionNames } from '@rectify/tensor';
import { checkNonNegative, checkNonNegativeInt, checkPositive } from '../checks.js';
import { Callback, type Logs } from './callback.js';
import { type MonitorMode, maximises, warnMissing } from './monitor-mode.js';

export interface ReduceLROnPlateauOptions {
  /** Default 'val_loss'. */
  monitor?: string;
  /** New rate = rate · factor, with 0 < factor < 1 (default 0.1). */
  factor?: number;
  /** Epochs without improvement before reducing (default 10). */
  patience?: number;
  mode?: MonitorMode;
  /** The smallest change that counts as an improvement (default 1e-4). */
  minDelta?: number;
  /** Epochs to wait after a reduction before counting again (default 0). */
  cooldown?: number;
  /** The rate never goes below this (default 0). */
  minLr?: number;
}

const reduceOptions = optionNames<ReduceLROnPlateauOptions>()({
  monitor: true,
  factor: true,
  patience: true,
  mode: true,
  minDelta: true,
  cooldown: true,
  minLr: true,
});

/**
 * Divides the learning rate when `monitor` stops improving (Keras `ReduceLROnPlateau`); adds `learningRate` to
 * the logs.
 * @example new ReduceLROnPlateau({ monitor: 'loss', factor: 0.5, patience: 2 })
 */
export class ReduceLROnPlateau extends Callback {
  readonly monitor: string;
  readonly factor: number;
  readonly patience: number;
  readonly minDelta: number;
  readonly cooldown: number;
  readonly minLr: number;
  private readonly max: boolean;
  private readonly warned = new Set<string>();
  wait = 0;
  cooldownCounter = 0;
  best = Number.POSITIVE_INFINITY;

  constructor(options: ReduceLROnPlateauOptions = {}) {
    super();
    checkOptions('ReduceLROnPlateau', options, reduceOptions);
    this.monitor = options.monitor ?? 'val_loss';
    this.factor = checkPositive('ReduceLROnPlateau', 'factor', options.factor ?? 0.1);
    if (this.factor >= 1) throw new ValueError(`ReduceLROnPlateau: factor must be below 1, received ${this.factor}`);
    this.patience = checkNonNegativeInt('ReduceLROnPlateau', 'patience', options.patience ?? 10);
    this.minDelta = checkNonNegative('ReduceLROnPlateau', 'minDelta', options.minDelta ?? 1e-4);
    this.cooldown = checkNonNegativeInt('ReduceLROnPlateau', 'cooldown', options.cooldown ?? 0);
    this.minLr = checkNonNegative('ReduceLROnPlateau', 'minLr', options.minLr ?? 0);
    this.max = maximises('ReduceLROnPlateau', this.monitor, options.mode);
  }

  onTrainBegin(): void {
    this.wait = 0;
    this.cooldownCounter = 0;
    this.best = this.max ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }

  onEpochEnd(_epoch: number, logs: Logs): void {
    const optimizer = this.requireModel().optimizer;
    if (!optimizer) throw new RectifyError('ReduceLROnPlateau: the model has no optimizer; call model.compile first');
    if (optimizer.learningRateSchedule) {
      throw new RectifyError(
        `ReduceLROnPlateau: the optimizer's learning rate is a schedule (${optimizer.learningRateSchedule.className}); use a fixed learning rate or drop this callback`,
      );
    }
    logs['learningRate'] = optimizer.learningRate;
    const current = logs[this.monitor];
    if (current === undefined) return warnMissing('ReduceLROnPlateau', this.monitor, logs, this.warned);
    const inCooldown = this.cooldownCounter > 0;
    if (inCooldown) {
      this.cooldownCounter -= 1;
      this.wait = 0;
    }
    if (this.max ? current > this.best + this.minDelta : current < this.best - this.minDelta) {
      this.best = current;
      this.wait = 0;
    } else if (!inCooldown) {
      this.wait += 1;
      if (this.wait >= this.patience && optimizer.learningRate > this.minLr) {
        optimizer.learningRate = Math.max(optimizer.learningRate * this.factor, this.minLr);
        this.cooldownCounter = this.cooldown;
        this.wait = 0;
      }
    }
  }
}
