// Initializers: push a batch through 20 ReLU layers. He keeps the signal's scale; Glorot
// lets it shrink by about √2 per layer (ReLU zeroes half of the units); with SELU, LeCun
// keeps mean 0 and variance 1.
import * as rf from '@rectify/rectify';
import type { ExampleContext } from '../src/example-api.js';

function stdPerLayer(activation: string, init: string, depth: number, width: number) {
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
  const x = he.map((_, i) => i + 1);
  ctx.plot({
    title: 'Standard deviation of the activations, layer by layer',
    xLabel: 'layer',
    yScale: 'log',
    series: [
      { name: 'relu + heNormal', x, y: he },
      { name: 'relu + glorotNormal', x, y: glorot },
      { name: 'selu + lecunNormal', x, y: selu },
    ],
  });
  const last = (v: number[]) => v.at(-1)!.toPrecision(3);
  ctx.print(`after ${depth} layers: He ${last(he)}, Glorot ${last(glorot)}, SELU+LeCun ${last(selu)}`);
  return { he, glorot, selu };
}
