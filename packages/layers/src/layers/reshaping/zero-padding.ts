import { type Tensor, pad, optionNames } from '@rectify/tensor';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, singleInput } from '../../layer.js';
import { type Shape, singleShape } from '../../shape.js';
import { sideConfig, sidePairs } from './padding-spec.js';
import type { DataFormatArgs } from '../../options.js';

export interface ZeroPaddingArgs extends LayerArgs, DataFormatArgs {
  /** Per spatial axis: one number, one per axis, or `[before, after]` pairs (1-D: `[left, right]`). Default 1. */
  padding?: number | readonly number[] | readonly (readonly [number, number])[];
}

export interface ZeroPaddingConfig extends LayerConfig {
  padding: [number, number] | [number, number][];
}

/**
 * Pads the spatial axes with zeros; subclasses fix how many (1 for sequences, 2 for images).
 * @example class ZeroPadding3D extends ZeroPadding { static override readonly className: string = 'ZeroPadding3D'; constructor(a) { super(a, 3); } }
 */
export abstract class ZeroPadding extends Layer<Tensor> {
  static override readonly argNames: readonly string[] = optionNames<Omit<ZeroPaddingArgs, keyof LayerArgs>>()({
    padding: true,
    dataFormat: true,
  });
  readonly padding: [number, number][];

  constructor(args: ZeroPaddingArgs, axes: number) {
    super(args);
    this.padding = sidePairs(this.kind, 'padding', args.padding ?? 1, axes);
    this.inputSpec = { ndim: axes + 2 };
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    return pad(singleInput(this, inputs), [[0, 0], ...this.padding, [0, 0]]);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = singleShape(this.name, inputShape);
    return s.map((d, i) => {
      const p = this.padding[i - 1];
      return d === null || !p ? d : d + p[0] + p[1];
    });
  }

  override getConfig(): ZeroPaddingConfig {
    return { ...super.getConfig(), padding: sideConfig(this.padding) };
  }
}

/** Zeros before and after the steps: `[b, t, c]` → `[b, t + l + r, c]`. Reference: Keras `ZeroPadding1D`. @example zeroPadding1d({ padding: [2, 0] }) */
export class ZeroPadding1D extends ZeroPadding {
  static override readonly className: string = 'ZeroPadding1D';

  constructor(args: ZeroPaddingArgs = {}) {
    super(args, 1);
  }
}

/** Zero rows and columns around images. Reference: Keras `ZeroPadding2D`. @example zeroPadding2d({ padding: [[1, 0], [1, 0]] }) */
export class ZeroPadding2D extends ZeroPadding {
  static override readonly className: string = 'ZeroPadding2D';

  constructor(args: ZeroPaddingArgs = {}) {
    super(args, 2);
  }
}

/** Creates a {@link ZeroPadding1D} layer. @example zeroPadding1d({ padding: 2 }) */
export function zeroPadding1d(args: ZeroPaddingArgs = {}): ZeroPadding1D {
  return new ZeroPadding1D(args);
}

/** Creates a {@link ZeroPadding2D} layer. @example zeroPadding2d({ padding: 1 }) */
export function zeroPadding2d(args: ZeroPaddingArgs = {}): ZeroPadding2D {
  return new ZeroPadding2D(args);
}
