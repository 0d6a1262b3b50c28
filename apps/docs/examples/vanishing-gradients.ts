// Activations: why ReLU replaced sigmoid in deep nets. The gradient reaching each layer
// of an 8-layer network at initialisation: with sigmoid (derivative at most 1/4) it
// shrinks layer after layer on its way back; with ReLU and He init it does not.
import * as rf from '@rectify/rectify';
import type { ExampleContext } from '../src/example-api.js';

function gradNorms(activation: string, kernelInitializer: string): number[] {
  rf.setSeed(5);
  const layers = Array.from({ length: 8 }, (_, i) =>
    rf.layers.dense({
      units: 32,
      activation,
      kernelInitializer,
      name: `layer${i + 1}`,
      ...(i === 0 && { inputShape: [16] }),
    }),
  );
  const model = rf.sequential([...layers, rf.layers.dense({ units: 1, name: 'head' })]);
  model.compile({ optimizer: 'sgd', loss: 'mse' });
  const x = rf.randomNormal([64, 16], 0, 1, 'float32', 6);
  const y = rf.randomNormal([64, 1], 0, 1, 'float32', 7);
  // One batch, before training: rf.layerActivity measures every layer with an activation (the ActivationMonitor
  // callback reports the same figures after each epoch).
  return rf.layerActivity(model, x, y).map((l) => l.gradNorm);
}

export async function run(ctx: ExampleContext) {
  const sigmoid = gradNorms('sigmoid', 'glorotUniform');
  const relu = gradNorms('relu', 'heNormal');
  ctx.plot({
    kind: 'bar',
    title: '‖∂loss/∂kernel‖ per layer at initialisation',
    xLabel: 'layer (input → output)',
    yScale: 'log',
    labels: sigmoid.map((_, i) => String(i + 1)),
    series: [
      { name: 'sigmoid + glorotUniform', values: sigmoid },
      { name: 'relu + heNormal', values: relu },
    ],
  });
  const ratio = (g: number[]) => (g[0]! / g.at(-1)!).toExponential(2);
  ctx.print(`first/last layer gradient ratio: sigmoid ${ratio(sigmoid)}, relu ${ratio(relu)}`);
  return { sigmoid, relu };
}
