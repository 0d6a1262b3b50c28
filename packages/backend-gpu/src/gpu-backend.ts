import {
  type Backend,
  type BackendMemory,
  BackendError,
  type DataId,
  type DType,
  type Kernels,
  type Shape,
  type TensorInfo,
  type TypedArray,
} from '@rectify/tensor';
import { glRenderer } from './environment.js';
import { type GpuInstance, type GpuJs, modeOf } from './gpujs.js';
import { conv2d, conv2dBackpropFilter, conv2dBackpropInput } from './kernels/conv.js';
import { biasActivation, binary, cast, unary, unaryGrad, where } from './kernels/elementwise.js';
import { gruCell, gruCellGrad } from './kernels/gru.js';
import { lstmCell, lstmCellGrad } from './kernels/lstm.js';
import { gather, scatterAdd } from './kernels/gather.js';
import type { GpuContext } from './kernels/launch.js';
import { concat, pad, slice, tile, transpose } from './kernels/layout.js';
import { matmul } from './kernels/matmul.js';
import { avgPool, avgPoolGrad, maxPool, maxPoolGrad } from './kernels/pool.js';
import { argReduce, reduce } from './kernels/reduce.js';
import { softmax, softmaxGrad } from './kernels/softmax.js';
import { checkMode, type GpuMode } from './options.js';
import { KernelRunner } from './runner.js';
import { GpuStorage } from './storage.js';

/** What `backend().info` says about a gpu backend (a type alias, so it fits Backend's record type). */
export type GpuBackendInfo = {
  readonly kind: 'gpu';
  /** The gpu.js backend kernels run in: 'webgl2', 'webgl', 'headlessgl', 'webasm' (WebAssembly) or 'cpu'. */
  readonly mode: string;
  /** The mode that was asked for ('gpu' lets gpu.js choose). */
  readonly requestedMode: GpuMode;
  /** float32 textures ('single') or values packed into 8-bit channels ('unsigned') on GL without float targets. */
  readonly precision: 'single' | 'unsigned';
  /** Distinct kernels compiled so far (one per op and shape signature). */
  readonly compiledKernels: number;
  readonly kernelRuns: number;
  /** Buffers moved host → device (a written tensor's first use) and device → host (a result's first read). */
  readonly uploads: number;
  readonly readbacks: number;
  /** Kernels gpu.js could not build for `mode` and ran on its cpu fallback, with the reason. */
  readonly fallbacks: readonly string[];
  /** The GL renderer in a browser (SwiftShader when rendering in software), null elsewhere. */
  readonly renderer: string | null;
};

/**
 * The Backend interface on gpu.js: every primitive kernel is a generated gpu.js kernel, compiled once per shape
 * signature. Buffers stay on the device (GL textures, or WebAssembly-side arrays) between kernels and are read
 * back only by `readSync` / `read`. Importing the package registers one as 'gpu'; construct more for other modes.
 *
 * @example
 * import * as gpujs from 'gpu.js';
 * registerBackend('my-gpu', () => new GpuBackend(gpujs, 'webasm', 'my-gpu'));
 */
export class GpuBackend implements Backend {
  readonly name: string;
  readonly info: GpuBackendInfo;
  readonly kernels: Kernels;
  private readonly runner: KernelRunner;
  private readonly storage: GpuStorage;

  constructor(gpujs: GpuJs, requestedMode: GpuMode = 'gpu', name = 'gpu') {
    checkMode(requestedMode);
    this.name = name;
    let gpu: GpuInstance;
    try {
      gpu = new gpujs.GPU({ mode: requestedMode });
    } catch (err) {
      throw new BackendError(
        `gpu: gpu.js cannot run in mode '${requestedMode}' here (${(err as Error).message.trim()})`,
      );
    }
    const mode = modeOf(gpujs, gpu.Kernel);
    const precision =
      mode === 'cpu' || mode === 'webasm' || gpujs.GPU.isSinglePrecisionSupported ? 'single' : 'unsigned';
    const runner = (this.runner = new KernelRunner(gpujs, gpu, mode, precision));
    const storage = (this.storage = new GpuStorage(runner));
    this.info = {
      kind: 'gpu',
      mode,
      requestedMode,
      precision,
      renderer: runner.gl ? glRenderer() : null,
      get compiledKernels() {
        return runner.compiles;
      },
      get kernelRuns() {
        return runner.runs;
      },
      get uploads() {
        return storage.uploads;
      },
      get readbacks() {
        return storage.readbacks;
      },
      get fallbacks() {
        return [...runner.fallbacks];
      },
    };
    const c: GpuContext = { runner, storage: this.storage };
    this.kernels = {
      unary: (i, a) => unary(c, i, a),
      unaryGrad: (i, a) => unaryGrad(c, i, a),
      biasActivation: (i, a) => biasActivation(c, i, a),
      binary: (i, a) => binary(c, i, a),
      lstmCell: (i, a) => lstmCell(c, i, a),
      lstmCellGrad: (i, a) => lstmCellGrad(c, i, a),
      gruCell: (i) => gruCell(c, i),
      gruCellGrad: (i, a) => gruCellGrad(c, i, a),
      where: (i, a) => where(c, i, a),
      cast: (i, a) => cast(c, i, a),
      reduce: (i, a) => reduce(c, i, a),
      argReduce: (i, a) => argReduce(c, i, a),
      matmul: (i, a) => matmul(c, i, a),
      transpose: (i, a) => transpose(c, i, a),
      slice: (i, a) => slice(c, i, a),
      concat: (i, a) => concat(c, i, a),
      pad: (i, a) => pad(c, i, a),
      tile: (i, a) => tile(c, i, a),
      gather: (i, a) => gather(c, i, a),
      scatterAdd: (i, a) => scatterAdd(c, i, a),
      conv2d: (i, a) => conv2d(c, i, a),
      conv2dBackpropInput: (i, a) => conv2dBackpropInput(c, i, a),
      conv2dBackpropFilter: (i, a) => conv2dBackpropFilter(c, i, a),
      maxPool: (i, a) => maxPool(c, i, a),
      maxPoolGrad: (i, a) => maxPoolGrad(c, i, a),
      avgPool: (i, a) => avgPool(c, i, a),
      avgPoolGrad: (i, a) => avgPoolGrad(c, i, a),
      softmax: (i, a) => softmax(c, i, a),
      softmaxGrad: (i, a) => softmaxGrad(c, i, a),
    };
  }

  /** Keeps `values` on the host until a kernel first reads them (one upload, then device-resident). */
  write(values: TypedArray, shape: Shape, dtype: DType): TensorInfo {
    return this.storage.put(shape, dtype, null, values);
  }

  readSync(dataId: DataId): TypedArray {
    return this.storage.readSync(dataId);
  }

  async read(dataId: DataId): Promise<TypedArray> {
    return this.storage.readSync(dataId);
  }

  disposeData(dataId: DataId): void {
    this.storage.delete(dataId);
  }

  memory(): BackendMemory {
    return { numDataBuffers: this.storage.count, numBytes: this.storage.numBytes };
  }

  /** Frees every compiled kernel and the gpu.js instance; the backend cannot be used afterwards. */
  dispose(): void {
    this.runner.destroy();
  }
}
