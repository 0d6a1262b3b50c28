import type { ModelSource } from '@rectify/interop';
import type { SaveFormat } from './save-formats.js';

/** One file of a saved model: a plain name and its bytes. */
export interface ModelFile {
  readonly name: string;
  readonly data: Uint8Array;
}

/**
 * A saved model independent of where it goes: model.json's text and the weight files it names. Every save handler
 * stores exactly these; every load handler gives them back through a {@link ModelSource}.
 */
export interface ModelArtifacts {
  readonly format: SaveFormat;
  readonly modelJson: string;
  readonly files: readonly ModelFile[];
  readonly weightsBytes: number;
}

/** What `save` wrote, wherever it went. */
export interface SaveResult {
  readonly format: SaveFormat;
  /** Where the model went: `'indexeddb://name'`, `'file:///abs/dir'` … */
  readonly url: string;
  /** The folder, for the `file://` handler. */
  readonly directory?: string;
  /** model.json's path, for the `file://` handler. */
  readonly modelJson?: string;
  /** The first weights file's path (or name), for the `file://` handler. */
  readonly weightsFile?: string;
  /** Every weights file, in order. */
  readonly weightsFiles: readonly string[];
  readonly weightsBytes: number;
}

/**
 * Where a model is saved to and loaded from: an object with `save`, `load` or both. Routers turn URLs into these
 * (`'indexeddb://m'` → the IndexedDB handler); a handler may also be passed directly, as in TensorFlow.js:
 * `model.save(rf.io.withSaveHandler(...))`, `rf.loadModel(rf.io.browserFiles(files))`.
 */
export interface IOHandler {
  save?(artifacts: ModelArtifacts): Promise<SaveResult>;
  load?(): Promise<ModelSource> | ModelSource;
}

/** A loader's per-call options that transports may use (fetch settings for http://). */
export interface TransportOptions {
  /** The `fetch` to use for http(s) URLs (default: the global one), as in TensorFlow.js. */
  fetchFunc?: typeof fetch;
  /** Passed to every fetch (headers, credentials …). */
  requestInit?: RequestInit;
}

export function isIOHandler(x: unknown): x is IOHandler {
  return (
    typeof x === 'object' &&
    x !== null &&
    (typeof (x as IOHandler).save === 'function' || typeof (x as IOHandler).load === 'function')
  );
}
