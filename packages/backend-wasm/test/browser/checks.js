// What the CDN-style page (page.js) and the scratch Vite app (fixtures/vite-app/main.js) both do in the browser.

/**
 * Starts the 'wasm' backend the browser way with two threads asked for, makes it active, and splits every kernel
 * across the threads however small, so the checks below really run on both.
 * @param rt the `@rectify/tensor` module; @param setWasmThreads from `@rectify/backend-wasm`
 */
export async function startWasm(rt, setWasmThreads) {
  setWasmThreads(2);
  const backend = await rt.ready('wasm');
  await backend.threadsReady();
  rt.setBackend('wasm');
  backend.setParallelism('always');
  return backend;
}

/** Puts what `run` resolves to (or its error) on globalThis.rectifyReport, where the test waits for it. */
export function publish(run) {
  run.then(
    (r) => (globalThis.rectifyReport = r),
    (e) => (globalThis.rectifyReport = { error: String(e && e.stack ? e.stack : e) }),
  );
}

// relu(a·b) on the active backend, checked two ways: a 2×2 product worked out by hand and a 96×80·80×64 product
// against a float64 reference.

/** @param rt the `@rectify/tensor` module; @param relu `@rectify/activations`' relu (the SIMD unary kernel here) */
export function matmulRelu(rt, relu) {
  const small = relu(
    rt.matmul(
      rt.tensor([
        [1, -2],
        [3, 4],
      ]),
      rt.tensor([
        [1, 0],
        [-1, 1],
      ]),
    ),
  ).dataSync();
  const [M, K, N] = [96, 80, 64];
  const a = Float32Array.from({ length: M * K }, (_, i) => Math.sin(i * 0.37));
  const b = Float32Array.from({ length: K * N }, (_, i) => Math.cos(i * 0.53));
  const got = relu(rt.matmul(rt.tensor(a, [M, K]), rt.tensor(b, [K, N]))).dataSync();
  let maxError = 0;
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += a[i * K + k] * b[k * N + j];
      maxError = Math.max(maxError, Math.abs(got[i * N + j] - Math.max(s, 0)));
    }
  }
  return { small: Array.from(small), maxError };
}
