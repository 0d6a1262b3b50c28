import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerBackend } from '@rectify/tensor';
import { runConformanceSuite } from '@rectify/tensor/testing';
import { createGpuBackend } from '@rectify/backend-gpu';
import { activationChecks } from './support/activation-fns.js';

/**
 * The one conformance suite, with the activations' scalar functions added, against the gpu backend as
 * registered (in Node: gpu.js's WebAssembly mode) and against gpu.js's plain-JavaScript cpu mode, which runs the
 * same generated kernel sources through another translator. The browser test runs it on WebGL2.
 */
const api = { describe, it, expect, beforeAll, afterAll };
const unaryFns = activationChecks();

// Shaders compute in float32 throughout: an exponent near −70 (gelu's tail) holds only ~2e−6 of the value there.
runConformanceSuite('gpu', api, { tolerance: 1e-4, tailTolerance: 2e-5, unaryFns });

registerBackend('gpu-js-cpu', () => createGpuBackend({ mode: 'cpu', name: 'gpu-js-cpu' }), -2);
// gpu.js's cpu mode computes in float64 JavaScript: nothing to skip.
runConformanceSuite('gpu-js-cpu', api, { tolerance: 1e-4, unaryFns });
