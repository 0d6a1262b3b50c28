// Activations: activationStats counts units that never fire — dead ReLUs — and how much gradient gets through.
import * as rf from 'rectify';
import type { ExampleContext } from '../src/example-api.js';

export async function run(ctx: ExampleContext) {
  // 64 samples × 8 units of pre-activations; units 0–2 have a large negative bias, as after a bad update.
  const z = rf.add(rf.randomNormal([64, 8], 0, 1, 'float32', 3), rf.tensor([-10, -10, -10, 0, 0, 0, 0, 0]));
  const stats = rf.activationStats(z, 'relu');
  const leaky = rf.activationStats(z, { name: 'leakyRelu', alpha: 0.1 });

  ctx.print(`relu: ${stats.overall.deadUnits} of ${stats.units} units dead, active ${(100 * stats.overall.fractionActive).toFixed(1)}%`);
  ctx.print(`leakyRelu: mean derivative ${leaky.overall.meanDerivative.toFixed(3)} (relu: ${stats.overall.meanDerivative.toFixed(3)})`);
  ctx.plot({
    kind: 'bar', title: 'Fraction of samples where each unit is active', xLabel: 'unit', labels: stats.perUnit.dead.map((_, i) => String(i)),
    series: [{ name: 'relu', values: Array.from(stats.perUnit.fractionActive) }],
  });
  return { dead: stats.perUnit.dead, deadUnits: stats.overall.deadUnits, leakyMeanDerivative: leaky.overall.meanDerivative };
}
