import { type Tensor, add, cast, gather, mul, reshape, tensor, tile, optionNames } from '@rectify/tensor';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, singleInput } from '../../layer.js';
import { intTuple, oneOf } from '../../options.js';
import { type Shape, singleShape } from '../../shape.js';
import type { DataFormatArgs } from '../../options.js';

/** Each step (or pixel) repeated `size` times along `axis`, by a reshape and a tile. */
function repeatAlong(x: Tensor, axis: number, size: number): Tensor {
  if (size === 1) return x;
  const s = x.shape;
  const spread = reshape(x, [...s.slice(0, axis + 1), 1, ...s.slice(axis + 1)]);
  const reps = spread.shape.map((_, i) => (i === axis + 1 ? size : 1));
  return reshape(tile(spread, reps), [...s.slice(0, axis), s[axis]! * size, ...s.slice(axis + 1)]);
}

/**
 * Linear interpolation along `axis` to `size` times its length, with half-pixel centres (TensorFlow's
 * `tf.image.resize`, Keras 3): output i samples input position `(i + 0.5) / size − 0.5`, clamped to the edges.
 */
function lerpAlong(x: Tensor, axis: number, size: number): Tensor {
  if (size === 1) return x;
  const n = x.shape[axis]!;
  const lo: number[] = [];
  const hi: number[] = [];
  const frac: number[] = [];
  for (let i = 0; i < n * size; i++) {
    const src = Math.max(0, (i + 0.5) / size - 0.5);
    const l = Math.min(Math.floor(src), n - 1);
    lo.push(l);
    hi.push(Math.min(l + 1, n - 1));
    frac.push(src - l);
  }
  const w = reshape(
    tensor(frac),
    x.shape.map((_, i) => (i === axis ? n * size : 1)),
  );
  const a = gather(x, cast(tensor(lo), 'int32'), axis);
  const b = gather(x, cast(tensor(hi), 'int32'), axis);
  return add(a, mul(w, add(b, mul(a, -1))));
}

export interface UpSampling1DArgs extends LayerArgs {
  /** How many times each step is repeated; default 2. */
  size?: number;
}

export interface UpSampling1DConfig extends LayerConfig {
  size: number;
}

/**
 * Repeats each time step `size` times. Shape: `[b, steps, c]` → `[b, steps·size, c]`. Reference: Keras `UpSampling1D`.
 * @example upSampling1d({ size: 2 }).apply(tensor([[[1], [2]]])); // → [[[1], [1], [2], [2]]]
 */
export class UpSampling1D extends Layer<Tensor> {
  static override readonly className: string = 'UpSampling1D';
  static override readonly argNames: readonly string[] = optionNames<Omit<UpSampling1DArgs, keyof LayerArgs>>()({
    size: true,
  });
  readonly size: number;

  constructor(args: UpSampling1DArgs = {}) {
    super(args);
    this.size = intTuple(this.kind, 'size', args.size ?? 2, 1)[0]!;
    this.inputSpec = { ndim: 3 };
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    return repeatAlong(singleInput(this, inputs), 1, this.size);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [b = null, t = null, c = null] = singleShape(this.name, inputShape);
    return [b, t === null ? null : t * this.size, c];
  }

  override getConfig(): UpSampling1DConfig {
    return { ...super.getConfig(), size: this.size };
  }
}

export interface UpSampling2DArgs extends LayerArgs, DataFormatArgs {
  /** Factors for height and width; default 2. */
  size?: number | readonly [number, number];
  /** 'nearest' (default: repeat pixels) or 'bilinear' (half-pixel centres, as Keras 3). */
  interpolation?: 'nearest' | 'bilinear';
}

export interface UpSampling2DConfig extends LayerConfig {
  size: [number, number];
  interpolation: 'nearest' | 'bilinear';
}

/**
 * Enlarges images by integer factors. Shape: `[b, h, w, c]` → `[b, h·sh, w·sw, c]`. Reference: Keras `UpSampling2D`.
 * @example upSampling2d({ size: 2, interpolation: 'bilinear' }).apply(ones([1, 4, 4, 3])).shape; // → [1, 8, 8, 3]
 */
export class UpSampling2D extends Layer<Tensor> {
  static override readonly className: string = 'UpSampling2D';
  static override readonly argNames: readonly string[] = optionNames<Omit<UpSampling2DArgs, keyof LayerArgs>>()({
    size: true,
    interpolation: true,
    dataFormat: true,
  });
  readonly size: [number, number];
  readonly interpolation: 'nearest' | 'bilinear';

  constructor(args: UpSampling2DArgs = {}) {
    super(args);
    this.size = intTuple(this.kind, 'size', args.size ?? 2, 2) as [number, number];
    this.interpolation = oneOf(this.kind, 'interpolation', args.interpolation ?? 'nearest', [
      'nearest',
      'bilinear',
    ] as const);
    this.inputSpec = { ndim: 4 };
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    const x = singleInput(this, inputs);
    const along = this.interpolation === 'nearest' ? repeatAlong : lerpAlong;
    return along(along(x, 1, this.size[0]), 2, this.size[1]);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [b = null, h = null, w = null, c = null] = singleShape(this.name, inputShape);
    return [b, h === null ? null : h * this.size[0], w === null ? null : w * this.size[1], c];
  }

  override getConfig(): UpSampling2DConfig {
    return { ...super.getConfig(), size: [...this.size], interpolation: this.interpolation };
  }
}

/** Creates an {@link UpSampling1D} layer. @example upSampling1d({ size: 3 }) */
export function upSampling1d(args: UpSampling1DArgs = {}): UpSampling1D {
  return new UpSampling1D(args);
}

/** Creates an {@link UpSampling2D} layer. @example upSampling2d({ size: [2, 2] }) */
export function upSampling2d(args: UpSampling2DArgs = {}): UpSampling2D {
  return new UpSampling2D(args);
}
