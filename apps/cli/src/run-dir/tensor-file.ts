import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tensor, type DType, type Tensor } from '@rectify/tensor';
import { CliError } from '../errors.js';
import { writeFileSynced } from './atomic.js';

/** A tensor with the name it is stored under. */
export interface NamedTensor {
  readonly name: string;
  readonly tensor: Tensor;
}

interface Entry {
  name: string;
  shape: number[];
  dtype: DType;
  offset: number;
  length: number;
}

/**
 * Stores tensors losslessly as `<stem>.json` (names, shapes, dtypes, offsets) plus `<stem>.bin` (the raw
 * little-endian values), so that a restored state equals the saved one bit for bit.
 *
 * @example
 * writeTensors('ckpt', 'optimizer', optimizer.getWeights());
 */
export function writeTensors(dir: string, stem: string, tensors: readonly NamedTensor[]): void {
  const entries: Entry[] = [];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const { name, tensor: t } of tensors) {
    const data = t.dataSync();
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    entries.push({ name, shape: [...t.shape], dtype: t.dtype, offset, length: bytes.length });
    chunks.push(bytes.slice());
    offset += bytes.length;
  }
  const bin = new Uint8Array(offset);
  let at = 0;
  for (const c of chunks) {
    bin.set(c, at);
    at += c.length;
  }
  writeFileSynced(join(dir, `${stem}.bin`), bin);
  writeFileSynced(join(dir, `${stem}.json`), JSON.stringify(entries, null, 1));
}

/**
 * Reads tensors written by {@link writeTensors}; a missing or inconsistent file is a `CliError` naming it.
 *
 * @example
 * optimizer.setWeights(readTensors('ckpt', 'optimizer'));
 */
export function readTensors(dir: string, stem: string): NamedTensor[] {
  let entries: Entry[];
  let bin: Buffer;
  try {
    entries = JSON.parse(readFileSync(join(dir, `${stem}.json`), 'utf8')) as Entry[];
    bin = readFileSync(join(dir, `${stem}.bin`));
  } catch (error) {
    throw new CliError(`${join(dir, stem)}.json/.bin: cannot read saved tensors: ${(error as Error).message}`);
  }
  if (!Array.isArray(entries)) throw new CliError(`${join(dir, stem)}.json: expected a list of tensor entries`);
  return entries.map((e) => {
    if (e.offset + e.length > bin.length) {
      throw new CliError(`${join(dir, stem)}.bin: truncated: tensor '${e.name}' needs bytes ${e.offset}..${e.offset + e.length}, file has ${bin.length}`);
    }
    const bytes = new Uint8Array(bin.subarray(e.offset, e.offset + e.length)); // copy: aligned for typed views
    const values = e.dtype === 'float32' ? new Float32Array(bytes.buffer) : e.dtype === 'int32' ? new Int32Array(bytes.buffer) : bytes;
    return { name: e.name, tensor: tensor(values, e.shape, e.dtype) };
  });
}
