// `pnpm bench peers`: Rectify against what its users would pick instead — PyTorch (CPU) and TensorFlow.js-wasm —
// on the same machine in one run, every Rectify figure through the public API (`model.fit`, `trainOnBatch`,
// `rf.matMul`). Frameworks alternate process by process (A B C, then C B A …) and each keeps its best round, since
// the machine is shared and noisy; only the ratios within this run mean anything. GEMM is reported as a share of
// this machine's measured WebAssembly SIMD128 multiply-add ceiling, and each training step is set against the floor
// that ceiling puts under its arithmetic (the best ratio any SIMD128 code could reach against PyTorch on this
// machine — on a CPU with wider vectors PyTorch can be faster than that floor). Benchmarks only: never part of the
// tests.
// `PEERS=lstm pnpm bench peers` runs only the named parts (gemm, mlp, cnn, lstm).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { simdCeiling } from './helpers/simd-ceiling.mjs';
import { stepFloor } from './helpers/step-flops.mjs';

const here = (f) => fileURLToPath(new URL(f, import.meta.url));
const PYTHON = '/usr/bin/python3';
const ROUNDS = 2;
const TARGETS = { mlp: 1.5, cnn: 1.2, lstm: 1.0 };
/** Steps per round: enough for a stable median, few enough for a loaded machine. */
const STEPS = { mlp: 120, cnn: 12, lstm: 6 };
/** `PEERS=lstm pnpm bench peers` runs only the named parts (gemm, mlp, cnn, lstm); all of them by default. */
const PARTS = process.env.PEERS ? process.env.PEERS.split(',') : ['gemm', 'mlp', 'cnn', 'lstm'];

