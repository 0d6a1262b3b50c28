import { type Tensor, ValueError, conv2dTranspose as conv2dTransposeOp, optionNames } from '@rectify/tensor';
import { activate } from '../../activate.js';
import { type CallArgs, singleInput } from '../../layer.js';
import { type Shape, knownDim, singleShape } from '../../shape.js';
import { Conv, type ConvArgs, type ConvConfig } from './base-conv.js';
import type { LayerArgs } from '../../layer.js';

export interface Conv2DTransposeArgs extends ConvArgs {
  kernelSize: number | readonly [number, number];
  strides?: number | readonly [number, number];
  padding?: 'valid' | 'same';
}

export type Conv2DTransposeConfig = ConvConfig;

/**
 * Transposed 2-D convolution ("deconvolution"): the input gradient of a convolution, which upsamples by the
 * strides — `same` gives `input·stride`, `valid` gives `input·stride + max(kernel − stride, 0)`. Runs the
 * `conv2dBackpropInput` kernel directly.
 *
 * Shape: `[batch, h, w, inChannels]` → `[batch, h', w', filters]`; kernel `[kh, kw, filters, inChannels]`.
 * Reference: Keras `Conv2DTranspose` (dilation 1), Dumoulin & Visin 2016.
 *
 * @example conv2dTranspose({ filters: 3, kernelSize: 3, strides: 2, padding: 'same' }).apply(ones([1, 4, 4, 8])).shape; // → [1, 8, 8, 3]
 */
export class Conv2DTranspose extends Conv {
  static override readonly className: string = 'Conv2DTranspose';
  static override readonly argNames: readonly string[] = optionNames<Omit<Conv2DTransposeArgs, keyof LayerArgs>>()({
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

  constructor(args: Conv2DTransposeArgs) {
    super(args, 2);
    if (this.dilationRate.some((d) => d !== 1)) {
      throw new ValueError(`${this.kind}: dilationRate must be 1, received [${this.dilationRate}]`);
    }
  }

  override build(inputShape: Shape | Shape[]): void {
    const inChannels = knownDim(this.name, singleShape(this.name, inputShape), -1);
    this.addKernel([...this.kernelSize, this.filters, inChannels]);
    this.inputSpec = { ndim: 4, axes: { [-1]: inChannels } };
    super.build(inputShape);
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    const x = singleInput(this, inputs);
    const out = this.computeOutputShape(x.shape) as number[];
    const y = conv2dTransposeOp(
      x,
      this.kernel!,
      out,
      this.strides as [number, number],
      this.padding as 'valid' | 'same',
    );
    return activate(this, y, this.bias);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = singleShape(this.name, inputShape);
    const spatial = this.kernelSize.map((k, i) => {
      const n = s[i + 1] ?? null;
      const stride = this.strides[i]!;
      if (n === null) return null;
      return this.padding === 'same' ? n * stride : n * stride + Math.max(k - stride, 0);
    });
    return [s[0] ?? null, ...spatial, this.filters];
  }
}

/** Creates a {@link Conv2DTranspose} layer. @example conv2dTranspose({ filters: 16, kernelSize: 4, strides: 2, padding: 'same' }) */
export function conv2dTranspose(args: Conv2DTransposeArgs): Conv2DTranspose {
  return new Conv2DTranspose(args);
}
