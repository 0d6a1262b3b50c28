import {
  ShapeError,
  type Tensor,
  ValueError,
  matmul,
  maximum,
  mul,
  rsqrt,
  sum,
  transpose,
  optionNames,
} from '@rectify/tensor';
import type { CallArgs, LayerArgs, LayerConfig } from '../../layer.js';
import { type Shape, fmtShape } from '../../shape.js';
import { Merge } from './merge.js';

export interface DotArgs extends LayerArgs {
  /** The axis of each input to contract (one number for both); batch axis 0 excluded. */
  axes: number | readonly [number, number];
  /** L2-normalise both inputs along the axes first, giving cosine similarities. Default false. */
  normalize?: boolean;
}

export interface DotConfig extends LayerConfig {
  axes: [number, number];
  normalize: boolean;
}

/**
 * Batched dot product of two inputs of rank 2 or 3 along the given axes (cosine similarity with `normalize`).
 *
 * Shape: `[b, n]·[b, n]` → `[b, 1]`; `[b, m, n]·[b, n, k]` (axes [2, 1]) → `[b, m, k]`. Reference: Keras `Dot`.
 *
 * @example dot({ axes: 1 }).apply([tensor([[1, 2]]), tensor([[3, 4]])]); // → [[11]]
 */
export class Dot extends Merge {
  static override readonly className: string = 'Dot';
  static override readonly argNames: readonly string[] = optionNames<Omit<DotArgs, keyof LayerArgs>>()({
    axes: true,
    normalize: true,
  });
  readonly axes: [number, number];
  readonly normalize: boolean;

  constructor(args: DotArgs) {
    super(args);
    const pair = typeof args.axes === 'number' ? [args.axes, args.axes] : args.axes;
    if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((a) => Number.isInteger(a) && a !== 0)) {
      throw new ValueError(
        `${this.kind}: axes must be a non-zero integer or a pair of them (axis 0 is the batch), received ${JSON.stringify(args.axes)}`,
      );
    }
    this.axes = [pair[0]!, pair[1]!];
    this.normalize = args.normalize ?? false;
  }

  /** The axes as non-negative indices for inputs of these ranks. */
  private resolved(ranks: readonly number[]): [number, number] {
    return this.axes.map((a, i) => (a < 0 ? a + ranks[i]! : a)) as [number, number];
  }

  protected checkShapes(shapes: readonly Shape[]): void {
    const [a, b] = shapes;
    if (shapes.length !== 2 || !a || !b || a.length !== b.length || a.length < 2 || a.length > 3) {
      throw new ShapeError(
        `${this.name}: expected 2 inputs of equal rank 2 or 3, received ${shapes.map(fmtShape).join(', ')}`,
      );
    }
    const [ia, ib] = this.resolved([a.length, b.length]);
    const da = a[ia];
    const db = b[ib];
    if (ia < 1 || ib < 1 || ia >= a.length || ib >= b.length || (da !== null && db !== null && da !== db)) {
      throw new ShapeError(`${this.name}: axes [${this.axes}] do not match: ${fmtShape(a)} and ${fmtShape(b)}`);
    }
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    let [a, b] = this.inputList(inputs) as [Tensor, Tensor];
    const [ia, ib] = this.resolved([a.rank, b.rank]);
    if (this.normalize) {
      a = l2Normalize(a, ia);
      b = l2Normalize(b, ib);
    }
    if (a.rank === 2) return sum(mul(a, b), 1, true);
    // Batched matmul: a's contracted axis last, b's in the middle.
    const left = ia === 2 ? a : transpose(a, [0, 2, 1]);
    const right = ib === 1 ? b : transpose(b, [0, 2, 1]);
    return matmul(left, right);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [a, b] = this.shapeList(inputShape) as [Shape, Shape];
    if (a.length === 2) return [a[0] ?? null, 1];
    const [ia, ib] = this.resolved([3, 3]);
    return [a[0] ?? null, a[3 - ia] ?? null, b[3 - ib] ?? null];
  }

  override getConfig(): DotConfig {
    return { ...super.getConfig(), axes: [...this.axes], normalize: this.normalize };
  }
}

/** `x / max(‖x‖₂, 1e-6)` along `axis` (Keras' l2_normalize with its epsilon on the squared norm, 1e-12). */
export function l2Normalize(x: Tensor, axis: number | number[]): Tensor {
  return mul(x, rsqrt(maximum(sum(mul(x, x), axis, true), 1e-12)));
}

/** Creates a {@link Dot} layer. @example dot({ axes: 1, normalize: true }).apply([tensor([[3, 4]]), tensor([[6, 8]])]) // → [[1]] */
export function dot(args: DotArgs): Dot {
  return new Dot(args);
}
