// Activation cost on the CPU backend: ns per element for the forward pass and for forward + backward (the fused
// unaryGrad kernel with a given upstream gradient), on 1M float32 pre-activations drawn from N(0, 1) — random
// signs, the case that punishes branchy kernels. Build first: `cd packages/activations && npx tsc -b`.
//
// Besides wall-clock time this suite records the CPU time of this process (process.cpuUsage: all its threads, GC
// included). The machines are shared: when other jobs take the cores, wall-clock time of the same kernel swings by
// 2-4x, while CPU time moves by ~10%. The ReLU check uses CPU time.
//
// Measured as users run it, V8's compilation cache on: @rectify/tensor gives every elementwise loop a unique
// source text (cpu/compile.ts), so each loop keeps its own call-site feedback whatever order activations first ran.
import * as A from '../../packages/activations/dist/index.js';
import * as G from '../../packages/autograd/dist/index.js';
import * as T from '../../packages/tensor/dist/index.js';

const ROWS = 1000;
const COLS = 1000;
const N = ROWS * COLS;
const ROUNDS = 5;
/**
 * relu, relu6 and leakyRelu all run at the memory-bound floor of a plain copy, where repeated runs of one kernel
 * differ by a few percent; a family member "cheaper" by less than this is noise, not a wrong kernel.
 */
const NOISE = 0.05;

/**
 * What each row runs. `activation` names it in the registry (null for the two reference rows); the ReLU check
 * compares relu with the members of its family, as `properties.reluFamily` says.
 */
function cases(alpha) {
  const identity = T.unaryFn({ name: 'benchCopy', f: (x) => x, df: () => 1 });
  const unary = (label, activation, f) => ({
    label,
    activation,
    forward: (x) => f(x).dispose(),
    backward: (x, dy) => G.grad(f)(x, dy).dispose(),
  });
  return [
    unary('copy (x => x kernel, for scale)', null, (x) => T.mapUnary(x, identity)),
    unary('linear (zero-copy view)', null, (x) => A.linear(x)),
    unary('relu', 'relu', (x) => A.relu(x)),
    unary('relu6', 'relu6', (x) => A.relu6(x)),
    unary('leakyRelu', 'leakyRelu', (x) => A.leakyRelu(x)),
    {
      label: 'prelu (slope per channel)',
      activation: 'prelu',
      forward: (x) => A.prelu(x, alpha).dispose(),
      backward: (x, dy) => T.dispose(G.grads((xx, aa) => A.prelu(xx, aa))([x, alpha], dy)),
    },
    unary('elu', 'elu', (x) => A.elu(x)),
    unary('selu', 'selu', (x) => A.selu(x)),
    unary('celu', 'celu', (x) => A.celu(x)),
    unary('gelu', 'gelu', (x) => A.gelu(x)),
    unary("gelu approximate 'tanh'", { name: 'gelu', approximate: 'tanh' }, (x) => A.gelu(x, { approximate: 'tanh' })),
    unary('swish / silu', 'swish', (x) => A.swish(x)),
    unary('mish', 'mish', (x) => A.mish(x)),
    unary('hardSigmoid', 'hardSigmoid', (x) => A.hardSigmoid(x)),
    unary('hardSwish', 'hardSwish', (x) => A.hardSwish(x)),
    unary('sigmoid', 'sigmoid', (x) => A.sigmoid(x)),
    unary('tanh', 'tanh', (x) => A.tanh(x)),
    unary('softplus', 'softplus', (x) => A.softplus(x)),
    unary('softsign', 'softsign', (x) => A.softsign(x)),
    unary('softmax (last axis)', 'softmax', (x) => A.softmax(x)),
    unary('logSoftmax (last axis)', 'logSoftmax', (x) => A.logSoftmax(x)),
  ];
}

