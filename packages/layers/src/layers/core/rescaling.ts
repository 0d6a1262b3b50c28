import { type Tensor, add, mul, optionNames } from '@rectify/tensor';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, singleInput } from '../../layer.js';
import { finite } from '../../options.js';

export interface RescalingArgs extends LayerArgs {
  /** Multiplier, e.g. 1/255 for pixels. */
  scale: number;
  /** Added after scaling; default 0. */
  offset?: number;
}

export interface RescalingConfig extends LayerConfig {
  scale: number;
  offset: number;
}

/**
 * `x · scale + offset` (preprocessing inside the model). Shape: unchanged. Reference: Keras `Rescaling`.
 * @example rescaling({ scale: 1 / 127.5, offset: -1 }).apply(tensor([0, 255])); // → [-1, 1]
 */
export class Rescaling extends Layer<Tensor> {
  static override readonly className: string = 'Rescaling';
  static override readonly argNames: readonly string[] = optionNames<Omit<RescalingArgs, keyof LayerArgs>>()({
    scale: true,
    offset: true,
  });
  override supportsMasking = true;
  readonly scale: number;
  readonly offset: number;

  constructor(args: RescalingArgs) {
    super(args);
    this.scale = finite(this.kind, 'scale', args.scale);
    this.offset = finite(this.kind, 'offset', args.offset ?? 0);
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    const y = mul(singleInput(this, inputs), this.scale);
    return this.offset === 0 ? y : add(y, this.offset);
  }

  override getConfig(): RescalingConfig {
    return { ...super.getConfig(), scale: this.scale, offset: this.offset };
  }
}

/** Creates a {@link Rescaling} layer. @example rescaling({ scale: 1 / 255 }) */
export function rescaling(args: RescalingArgs): Rescaling {
  return new Rescaling(args);
}
