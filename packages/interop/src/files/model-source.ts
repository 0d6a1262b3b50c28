import { RectifyError, ValueError } from '@rectify/tensor';

/** How many bytes a read may return: exactly `exact` when the manifest implies it, never more than `max`. */
export interface ReadLimit {
  readonly exact?: number;
  readonly max: number;
}

/**
 * Where a saved model is read from — a directory, a URL, IndexedDB, `<input type=file>` files — as the loaders
 * see it: model.json's text, then the files it names. Every transport implements these two reads, and every
 * check (names confined to the model, sizes, budgets, contents) happens once, in the loaders, for all of them.
 */
export interface ModelSource {
  /** The model's location for messages: `'/abs/dir'`, `'indexeddb://name'`, a URL. */
  readonly description: string;
  /** model.json's text; more than `maxBytes` is an error, not a longer read. */
  modelJson(maxBytes: number): Promise<string>;
  /** A file model.json names (a plain file name, already checked); refuses sizes outside `limit` before reading. */
  file(name: string, limit: ReadLimit): Promise<Uint8Array>;
}

/** model.json files are small (a 1000-layer model is ~1 MB); refuse anything much larger before reading it. */
export const MAX_MODEL_JSON_BYTES = 64 * 1024 * 1024;
/** Default total size of the weights a loader agrees to read and allocate. */
export const DEFAULT_MAX_WEIGHT_BYTES = 4 * 1024 ** 3;
/** Weight files are written in shards of this size (TensorFlow.js uses 4 MB), so no single write nears 2 GiB. */
export const SHARD_BYTES = 4 * 1024 * 1024;

/**
 * A file name taken from model.json, allowed only as a plain name inside the model: no '..', no absolute path,
 * no directory part, no NUL — a model file must not be able to make a loader read elsewhere.
 * @example
 * checkFileName('loadModel', 'a weights path', 'weights.bin', "'./m'"); // → 'weights.bin'
 * // checkFileName('loadModel', 'a weights path', '../secret', "'./m'") throws a ValueError
 */
export function checkFileName(fn: string, field: string, name: unknown, where: string): string {
  if (typeof name !== 'string' || name.length === 0)
    throw new ValueError(`${fn}: ${field} must be a file name, received ${JSON.stringify(name) ?? String(name)}`);
  if (/[\\/]/.test(name) || name.includes('\0') || name === '.' || name === '..' || /^[a-z]:/i.test(name)) {
    throw new ValueError(
      `${fn}: ${field} '${name}' points outside the model directory; it must be a plain file name inside ${where}`,
    );
  }
  return name;
}

/** Checks what a source returned against the limit (sources in memory cannot refuse before reading). */
export function checkLength(fn: string, name: string, bytes: Uint8Array, limit: ReadLimit): Uint8Array {
  if (limit.exact !== undefined && bytes.byteLength !== limit.exact)
    throw sizeError(fn, name, bytes.byteLength, limit.exact);
  if (bytes.byteLength > limit.max)
    throw new ValueError(
      `${fn}: '${name}' has ${bytes.byteLength} bytes, more than the ${limit.max} the manifest allows`,
    );
  return bytes;
}

/** The error for a weights file whose size differs from what model.json lists. */
export function sizeError(fn: string, name: string, actual: number, expected: number): ValueError {
  const what = actual < expected ? 'truncated' : 'corrupted';
  return new ValueError(
    `${fn}: weights file '${name}' is ${what}: it has ${actual} bytes, model.json lists ${expected}`,
  );
}

/** A total of weight bytes checked against the budget before anything is read or allocated. */
export function checkBudget(fn: string, total: number, maxBytes: number, where: string): void {
  if (total > maxBytes) {
    throw new RectifyError(
      `${fn}: the model in ${where} declares ${total} bytes of weights, over the ${maxBytes}-byte budget; pass { maxWeightBytes } to allow more if you trust the file`,
    );
  }
}

/** Reads a source's model.json, turning a read failure other than a typed error into one that names the source. */
export async function readModelJsonText(
  fn: string,
  source: ModelSource,
  maxBytes = MAX_MODEL_JSON_BYTES,
): Promise<string> {
  const text = await source.modelJson(maxBytes);
  if (typeof text !== 'string')
    throw new ValueError(`${fn}: the source ${source.description} returned no model.json text`);
  if (text.length > maxBytes)
    throw new ValueError(`${fn}: model.json in ${source.description} is larger than ${maxBytes} bytes`);
  return text;
}
