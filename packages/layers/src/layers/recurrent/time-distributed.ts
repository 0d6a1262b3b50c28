import { type Tensor, ValueError, reshape, optionNames } from '@rectify/tensor';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, singleInput } from '../../layer.js';
import { type LayerClass, type SerializedLayer, deserializeWith, serializeLayer } from '../../layer-class.js';
import { type Shape, isShapeList, singleShape } from '../../shape.js';

export interface TimeDistributedArgs extends LayerArgs {
  /** The layer applied to every time step (the same weights for all). */
  layer: Layer;
}

export interface TimeDistributedConfig extends LayerConfig {
  layer: SerializedLayer;
}

/**
 * Applies a layer to every time step: `[batch, time, ...]` is folded into `[batch·time, ...]`, run once, and
 * unfolded, so a Dense or Conv2D sees one big batch rather than a loop.
 *
 * Shape: `[batch, time, ...in]` → `[batch, time, ...out]`. Reference: Keras `TimeDistributed`.
 *
 * @example timeDistributed({ layer: dense({ units: 4 }) }).apply(ones([2, 5, 3])).shape; // → [2, 5, 4]
 */
export class TimeDistributed extends Layer<Tensor> {
  static override readonly className: string = 'TimeDistributed';
  static override readonly argNames: readonly string[] = optionNames<Omit<TimeDistributedArgs, keyof LayerArgs>>()({
    layer: true,
  });
  override supportsMasking = true;
  readonly layer: Layer;

  constructor(args: TimeDistributedArgs) {
    super(args);
    if (!(args.layer instanceof Layer))
      throw new ValueError(`${this.kind}: layer must be a Layer, received ${String(args.layer)}`);
    this.layer = this.trackLayer(args.layer);
    this.inputSpec = { minNdim: 3 };
  }

  override build(inputShape: Shape | Shape[]): void {
    this.layer.maybeBuild(this.inner(singleShape(this.name, inputShape)));
    super.build(inputShape);
  }

  private inner([b = null, t = null, ...rest]: Shape): Shape {
    return [b === null || t === null ? null : b * t, ...rest];
  }

  call(inputs: Tensor | Tensor[], args: CallArgs): Tensor {
    const x = singleInput(this, inputs);
    const [b, t, ...rest] = x.shape as number[];
    const y = this.layer.apply(reshape(x, [b! * t!, ...rest]), { training: args.training }) as Tensor;
    return reshape(y, [b!, t!, ...y.shape.slice(1)]);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = singleShape(this.name, inputShape);
    const out = this.layer.computeOutputShape(this.inner(s));
    if (isShapeList(out))
      throw new ValueError(
        `${this.name}: the wrapped layer must return one tensor, '${this.layer.name}' returns ${out.length}`,
      );
    return [s[0] ?? null, s[1] ?? null, ...out.slice(1)];
  }

  override getConfig(): TimeDistributedConfig {
    return { ...super.getConfig(), layer: serializeLayer(this.layer) };
  }

  static override fromConfig<T>(
    this: new (args: never) => T,
    config: LayerConfig,
    customClasses: Record<string, LayerClass> = {},
  ): T {
    const c = config as TimeDistributedConfig;
    return new this({ ...c, layer: deserializeWith(c.layer, customClasses) } as never);
  }
}

/** Creates a {@link TimeDistributed} wrapper. @example timeDistributed({ layer: conv2d({ filters: 8, kernelSize: 3 }) }) */
export function timeDistributed(args: TimeDistributedArgs): TimeDistributed {
  return new TimeDistributed(args);
}
