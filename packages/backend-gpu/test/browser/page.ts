/**
 * The browser page's script: it runs the conformance suite (with the activations' scalar functions) and a
 * short training run on the gpu backend, in whatever mode gpu.js picked, and hands the results to the Node test
 * that opened the page.
 */
import * as rf from '@rectify/tensor';
import { runConformanceSuite } from '@rectify/tensor/testing';
import { type GpuMode, createGpuBackend, gpuJsStatus } from '@rectify/backend-gpu';
import { activationChecks } from '../support/activation-fns.js';
import { trainMlp } from '../support/train-mlp.js';
import { type CaseResult, testCollector } from './mini-runner.js';

export interface PageReport {
  readonly gpuJs: { readonly loaded: boolean; readonly error: string | null };
  readonly info: Record<string, unknown>;
  readonly cases: readonly CaseResult[];
  readonly training: { readonly cpu: readonly number[]; readonly gpu: readonly number[] };
  readonly memoryAfter: { readonly numTensors: number; readonly gpuBuffers: number };
  /** Worst errors against the cpu backend of numerically delicate ops, on inputs of ±40. */
  readonly precision: Readonly<Record<string, PrecisionReport>>;
  /** Live WebGL textures after a first and after a second identical training run (kernels already compiled). */
  readonly liveTextures: readonly [number, number];
  readonly ms: number;
}

export interface PageOptions {
  /** Conformance case ids or groups to leave out. */
  readonly skip: readonly string[];
  /** A gpu.js mode to force (registered as 'gpu-<mode>'); by default the 'gpu' backend as registered. */
  readonly mode?: GpuMode;
}

export interface PrecisionReport {
  /** max |gpu − cpu| / |cpu| over elements with |cpu| >= 1e-3 (below that, cancellation makes it meaningless). */
  readonly rel: number;
  /** max |gpu − cpu|. */
  readonly abs: number;
  /** max |gpu − cpu| / (1e-4·|cpu| + 1e-5): at most 1 means every element is within that tolerance. */
  readonly ratio: number;
}

function precision(name: string): Record<string, PrecisionReport> {
  const ops: Record<string, (x: rf.Tensor) => rf.Tensor> = {
    softmax: (x) => rf.softmax(x),
    logSoftmax: (x) => rf.logSoftmax(x),
    logSumExp: (x) => rf.logSumExp(x, 1),
    sigmoid: (x) => rf.sigmoid(x),
    tanh: (x) => rf.tanh(x),
    softplus: (x) => rf.softplus(x),
  };
  const on = (backend: string, op: (x: rf.Tensor) => rf.Tensor) => {
    rf.setBackend(backend);
    return rf.tidy(() => op(rf.mul(rf.randomNormal([64, 100], 0, 1, 'float32', 3), 13)).dataSync());
  };
  const out: Record<string, PrecisionReport> = {};
  for (const [op, f] of Object.entries(ops)) {
    const want = on('cpu', f);
    const got = on(name, f);
    let rel = 0;
    let abs = 0;
    let ratio = 0;
    want.forEach((w, i) => {
      const d = Math.abs(got[i]! - w);
      if (Math.abs(w) >= 1e-3) rel = Math.max(rel, d / Math.abs(w));
      abs = Math.max(abs, d);
      ratio = Math.max(ratio, d / (1e-4 * Math.abs(w) + 1e-5));
    });
    out[op] = { rel, abs, ratio };
  }
  rf.setBackend('cpu');
  return out;
}

/** Counts WebGL textures alive (created and not deleted) in every context of the page. */
function textureCounter(): () => number {
  let live = 0;
  for (const proto of [WebGL2RenderingContext.prototype, WebGLRenderingContext.prototype]) {
    const create = proto.createTexture;
    const remove = proto.deleteTexture;
    proto.createTexture = function (this: WebGL2RenderingContext) {
      live++;
      return create.call(this);
    };
    proto.deleteTexture = function (this: WebGL2RenderingContext, t: WebGLTexture | null) {
      if (t) live--;
      remove.call(this, t);
    };
  }
  return () => live;
}

async function run({ skip, mode }: PageOptions): Promise<PageReport> {
  const t0 = performance.now();
  const liveTextures = textureCounter();
  const name = mode ? `gpu-${mode}` : 'gpu';
  if (mode) rf.registerBackend(name, () => createGpuBackend({ mode, name }), -1);
  const backend = await rf.ready(name);
  const { api, run: runCases } = testCollector();
  runConformanceSuite(name, api, { tolerance: 1e-4, tailTolerance: 2e-5, skip, unaryFns: activationChecks() });
  const cases = await runCases();
  const training = { cpu: trainMlp('cpu'), gpu: trainMlp(name) };
  const afterFirst = liveTextures();
  trainMlp(name);
  const afterSecond = liveTextures();
  const errors = precision(name);
  const memory = rf.memory();
  return {
    gpuJs: gpuJsStatus(),
    // Spread copies the getters' current values, so the report is plain data.
    info: { ...backend.info },
    cases,
    training,
    memoryAfter: { numTensors: memory.numTensors, gpuBuffers: memory.backends[name]?.numDataBuffers ?? -1 },
    liveTextures: [afterFirst, afterSecond],
    precision: errors,
    ms: performance.now() - t0,
  };
}

(globalThis as { rectifyBrowserTest?: { run: typeof run } }).rectifyBrowserTest = { run };
