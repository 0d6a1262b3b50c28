import { type Tensor, tensor } from '@rectify/tensor';
import { sha256Hex } from '@rectify/interop';
import type { WeightEntry } from './format.js';

/** Whether this machine stores floats little-endian, as the files do: then bytes are copied, not converted one by one. */
const LITTLE_ENDIAN = new Uint8Array(new Float32Array([1]).buffer)[3] === 0x3f;

/** A tensor to store, with its manifest name and group. */
export interface NamedWeight {
  readonly name: string;
  readonly group: WeightEntry['group'];
  readonly tensor: Tensor;
}

/** Encoded weights: shards of at most `shardBytes` that concatenate to the manifest's byte stream. */
export interface EncodedWeights {
  readonly shards: Uint8Array[];
  readonly entries: WeightEntry[];
  readonly byteLength: number;
  readonly sha256: string;
}

/**
 * Packs the tensors, in order, as little-endian float32 (explicitly, so files move between machines) into shards
 * of at most `shardBytes` (a multiple of 4, so no value straddles two), describing each tensor in the manifest.
 * Shards keep every buffer small: models past 2 GiB encode and write without one giant allocation.
 */
export function encodeWeights(weights: readonly NamedWeight[], shardBytes: number): EncodedWeights {
  const total = weights.reduce((n, w) => n + w.tensor.size * 4, 0);
  const shards: Uint8Array[] = [];
  for (let at = 0; at < total || shards.length === 0; at += shardBytes)
    shards.push(new Uint8Array(Math.min(shardBytes, total - at)));
  const views = shards.map((s) => new DataView(s.buffer));
  const entries: WeightEntry[] = [];
  let offset = 0;
  for (const w of weights) {
    const values = Float32Array.from(w.tensor.dataSync());
    if (LITTLE_ENDIAN) {
      const raw = new Uint8Array(values.buffer);
      for (let done = 0; done < raw.byteLength;) {
        const at = offset + done;
        const s = Math.floor(at / shardBytes);
        const n = Math.min(raw.byteLength - done, shardBytes - (at - s * shardBytes));
        shards[s]!.set(raw.subarray(done, done + n), at - s * shardBytes);
        done += n;
      }
    } else {
      for (let i = 0; i < values.length; i++) {
        const at = offset + 4 * i;
        const s = Math.floor(at / shardBytes);
        views[s]!.setFloat32(at - s * shardBytes, values[i]!, true);
      }
    }
    entries.push({ name: w.name, shape: [...w.tensor.shape], dtype: 'float32', offset, group: w.group });
    offset += values.length * 4;
  }
  return { shards, entries, byteLength: total, sha256: sha256Hex(shards) };
}

/** Weights stored as consecutive shards, read by global byte offset. */
export class ShardedBytes {
  private readonly starts: number[] = [];

  constructor(readonly shards: readonly Uint8Array[]) {
    let at = 0;
    for (const s of shards) {
      this.starts.push(at);
      at += s.byteLength;
    }
  }

  /** `length` bytes from global `offset` (copied only when they span shards). */
  slice(offset: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    let done = 0;
    for (let i = 0; i < this.shards.length && done < length; i++) {
      const start = this.starts[i]!;
      const shard = this.shards[i]!;
      const from = offset + done - start;
      if (from < 0 || from >= shard.byteLength) continue;
      const part = shard.subarray(from, Math.min(shard.byteLength, from + length - done));
      out.set(part, done);
      done += part.byteLength;
    }
    return out;
  }
}

/** The tensor stored at `entry` (already validated to lie inside the shards). */
export function decodeWeight(bytes: ShardedBytes, entry: WeightEntry): Tensor {
  const n = entry.shape.reduce((a, b) => a * b, 1);
  const raw = bytes.slice(entry.offset, 4 * n);
  if (LITTLE_ENDIAN) return tensor(new Float32Array(raw.buffer, raw.byteOffset, n), entry.shape, 'float32');
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) values[i] = view.getFloat32(4 * i, true);
  return tensor(values, entry.shape, 'float32');
}
