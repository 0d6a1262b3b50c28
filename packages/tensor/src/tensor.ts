import type { DType, TypedArray } from './dtype.js';
import type { Backend, DataId } from './backend/kernels.js';
import { BackendError, ShapeError } from './errors.js';
import { sizeOf, type Shape } from './shape.js';
import { formatTensor } from './format.js';

export type NestedArray = number | boolean | NestedArray[];

let nextTensorId = 0;

/**
 * An immutable n-dimensional array living on one backend. Ops never change a tensor; they return new ones.
 * Memory is released by `dispose()` or by `tidy()`, which matters on GPU backends.
 *
 * @example
 * const t = tensor([[1, 2], [3, 4]]);
 * t.shape;        // → [2, 2]
 * t.toString();   // → "[[1., 2.],\n [3., 4.]]"
 */
/**
 * What tensors ask of the engine that made them. The engine registers itself when it is created — before it can
 * make any tensor — so that this module need not import the engine, which imports it.
 */
export interface TensorOwner {
  disposeTensor(t: Tensor): void;
  assignVariable(v: Variable, value: Tensor): void;
}

let owner: TensorOwner | undefined;

/** @internal called once, by the engine's constructor. */
export function setTensorOwner(o: TensorOwner): void {
  owner = o;
}

export class Tensor {
  readonly id = nextTensorId++;
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly size: number;
  /** @internal the backend buffer; shared between views such as reshape. */
  dataId: DataId;
  /** @internal */
  backend: Backend;
  private disposedFlag = false;

  /** @internal use the creation ops (`tensor`, `zeros`, …) instead. */
  constructor(dataId: DataId, shape: Shape, dtype: DType, backend: Backend) {
    this.dataId = dataId;
    this.shape = Object.freeze([...shape]);
    this.dtype = dtype;
    this.size = sizeOf(shape);
    this.backend = backend;
  }

  /** @internal the id the next tensor will get: tensors with a smaller id existed before this moment. */
  static get nextId(): number {
    return nextTensorId;
  }

  get rank(): number {
    return this.shape.length;
  }

  get isDisposed(): boolean {
    return this.disposedFlag;
  }

  /** @internal */
  markDisposed(): void {
    this.disposedFlag = true;
  }

  /** @internal throws a clear error instead of reading freed memory. */
  assertAlive(op: string): void {
    if (this.disposedFlag) {
      throw new BackendError(`${op}: tensor ${this.id} (shape [${this.shape.join(',')}]) was already disposed`);
    }
  }

  /** The values, copied out, in row-major order. Synchronous: on a GPU backend this waits for the device. */
  dataSync(): TypedArray {
    this.assertAlive('dataSync');
    return this.backend.readSync(this.dataId).slice();
  }

  async data(): Promise<TypedArray> {
    this.assertAlive('data');
    return (await this.backend.read(this.dataId)).slice();
  }

  /** The values as nested JS arrays (booleans for bool tensors). */
  arraySync(): NestedArray {
    return toNested(this.dataSync(), this.shape, this.dtype);
  }

  async array(): Promise<NestedArray> {
    return toNested(await this.data(), this.shape, this.dtype);
  }

  /** A scalar's value, or the only element of a size-1 tensor. */
  item(): number {
    if (this.size !== 1)
      throw new ShapeError(`item: tensor must have exactly one element, shape is [${this.shape.join(',')}]`);
    return this.dataSync()[0]!;
  }

  dispose(): void {
    owner!.disposeTensor(this);
  }

  toString(): string {
    return formatTensor(this.dataSync(), this.shape, this.dtype);
  }

  print(): void {
    console.log(this.toString());
  }
}

/**
 * A tensor whose value can be replaced, used for model weights. Optimizers call `assign`; everything else sees
 * an ordinary tensor. `tidy` never disposes variables.
 */
export class Variable extends Tensor {
  readonly name: string;
  trainable: boolean;

  /** @internal use `variable()` from @rectify/autograd. */
  constructor(initial: Tensor, name: string, trainable: boolean) {
    super(initial.dataId, initial.shape, initial.dtype, initial.backend);
    this.name = name;
    this.trainable = trainable;
  }

  /** Replaces the value with `value`'s (same shape and dtype). `value` stays owned by the caller. */
  assign(value: Tensor): void {
    owner!.assignVariable(this, value);
  }
}

function toNested(values: TypedArray, shape: Shape, dtype: DType): NestedArray {
  const cast = (v: number): number | boolean => (dtype === 'bool' ? v !== 0 : v);
  if (shape.length === 0) return cast(values[0]!);
  const build = (dim: number, offset: number): NestedArray[] => {
    const n = shape[dim]!;
    const stride = sizeOf(shape.slice(dim + 1));
    const out: NestedArray[] = new Array(n);
    for (let i = 0; i < n; i++) {
      out[i] = dim === shape.length - 1 ? cast(values[offset + i]!) : build(dim + 1, offset + i * stride);
    }
    return out;
  };
  return build(0, 0);
}
