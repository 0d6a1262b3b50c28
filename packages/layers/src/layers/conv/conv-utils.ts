/** Output length along one spatial axis (TensorFlow's rules, as the conv2d op computes them); null stays null. */
export function convOutputLength(
  size: number | null,
  kernel: number,
  stride: number,
  dilation: number,
  padding: 'valid' | 'same',
): number | null {
  if (size === null) return null;
  if (padding === 'same') return Math.ceil(size / stride);
  const effective = (kernel - 1) * dilation + 1;
  return Math.max(0, Math.floor((size - effective) / stride) + 1);
}
