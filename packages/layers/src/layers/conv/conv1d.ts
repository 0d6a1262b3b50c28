import { type Tensor, conv2d as conv2dOp, pad, reshape, optionNames } from '@rectify/tensor';
import { activate } from '../../activate.js';
import { type CallArgs, singleInput } from '../../layer.js';
import { type Shape, knownDim, singleShape } from '../../shape.js';
import { Conv, type ConvArgs, type ConvConfig } from './base-conv.js';
import type { LayerArgs } from '../../layer.js';

export interface Conv1DArgs extends ConvArgs {
  kernelSize: number | readonly [number];
  strides?: number | readonly [number];
  /** 'valid' (default), 'same', or 'causal' (left-padded: output t sees inputs ≤ t only, for autoregressive models). */
  padding?: 'valid' | 'same' | 'causal';
  dilationRate?: number | readonly [number];
}

export interface Conv1DConfig extends ConvConfig {
  padding: 'valid' | 'same' | 'causal';
}

/**
 * 1-D convolution over `[batch, steps, channels]` sequences, run as a 2-D convolution of height 1 (no kernel of
 * its own): `y = activation(conv(x, kernel) + bias)`.
 *
 * Shape: `[batch, steps, inChannels]` → `[batch, outSteps, filters]`; kernel `[k, inChannels, filters]`.
 * Reference: Keras `Conv1D` (WaveNet for causal dilated stacks).
 *
 * @example conv1d({ filters: 8, kernelSize: 3, padding: 'causal', dilationRate: 2 }).apply(ones([2, 10, 4])).shape; // → [2, 10, 8]
 */
export class Conv1D extends Conv {
  static override readonly className: string = 'Conv1D';
  static override readonly argNames: readonly string[] = optionNames<Omit<Conv1DArgs, keyof LayerArgs>>()({
    filters: true,
    kernelSize: true,
    strides: true,
    padding: true,
    dilationRate: true,
    activation: true,
    useBias: true,
    kernelInitializer: true,
    biasInitializer: true,
    kernelRegularizer: true,
    biasRegularizer: true,
    dataFormat: true,
  });
  declare readonly padding: 'valid' | 'same' | 'causal';

  constructor(args: Conv1DArgs) {
    super(args, 1, ['valid', 'same', 'causal']);
  }

  override build(inputShape: Shape | Shape[]): void {
    const inChannels = knownDim(this.name, singleShape(this.name, inputShape), -1);
    this.addKernel([this.kernelSize[0]!, inChannels, this.filters]);
    this.inputSpec = { ndim: 3, axes: { [-1]: inChannels } };
    super.build(inputShape);
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    let x = singleInput(this, inputs);
    const [k, d, s] = [this.kernelSize[0]!, this.dilationRate[0]!, this.strides[0]!];
    if (this.padding === 'causal')
      x = pad(x, [
        [0, 0],
        [(k - 1) * d, 0],
        [0, 0],
      ]);
    const [n, steps, c] = x.shape as [number, number, number];
    const kernel = reshape(this.kernel!, [1, k, c, this.filters]);
    const mode = this.padding === 'same' ? 'same' : 'valid';
    const y = conv2dOp(reshape(x, [n, 1, steps, c]), kernel, [1, s], mode, 'NHWC', [1, d]);
    return activate(this, reshape(y, [n, y.shape[2]!, this.filters]), this.bias);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = singleShape(this.name, inputShape);
    return [s[0] ?? null, ...this.spatialOutput(s), this.filters];
  }

  override getConfig(): Conv1DConfig {
    return super.getConfig() as Conv1DConfig;
  }
}

/** Creates a {@link Conv1D} layer. @example conv1d({ filters: 32, kernelSize: 5, activation: 'relu' }) */
export function conv1d(args: Conv1DArgs): Conv1D {
  return new Conv1D(args);
}
