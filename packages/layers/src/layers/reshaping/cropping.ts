import { ShapeError, type Tensor, slice, optionNames } from '@rectify/tensor';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, singleInput } from '../../layer.js';
import { type Shape, fmtShape, singleShape } from '../../shape.js';
import { sideConfig, sidePairs } from './padding-spec.js';
import type { DataFormatArgs } from '../../options.js';

export interface CroppingArgs extends LayerArgs, DataFormatArgs {
  /** Per spatial axis: one number, one per axis, or `[before, after]` pairs (1-D: `[left, right]`). Default 1. */
  cropping?: number | readonly number[] | readonly (readonly [number, number])[];
}

export interface CroppingConfig extends LayerConfig {
  cropping: [number, number] | [number, number][];
}

/**
 * Removes steps or pixels from the edges of the spatial axes; subclasses fix how many axes.
 * @example class Cropping3D extends Cropping { static override readonly className: string = 'Cropping3D'; constructor(a) { super(a, 3); } }
 */
export abstract class Cropping extends Layer<Tensor> {
  static override readonly argNames: readonly string[] = optionNames<Omit<CroppingArgs, keyof LayerArgs>>()({
    cropping: true,
    dataFormat: true,
  });
  readonly cropping: [number, number][];

  constructor(args: CroppingArgs, axes: number) {
    super(args);
    this.cropping = sidePairs(this.kind, 'cropping', args.cropping ?? 1, axes);
    this.inputSpec = { ndim: axes + 2 };
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    const x = singleInput(this, inputs);
    const out = this.computeOutputShape(x.shape) as number[];
    return slice(x, [0, ...this.cropping.map((c) => c[0]), 0], out);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = singleShape(this.name, inputShape);
    return s.map((d, i) => {
      const c = this.cropping[i - 1];
      if (d === null || !c) return d;
      if (c[0] + c[1] >= d)
        throw new ShapeError(
          `${this.name}: cropping ${JSON.stringify(this.cropping)} removes every element of axis ${i} of shape ${fmtShape(s)}`,
        );
      return d - c[0] - c[1];
    });
  }

  override getConfig(): CroppingConfig {
    return { ...super.getConfig(), cropping: sideConfig(this.cropping) };
  }
}

/** Cuts steps from both ends: `[b, t, c]` → `[b, t − l − r, c]`. Reference: Keras `Cropping1D`. @example cropping1d({ cropping: [1, 2] }) */
export class Cropping1D extends Cropping {
  static override readonly className: string = 'Cropping1D';

  constructor(args: CroppingArgs = {}) {
    super(args, 1);
  }
}

/** Cuts rows and columns from the edges of images. Reference: Keras `Cropping2D`. @example cropping2d({ cropping: [[2, 2], [4, 4]] }) */
export class Cropping2D extends Cropping {
  static override readonly className: string = 'Cropping2D';

  constructor(args: CroppingArgs = {}) {
    super(args, 2);
  }
}

/** Creates a {@link Cropping1D} layer. @example cropping1d({ cropping: 1 }) */
export function cropping1d(args: CroppingArgs = {}): Cropping1D {
  return new Cropping1D(args);
}

/** Creates a {@link Cropping2D} layer. @example cropping2d({ cropping: [1, 2] }) */
export function cropping2d(args: CroppingArgs = {}): Cropping2D {
  return new Cropping2D(args);
}

/** TensorFlow.js' spelling of {@link cropping2d}. @example cropping2D({ cropping: 1 }) */
export const cropping2D = cropping2d;
