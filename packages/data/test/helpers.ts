import { Tensor, memory } from '@rectify/tensor';

/** An element with tensors replaced by `{ shape, values }`, for comparing whole structures. */
export function plain(value: unknown): unknown {
  if (value instanceof Tensor) return { shape: value.shape, dtype: value.dtype, values: Array.from(value.dataSync()) };
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

/** Runs `fn` and returns how many tensors it left alive. */
export async function leaked(fn: () => Promise<unknown>): Promise<number> {
  const before = memory().numTensors;
  await fn();
  return memory().numTensors - before;
}
