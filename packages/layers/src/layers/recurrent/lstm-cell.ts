import { type Tensor, add, concat, lstmPointwise, matmul, mul, ones, split, tidy, optionNames } from '@rectify/tensor';
import { type InitializerIdentifier, resolveInitializer } from '../../identifiers.js';
import { GatedCell, type GatedCellArgs, type GatedCellConfig } from './gated-cell.js';
import type { LayerArgs } from '../../layer.js';

export interface LSTMCellArgs extends GatedCellArgs {
  /** Start the forget gate's bias at 1 (Jozefowicz et al. 2015), the rest from `biasInitializer`. Default true. */
  unitForgetBias?: boolean;
}

export interface LSTMCellConfig extends GatedCellConfig {
  unitForgetBias: boolean;
}

/**
 * Long short-term memory cell (Hochreiter & Schmidhuber 1997), gates in Keras order i, f, c, o:
 * `z = x·W + h·U + b`; `i, f, o = σ(z_i), σ(z_f), σ(z_o)`; `c' = f·c + i·tanh(z_c)`; `h' = o·tanh(c')`.
 *
 * Shape: `[batch, features]`, states `[h, c]` each `[batch, units]` → `[h', h', c']`; kernel `[features, 4·units]`,
 * recurrent kernel `[units, 4·units]`, bias `[4·units]`. Reference: Keras `LSTMCell`.
 *
 * @example lstmCell({ units: 8 }).apply([ones([2, 3]), zeros([2, 8]), zeros([2, 8])]); // [h, h, c]
 */
export class LSTMCell extends GatedCell {
  static override readonly className: string = 'LSTMCell';
  static override readonly argNames: readonly string[] = optionNames<Omit<LSTMCellArgs, keyof LayerArgs>>()({
    units: true,
    activation: true,
    useBias: true,
    kernelInitializer: true,
    recurrentInitializer: true,
    biasInitializer: true,
    kernelRegularizer: true,
    recurrentRegularizer: true,
    biasRegularizer: true,
    dropout: true,
    recurrentDropout: true,
    seed: true,
    recurrentActivation: true,
    unitForgetBias: true,
  });
  readonly unitForgetBias: boolean;

  constructor(args: LSTMCellArgs) {
    super(args);
    this.unitForgetBias = args.unitForgetBias ?? true;
  }

  protected get gates(): number {
    return 4;
  }

  override get stateSize(): number[] {
    return [this.units, this.units];
  }

  protected override biasSpec(): { shape: number[]; init: InitializerIdentifier } {
    const shape = [4 * this.units];
    if (!this.unitForgetBias) return { shape, init: this.biasInitializer };
    const base = this.biasInitializer;
    const u = this.units;
    // Keras builds this bias from the configured initializer with ones spliced in for the forget gate.
    const init = {
      name: 'lstmUnitForgetBias',
      apply: () => tidy(() => concat([base.apply([u]), ones([u]), base.apply([2 * u])], 0)),
      getConfig: () => base.getConfig(),
    };
    return { shape, init: resolveInitializer(init) };
  }

  step(projected: Tensor, [h, c]: readonly Tensor[]): Tensor[] {
    const z = add(projected, matmul(this.dropState(h!), this.recurrentKernel!));
    if (this.fused) {
      const [out, next] = lstmPointwise(z, c!);
      return [out, out, next];
    }
    const [zi, zf, zc, zo] = split(z, 4, 1) as [Tensor, Tensor, Tensor, Tensor];
    const next = add(mul(this.gate(zf), c!), mul(this.gate(zi), this.act(zc)));
    const out = mul(this.gate(zo), this.act(next));
    return [out, out, next];
  }

  override getConfig(): LSTMCellConfig {
    return { ...super.getConfig(), unitForgetBias: this.unitForgetBias };
  }
}

/** Creates an {@link LSTMCell}. @example rnn({ cell: lstmCell({ units: 16 }) }) */
export function lstmCell(args: LSTMCellArgs): LSTMCell {
  return new LSTMCell(args);
}
