import { ShapeError, type Tensor, ValueError, concat, normalizeAxis, optionNames } from '@rectify/tensor';
import type { CallArgs, LayerArgs, LayerConfig } from '../../layer.js';
import { type Shape, fmtShape } from '../../shape.js';
import { Merge, dimsAgree } from './merge.js';

export interface ConcatenateArgs extends LayerArgs {
  /** The axis to join along; default -1. */
  axis?: number;
}

export interface ConcatenateConfig extends LayerConfig {
  axis: number;
}

/**
 * Joins a list of inputs along `axis`; all other dimensions must agree.
 *
 * Shape: `[..., a]`, `[..., b]` → `[..., a + b]` (axis -1). Reference: Keras `Concatenate`.
 *
 * @example concatenate().apply([ones([2, 3]), ones([2, 1])]).shape; // → [2, 4]
 */
export class Concatenate extends Merge {
  static override readonly className: string = 'Concatenate';
  static override readonly argNames: readonly string[] = optionNames<Omit<ConcatenateArgs, keyof LayerArgs>>()({
    axis: true,
  });
  readonly axis: number;

  constructor(args: ConcatenateArgs = {}) {
    super(args);
    const axis = args.axis ?? -1;
    if (!Number.isInteger(axis))
      throw new ValueError(`${this.kind}: axis must be an integer, received ${String(axis)}`);
    this.axis = axis;
  }

  protected checkShapes(shapes: readonly Shape[]): void {
    const first = shapes[0]!;
    const axis = normalizeAxis(this.name, this.axis, first.length);
    shapes.forEach((s, i) => {
      if (s.length !== first.length || s.some((d, j) => j !== axis && !dimsAgree(d, first[j]))) {
        throw new ShapeError(
          `${this.name}: inputs must agree on every axis but ${this.axis}, input ${i} has shape ${fmtShape(s)}, input 0 has ${fmtShape(first)}`,
        );
      }
    });
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    return concat(this.inputList(inputs), this.axis);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shapes = this.shapeList(inputShape);
    const axis = normalizeAxis(this.name, this.axis, shapes[0]!.length);
    return shapes[0]!.map((d, j) => {
      if (j !== axis) return d ?? shapes.find((s) => s[j] !== null)?.[j] ?? null;
      return shapes.some((s) => s[j] === null) ? null : shapes.reduce((n, s) => n + s[j]!, 0);
    });
  }

  override getConfig(): ConcatenateConfig {
    return { ...super.getConfig(), axis: this.axis };
  }
}

/** Creates a {@link Concatenate} layer. @example concatenate({ axis: -1 }).apply([tensor([[1]]), tensor([[2, 3]])]) // → [[1, 2, 3]] */
export function concatenate(args: ConcatenateArgs = {}): Concatenate {
  return new Concatenate(args);
}
