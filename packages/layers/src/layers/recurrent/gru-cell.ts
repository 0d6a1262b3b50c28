import { type Tensor, add, gruPointwise, matmul, mul, reshape, slice, split, sub, optionNames } from '@rectify/tensor';
import type { InitializerIdentifier } from '../../identifiers.js';
import { GatedCell, type GatedCellArgs, type GatedCellConfig } from './gated-cell.js';
import type { LayerArgs } from '../../layer.js';

export interface GRUCellArgs extends GatedCellArgs {
  /** Apply the reset gate after the recurrent product (Keras 3 and cuDNN's convention). Default true. */
  resetAfter?: boolean;
}

export interface GRUCellConfig extends GatedCellConfig {
  resetAfter: boolean;
}

/**
 * Gated recurrent unit (Cho et al. 2014), gates in Keras order z, r, h:
 * `z = σ(x·W_z + h·U_z + b_z)`, `r = σ(x·W_r + h·U_r + b_r)`, `h' = z·h + (1 − z)·tanh(x·W_h + r·(h·U_h + b'_h))` with
 * `resetAfter` (default), or `tanh(x·W_h + (r·h)·U_h + b_h)` without.
 *
 * Shape: `[batch, features]`, state `[batch, units]` → `[h', h']`; kernel `[features, 3·units]`, recurrent kernel
 * `[units, 3·units]`, bias `[2, 3·units]` (input and recurrent biases) with `resetAfter`, else `[3·units]`.
 * Reference: Keras `GRUCell`.
 *
 * @example gruCell({ units: 8 }).apply([ones([2, 3]), zeros([2, 8])]); // [h, h]
 */
export class GRUCell extends GatedCell {
  static override readonly className: string = 'GRUCell';
  static override readonly argNames: readonly string[] = optionNames<Omit<GRUCellArgs, keyof LayerArgs>>()({
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
    resetAfter: true,
  });
  readonly resetAfter: boolean;

  constructor(args: GRUCellArgs) {
    super(args);
    this.resetAfter = args.resetAfter ?? true;
  }

  protected get gates(): number {
    return 3;
  }

  protected override biasSpec(): { shape: number[]; init: InitializerIdentifier } {
    return { shape: this.resetAfter ? [2, 3 * this.units] : [3 * this.units], init: this.biasInitializer };
  }

  protected override inputBias(bias: Tensor): Tensor {
    return this.resetAfter ? this.biasRow(bias, 0) : bias;
  }

  private biasRow(bias: Tensor, row: number): Tensor {
    return reshape(slice(bias, [row, 0], [1, 3 * this.units]), [3 * this.units]);
  }

  /**
   * Fused with the default activations in the `resetAfter` form (Keras' default), as {@link GatedCell.fused}.
   * @example [gruCell({ units: 4 }).fused, gruCell({ units: 4, resetAfter: false }).fused]; // → [true, false]
   */
  override get fused(): boolean {
    return this.resetAfter && super.fused;
  }

  step(projected: Tensor, [h]: readonly Tensor[]): Tensor[] {
    const u = this.units;
    const hd = this.dropState(h!);
    if (this.fused) {
      const inner = matmul(hd, this.recurrentKernel!);
      const next = gruPointwise(projected, this.bias ? add(inner, this.biasRow(this.bias, 1)) : inner, h!);
      return [next, next];
    }
    const [xz, xr, xh] = split(projected, 3, 1) as [Tensor, Tensor, Tensor];
    let candidate: Tensor;
    let z: Tensor;
    if (this.resetAfter) {
      let inner = matmul(hd, this.recurrentKernel!);
      if (this.bias) inner = add(inner, this.biasRow(this.bias, 1));
      const [rz, rr, rh] = split(inner, 3, 1) as [Tensor, Tensor, Tensor];
      z = this.gate(add(xz, rz));
      const r = this.gate(add(xr, rr));
      candidate = this.act(add(xh, mul(r, rh)));
    } else {
      const [uzr, uh] = split(this.recurrentKernel!, [2 * u, u], 1) as [Tensor, Tensor];
      const [rz, rr] = split(matmul(hd, uzr), 2, 1) as [Tensor, Tensor];
      z = this.gate(add(xz, rz));
      const r = this.gate(add(xr, rr));
      candidate = this.act(add(xh, matmul(mul(r, hd), uh)));
    }
    // z·h + (1 − z)·h̃ = h̃ + z·(h − h̃)
    const next = add(candidate, mul(z, sub(h!, candidate)));
    return [next, next];
  }

  override getConfig(): GRUCellConfig {
    return { ...super.getConfig(), resetAfter: this.resetAfter };
  }
}

/** Creates a {@link GRUCell}. @example rnn({ cell: gruCell({ units: 16, resetAfter: false }) }) */
export function gruCell(args: GRUCellArgs): GRUCell {
  return new GRUCell(args);
}
