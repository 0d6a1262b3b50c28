// Initializers: push a batch through 20 ReLU layers. He keeps the signal's scale; Glorot lets it shrink by about
// √2 per layer (half of the units are zero); with SELU, LeCun keeps mean 0 and variance 1.
import * as rf from 'rectify';
import type { ExampleContext } from '../src/example-api.js';

function stdPerLayer(activation: string, init: string, depth: number, width: number): number[] {
  return rf.tidy(() => {
    let h = rf.randomNormal([256, width], 0, 1, 'float32', 1);
    const act = rf.activations.get(activation);
    const stds: number[] = [];
    for (let l = 0; l < depth; l++) {
      const w = rf.initializers.get({ name: init, seed: 100 + l }).apply([width, width]);
      h = act.apply(rf.matmul(h, w));
      stds.push(Math.sqrt(rf.moments(h).variance.item()));
    }
    return stds;
  });
}

export async function run(ctx: ExampleContext) {
  const depth = 20;
  const he = stdPerLayer('relu', 'heNormal', depth, 128);
  const glorot = stdPerLayer('relu', 'glorotNormal', depth, 128);
  const selu = stdPerLayer('selu', 'lecunNormal', depth, 128);
  const layers = he.map((_, i) => i + 1);
  ctx.plot({
    title: 'Standard deviation of the activations, layer by layer', xLabel: 'layer', yLabel: 'std', yScale: 'log',
    series: [{ name: 'relu + heNormal', x: layers, y: he }, { name: 'relu + glorotNormal', x: layers, y: glorot }, { name: 'selu + lecunNormal', x: layers, y: selu }],
  });
  ctx.print(`after ${depth} layers: He ${he.at(-1)!.toFixed(3)}, Glorot ${glorot.at(-1)!.toExponential(2)}, SELU+LeCun ${selu.at(-1)!.toFixed(3)}`);
  return { he, glorot, selu };
}
