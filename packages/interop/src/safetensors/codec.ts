import { DTypeError, type Tensor, ValueError, sizeOf, tensor } from '@rectify/tensor';
import { MAX_JSON_DEPTH, scanJson } from '../json-guard.js';

/** The safetensors dtypes Rectify stores, and the Rectify dtype of each. */
const DTYPES = { F32: 'float32', I32: 'int32', BOOL: 'bool' } as const;
type SafeDType = keyof typeof DTYPES;
const BYTES: Readonly<Record<SafeDType, number>> = { F32: 4, I32: 4, BOOL: 1 };
const FROM_RECTIFY = { float32: 'F32', int32: 'I32', bool: 'BOOL' } as const;

/** The largest header accepted, as the reference implementation: a bigger one is a corrupt or hostile file. */
export const MAX_HEADER_BYTES = 100_000_000;

/** Named tensors in file order, plus the free-form string metadata (`__metadata__`). */
export interface SafetensorsContent {
  readonly tensors: Map<string, Tensor>;
  readonly metadata: Record<string, string>;
}

const utf8 = new TextEncoder();

function entriesOf(tensors: Map<string, Tensor> | Record<string, Tensor>): [string, Tensor][] {
  return tensors instanceof Map ? [...tensors] : Object.entries(tensors);
}

/**
 * The safetensors file of named tensors: an 8-byte little-endian header length, a JSON header
 * (`{name: {dtype, shape, data_offsets}}`, padded with spaces to a multiple of 8) and the raw little-endian data,
 * tensors back to back in the given order. Readable by Python's `safetensors` (numpy/torch).
 * @example encodeSafetensors({ 'dense/kernel': ones([2, 3]) }, { format: 'pt' });
 */
export function encodeSafetensors(
  tensors: Map<string, Tensor> | Record<string, Tensor>,
  metadata: Record<string, string> = {},
): Uint8Array {
  const entries = entriesOf(tensors);
  const header: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(metadata)) {
    if (typeof v !== 'string')
      throw new ValueError(`encodeSafetensors: metadata values must be strings, '${k}' is ${typeof v}`);
  }
  if (Object.keys(metadata).length > 0) header['__metadata__'] = metadata;
  let offset = 0;
  for (const [name, t] of entries) {
    if (name === '__metadata__' || name.length === 0)
      throw new ValueError(`encodeSafetensors: tensor name ${JSON.stringify(name)} is reserved or empty`);
    const dtype = FROM_RECTIFY[t.dtype];
    const size = t.size * BYTES[dtype];
    header[name] = { dtype, shape: [...t.shape], data_offsets: [offset, offset + size] };
    offset += size;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (utf8.encode(json).byteLength % 8)) % 8);
  const head = utf8.encode(json);
  const out = new Uint8Array(8 + head.byteLength + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(head.byteLength), true);
  out.set(head, 8);
  let at = 8 + head.byteLength;
  for (const [, t] of entries) {
    const values = t.dataSync();
    if (t.dtype === 'bool') {
      for (let i = 0; i < values.length; i++) out[at + i] = values[i] ? 1 : 0;
      at += values.length;
    } else {
      for (let i = 0; i < values.length; i++, at += 4) {
        if (t.dtype === 'int32') view.setInt32(at, values[i]!, true);
        else view.setFloat32(at, values[i]!, true);
      }
    }
  }
  return out;
}

interface Entry {
  readonly name: string;
  readonly dtype: SafeDType;
  readonly shape: number[];
  readonly begin: number;
  readonly end: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function parseHeader(bytes: Uint8Array): { entries: Entry[]; metadata: Record<string, string>; dataStart: number } {
  const fn = 'decodeSafetensors';
  if (bytes.byteLength < 8)
    throw new ValueError(`${fn}: the file has ${bytes.byteLength} bytes, too few for the 8-byte header length`);
  const n = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  const available = bytes.byteLength - 8;
  if (n > BigInt(available))
    throw new ValueError(
      `${fn}: the header length ${n} exceeds the ${available} bytes that follow it (truncated or not a safetensors file)`,
    );
  if (n > BigInt(MAX_HEADER_BYTES))
    throw new ValueError(`${fn}: the header length ${n} exceeds the ${MAX_HEADER_BYTES}-byte limit`);
  const length = Number(n);
  let header: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + length));
    if (!text.startsWith('{')) throw new Error('it does not start with {');
    const { depth, duplicateKey } = scanJson(text);
    if (depth > MAX_JSON_DEPTH) throw new Error(`it nests ${depth} levels deep`);
    // JSON.parse keeps the last of two equal keys; a file naming one tensor twice is ambiguous, never silently resolved.
    if (duplicateKey !== undefined) throw new ValueError(`${fn}: the header names tensor '${duplicateKey}' twice`);
    header = JSON.parse(text);
  } catch (err) {
    if (err instanceof ValueError) throw err;
    throw new ValueError(`${fn}: the ${length}-byte header is not a JSON object (${(err as Error).message})`);
  }
  if (!isObject(header)) throw new ValueError(`${fn}: the header must be a JSON object`);
  const metadata: Record<string, string> = {};
  const entries: Entry[] = [];
  for (const [name, e] of Object.entries(header)) {
    if (name === '__metadata__') {
      if (!isObject(e) || !Object.values(e).every((v) => typeof v === 'string'))
        throw new ValueError(`${fn}: __metadata__ must map strings to strings`);
      Object.assign(metadata, e);
      continue;
    }
    entries.push(parseEntry(fn, name, e));
  }
  return { entries, metadata, dataStart: 8 + length };
}

