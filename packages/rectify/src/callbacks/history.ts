import { withTfjsAliases } from '../training/tfjs-log-aliases.js';
import { Callback, type Logs } from './callback.js';

/**
 * Records every epoch's logs; `fit` returns it. `history.history.loss[i]` is epoch i's training loss.
 * @example
 * const model = sequential([layers.dense({ units: 4, inputShape: [2], activation: 'relu' }), layers.dense({ units: 1 })]);
 * model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
 * const [x, y] = [randomNormal([20, 2], 0, 1, 'float32', 1), randomNormal([20, 1], 0, 1, 'float32', 2)];
 * const h = await model.fit(x, y, { epochs: 5 });
 * h.history.loss.length; // → 5
 */
export class History extends Callback {
  readonly epoch: number[] = [];
  readonly history: Record<string, number[]> = {};

  onEpochEnd(epoch: number, logs: Logs): void {
    this.epoch.push(epoch);
    for (const [k, v] of Object.entries(logs)) (this.history[k] ??= []).push(v);
    withTfjsAliases(this.history);
  }
}