function torchAvailable() {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const r = spawnSync(PYTHON, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
  return r.status === 0 ? null : 'PyTorch is not installed (apt-get install -y python3-torch libopenblas0-pthread)';
}

function parseLast(stdout, fallback) {
  const line = stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .at(-1);
  try {
    return line ? JSON.parse(line) : { error: fallback };
  } catch {
    return { error: fallback };
  }
}

/** One child process: a Node framework through train-public-api.mjs, or PyTorch through torch_train.py. */
function runOnce(task, framework, steps) {
  const torch = framework === 'pytorch';
  const r = torch
    ? spawnSync(PYTHON, [here('./helpers/torch_train.py'), task, String(steps)], {
        encoding: 'utf8',
        timeout: 600_000,
        env: { ...process.env, OPENBLAS_NUM_THREADS: '1' },
      })
    : spawnSync(process.execPath, [here('./helpers/train-public-api.mjs'), task, framework, String(steps)], {
        encoding: 'utf8',
        timeout: 600_000,
      });
  return parseLast(r.stdout ?? '', (r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n').at(-1));
}

const fmtRatio = (r) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : '—');

/** The wasm backend's thread count and SIMD build, and the ceilings (all threads, one) that build can reach. */
async function backendPeak(lib, ceiling) {
  const rf = await import(lib.packageEntry('rectify').href);
  await import(lib.packageEntry('backend-wasm').href);
  rf.setBackend('wasm');
  const backend = rf.backend();
  const threads = backend.info.threads;
  const build = backend.info.simd?.includes?.('relaxed') ? 'relaxed' : 'plain';
  return { threads, build, peak: ceiling?.[build]?.[threads] ?? null, peak1: ceiling?.[build]?.[1] ?? null };
}

async function gemmTable(lib, ceiling, torchError) {
  const rf = await import(lib.packageEntry('rectify').href);
  const wasm = await import(lib.packageEntry('backend-wasm').href);
  const { threads, build, peak, peak1 } = await backendPeak(lib, ceiling);
  const torch = torchError ? null : runOnce('matmul', 'pytorch', 0).gflops;
  const cases = [
    ['1024 A·B', [1024, 1024], [1024, 1024], false, false, '1024'],
    ['1024 Aᵀ·B', [1024, 1024], [1024, 1024], true, false],
    ['1024 A·Bᵀ', [1024, 1024], [1024, 1024], false, true],
    ['x·W1 [128,784]·[784,256]', [128, 784], [784, 256], false, false, 'mlp-fwd'],
    ['xᵀ·dy [128,784]ᵀ·[128,256]', [128, 784], [128, 256], true, false],
    ['dy·W1ᵀ [128,256]·[784,256]ᵀ', [128, 256], [784, 256], false, true],
  ];
  const rows = [];
  for (const [label, sa, sb, ta, tb, torchKey] of cases) {
    const M = ta ? sa[1] : sa[0];
    const K = ta ? sa[0] : sa[1];
    const N = tb ? sb[0] : sb[1];
    const a = rf.randomNormal(sa);
    const b = rf.randomNormal(sb);
    const gflops = async (t) => {
      wasm.setWasmThreads(t);
      const ms = await lib.timeit(() => rf.matMul(a, b, ta, tb).dispose(), { warmup: 3, minMs: 400 });
      return (2 * M * N * K) / (ms * 1e6);
    };
    const gAll = await gflops(threads);
    const g1 = await gflops(1);
    rf.dispose([a, b]);
    const share = (g, p) => (p ? `${((100 * g) / p).toFixed(0)}%` : '—');
    rows.push([label, gAll, share(gAll, peak), g1, share(g1, peak1), torchKey && torch ? torch[torchKey] : '—']);
  }
  wasm.setWasmThreads(threads);
  lib.printTable(
    `GEMM through rf.matMul, GFLOPS (median), as a share of this machine's measured SIMD128 ${build} multiply-add ceiling`,
    ['product', `rectify ${threads}T`, `of ceiling`, 'rectify 1T', 'of 1T ceiling', 'PyTorch 2T'],
    rows,
  );
}

export default async function peers(lib) {
  const load0 = os.loadavg()[0];
  console.log(`\n## Rectify vs PyTorch and TensorFlow.js-wasm (${new Date().toISOString().slice(0, 10)})\n`);
  const torchError = torchAvailable();
  console.log(
    torchError
      ? `PyTorch: not measured — ${torchError}.`
      : 'PyTorch: torch.set_num_threads(2), OPENBLAS_NUM_THREADS=1 (its best setting on 2 cores).',
  );
  // Measured for every part: GEMM is reported as a share of it, and it puts a floor under each training step.
  const ceiling = await simdCeiling();
  const fmtC = (c) =>
    c.error
      ? `unavailable (${c.error})`
      : `${c[1].toFixed(1)} GFLOPS on 1 thread, ${
          c[ceiling.threads] === null
            ? `none verified on ${ceiling.threads} (no round of ${c.rounds} had every thread busy together)`
            : `${c[ceiling.threads].toFixed(1)} on ${ceiling.threads} (${c.verifiedRounds}/${c.rounds} rounds with every thread busy together)`
        }`;
  console.log(
    `SIMD128 multiply-add ceiling measured now: relaxed (fused) ${fmtC(ceiling.relaxed)}; plain mul+add ${fmtC(ceiling.plain)}.`,
  );
  if (PARTS.includes('gemm')) await gemmTable(lib, ceiling, torchError);

  const { peak, threads, build } = await backendPeak(lib, ceiling);
  const floorLine = (task, gflops, ours, torch) => {
    if (!gflops) return '\nSIMD128 floor: not computed (the ceiling probe gave no figure for every thread at once).';
    const ok = (r) => r && !r.error;
    const f = stepFloor(task, gflops, ok(ours) ? ours.ms : null, ok(torch) ? torch.ms : null);
    const peer =
      f.bestRatio === null ? '' : `, so at most ${fmtRatio(f.bestRatio)} PyTorch's ${torch.ms.toFixed(2)} ms`;
    const share = f.share === null ? '' : `; Rectify's step ran at ${(100 * f.share).toFixed(0)} % of it`;
    return (
      `\nSIMD128 floor: ${f.gflop.toFixed(3)} GFLOP of products a step is ${f.floorMs.toFixed(2)} ms at 100 % of this ` +
      `run's ${threads}-thread ${build} ceiling (${gflops.toFixed(1)} GFLOPS)${peer}${share}.`
    );
  };
  const frameworks = ['rectify-wasm', 'tfjs-wasm', ...(torchError ? [] : ['pytorch'])];
  for (const task of ['mlp', 'cnn', 'lstm'].filter((t) => PARTS.includes(t))) {
    const best = new Map();
    for (let round = 0; round < ROUNDS; round++) {
      for (const fw of round % 2 === 0 ? frameworks : [...frameworks].reverse()) {
        const r = runOnce(task, fw, STEPS[task]);
        const prev = best.get(fw);
        if (!prev || prev.error || (!r.error && r.samplesPerSec > prev.samplesPerSec)) best.set(fw, r);
      }
    }
    const ours = best.get('rectify-wasm');
    const rows = frameworks.map((fw) => {
      const r = best.get(fw);
      if (r.error) return [fw, '—', `cannot run: ${r.error}`, '—', '—'];
      return [
        fw,
        r.ms,
        r.samplesPerSec,
        r.peakRssMiB ?? '—',
        ours.error ? '—' : fmtRatio(ours.samplesPerSec / r.samplesPerSec),
      ];
    });
    const title = {
      mlp: `MLP 784-256-128-10 ReLU, Adam, batch 128, through model.fit — best of ${ROUNDS} alternating rounds (target: ≥ ${TARGETS.mlp}× PyTorch)`,
      cnn: `CNN conv5×5×16-pool-conv5×5×32-pool-dense10, Adam, batch 64, through trainOnBatch — best of ${ROUNDS} rounds (target: ≥ ${TARGETS.cnn}× PyTorch)`,
      lstm: `LSTM 128 units over 64 steps × 32 features → dense 10, Adam, batch 32, through trainOnBatch — best of ${ROUNDS} rounds (target: ≥ ${TARGETS.lstm}× PyTorch)`,
    }[task];
    lib.printTable(title, ['framework', 'ms/step', 'samples/s', 'peak RSS MiB', 'rectify ÷ this'], rows);
    console.log(floorLine(task, peak, ours, best.get('pytorch')));
  }
  const load1 = os.loadavg()[0];
  console.log(
    `\nLoad average (1 min) before/after: ${load0.toFixed(1)} / ${load1.toFixed(1)} on ${os.cpus().length} cores${Math.max(load0, load1) > os.cpus().length ? ' — the machine was busy: these ratios are noisier than usual' : ''}.`,
  );
}
