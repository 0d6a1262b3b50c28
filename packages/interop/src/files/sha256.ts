import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/**
 * Hex SHA-256 of the bytes, or of several chunks as one stream (weights split in shards). Pure JavaScript
 * (@noble/hashes): the same in Node and in any browser page — Web Crypto's `subtle` is missing on plain-http pages.
 * @example
 * sha256Hex(new TextEncoder().encode('abc')).slice(0, 16); // → 'ba7816bf8f01cfea'
 */
export function sha256Hex(data: Uint8Array | readonly Uint8Array[]): string {
  const h = sha256.create();
  for (const part of data instanceof Uint8Array ? [data] : data) h.update(part);
  return bytesToHex(h.digest());
}

/**
 * Splits bytes into consecutive views of at most `size` bytes (no copy); at least one, possibly empty.
 * @example splitShards(new Uint8Array(10), 4).map((s) => s.length); // → [4, 4, 2]
 */
export function splitShards(data: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < data.byteLength; at += size) out.push(data.subarray(at, Math.min(at + size, data.byteLength)));
  return out.length ? out : [data];
}
