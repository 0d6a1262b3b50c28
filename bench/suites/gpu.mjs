// GPU backend (gpu.js 2.24) next to the CPU backend: square matmul GFLOPS and one forward+backward step of the
// 784-256-128-10 ReLU MLP (batch 128), with the gpu.js mode that actually ran. In Node on machines without a GPU
// that mode is gpu.js's WebAssembly fallback ('webasm'), so these rows measure that, not a graphics card.
// Every timed call reads its result back (dataSync), so a GL mode cannot look fast by leaving work queued.
// Build first (`pnpm bench` does): `cd packages/backend-gpu && npx tsc -b`, `cd packages/autograd && npx tsc -b`.
import * as rt from '../../packages/tensor/dist/index.js';
import * as ag from '../../packages/autograd/dist/index.js';
import { gpuJsStatus } from '../../packages/backend-gpu/dist/index.js';

const BACKENDS = ['cpu', 'gpu'];

/** What runs the kernels: gpu.js's mode for the gpu backend. Call with `name` active. */
function modeOf(name) {
  return name === 'cpu' ? 'typed arrays' : String(rt.backend().info.mode);
}

async function matmulRows(timeit) {
  const rows = [];
  for (const n of [256, 512, 1024]) {
    for (const backend of BACKENDS) {
      rt.setBackend(backend);
      const a = rt.randomNormal([n, n], 0, 1, 'float32', 1);
      const b = rt.randomNormal([n, n], 0, 1, 'float32', 2);
      const cells = [];
      for (const [ta, tb] of [
        [false, false],
        [true, false],
        [false, true],
      ]) {
        // The first call compiles the gpu kernel for this shape: warm-up, not timed.
        const ms = await timeit(() => rt.tidy(() => rt.matmul(a, b, ta, tb).dataSync()), {
          warmup: 1,
          minRuns: 3,
          minMs: n >= 1024 ? 1500 : 400,
        });
        cells.push((2 * n ** 3) / (ms * 1e6));
      }
      rows.push([`${n}×${n}`, backend, modeOf(backend), ...cells]);
      rt.dispose([a, b]);
    }
  }
  return rows;
}

function mlp(backend) {
  rt.setBackend(backend);
  const sizes = [784, 256, 128, 10];
  const batch = 128;
  const params = rt.tidy(() => {
    const ps = [];
    for (let i = 0; i < 3; i++) {
      ps.push(
        ag.variable(
          rt.randomNormal([sizes[i], sizes[i + 1]], 0, Math.sqrt(2 / sizes[i]), 'float32', 10 + i),
          true,
          `${backend}-w${i}`,
        ),
      );
      ps.push(ag.variable(rt.zeros([sizes[i + 1]]), true, `${backend}-b${i}`));
    }
    return ps;
  });
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
  const step = () => rt.tidy(() => ag.variableGrads(loss, params).value.dataSync());
  return { batch, step, dispose: () => rt.dispose([x, labels, ...params]) };
}

export default async function ({ timeit, printTable, machine }) {
  const status = gpuJsStatus();
  if (!status.loaded) {
    console.log(`\n### GPU backend\n\nskipped: gpu.js could not be loaded (${status.error})`);
    return;
  }
  const previous = rt.engine.backendName ?? 'cpu';
  printTable(
    `matmul GFLOPS (median; result read back), CPU vs GPU backend — ${machine()}`,
    ['N', 'backend', 'mode', 'A·B', 'Aᵀ·B', 'A·Bᵀ'],
    await matmulRows(timeit),
  );
  const rows = [];
  for (const backend of BACKENDS) {
    const m = mlp(backend);
    const ms = await timeit(m.step, { warmup: 2, minRuns: 5, minMs: 1500 });
    // Compiles happen in the warm-up step only: the count stays put however many steps run.
    const compiled = backend === 'gpu' ? String(rt.backend().info.compiledKernels) : '—';
    rows.push([backend, modeOf(backend), ms, (m.batch * 1000) / ms, compiled]);
    m.dispose();
  }
  printTable(
    'MLP 784-256-128-10, ReLU, batch 128, forward + backward (median)',
    ['backend', 'mode', 'ms/step', 'samples/s', 'gpu kernels compiled (all rows so far)'],
    rows,
  );
  rt.setBackend(previous);
}
