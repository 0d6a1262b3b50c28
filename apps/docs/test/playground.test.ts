import { describe, expect, it } from 'vitest';
import { chartsFor } from '../src/playground/charts.js';
import { makeDataset } from '../src/playground/datasets.js';
import { demos } from '../src/playground/demos.js';
import { DEFAULT_CONFIG, type LabRecord, trainLab } from '../src/playground/lab.js';

const demo = (id: string) => demos.find((d) => d.id === id)!;
const dead = (r: LabRecord) => r.layers.reduce((s, l) => s + l.deadUnits, 0);

describe('playground datasets', () => {
  it('are seeded, balanced, and the token task labels repeats of the first token', () => {
    const a = makeDataset('tokens', 64, 3);
    const b = makeDataset('tokens', 64, 3);
    expect(a.x.arraySync()).toEqual(b.x.arraySync());
    const xs = a.x.arraySync() as number[][];
    const ys = Array.from(a.y.dataSync());
    expect(ys.filter((y) => y === 1)).toHaveLength(32);
    xs.forEach((row, i) => expect(row.slice(1).includes(row[0]!) ? 1 : 0).toBe(ys[i]));
    expect(makeDataset('moons', 10, 1).x.shape).toEqual([10, 2]);
  });
});

describe('playground demonstrations (the same code the page runs)', () => {
  it('dying ReLU: with lr 0.7 the dead units rise and stay up; with lr 0.05 they do not', async () => {
    const [calm, hot] = await Promise.all(demo('dying').configs.map((c) => trainLab(c)));
    expect(hot![0]!.step).toBe(0);
    expect(dead(hot![0]!)).toBe(dead(calm![0]!)); // same seed, same network at the start
    expect(dead(hot!.at(-1)!)).toBeGreaterThan(dead(hot![0]!) + 30);
    expect(dead(calm!.at(-1)!)).toBeLessThan(dead(calm![0]!) + 10);
    expect(Math.min(...hot!.slice(2).map(dead))).toBeGreaterThan(dead(hot![0]!) + 30); // they never come back
  });

  it("vanishing gradients: sigmoid first-layer gradients are orders of magnitude below the last; ReLU's are not", async () => {
    const [sigmoid, relu] = await Promise.all(demo('vanishing').configs.map((c) => trainLab({ ...c, steps: 5 })));
    const ratio = (r: LabRecord) => r.layers[0]!.gradNorm / r.layers.at(-1)!.gradNorm;
    expect(ratio(sigmoid![0]!)).toBeLessThan(1e-3);
    expect(ratio(relu![0]!)).toBeGreaterThan(0.05);
  });

  it('init: Glorot shrinks the ReLU activations with depth, He keeps their scale', async () => {
    const [glorot, he] = await Promise.all(demo('init').configs.map((c) => trainLab({ ...c, steps: 0 })));
    const lastStd = (r: LabRecord[]) => r[0]!.layers.at(-1)!.std;
    expect(lastStd(glorot!)).toBeLessThan(lastStd(he!) / 5);
  });

  it('SELU + LeCun keeps every layer near mean 0 and std 1 through 16 layers', async () => {
    const [selu, tanh] = await Promise.all(demo('selu').configs.map((c) => trainLab({ ...c, steps: 0 })));
    for (const l of selu![0]!.layers) {
      expect(l.std).toBeGreaterThan(0.6);
      expect(l.std).toBeLessThan(1.4);
      expect(Math.abs(l.mean)).toBeLessThan(0.35);
    }
    expect(tanh![0]!.layers.at(-1)!.std).toBeLessThan(0.5);
  });

  it('transformer: each activation trains the one-block encoder and its feed-forward layer is watched', async () => {
    for (const config of demo('transformer').configs) {
      const r = await trainLab({ ...config, steps: 20 });
      expect(r[0]!.layers.map((l) => l.name)).toEqual(['encoder/intermediate']);
      expect(r.at(-1)!.loss).toBeLessThan(r[0]!.loss);
    }
  });
});

describe('trainLab', () => {
  it('records every recordEvery steps, reproducibly, and stops when asked', async () => {
    const config = { ...DEFAULT_CONFIG, steps: 10, recordEvery: 5, depth: 2, width: 8 };
    const a = await trainLab(config);
    const b = await trainLab(config);
    expect(a.map((r) => r.step)).toEqual([0, 5, 10]);
    expect(a.map((r) => r.loss)).toEqual(b.map((r) => r.loss));
    let calls = 0;
    const stopped = await trainLab(
      config,
      () => {},
      () => ++calls > 3,
    );
    expect(stopped.map((r) => r.step)).toEqual([0]);
  });

  it('keeps measuring a network whose loss diverges instead of failing', async () => {
    const r = await trainLab({ ...DEFAULT_CONFIG, learningRate: 50, steps: 10, recordEvery: 5 });
    expect(r).toHaveLength(3);
  });

  it('charts: five figures and a row per layer per run', async () => {
    const records = await trainLab({ ...DEFAULT_CONFIG, steps: 5, recordEvery: 5, depth: 3 });
    const { figures, tableHtml } = chartsFor([{ config: DEFAULT_CONFIG, records }]);
    expect(figures).toHaveLength(5);
    expect(tableHtml.match(/<tr><td>/g)).toHaveLength(3);
    expect(chartsFor([])).toEqual({ figures: [], tableHtml: '' });
  });
});
