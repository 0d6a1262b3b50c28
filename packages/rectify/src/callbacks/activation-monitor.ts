import { RectifyError, type Tensor, checkOptions, optionNames } from '@rectify/tensor';
import { type ActivityModel, type LayerActivity, layerActivity } from '../diagnostics/layer-activity.js';
import { Callback, type CallbackModel, type Logs } from './callback.js';

/** One layer's figures at one point in training: {@link layerActivity}'s, keyed by the layer's name. */
export type LayerActivityRecord = Omit<LayerActivity, 'layer' | 'outputs'>;

export interface ActivityRecord {
  /** The epoch the figures were taken after; -1 for the record taken before training. */
  readonly epoch: number;
  readonly layers: Readonly<Record<string, LayerActivityRecord>>;
}

export interface ActivationMonitorOptions {
  /** A fixed batch to measure on (default: the first training batch). */
  probe?: { x: Tensor | Tensor[]; y: Tensor | Tensor[] };
  /** Names of the layers to watch (default: every layer with an activation). */
  layers?: readonly string[];
  /** Also print one line per layer each epoch. */
  printFn?: (line: string) => void;
}

/**
 * Watches every layer with an activation, per epoch, on one fixed probe batch ({@link layerActivity}): the fraction
 * of active units, dead units, saturation, and the gradient norm of the layer's kernel — so that ReLU units dying under a too-high
 * learning rate, or sigmoid gradients vanishing in a deep stack, show up as numbers. Records go to
 * `monitor.history` and into the epoch logs as `<layer>/deadFraction`, `<layer>/fractionActive`,
 * `<layer>/fractionSaturated`, `<layer>/gradNorm`.
 * @example
 * const model = sequential([layers.dense({ units: 4, inputShape: [2], activation: 'relu' }), layers.dense({ units: 1 })]);
 * model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
 * const [x, y] = [randomNormal([20, 2], 0, 1, 'float32', 1), randomNormal([20, 1], 0, 1, 'float32', 2)];
 * const monitor = new ActivationMonitor();
 * await model.fit(x, y, { epochs: 5, callbacks: [monitor] });
 * // One record before training (epoch -1), then one per epoch.
 * monitor.history.map((r) => r.epoch); // → [-1, 0, 1, 2, 3, 4]
 */
export class ActivationMonitor extends Callback {
  readonly history: ActivityRecord[] = [];

  constructor(private readonly options: ActivationMonitorOptions = {}) {
    super();
    checkOptions(
      'ActivationMonitor',
      options,
      optionNames<ActivationMonitorOptions>()({ probe: true, layers: true, printFn: true }),
    );
  }

  override setModel(model: CallbackModel): void {
    const m = model as Partial<ActivityModel>;
    if (!Array.isArray(m.layers) || typeof m.run !== 'function') {
      throw new RectifyError(
        'ActivationMonitor: needs a Rectify model (sequential or model), received an object without layers/run',
      );
    }
    super.setModel(model);
  }

  onTrainBegin(): void {
    this.history.length = 0;
    this.record(-1);
  }

  onEpochEnd(epoch: number, logs: Logs): void {
    const r = this.record(epoch);
    for (const [name, l] of Object.entries(r.layers)) {
      logs[`${name}/fractionActive`] = l.fractionActive;
      logs[`${name}/deadFraction`] = l.deadFraction;
      logs[`${name}/fractionSaturated`] = l.fractionSaturated;
      logs[`${name}/gradNorm`] = l.gradNorm;
      this.options.printFn?.(
        `  ${name} (${l.activation}): active ${(100 * l.fractionActive).toFixed(1)}%, dead ${l.deadUnits}/${l.units}, ` +
          `saturated ${(100 * l.fractionSaturated).toFixed(1)}%, grad norm ${l.gradNorm.toExponential(2)}`,
      );
    }
  }

  /** Measures now, on the probe batch, appends to `history` and returns the record. */
  record(epoch: number): ActivityRecord {
    const probe = this.options.probe ?? this.params?.probeBatch;
    if (!probe)
      throw new RectifyError('ActivationMonitor: no probe batch; pass {probe: {x, y}} or use the monitor inside fit');
    const model = this.requireModel() as ActivityModel;
    const layers = this.options.layers;
    const rows = layerActivity(model, probe.x, probe.y, layers ? { layers } : {});
    const r = { epoch, layers: Object.fromEntries(rows.map(({ layer, ...figures }) => [layer, figures])) };
    this.history.push(r);
    return r;
  }
}
