// Activation cost on the CPU backend: ns per element for the forward pass and for forward + backward (the fused
// unaryGrad kernel with a given upstream gradient), on 1M float32 pre-activations drawn from N(0, 1) — random
// signs, the case that punishes branchy kernels. Build first: `cd packages/activations && npx tsc -b`.
import * as A from '../../packages/activations/dist/index.js';
import * as G from '../../packages/autograd/dist/index.js';
import * as T from '../../packages/tensor/dist/index.js';

const ROWS = 1000;
const COLS = 1000;
const N = ROWS * COLS;
const ROUNDS = 5;

/** What each row runs; `family: false` marks the reference rows left out of the "ReLU is cheapest" check. */
function cases(alpha) {
  const identity = T.unaryFn({ name: 'benchCopy', f: (x) => x, df: () => 1 });
  const unary = (label, f, family = true) => ({
    label,
    family,
    forward: (x) => f(x).dispose(),
    backward: (x, dy) => G.grad(f)(x, dy).dispose(),
  });
  return [
    unary('copy (x => x kernel, for scale)', (x) => T.mapUnary(x, identity), false),
    unary('linear (zero-copy view)', (x) => A.linear(x), false),
    unary('relu', (x) => A.relu(x)),
    unary('relu6', (x) => A.relu6(x)),
    unary('leakyRelu', (x) => A.leakyRelu(x)),
    {
      label: 'prelu (slope per channel)',
      family: true,
      forward: (x) => A.prelu(x, alpha).dispose(),
      backward: (x, dy) => T.dispose(G.grads((xx, aa) => A.prelu(xx, aa))([x, alpha], dy)),
    },
    unary('elu', (x) => A.elu(x)),
    unary('selu', (x) => A.selu(x)),
    unary('celu', (x) => A.celu(x)),
    unary('gelu', (x) => A.gelu(x)),
    unary("gelu approximate 'tanh'", (x) => A.gelu(x, { approximate: 'tanh' })),
    unary('swish / silu', (x) => A.swish(x)),
    unary('mish', (x) => A.mish(x)),
    unary('hardSigmoid', (x) => A.hardSigmoid(x)),
    unary('hardSwish', (x) => A.hardSwish(x)),
    unary('sigmoid', (x) => A.sigmoid(x)),
    unary('tanh', (x) => A.tanh(x)),
    unary('softplus', (x) => A.softplus(x)),
    unary('softsign', (x) => A.softsign(x)),
    unary('softmax (last axis)', (x) => A.softmax(x)),
    unary('logSoftmax (last axis)', (x) => A.logSoftmax(x)),
  ];
}

export default async function ({ timeit, printTable, machine }) {
  T.setBackend('cpu');
  const x = T.randomNormal([ROWS, COLS], 0, 1, 'float32', 42);
  const dy = T.randomNormal([ROWS, COLS], 0, 1, 'float32', 7);
  const alpha = T.full([COLS], 0.25);
  const rows = cases(alpha);
  const best = new Map(rows.map((r) => [r.label, { forward: Infinity, both: Infinity }]));
  // Rounds interleave the rows so that a burst of load on this shared machine hits all of them, not one; each
  // row keeps its best median.
  for (let round = 0; round < ROUNDS; round++) {
    for (const r of rows) {
      const b = best.get(r.label);
      b.forward = Math.min(b.forward, await timeit(() => r.forward(x), { minMs: 200 }));
      b.both = Math.min(b.both, await timeit(() => r.backward(x, dy), { minMs: 200 }));
    }
  }
  const nsPerElement = (ms) => (ms * 1e6) / N;
  const relu = best.get('relu');
  const table = rows
    .map((r) => ({ r, b: best.get(r.label) }))
    .sort((p, q) => p.b.forward - q.b.forward)
    .map(({ r, b }) => [
      r.label,
      nsPerElement(b.forward),
      nsPerElement(b.both),
      N / (b.forward * 1e3),
      r.family ? b.forward / relu.forward : '—',
      r.family ? b.both / relu.both : '—',
    ]);
  printTable(
    `Activations, CPU backend, ${N.toLocaleString('en-US')} float32 elements from N(0, 1) — ${machine()}`,
    ['activation', 'forward ns/elem', 'fwd+bwd ns/elem', 'forward M elem/s', 'forward × relu', 'fwd+bwd × relu'],
    table,
  );
  for (const [phase, key] of [['forward', 'forward'], ['forward+backward', 'both']]) {
    const cheaper = rows.filter((r) => r.family && r.label !== 'relu' && best.get(r.label)[key] < relu[key]);
    if (cheaper.length) {
      console.log(
        `\n!!!!!!!! WARNING: ReLU is NOT the cheapest activation (${phase}): ` +
          cheaper.map((r) => `${r.label} ${nsPerElement(best.get(r.label)[key]).toFixed(2)}`).join(', ') +
          ` < relu ${nsPerElement(relu[key]).toFixed(2)} ns/elem. The ReLU kernel is wrong (branchy or megamorphic) ` +
          `or the machine was too noisy: rerun. !!!!!!!!`,
      );
    }
  }
  T.dispose([x, dy, alpha]);
}
