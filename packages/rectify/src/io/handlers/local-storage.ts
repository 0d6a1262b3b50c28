import { RectifyError } from '@rectify/tensor';
import type { IOHandler } from '../artifacts.js';
import { type ModelInfo, infoOf, memorySource, modelName, savedTo } from './stored-model.js';

export const LOCAL_STORAGE_SCHEME = 'localstorage://';
const PREFIX = 'rectify_models/';
const key = (name: string, part: 'info' | 'model_json' | 'weights'): string => `${PREFIX}${name}/${part}`;

function storage(fn: string): Storage {
  const s = (globalThis as { localStorage?: Storage }).localStorage;
  if (!s)
    throw new RectifyError(
      `${fn}: localStorage is not available here; use 'indexeddb://name' in a browser, or a folder path under Node`,
    );
  return s;
}

/** Base64 in chunks: String.fromCharCode(...bytes) on a whole model would overflow the argument stack. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(fn: string, text: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw new RectifyError(
      `${fn}: a weights entry in localStorage is not valid base64 (the storage was edited or corrupted)`,
    );
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * The localStorage handler (`'localstorage://name'`): model.json, the weights (base64) and an info record under
 * `rectify_models/<name>/…`. localStorage holds ~5 MB per site; a model that does not fit is an error that says
 * so, and nothing of it is left behind.
 * @example
 * // browser-only: localStorage
 * const model = rf.sequential([rf.layers.dense({ units: 1, inputShape: [2] })]);
 * await model.save(rf.io.localStorage('tiny'));
 */
export function localStorage(name: string): IOHandler {
  const url = `${LOCAL_STORAGE_SCHEME}${name}`;
  return {
    async save(artifacts) {
      const s = storage('save');
      const weights = JSON.stringify(artifacts.files.map((f) => ({ name: f.name, data: toBase64(f.data) })));
      const previous = {
        json: s.getItem(key(name, 'model_json')),
        weights: s.getItem(key(name, 'weights')),
        info: s.getItem(key(name, 'info')),
      };
      try {
        s.setItem(key(name, 'weights'), weights);
        s.setItem(key(name, 'model_json'), artifacts.modelJson);
        s.setItem(key(name, 'info'), JSON.stringify(infoOf(artifacts)));
      } catch (err) {
        restore(s, name, previous);
        throw new RectifyError(
          `save: localStorage refused '${url}' (${(err as Error).message}); it holds about 5 MB per site, so save larger models to 'indexeddb://${name}'`,
        );
      }
      return savedTo(url, artifacts);
    },
    async load() {
      const s = storage('loadModel');
      const json = s.getItem(key(name, 'model_json'));
      const weights = s.getItem(key(name, 'weights'));
      if (json === null || weights === null)
        throw new RectifyError(`loadModel: there is no model named '${name}' in localStorage`);
      let list: unknown;
      try {
        list = JSON.parse(weights);
      } catch {
        list = undefined;
      }
      if (!Array.isArray(list) || !list.every((f) => typeof f?.name === 'string' && typeof f?.data === 'string')) {
        throw new RectifyError(
          `loadModel: the weights of '${url}' in localStorage are not a list of {name, data}; the entry was edited or corrupted`,
        );
      }
      return memorySource(
        `'${url}'`,
        json,
        list.map((f: { name: string; data: string }) => ({ name: f.name, data: fromBase64('loadModel', f.data) })),
      );
    },
  };
}

function restore(
  s: Storage,
  name: string,
  previous: { json: string | null; weights: string | null; info: string | null },
): void {
  const parts = [
    ['model_json', previous.json],
    ['weights', previous.weights],
    ['info', previous.info],
  ] as const;
  for (const [part, value] of parts) {
    try {
      if (value === null) s.removeItem(key(name, part));
      else s.setItem(key(name, part), value);
    } catch {
      s.removeItem(key(name, part));
    }
  }
}

export function localStorageRouter(url: string): IOHandler | null {
  return url.startsWith(LOCAL_STORAGE_SCHEME)
    ? localStorage(modelName('localStorage', LOCAL_STORAGE_SCHEME, url))
    : null;
}

/** Every model in localStorage, by URL. Empty where localStorage does not exist. */
export function listLocalStorage(): Record<string, ModelInfo> {
  const s = (globalThis as { localStorage?: Storage }).localStorage;
  const out: Record<string, ModelInfo> = {};
  if (!s) return out;
  for (let i = 0; i < s.length; i++) {
    const k = s.key(i);
    if (!k?.startsWith(PREFIX) || !k.endsWith('/info')) continue;
    try {
      out[`${LOCAL_STORAGE_SCHEME}${k.slice(PREFIX.length, -'/info'.length)}`] = JSON.parse(s.getItem(k)!) as ModelInfo;
    } catch {
      // an info entry someone edited: not a model we can describe
    }
  }
  return out;
}

/** Deletes a model from localStorage and returns its info; a missing one is an error. */
export function removeLocalStorage(name: string): ModelInfo {
  const s = storage('removeModel');
  const info = s.getItem(key(name, 'info'));
  if (info === null) throw new RectifyError(`removeModel: there is no model named '${name}' in localStorage`);
  for (const part of ['info', 'model_json', 'weights'] as const) s.removeItem(key(name, part));
  try {
    return JSON.parse(info) as ModelInfo;
  } catch {
    throw new RectifyError(
      `removeModel: removed '${name}' from localStorage, but its info entry was not valid JSON (edited or corrupted)`,
    );
  }
}
