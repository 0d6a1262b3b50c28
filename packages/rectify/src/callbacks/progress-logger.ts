import { Callback, type Logs } from './callback.js';

/**
 * Prints one line per epoch, as Keras' verbose output: `Epoch 3/10 - 0.41s - loss: 0.2310 - accuracy: 0.9500`.
 * Keys holding a '/' (per-layer diagnostics) are left to the callbacks that produce them. `fit` adds one when
 * `verbose` is 1 or 2.
 * @example
 * const model = sequential([layers.dense({ units: 4, inputShape: [2], activation: 'relu' }), layers.dense({ units: 1 })]);
 * model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
 * const [x, y] = [randomNormal([20, 2], 0, 1, 'float32', 1), randomNormal([20, 1], 0, 1, 'float32', 2)];
 * const log: string[] = [];
 * await model.fit(x, y, { epochs: 2, verbose: 0, callbacks: [new ProgressLogger((line) => log.push(line))] });
 */
export class ProgressLogger extends Callback {
  private started = 0;

  constructor(private readonly printFn: (line: string) => void = (l) => console.log(l)) {
    super();
  }

  onEpochBegin(): void {
    this.started = performance.now();
  }

  onEpochEnd(epoch: number, logs: Logs): void {
    const secs = ((performance.now() - this.started) / 1000).toFixed(2);
    const parts = Object.entries(logs)
      .filter(([k]) => !k.includes('/'))
      .map(([k, v]) => `${k}: ${formatValue(v)}`);
    this.printFn([`Epoch ${epoch + 1}/${this.params?.epochs ?? '?'}`, `${secs}s`, ...parts].join(' - '));
  }
}

function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(3) : v.toFixed(4);
}
