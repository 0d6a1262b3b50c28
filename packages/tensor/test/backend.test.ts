import { describe, expect, it } from 'vitest';
import {
  type Backend,
  BackendError,
  CpuBackend,
  add,
  engine,
  backend,
  getBackend,
  memory,
  ready,
  registerBackend,
  setBackend,
  tensor,
} from '@rectify/tensor';

/** A CPU backend under another name: enough to exercise the registry and cross-backend moves. */
const renamed = (name: string) => (): Backend => Object.assign(Object.create(new CpuBackend()) as Backend, { name });

describe('backend registry', () => {
  it('defaults to cpu', () => {
    expect(backend().name).toBe('cpu');
    expect(getBackend()).toBe('cpu'); // the name, as TensorFlow.js's getBackend
    expect(engine.backendName).toBe('cpu');
  });

  it('registers, switches and moves tensors between backends', () => {
    registerBackend('cpu-b', renamed('cpu-b'), -1);
    const a = tensor([1, 2, 3]);
    setBackend('cpu-b');
    try {
      expect(backend().name).toBe('cpu-b');
      expect(getBackend()).toBe('cpu-b');
      const b = add(a, 10);
      expect(b.backend.name).toBe('cpu-b');
      expect(a.backend.name).toBe('cpu-b');
      expect(b.arraySync()).toEqual([11, 12, 13]);
      expect(memory().backends['cpu-b']!.numTensors).toBeGreaterThanOrEqual(2);
    } finally {
      setBackend('cpu');
    }
    expect(engine.findBackend('cpu-b')?.name).toBe('cpu-b');
    expect(engine.findBackend('nope')).toBeUndefined();
  });

  it('lists backends by priority', () => {
    registerBackend('cpu-hi', renamed('cpu-hi'), 5);
    expect(engine.backendNames()[0]).toBe('cpu-hi');
  });

  it('initialises asynchronous backends with ready()', async () => {
    registerBackend('cpu-async', async () => renamed('cpu-async')(), -2);
    expect(() => setBackend('cpu-async')).toThrow(
      `setBackend: backend 'cpu-async' initialises asynchronously; use 'await ready("cpu-async")' instead`,
    );
    const b = await ready('cpu-async');
    expect(b.name).toBe('cpu-async');
    expect(engine.backendName).toBe('cpu-async');
    setBackend('cpu');
    setBackend('cpu-async'); // now initialised: synchronous switching works
    setBackend('cpu');
  });

  it('reports failures with the backend name', async () => {
    registerBackend(
      'broken',
      () => {
        throw new Error('no device');
      },
      -3,
    );
    expect(() => setBackend('broken')).toThrow('no device');
    await expect(ready('broken')).rejects.toThrow('no device');
    expect(() => registerBackend('cpu', () => new CpuBackend())).toThrow(BackendError);
    expect(() => registerBackend('cpu', () => new CpuBackend())).toThrow(
      "registerBackend: a backend named 'cpu' is already registered",
    );
    expect(() => setBackend('tpu')).toThrow(
      /^setBackend: unknown backend 'tpu'; registered backends: cpu-hi, cpu, cpu-b, cpu-async, broken$/,
    );
  });
});
