import { type Tensor, abs, add, mul, sum, optionNames } from '@rectify/tensor';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, singleInput } from '../../layer.js';
import { finite } from '../../options.js';

export interface ActivityRegularizationArgs extends LayerArgs {
  /** Weight of Σ|x|; default 0. */
  l1?: number;
  /** Weight of Σx²; default 0. */
  l2?: number;
}

export interface ActivityRegularizationConfig extends LayerConfig {
  l1: number;
  l2: number;
}

/**
 * Passes its input through and adds `l1·Σ|x| + l2·Σx²` of it (summed over the batch, as Keras) to the loss, through
 * `regularizationLosses()`, which the training step reads right after the forward pass.
 *
 * Shape: unchanged. Reference: Keras `ActivityRegularization`.
 *
 * @example activityRegularization({ l1: 1e-4 }) // sparse activations
 */
export class ActivityRegularization extends Layer<Tensor> {
  static override readonly className: string = 'ActivityRegularization';
  static override readonly argNames: readonly string[] = optionNames<
    Omit<ActivityRegularizationArgs, keyof LayerArgs>
  >()({ l1: true, l2: true });
  override supportsMasking = true;
  readonly l1: number;
  readonly l2: number;
  /** The penalty of the latest call; it belongs to that call's scope and is dropped once disposed. */
  private penalty: Tensor | undefined;

  constructor(args: ActivityRegularizationArgs = {}) {
    super(args);
    this.l1 = finite(this.kind, 'l1', args.l1 ?? 0);
    this.l2 = finite(this.kind, 'l2', args.l2 ?? 0);
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    const x = singleInput(this, inputs);
    const terms: Tensor[] = [];
    if (this.l1 !== 0) terms.push(mul(sum(abs(x)), this.l1));
    if (this.l2 !== 0) terms.push(mul(sum(mul(x, x)), this.l2));
    this.penalty = terms.length === 0 ? undefined : terms.reduce((a, b) => add(a, b));
    return x;
  }

  override regularizationLosses(): Tensor[] {
    const own = this.penalty && !this.penalty.isDisposed ? [this.penalty] : [];
    return [...super.regularizationLosses(), ...own];
  }

  override getConfig(): ActivityRegularizationConfig {
    return { ...super.getConfig(), l1: this.l1, l2: this.l2 };
  }
}

/** Creates an {@link ActivityRegularization} layer. @example activityRegularization({ l2: 1e-3 }) */
export function activityRegularization(args: ActivityRegularizationArgs = {}): ActivityRegularization {
  return new ActivityRegularization(args);
}
