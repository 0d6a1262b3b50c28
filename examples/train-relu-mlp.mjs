// The end-to-end check that the foundation works: a two-layer ReLU network, written with nothing but tensor ops
// and autograd, learns the two-moons problem. Run with `pnpm main` (after `pnpm build`).
import {
  add,
  argMax,
  cast,
  equal,
  logSoftmax,
  matmul,
  maximum,
  mean,
  mul,
  neg,
  oneHot,
  randomNormal,
  setSeed,
  sub,
  sum,
  tensor,
  tidy,
  zeros,
} from '../packages/tensor/dist/index.js';
import { variable, variableGrads } from '../packages/autograd/dist/index.js';

setSeed(42);

/** Two interleaving half-moons with Gaussian noise, labels 0/1 — a classic non-linear toy problem. */
function twoMoons(n, noise, seed) {
  let s = seed >>> 0;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const xs = [];
  const ys = [];
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const t = Math.PI * rand();
    const x = label ? 1 - Math.cos(t) : Math.cos(t);
    const y = label ? 0.5 - Math.sin(t) : Math.sin(t);
    xs.push([x + noise * gauss(), y + noise * gauss()]);
    ys.push(label);
  }
  return { x: tensor(xs), y: tensor(ys, undefined, 'int32') };
}

const { x, y } = twoMoons(512, 0.1, 7);
const hidden = 32;
// He initialisation: std = sqrt(2 / fanIn) keeps ReLU activations from shrinking layer after layer.
const w1 = variable(randomNormal([2, hidden], 0, Math.sqrt(2 / 2)), true, 'w1');
const b1 = variable(zeros([hidden]), true, 'b1');
const w2 = variable(randomNormal([hidden, 2], 0, Math.sqrt(2 / hidden)), true, 'w2');
const b2 = variable(zeros([2]), true, 'b2');
const params = [w1, b1, w2, b2];

const forward = (inputs) => add(matmul(maximum(add(matmul(inputs, w1), b1), 0), w2), b2);
const loss = () => neg(mean(sum(mul(oneHot(y, 2), logSoftmax(forward(x))), -1)));

const lr = 0.5;
for (let epoch = 0; epoch <= 300; epoch++) {
  tidy(() => {
    const { value, grads } = variableGrads(loss, params);
    for (const p of params) p.assign(sub(p, mul(grads[p.name], lr)));
    if (epoch % 50 === 0) {
      const acc = mean(cast(equal(argMax(forward(x), 1), y), 'float32')).item();
      console.log(
        `epoch ${String(epoch).padStart(3)}  loss ${value.item().toFixed(4)}  accuracy ${(acc * 100).toFixed(1)}%`,
      );
    }
  });
}