function parseEntry(fn: string, name: string, e: unknown): Entry {
  if (!isObject(e))
    throw new ValueError(`${fn}: tensor '${name}' must be {dtype, shape, data_offsets}, received ${JSON.stringify(e)}`);
  const extra = Object.keys(e).find((k) => k !== 'dtype' && k !== 'shape' && k !== 'data_offsets');
  if (extra !== undefined) throw new ValueError(`${fn}: tensor '${name}' has an unknown field '${extra}'`);
  const dtype = e['dtype'];
  if (typeof dtype !== 'string' || !Object.hasOwn(DTYPES, dtype)) {
    throw new DTypeError(
      `${fn}: tensor '${name}' has dtype ${JSON.stringify(dtype)}; supported: ${Object.keys(DTYPES).join(', ')}`,
    );
  }
  const shape = e['shape'];
  if (!Array.isArray(shape) || !shape.every(isIndex))
    throw new ValueError(
      `${fn}: tensor '${name}' shape must be non-negative integers, received ${JSON.stringify(shape)}`,
    );
  const offsets = e['data_offsets'];
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isIndex) || offsets[0]! > offsets[1]!) {
    throw new ValueError(
      `${fn}: tensor '${name}' data_offsets must be [begin, end] with 0 <= begin <= end, received ${JSON.stringify(offsets)}`,
    );
  }
  const [begin, end] = offsets as [number, number];
  const need = sizeOf(shape) * BYTES[dtype as SafeDType];
  if (end - begin !== need) {
    throw new ValueError(
      `${fn}: tensor '${name}' of shape [${shape.join(', ')}] and dtype ${dtype} needs ${need} bytes, but data_offsets [${begin}, ${end}] span ${end - begin}`,
    );
  }
  return { name, dtype: dtype as SafeDType, shape, begin, end };
}

/** Every data byte must belong to exactly one tensor: no tensor past the end, no overlap, no gap. */
function checkLayout(fn: string, entries: readonly Entry[], dataLength: number): void {
  const beyond = entries.find((e) => e.end > dataLength);
  if (beyond)
    throw new ValueError(
      `${fn}: tensor '${beyond.name}' ends at byte ${beyond.end}, but the data section has ${dataLength} bytes (truncated file?)`,
    );
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let at = 0;
  let prev: Entry | undefined;
  for (const e of sorted) {
    if (e.begin < at)
      throw new ValueError(
        `${fn}: tensors '${prev!.name}' [${prev!.begin}, ${prev!.end}) and '${e.name}' [${e.begin}, ${e.end}) overlap`,
      );
    if (e.begin > at) throw new ValueError(`${fn}: data bytes [${at}, ${e.begin}) belong to no tensor`);
    at = e.end;
    prev = e;
  }
  if (at !== dataLength) throw new ValueError(`${fn}: data bytes [${at}, ${dataLength}) belong to no tensor`);
}

function readTensor(fn: string, bytes: Uint8Array, start: number, e: Entry): Tensor {
  const n = sizeOf(e.shape);
  const view = new DataView(bytes.buffer, bytes.byteOffset + start + e.begin, e.end - e.begin);
  if (e.dtype === 'BOOL') {
    const values = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const b = view.getUint8(i);
      if (b > 1)
        throw new ValueError(`${fn}: tensor '${e.name}' (BOOL) holds byte ${b} at element ${i}; booleans are 0 or 1`);
      values[i] = b;
    }
    return tensor(values, e.shape, 'bool');
  }
  const values = e.dtype === 'I32' ? new Int32Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++) values[i] = e.dtype === 'I32' ? view.getInt32(4 * i, true) : view.getFloat32(4 * i, true);
  return tensor(values, e.shape, DTYPES[e.dtype]);
}

/**
 * Reads a safetensors file after validating it completely: header length against the file size, a JSON object
 * header, dtypes F32/I32/BOOL, `shape × dtype size = byte length` for every tensor, and offsets that tile the data
 * section exactly (no overlap, gap or overrun). Nothing in the file is ever executed. Tensors come in offset order.
 * @example
 * const bytes = encodeSafetensors({ 'dense/kernel': ones([2, 3]) }, { format: 'pt' });
 * const { tensors, metadata } = decodeSafetensors(bytes); // the bytes of a .safetensors file
 * metadata; // → { format: 'pt' }
 */
export function decodeSafetensors(bytes: Uint8Array): SafetensorsContent {
  const fn = 'decodeSafetensors';
  if (!(bytes instanceof Uint8Array)) throw new ValueError(`${fn}: expected a Uint8Array, received ${typeof bytes}`);
  const { entries, metadata, dataStart } = parseHeader(bytes);
  checkLayout(fn, entries, bytes.byteLength - dataStart);
  const tensors = new Map<string, Tensor>();
  for (const e of [...entries].sort((a, b) => a.begin - b.begin))
    tensors.set(e.name, readTensor(fn, bytes, dataStart, e));
  return { tensors, metadata };
}
