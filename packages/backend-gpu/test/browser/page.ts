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
  runConformanceSuite(name, api, { tolerance: 1e-4, skip, unaryFns: activationChecks() });
  const cases = await runCases();
  const training = { cpu: trainMlp('cpu'), gpu: trainMlp(name) };
  const afterFirst = liveTextures();
  trainMlp(name);
  const afterSecond = liveTextures();
  const memory = rf.memory();
  return {
    gpuJs: gpuJsStatus(),
    // Spread copies the getters' current values, so the report is plain data.
    info: { ...backend.info },
    cases,
    training,
    memoryAfter: { numTensors: memory.numTensors, gpuBuffers: memory.backends[name]?.numDataBuffers ?? -1 },
    liveTextures: [afterFirst, afterSecond],
    ms: performance.now() - t0,
  };
}

(globalThis as { rectifyBrowserTest?: { run: typeof run } }).rectifyBrowserTest = { run };
