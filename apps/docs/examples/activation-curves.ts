// Activations: ReLU, GELU and Swish, each drawn with its exact derivative (dashed).
import * as rf from '@rectify/rectify';
import type { ExampleContext } from '../src/example-api.js';

export async function run(ctx: ExampleContext) {
  const names = ['relu', 'gelu', 'swish'];
  const colors = ['#0072B2', '#D55E00', '#009E73'];
  const xs = Array.from({ length: 121 }, (_, i) => -6 + i * 0.1);
  const series = names.flatMap((name, i) => {
    const act = rf.activations.get(name);
    const color = colors[i];
    return [
      { name, x: xs, y: xs.map((v) => act.f(v)), color },
      { name: `${name}′`, x: xs, y: xs.map((v) => act.df(v)), color, dashed: true },
    ];
  });
  ctx.plot({ title: 'f(x) and f′(x)', xLabel: 'x', series });

  // The same functions on tensors, through the backend's compiled kernels.
  const x = rf.tensor([-2, -0.5, 0, 0.5, 2]);
  for (const name of names) ctx.print(name.padEnd(5), rf.activations.get(name).apply(x));
  return {
    gelu1: rf.activations.get('gelu').f(1),
    swishDf0: rf.activations.get('swish').df(0),
    plotted: series.length,
  };
}
