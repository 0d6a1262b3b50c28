import { it } from 'vitest';
import { trainLab, DEFAULT_CONFIG } from '../src/playground/lab.js';
it('tune', async () => {
  for (const [opt, lr] of [['sgd',0.3],['sgd',0.5],['sgd',0.7],['adam',0.05],['adam',0.1],['adam',0.3]] as const) {
    const recs = await trainLab({ ...DEFAULT_CONFIG, optimizer: opt, learningRate: lr, steps: 60, recordEvery: 5 });
    console.log(opt, lr, recs.map(r => r.layers.reduce((s, l) => s + l.deadUnits, 0)).join(','), 'loss', recs.map(r=>r.loss.toFixed(2)).join(','), 'acc', recs.at(-1)!.accuracy);
  }
});
