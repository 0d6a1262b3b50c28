import { RectifyError } from '@rectify/tensor';
import type { IOHandler } from '../artifacts.js';
import { type ModelInfo, infoOf, memorySource, modelName, savedTo } from './stored-model.js';

export const INDEXEDDB_SCHEME = 'indexeddb://';
const DATABASE = 'rectify-models';
const MODELS = 'models';
const INFO = 'model-info';

interface ModelRecord {
  name: string;
  modelJson: string;
  files: { name: string; data: ArrayBuffer }[];
}

function factory(fn: string): IDBFactory {
  const f = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!f)
    throw new RectifyError(
      `${fn}: IndexedDB is not available here (a browser without it, a private window, or Node without the 'fake-indexeddb' package)`,
    );
  return f;
}

function request<T>(fn: string, req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(new RectifyError(`${fn}: IndexedDB failed: ${req.error?.message ?? 'unknown error'}`));
  });
}

function open(fn: string): Promise<IDBDatabase> {
  const req = factory(fn).open(DATABASE, 1);
  req.onupgradeneeded = () => {
    req.result.createObjectStore(MODELS, { keyPath: 'name' });
    req.result.createObjectStore(INFO, { keyPath: 'name' });
  };
  return request(fn, req);
}

/** Runs `work` in one transaction over both stores and resolves when it commits (so model and info never disagree). */
async function transact<T>(
  fn: string,
  mode: IDBTransactionMode,
  work: (models: IDBObjectStore, info: IDBObjectStore) => Promise<T>,
): Promise<T> {
  const db = await open(fn);
  try {
    const tx = db.transaction([MODELS, INFO], mode);
    const committed = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = tx.onerror = () =>
        reject(new RectifyError(`${fn}: IndexedDB failed: ${tx.error?.message ?? 'the transaction was aborted'}`));
    });
    committed.catch(() => undefined); // observed below; a throwing `work` must not leave it unhandled
    const result = await work(tx.objectStore(MODELS), tx.objectStore(INFO));
    await committed;
    return result;
  } finally {
    db.close();
  }
}

/**
 * The IndexedDB handler (`'indexeddb://name'`): one record per model in the `rectify-models` database, holding
 * model.json and its weight files; a save replaces the record in one transaction.
 * @example
 * // browser-only: IndexedDB
 * const model = rf.sequential([rf.layers.dense({ units: 1, inputShape: [2] })]);
 * await model.save(rf.io.indexedDB('two-moons'));
 */
export function indexedDB(name: string): IOHandler {
  const url = `${INDEXEDDB_SCHEME}${name}`;
  return {
    async save(artifacts) {
      const files = artifacts.files.map((f) => ({ name: f.name, data: f.data.slice().buffer }));
      await transact('save', 'readwrite', async (models, info) => {
        models.put({ name, modelJson: artifacts.modelJson, files } satisfies ModelRecord);
        info.put({ name, info: infoOf(artifacts) });
      });
      return savedTo(url, artifacts);
    },
    async load() {
      const record = await transact('loadModel', 'readonly', (models) =>
        request('loadModel', models.get(name) as IDBRequest<ModelRecord | undefined>),
      );
      if (!record) throw new RectifyError(`loadModel: there is no model named '${name}' in IndexedDB`);
      return memorySource(
        `'${url}'`,
        record.modelJson,
        record.files.map((f) => ({ name: f.name, data: new Uint8Array(f.data) })),
      );
    },
  };
}

export function indexedDBRouter(url: string): IOHandler | null {
  return url.startsWith(INDEXEDDB_SCHEME) ? indexedDB(modelName('indexedDB', INDEXEDDB_SCHEME, url)) : null;
}

/** Every model in IndexedDB, by URL. Empty where IndexedDB does not exist. */
export async function listIndexedDB(): Promise<Record<string, ModelInfo>> {
  if (!(globalThis as { indexedDB?: unknown }).indexedDB) return {};
  const rows = await transact('listModels', 'readonly', (_, info) =>
    request('listModels', info.getAll() as IDBRequest<{ name: string; info: ModelInfo }[]>),
  );
  return Object.fromEntries(rows.map((r) => [`${INDEXEDDB_SCHEME}${r.name}`, r.info]));
}

/** Deletes a model from IndexedDB and returns its info; a missing one is an error. */
export async function removeIndexedDB(name: string): Promise<ModelInfo> {
  return transact('removeModel', 'readwrite', async (models, info) => {
    const row = await request('removeModel', info.get(name) as IDBRequest<{ info: ModelInfo } | undefined>);
    if (!row) throw new RectifyError(`removeModel: there is no model named '${name}' in IndexedDB`);
    models.delete(name);
    info.delete(name);
    return row.info;
  });
}
