import { type Tensor, checkOptions, dispose, keep, optionNames } from '@rectify/tensor';
import { checkNonNegative, checkNonNegativeInt } from '../checks.js';
import { Callback, type Logs } from './callback.js';
import { type MonitorMode, maximises, warnMissing } from './monitor-mode.js';

export interface EarlyStoppingOptions {
  /** The log key to watch (default 'val_loss'). */
  monitor?: string;
  /** The smallest change that counts as an improvement (default 0). */
  minDelta?: number;
  /** Epochs without improvement before stopping (default 0). */
  patience?: number;
  /** Default 'auto': maximise accuracy-like keys, minimise the rest. */
  mode?: MonitorMode;
  /** Keep training until the monitored value beats this. */
  baseline?: number;
  /** When stopping, put back the weights of the best epoch (default false). */
  restoreBestWeights?: boolean;
  /** Epochs to wait before watching at all (a warm-up; default 0). */
  startFromEpoch?: number;
  /** 1: print a line when training stops early (default 0). */
  verbose?: number;
  /** Where the verbose line goes (default console.log). */
  printFn?: (line: string) => void;
}

const earlyStoppingOptions = optionNames<EarlyStoppingOptions>()({
  monitor: true,
  minDelta: true,
  patience: true,
  mode: true,
  baseline: true,
  restoreBestWeights: true,
  startFromEpoch: true,
  verbose: true,
  printFn: true,
});

/**
 * Stops training when `monitor` has not improved by `minDelta` for `patience` epochs (Keras `EarlyStopping`).
 * @example
 * const model = sequential([layers.dense({ units: 4, inputShape: [2], activation: 'relu' }), layers.dense({ units: 1 })]);
 * model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
 * const [x, y] = [randomNormal([20, 2], 0, 1, 'float32', 1), randomNormal([20, 1], 0, 1, 'float32', 2)];
 * const callbacks = [new EarlyStopping({ patience: 3, restoreBestWeights: true })];
 * await model.fit(x, y, { epochs: 50, validationSplit: 0.2, callbacks });
 */
export class EarlyStopping extends Callback {
  readonly monitor: string;
  readonly minDelta: number;
  readonly patience: number;
  readonly baseline: number | undefined;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;
  readonly verbose: number;
  private readonly printFn: (line: string) => void;
  private readonly max: boolean;
  private readonly warned = new Set<string>();
  wait = 0;
  /** The epoch training stopped after (0 when it ran to the end). */
  stoppedEpoch = 0;
  best = Number.POSITIVE_INFINITY;
  bestEpoch = 0;
  private bestWeights: Tensor[] | null = null;

  constructor(options: EarlyStoppingOptions = {}) {
    super();
    checkOptions('EarlyStopping', options, earlyStoppingOptions);
    this.monitor = options.monitor ?? 'val_loss';
    this.verbose = checkNonNegativeInt('EarlyStopping', 'verbose', options.verbose ?? 0);
    this.printFn = options.printFn ?? ((line) => console.log(line));
    this.minDelta = Math.abs(checkNonNegative('EarlyStopping', 'minDelta', options.minDelta ?? 0));
    this.patience = checkNonNegativeInt('EarlyStopping', 'patience', options.patience ?? 0);
    this.baseline = options.baseline;
    this.restoreBestWeights = options.restoreBestWeights ?? false;
    this.startFromEpoch = checkNonNegativeInt('EarlyStopping', 'startFromEpoch', options.startFromEpoch ?? 0);
    this.max = maximises('EarlyStopping', this.monitor, options.mode);
  }

  private improves(value: number, reference: number): boolean {
    return this.max ? value - this.minDelta > reference : value + this.minDelta < reference;
  }

  onTrainBegin(): void {
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.best = this.max ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    this.bestEpoch = 0;
    this.setBestWeights(null);
  }

  onEpochEnd(epoch: number, logs: Logs): void {
    const current = logs[this.monitor];
    if (current === undefined) return warnMissing('EarlyStopping', this.monitor, logs, this.warned);
    if (epoch < this.startFromEpoch) return;
    const model = this.requireModel();
    if (this.restoreBestWeights && this.bestWeights === null) this.setBestWeights(model.getWeights());
    this.wait += 1;
    if (this.improves(current, this.best)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) this.setBestWeights(model.getWeights());
      if (this.baseline === undefined || this.improves(current, this.baseline)) {
        this.wait = 0;
        return;
      }
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      model.stopTraining = true;
      if (this.restoreBestWeights && this.bestWeights) model.setWeights(this.bestWeights);
      if (this.verbose > 0) this.printFn(`Epoch ${epoch + 1}: early stopping`);
    }
  }

  onTrainEnd(): void {
    this.setBestWeights(null);
  }

  private setBestWeights(ws: Tensor[] | null): void {
    if (this.bestWeights) dispose(this.bestWeights);
    this.bestWeights = ws ? ws.map((w) => keep(w)) : null;
  }
}

/**
 * TensorFlow.js' factory (`tf.callbacks.earlyStopping`): stops training when `monitor` stops improving.
 * @example
 * const model = sequential([layers.dense({ units: 4, inputShape: [2], activation: 'relu' }), layers.dense({ units: 1 })]);
 * model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
 * const [x, y] = [randomNormal([20, 2], 0, 1, 'float32', 1), randomNormal([20, 1], 0, 1, 'float32', 2)];
 * const callbacks = rf.callbacks.earlyStopping({ monitor: 'val_loss', patience: 3 });
 * await model.fit(x, y, { epochs: 50, validationSplit: 0.2, callbacks });
 */
export function earlyStopping(options: EarlyStoppingOptions = {}): EarlyStopping {
  return new EarlyStopping(options);
}
