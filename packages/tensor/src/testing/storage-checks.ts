import type { Backend } from '../backend/kernels.js';
import { allocate, type DType } from '../dtype.js';
import { engine } from '../engine.js';
import { BackendError } from '../errors.js';
import { add } from '../ops/elementwise.js';
import { tensor } from '../ops/convert.js';
import { expectClose } from './expect-close.js';
import type { TestApi } from './conformance.js';

const SAMPLES: Record<DType, readonly number[]> = {
  float32: [0, -0, 1.5, -2.25, 1e-30, 3e38, NaN, Infinity, -Infinity],
  int32: [0, 1, -1, 2147483647, -2147483648, 42],
  bool: [0, 1, 1, 0],
};

/** The Backend's storage contract: what `write` takes, `readSync`/`read` give back, `disposeData` frees. */
export function storageChecks(backendName: string, t: TestApi, skipped: (group: string, id: string) => boolean): void {
  const backend = (): Backend => {
    const b = engine.findBackend(backendName);
    if (!b)
      throw new BackendError(
        `conformance: backend '${backendName}' is not initialised; pass beforeAll or call setBackend first`,
      );
    return b;
  };
  const it = (id: string, fn: () => void | Promise<void>) => {
    if (!skipped('storage', id)) t.it(id, fn);
  };
  t.describe('storage', () => {
    for (const dtype of ['float32', 'int32', 'bool'] as const) {
      it(`storage/write then readSync and read give the values back (${dtype})`, async () => {
        const b = backend();
        const values = allocate(dtype, SAMPLES[dtype].length);
        values.set(SAMPLES[dtype]);
        const info = b.write(values.slice(), [values.length], dtype);
        t.expect({ shape: [...info.shape], dtype: info.dtype }).toEqual({ shape: [values.length], dtype });
        expectClose(b.readSync(info.dataId), values, 0, `${backendName} readSync`);
        expectClose(await b.read(info.dataId), values, 0, `${backendName} read`);
        b.disposeData(info.dataId);
      });
    }
    it('storage/empty and rank-0 buffers', () => {
      const b = backend();
      const empty = b.write(new Float32Array(0), [0, 3], 'float32');
      const scalar = b.write(Float32Array.of(7), [], 'float32');
      t.expect(b.readSync(empty.dataId).length).toEqual(0);
      t.expect(Array.from(b.readSync(scalar.dataId))).toEqual([7]);
      b.disposeData(empty.dataId);
      b.disposeData(scalar.dataId);
    });
    it('storage/disposeData frees the buffer in memory()', () => {
      const b = backend();
      const before = b.memory().numDataBuffers;
      const info = b.write(new Float32Array(100), [100], 'float32');
      t.expect(b.memory().numDataBuffers).toEqual(before + 1);
      b.disposeData(info.dataId);
      t.expect(b.memory().numDataBuffers).toEqual(before);
    });
    it('storage/tensors created on cpu move to the backend when an op needs them', () => {
      const previous = engine.backendName;
      try {
        const values = engine.tidy(() => {
          engine.setBackend('cpu');
          const onCpu = tensor([1, 2, 3]);
          engine.setBackend(backendName);
          const y = add(onCpu, tensor([10, 20, 30]));
          t.expect(y.backend).toEqual(backend());
          return y.dataSync();
        });
        expectClose(values, [11, 22, 33], 0, `${backendName} mixed backends`);
      } finally {
        engine.setBackend(previous);
      }
    });
  });
}
