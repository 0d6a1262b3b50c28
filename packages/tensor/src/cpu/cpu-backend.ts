import type { Backend, BackendMemory, DataId, FusedKernels, Kernels, TensorInfo } from '../backend/kernels.js';
import type { DType, TypedArray } from '../dtype.js';
import type { Shape } from '../shape.js';
import { biasActivation } from './bias-activation.js';
import { conv2d, conv2dBackpropFilter, conv2dBackpropInput } from './conv.js';
import { binary, cast, unary, unaryGrad, where } from './elementwise.js';
import { cpuFusedKernels } from './fused.js';
import { concat, gather, pad, scatterAdd, slice, tile, transpose } from './layout.js';
import { gruCell, gruCellGrad } from './gru-cell.js';
import { lstmCell, lstmCellGrad } from './lstm-cell.js';
import { matmul } from './matmul.js';
import { avgPool, avgPoolGrad, maxPool, maxPoolGrad } from './pool.js';
import { argReduce, reduce } from './reduce.js';
import { softmax, softmaxGrad } from './softmax.js';
import { CpuStorage } from './storage.js';

/** The reference backend: plain TypeScript over typed arrays, always present, the default. */
export class CpuBackend implements Backend {
  readonly name = 'cpu';
  readonly info = Object.freeze({ kind: 'cpu', description: 'plain TypeScript over typed arrays, single-threaded' });
  private readonly store = new CpuStorage();
  readonly kernels: Kernels;
  readonly fused: FusedKernels = cpuFusedKernels(this.store);

  constructor() {
    const s = this.store;
    this.kernels = {
      unary: (i, a) => unary(s, i, a),
      unaryGrad: (i, a) => unaryGrad(s, i, a),
      biasActivation: (i, a) => biasActivation(s, i, a),
      binary: (i, a) => binary(s, i, a),
      lstmCell: (i, a) => lstmCell(s, i, a),
      lstmCellGrad: (i, a) => lstmCellGrad(s, i, a),
      gruCell: (i) => gruCell(s, i),
      gruCellGrad: (i, a) => gruCellGrad(s, i, a),
      where: (i, a) => where(s, i, a),
      cast: (i, a) => cast(s, i, a),
      reduce: (i, a) => reduce(s, i, a),
      argReduce: (i, a) => argReduce(s, i, a),
      matmul: (i, a) => matmul(s, i, a),
      transpose: (i, a) => transpose(s, i, a),
      slice: (i, a) => slice(s, i, a),
      concat: (i, a) => concat(s, i, a),
      pad: (i, a) => pad(s, i, a),
      tile: (i, a) => tile(s, i, a),
      gather: (i, a) => gather(s, i, a),
      scatterAdd: (i, a) => scatterAdd(s, i, a),
      conv2d: (i, a) => conv2d(s, i, a),
      conv2dBackpropInput: (i, a) => conv2dBackpropInput(s, i, a),
      conv2dBackpropFilter: (i, a) => conv2dBackpropFilter(s, i, a),
      maxPool: (i, a) => maxPool(s, i, a),
      maxPoolGrad: (i, a) => maxPoolGrad(s, i, a),
      avgPool: (i, a) => avgPool(s, i, a),
      avgPoolGrad: (i, a) => avgPoolGrad(s, i, a),
      softmax: (i, a) => softmax(s, i, a),
      softmaxGrad: (i, a) => softmaxGrad(s, i, a),
    };
  }

  write(values: TypedArray, shape: Shape, dtype: DType): TensorInfo {
    return this.store.put(values, shape, dtype);
  }

  readSync(dataId: DataId): TypedArray {
    return this.store.get(dataId);
  }

  async read(dataId: DataId): Promise<TypedArray> {
    return this.store.get(dataId);
  }

  disposeData(dataId: DataId): void {
    this.store.delete(dataId);
  }

  memory(): BackendMemory {
    return { numDataBuffers: this.store.count, numBytes: this.store.numBytes };
  }
}
