import { type Tensor, add, mul, rsqrt, sub } from '@rectify/tensor';

/**
 * `(x − mean) / √(variance + ε) · scale + offset`, every argument broadcast against x. Shared by batch and layer
 * normalization; written with ops that autograd differentiates.
 */
export function normalize(
  x: Tensor,
  mean: Tensor,
  variance: Tensor,
  epsilon: number,
  scale?: Tensor,
  offset?: Tensor,
): Tensor {
  let y = mul(sub(x, mean), rsqrt(add(variance, epsilon)));
  if (scale) y = mul(y, scale);
  if (offset) y = add(y, offset);
  return y;
}

/** A shape of `rank` ones except the given axes, which take their sizes: parameters reshaped to broadcast. */
export function broadcastShape(rank: number, axes: readonly number[], sizes: readonly number[]): number[] {
  const shape = new Array<number>(rank).fill(1);
  axes.forEach((a, i) => (shape[a] = sizes[i]!));
  return shape;
}