/** Median wall-clock and CPU milliseconds per call, after warm-up, over at least `minMs` of wall time. */
function measure(fn, { warmup = 2, minMs = 200, minRuns = 5 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const wall = [];
  const cpu = [];
  const start = performance.now();
  while (wall.length < minRuns || performance.now() - start < minMs) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const median = (a) => a.sort((p, q) => p - q)[a.length >> 1];
  return { wall: median(wall), cpu: median(cpu) };
}

export default async function ({ printTable, machine }) {
  T.setBackend('cpu');
  const x = T.randomNormal([ROWS, COLS], 0, 1, 'float32', 42);
  const dy = T.randomNormal([ROWS, COLS], 0, 1, 'float32', 7);
  const alpha = T.full([COLS], 0.25);
  const rows = cases(alpha);
  const best = new Map(
    rows.map((r) => [r.label, { forward: Infinity, both: Infinity, forwardWall: Infinity, bothWall: Infinity }]),
  );
  // Rounds interleave the rows so that a burst of load on this shared machine hits all of them, not one; each
  // row keeps its best median.
  for (let round = 0; round < ROUNDS; round++) {
    for (const r of rows) {
      const b = best.get(r.label);
      const f = measure(() => r.forward(x));
      const fb = measure(() => r.backward(x, dy));
      b.forward = Math.min(b.forward, f.cpu);
      b.forwardWall = Math.min(b.forwardWall, f.wall);
      b.both = Math.min(b.both, fb.cpu);
      b.bothWall = Math.min(b.bothWall, fb.wall);
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
      r.activation ? b.forward / relu.forward : '—',
      r.activation ? b.both / relu.both : '—',
      nsPerElement(b.forwardWall),
      nsPerElement(b.bothWall),
    ]);
  printTable(
    `Activations, CPU backend, ${N.toLocaleString('en-US')} float32 elements from N(0, 1), ns per element (CPU time; wall-clock on the right) — ${machine()}`,
    ['activation', 'forward', 'fwd+bwd', 'forward × relu', 'fwd+bwd × relu', 'forward (wall)', 'fwd+bwd (wall)'],
    table,
  );
  const family = rows.filter((r) => r.activation && r.label !== 'relu' && A.get(r.activation).properties.reluFamily);
  const others = rows.filter((r) => r.activation && !family.includes(r) && r.label !== 'relu');
  const ns = (r, key) => `${r.label} ${nsPerElement(best.get(r.label)[key]).toFixed(2)}`;
  for (const [phase, key] of [
    ['forward', 'forward'],
    ['forward+backward', 'both'],
  ]) {
    const cheaper = family.filter((r) => best.get(r.label)[key] < relu[key] * (1 - NOISE));
    if (cheaper.length) {
      console.log(
        `\n!!!!!!!! WARNING: ReLU is NOT the cheapest of the ReLU family (${phase}, CPU time): ` +
          `${cheaper.map((r) => ns(r, key)).join(', ')} < relu ${nsPerElement(relu[key]).toFixed(2)} ns/elem. ` +
          'The ReLU kernel is wrong (branchy or megamorphic), or the machine was too noisy: rerun. !!!!!!!!',
      );
    } else {
      const next = family.reduce((m, r) => (best.get(r.label)[key] < best.get(m.label)[key] ? r : m));
      console.log(
        `\nReLU is the cheapest of the ReLU family (${phase}, CPU time): relu ${nsPerElement(relu[key]).toFixed(2)} ns/elem, ` +
          `next ${ns(next, key)} (noise allowance ${NOISE * 100}%).`,
      );
    }
    // Outside the family, branch-free algebraic activations (softsign) sit at the same memory-bound floor as relu
    // and a plain copy; say so rather than hide it.
    const ties = others.filter((r) => best.get(r.label)[key] < relu[key] * 1.1);
    if (ties.length)
      console.log(
        `  Within 10% of relu outside the family (memory-bound, like a copy): ${ties.map((r) => ns(r, key)).join(', ')}.`,
      );
  }
  T.dispose([x, dy, alpha]);
}
