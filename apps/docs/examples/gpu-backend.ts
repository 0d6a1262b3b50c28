// The GPU backend: the same computation on the backend chosen in the header and on
// the CPU backend, compared.
import * as rf from '@rectify/rectify';
import type { ExampleContext } from '../src/example-api.js';

export async function run(ctx: ExampleContext) {
  const chosen = rf.backend().name;
  const compute = () => {
    const a = rf.randomUniform([64, 48], -1, 1, 'float32', 8);
    const b = rf.randomUniform([48, 32], -1, 1, 'float32', 9);
    return Array.from(rf.gelu(rf.matmul(a, b)).dataSync());
  };
  const onChosen = compute();
  rf.setBackend('cpu');
  const onCpu = compute();
  rf.setBackend(chosen);
  const maxDiff = onChosen.reduce((m, v, i) => Math.max(m, Math.abs(v - onCpu[i]!)), 0);
  ctx.print(`gelu(a · b), 64×48 · 48×32, on '${chosen}'`, rf.backend().info);
  ctx.print(`largest difference from the cpu backend: ${maxDiff.toExponential(2)}`);
  return { backend: chosen, maxDiff, size: onChosen.length };
}
