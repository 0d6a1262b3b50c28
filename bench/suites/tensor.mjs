// Issue #2 benchmarks: CPU matmul throughput and one forward+backward step of a 784-256-128-10 ReLU MLP.
import * as rt from '../../packages/tensor/dist/index.js';
import * as ag from '../../packages/autograd/dist/index.js';

export default async function ({ timeit, printTable }) {
  rt.setBackend('cpu');
  const rows = [];
  for (const n of [128, 256, 512, 1024]) {
    const a = rt.randomNormal([n, n], 0, 1, 'float32', 1);
    const b = rt.randomNormal([n, n], 0, 1, 'float32', 2);
    const cases = [
      ['A·B', false, false],
      ['Aᵀ·B', true, false],
      ['A·Bᵀ', false, true],
    ];
    const cells = [];
    for (const [, ta, tb] of cases) {
      const ms = await timeit(() => rt.matmul(a, b, ta, tb).dispose(), { minMs: n >= 1024 ? 1500 : 400, warmup: 1 });
      cells.push((2 * n ** 3) / (ms * 1e6));
    }
    rows.push([`${n}×${n}`, ...cells]);
    rt.dispose([a, b]);
  }
  printTable('CPU backend matmul, GFLOPS (median)', ['N', 'A·B', 'Aᵀ·B', 'A·Bᵀ'], rows);

  const batch = 128;
  const sizes = [784, 256, 128, 10];
  const params = [];
  for (let i = 0; i < 3; i++) {
    params.push(
      ag.variable(
        rt.randomNormal([sizes[i], sizes[i + 1]], 0, Math.sqrt(2 / sizes[i]), 'float32', 10 + i),
        true,
        `w${i}`,
      ),
    );
    params.push(ag.variable(rt.zeros([sizes[i + 1]]), true, `b${i}`));
  }
  const x = rt.randomNormal([batch, 784], 0, 1, 'float32', 3);
  const labels = rt.oneHot(rt.randomUniform([batch], 0, 10, 'int32', 4), 10);
  const loss = () => {
    let h = x;
    for (let i = 0; i < 3; i++) {
      h = rt.add(rt.matmul(h, params[2 * i]), params[2 * i + 1]);
      if (i < 2) h = rt.maximum(h, 0);
    }
    return rt.neg(rt.mean(rt.sum(rt.mul(labels, rt.logSoftmax(h)), -1)));
  };
  const forwardMs = await timeit(() => rt.tidy(() => loss().dataSync()), { minMs: 1000 });
  const stepMs = await timeit(() => rt.tidy(() => ag.variableGrads(loss, params).value.dataSync()), { minMs: 1500 });
  const flops = 2 * batch * (784 * 256 + 256 * 128 + 128 * 10);
  printTable(
    'MLP 784-256-128-10, ReLU, batch 128, CPU backend (median)',
    ['pass', 'ms/step', 'samples/s', 'GFLOPS'],
    [
      ['forward', forwardMs, (batch * 1000) / forwardMs, flops / (forwardMs * 1e6)],
      ['forward + backward', stepMs, (batch * 1000) / stepMs, (3 * flops) / (stepMs * 1e6)],
    ],
  );
}
