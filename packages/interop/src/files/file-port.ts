import { RectifyError } from '@rectify/tensor';
import type { ModelSource } from './model-source.js';

/** What a directory save writes: weight files first, model.json last. */
export interface DirectoryPlan {
  readonly files: readonly { readonly name: string; readonly data: Uint8Array }[];
  readonly modelJson: string;
  /**
   * The files a previous model.json (its text) names that this library provably wrote — its own name pattern,
   * listed under its own format marker. Only these are ever deleted after the new model is in place.
   */
  previousFiles(modelJsonText: string): string[];
}

/** Where a directory save put things (absolute paths). */
export interface DirectoryWritten {
  readonly directory: string;
  readonly modelJson: string;
  readonly files: string[];
}

/**
 * The file system, as the path-taking functions (saveTfjs, exportOnnx, saveSafetensors, the `file://` model handler)
 * use it. The browser entry has none; the Node entry (`import '@rectify/interop'` under Node, chosen by the
 * package's `node` export condition) registers one — so browsers never load `node:fs` and Node users write
 * nothing extra.
 */
export interface FilePort {
  /** An absolute path for 'file://p' or a plain path. */
  resolve(fn: string, url: string): string;
  /** Reads a whole file, refusing one that is not a regular file or is over `maxBytes`; `what` names it in messages. */
  readFile(fn: string, path: string, maxBytes: number, what?: string): Promise<Uint8Array>;
  /** Writes atomically (temp file in the same folder, flush, rename), creating the folder. */
  writeFile(fn: string, path: string, data: Uint8Array): Promise<void>;
  /** Reads a model directory under the loader contract (regular files inside it, exact sizes, bounded reads). */
  directorySource(fn: string, dir: string): ModelSource;
  /** Saves a model directory under the saving contract (temp + rename, model.json last, deletes only its own). */
  saveDirectory(fn: string, dir: string, plan: DirectoryPlan): Promise<DirectoryWritten>;
}

let port: FilePort | undefined;

/**
 * Installs the file system the path-taking functions use (the Node entry does this on import).
 * @example
 * // @rectify/interop's Node entry registers its node:fs port so (the browser entry registers none);
 * // registering the current port again changes nothing.
 * registerFilePort(filePort('example', 'this needs a file system'));
 */
export function registerFilePort(p: FilePort): void {
  port = p;
}

/**
 * The registered file system, or an error saying that `fn` needs Node and what to use in a browser instead.
 * @example
 * const bytes = new Uint8Array([1, 2, 3]);
 * await filePort('exportOnnx', 'call encodeOnnx(model) for the bytes').writeFile('exportOnnx', './model.onnx', bytes);
 */
export function filePort(fn: string, browserAlternative: string): FilePort {
  if (!port)
    throw new RectifyError(
      `${fn}: file paths need Node (its entry point registers the file system); in a browser, ${browserAlternative}`,
    );
  return port;
}
