import { constants } from 'node:fs';
import { type FileHandle, lstat, open, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import type { Stats } from 'node:fs';
import { RectifyError, ValueError } from '@rectify/tensor';
import { type ReadLimit, sizeError } from '../files/model-source.js';
import { fsError } from './fs-errors.js';

/** How to describe and confine one read. */
export interface ReadPlan {
  /** The name used in messages (`weights.bin`, `model.json`). */
  readonly name: string;
  /** The message when the file does not exist. */
  readonly missing: string;
  /** When set, a symbolic link must resolve to a file directly inside this folder. */
  readonly insideDir?: string;
}

function kind(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a FIFO';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** The file to open: the path itself, or where its link points after checking that it stays inside the folder. */
async function target(fn: string, path: string, plan: ReadPlan): Promise<{ file: string; info: Stats }> {
  let info: Stats;
  try {
    info = await lstat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR')
      throw new RectifyError(`${fn}: ${plan.missing}`);
    throw fsError(fn, path, err, 'read');
  }
  if (!info.isSymbolicLink()) return { file: path, info };
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    throw new RectifyError(`${fn}: ${plan.missing} (a symbolic link to nothing)`);
  }
  if (plan.insideDir !== undefined) {
    const rel = relative(await realpath(plan.insideDir), real);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || /[\\/]/.test(rel)) {
      throw new ValueError(
        `${fn}: weights file '${plan.name}' resolves outside the model directory (a symbolic link to '${real}')`,
      );
    }
  }
  return { file: real, info: await stat(real) };
}

/**
 * Reads a whole file under the loader contract: it must be a regular file (a link is followed only as `plan`
 * allows; a FIFO, device or folder is refused before it is opened, so `/dev/zero` or a pipe cannot make the read
 * endless or block), its size must match `limit`, and no more than that size is ever read.
 * @example const bytes = await readRegularFile('loadModel', '/m/weights.bin', { exact: 96, max: 96 }, plan);
 */
export async function readRegularFile(fn: string, path: string, limit: ReadLimit, plan: ReadPlan): Promise<Uint8Array> {
  const { file, info } = await target(fn, path, plan);
  if (!info.isFile())
    throw new ValueError(
      `${fn}: '${plan.name}' is ${kind(info)}, not a regular file; a model's files must be plain files`,
    );
  checkSize(fn, plan.name, info.size, limit);
  let handle: FileHandle | undefined;
  try {
    // O_NONBLOCK: should the file be swapped for a FIFO after the check, opening it must not wait for a writer.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    const now = await handle.stat();
    if (!now.isFile())
      throw new ValueError(
        `${fn}: '${plan.name}' is ${kind(now)}, not a regular file; a model's files must be plain files`,
      );
    checkSize(fn, plan.name, now.size, limit);
    const bytes = new Uint8Array(now.size);
    let at = 0;
    while (at < bytes.byteLength) {
      const { bytesRead } = await handle.read(bytes, at, Math.min(bytes.byteLength - at, 64 * 1024 * 1024), at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    if (at < bytes.byteLength) throw sizeError(fn, plan.name, at, bytes.byteLength);
    return bytes;
  } catch (err) {
    throw err instanceof RectifyError ? err : fsError(fn, path, err, 'read');
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function checkSize(fn: string, name: string, size: number, limit: ReadLimit): void {
  if (limit.exact !== undefined && size !== limit.exact) throw sizeError(fn, name, size, limit.exact);
  if (size > limit.max) throw new ValueError(`${fn}: '${name}' has ${size} bytes, more than the ${limit.max} allowed`);
}

/** Whether `path` exists and is a folder (following links); a missing path is false, a file is an error. */
export async function isExistingFolder(fn: string, path: string): Promise<boolean> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return true;
    throw new RectifyError(
      `${fn}: cannot save to '${path}': it is ${info.isFile() ? 'a file' : kind(info)}, not a folder; a model is saved as a folder holding model.json and its weights, so choose a folder path`,
    );
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw fsError(fn, path, err, 'create the folder');
  }
}
