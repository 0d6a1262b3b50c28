import { type Tensor, any, cast, mul, notEqual, reshape, optionNames } from '@rectify/tensor';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, singleInput } from '../../layer.js';
import { finite } from '../../options.js';

export interface MaskingArgs extends LayerArgs {
  /** A time step whose features all equal this value is padding. Default 0. */
  maskValue?: number;
}

export interface MaskingConfig extends LayerConfig {
  maskValue: number;
}

/**
 * Marks padded time steps: a step whose features all equal `maskValue` gets mask 0 and its output is zeroed;
 * recurrent layers downstream skip it (carry their state over).
 *
 * Shape: `[batch, time, ...]` → the same, with a `[batch, time]` mask. Reference: Keras `Masking`.
 *
 * @example masking({ maskValue: 0 }).apply(tensor([[[1], [0]]])); // mask [[true, false]]
 */
export class Masking extends Layer<Tensor> {
  static override readonly className: string = 'Masking';
  static override readonly argNames: readonly string[] = optionNames<Omit<MaskingArgs, keyof LayerArgs>>()({
    maskValue: true,
  });
  readonly maskValue: number;

  constructor(args: MaskingArgs = {}) {
    super(args);
    this.maskValue = finite(this.kind, 'maskValue', args.maskValue ?? 0);
    this.inputSpec = { minNdim: 3 };
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    const x = singleInput(this, inputs);
    const keep = cast(this.stepMask(x), 'float32');
    return mul(x, reshape(keep, [...keep.shape, ...x.shape.slice(2).map(() => 1)]));
  }

  override computeMask(inputs: Tensor | Tensor[], _mask: Tensor | undefined): Tensor {
    return this.stepMask(singleInput(this, inputs));
  }

  private stepMask(x: Tensor): Tensor {
    const axes = Array.from({ length: x.rank - 2 }, (_, i) => i + 2);
    return any(notEqual(x, this.maskValue), axes);
  }

  override getConfig(): MaskingConfig {
    return { ...super.getConfig(), maskValue: this.maskValue };
  }
}

/** Creates a {@link Masking} layer. @example masking({ maskValue: -1, inputShape: [null, 8] }) */
export function masking(args: MaskingArgs = {}): Masking {
  return new Masking(args);
}
