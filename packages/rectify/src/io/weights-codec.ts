import { createHash } from 'node:crypto';
import { type Tensor, tensor } from '@rectify/tensor';
import type { WeightEntry } from './format.js';

/** A tensor to store, with its manifest name and group. */
export interface NamedWeight {
  readonly name: string;
  readonly group: WeightEntry['group'];
  readonly tensor: Tensor;
}

/**
 * Packs the tensors, in order, into one little-endian float32 buffer (explicitly little-endian, so files move
 * between machines) and describes each in the manifest.
 */
export function encodeWeights(weights: readonly NamedWeight[]): { bytes: Uint8Array; entries: WeightEntry[]; sha256: string } {
  const total = weights.reduce((n, w) => n + w.tensor.size * 4, 0);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  const entries: WeightEntry[] = [];
  let offset = 0;
  for (const w of weights) {
    const values = w.tensor.dataSync();
    for (let i = 0; i < values.length; i++) view.setFloat32(offset + 4 * i, values[i]!, true);
    entries.push({ name: w.name, shape: [...w.tensor.shape], dtype: 'float32', offset, group: w.group });
    offset += values.length * 4;
  }
  return { bytes, entries, sha256: sha256(bytes) };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The tensor stored at `entry` (already validated to lie inside `bytes`). */
export function decodeWeight(bytes: Uint8Array, entry: WeightEntry): Tensor {
  const n = entry.shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(n);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < n; i++) values[i] = view.getFloat32(entry.offset + 4 * i, true);
  return tensor(values, entry.shape, 'float32');
}
