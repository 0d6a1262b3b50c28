import { type Tensor, engine, randomNormal, setBackend } from '@rectify/tensor';
import { getWasmBackend, type WasmBackend } from '@rectify/backend-wasm';

/** The registered wasm backend, active. */
export function useWasm(): WasmBackend {
  setBackend('wasm');
  return getWasmBackend()!;
}

/** Runs `fn` with `threads` threads (helpers started) and every kernel split between them. */
export async function withThreads<T>(threads: number, fn: () => T): Promise<T> {
  const b = useWasm();
  b.setThreads(threads);
  b.setParallelism(threads > 1 ? 'always' : 'auto');
  await b.threadsReady();
  try {
    return engine.tidy(fn);
  } finally {
    b.setParallelism('auto');
  }
}

/** Seeded N(0, 1) values. */
export function normal(shape: number[], seed: number): Tensor {
  return randomNormal(shape, 0, 1, 'float32', seed);
}

/** op(A)·op(B) in float64, from row-major values as stored (transposed operands stored transposed). */
export function matmulRef(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  M: number,
  N: number,
  K: number,
  transA: boolean,
  transB: boolean,
): Float64Array {
  const out = new Float64Array(M * N);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += a[transA ? k * M + i : i * K + k]! * b[transB ? j * K + k : k * N + j]!;
      out[i * N + j] = s;
    }
  }
  return out;
}
