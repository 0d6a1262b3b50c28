import { RectifyError, ValueError } from '@rectify/tensor';
import { DEFAULT_MAX_WEIGHT_BYTES, isTfjsModelJson, parseModelJson, readModelJsonText } from '@rectify/interop';
import type { ModelFile } from './artifacts.js';
import { MODEL_FORMAT } from './format.js';
import { INDEXEDDB_SCHEME, listIndexedDB, removeIndexedDB } from './handlers/indexeddb.js';
import { LOCAL_STORAGE_SCHEME, listLocalStorage, removeLocalStorage } from './handlers/local-storage.js';
import type { ModelInfo } from './handlers/stored-model.js';
import { getLoadHandler, getSaveHandler } from './router.js';
import { validateModelJson } from './validate-manifest.js';

/**
 * Every model saved in this browser's IndexedDB and localStorage, by URL, as in TensorFlow.js.
 * @example const models = await rf.io.listModels(); // { 'indexeddb://two-moons': { dateSaved, format, … } }
 */
export async function listModels(): Promise<Record<string, ModelInfo>> {
  return { ...(await listIndexedDB()), ...listLocalStorage() };
}

function storedName(fn: string, url: unknown): { scheme: string; name: string } {
  if (typeof url === 'string') {
    for (const scheme of [INDEXEDDB_SCHEME, LOCAL_STORAGE_SCHEME]) {
      if (url.startsWith(scheme) && url.length > scheme.length) return { scheme, name: url.slice(scheme.length) };
    }
  }
  throw new ValueError(
    `${fn}: expected 'indexeddb://name' or 'localstorage://name', received ${JSON.stringify(url) ?? String(url)}`,
  );
}

/**
 * Deletes a stored model and returns what it was; a missing model is an error.
 * @example
 * // browser-only: IndexedDB
 * await rf.io.removeModel('indexeddb://two-moons');
 */
export async function removeModel(url: string): Promise<ModelInfo> {
  const { scheme, name } = storedName('removeModel', url);
  return scheme === INDEXEDDB_SCHEME ? removeIndexedDB(name) : removeLocalStorage(name);
}

/** The weight files a model.json names, whichever format it is in. */
function namedFiles(fn: string, json: unknown): string[] {
  if ((json as { format?: unknown } | null)?.format !== MODEL_FORMAT && isTfjsModelJson(json)) {
    return json.weightsManifest.flatMap((g) => (Array.isArray(g?.paths) ? g.paths : []));
  }
  return validateModelJson(fn, json).weightsManifest.shards.map((s) => s.path);
}

/**
 * Copies a model from one URL to another, byte for byte (any scheme that loads to any that saves: IndexedDB to
 * localStorage, a URL to IndexedDB, a folder to IndexedDB under Node …).
 * @example
 * // browser-only: localStorage and IndexedDB
 * await rf.io.copyModel('localstorage://m', 'indexeddb://m');
 */
export async function copyModel(from: string, to: string): Promise<void> {
  const fn = 'copyModel';
  const source = await getLoadHandler(fn, from).load();
  const target = getSaveHandler(fn, to);
  const modelJson = await readModelJsonText(fn, source);
  const json = parseModelJson(fn, modelJson, 'model.json');
  const files: ModelFile[] = [];
  let total = 0;
  for (const name of namedFiles(fn, json)) {
    const data = await source.file(name, { max: DEFAULT_MAX_WEIGHT_BYTES - total });
    total += data.byteLength;
    files.push({ name, data });
  }
  const format = (json as { format?: unknown }).format === MODEL_FORMAT ? 'rectify' : 'tfjs';
  await target.save({ format, modelJson, files, weightsBytes: total });
}

/**
 * Moves a stored model: copies it, then removes the original (only IndexedDB and localStorage models can move).
 * @example
 * // browser-only: localStorage and IndexedDB
 * await rf.io.moveModel('localstorage://m', 'indexeddb://m');
 */
export async function moveModel(from: string, to: string): Promise<void> {
  storedName('moveModel', from);
  if (from === to) throw new RectifyError(`moveModel: source and destination are both '${from}'`);
  await copyModel(from, to);
  await removeModel(from);
}
