// Activations: activationStats counts units that never fire — dead ReLUs — and how
// much gradient gets through.
import * as rf from '@rectify/rectify';
import type { ExampleContext } from '../src/example-api.js';

export async function run(ctx: ExampleContext) {
  // 64 samples × 8 units of pre-activations; units 0–2 have a large negative bias,
  // as after a bad update.
  const noise = rf.randomNormal([64, 8], 0, 1, 'float32', 3);
  const z = rf.add(noise, rf.tensor([-10, -10, -10, 0, 0, 0, 0, 0]));
  const relu = rf.activationStats(z, 'relu');
  const leaky = rf.activationStats(z, { name: 'leakyRelu', alpha: 0.1 });

  const { deadUnits, fractionActive, meanDerivative } = relu.overall;
  const active = (100 * fractionActive).toFixed(1);
  ctx.print(`relu: ${deadUnits} of ${relu.units} units dead, active ${active}%`);
  const leakyDerivative = leaky.overall.meanDerivative.toFixed(3);
  ctx.print(`mean derivative: leakyRelu ${leakyDerivative}, relu ${meanDerivative.toFixed(3)}`);
  ctx.plot({
    kind: 'bar',
    title: 'Fraction of samples where each unit is active',
    xLabel: 'unit',
    labels: relu.perUnit.dead.map((_, i) => String(i)),
    series: [{ name: 'relu', values: Array.from(relu.perUnit.fractionActive) }],
  });
  return { dead: relu.perUnit.dead, deadUnits, leakyMeanDerivative: leaky.overall.meanDerivative };
}
