import { describe, expect, it, vi } from 'vitest';

// As if gpu.js were not installed (or its module threw while loading).
vi.mock('gpu.js', () => {
  throw new Error("Cannot find package 'gpu.js' imported from @rectify/backend-gpu");
});

describe('when gpu.js cannot be loaded at all', () => {
  it('importing the package still works and registers gpu; using it gives a clear BackendError', async () => {
    const rf = await import('@rectify/tensor');
    const gpu = await import('@rectify/backend-gpu');
    expect(gpu.gpuJsStatus().loaded).toBe(false);
    expect(gpu.gpuJsStatus().error).toMatch(/Cannot find package 'gpu\.js'/);
    expect(rf.engine.backendNames()).toEqual(['cpu', 'gpu']);
    expect(() => rf.setBackend('gpu')).toThrow(rf.BackendError);
    expect(() => rf.setBackend('gpu')).toThrow(
      /^gpu: gpu\.js could not be loaded \(.*Cannot find package 'gpu\.js'.*\); install gpu\.js 2\.24\.x next to @rectify\/backend-gpu, or use the 'cpu' backend$/,
    );
    await expect(rf.ready('gpu')).rejects.toThrow(/^gpu: gpu\.js could not be loaded/);
    // The default backend skips it.
    expect(rf.backend().name).toBe('cpu');
    expect(rf.tidy(() => rf.add(rf.tensor([1]), 1).arraySync())).toEqual([2]);
  });
});
