import * as rf from '../src/index.js';
import { fresh, linearData, values } from './helpers.js';

/** A trained two-moons-sized classifier with optimizer state, as the browser example saves it. */
export async function trainedClassifier(): Promise<rf.LayersModel> {
  fresh(7);
  const { x, y } = linearData(32, 2);
  const m = rf.sequential([
    rf.layers.dense({ units: 8, activation: 'relu', inputShape: [2] }),
    rf.layers.batchNormalization(),
    rf.layers.dense({ units: 1 }),
  ]);
  m.compile({ optimizer: rf.optimizers.adam({ learningRate: 0.01 }), loss: 'mse' });
  await m.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0, seed: 3 });
  return m;
}

export const probe = (): rf.Tensor => linearData(6, 5).x;
export const predictions = (m: rf.LayersModel): number[] => values(m.predict(probe()) as rf.Tensor);

/** localStorage as a Map, with the browser's quota behaviour: a write past `quota` characters throws. */
export class MapStorage implements Storage {
  readonly map = new Map<string, string>();
  constructor(private readonly quota = Infinity) {}
  get length(): number {
    return this.map.size;
  }
  key(i: number): string | null {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string): string | null {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    const used = [...this.map].reduce((n, [key, val]) => n + (key === k ? 0 : val.length), 0);
    if (used + v.length > this.quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.map.set(k, String(v));
  }
  removeItem(k: string): void {
    this.map.delete(k);
  }
  clear(): void {
    this.map.clear();
  }
}
