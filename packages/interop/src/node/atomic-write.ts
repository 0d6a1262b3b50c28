import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { readdir, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { RectifyError } from '@rectify/tensor';
import { fsError } from './fs-errors.js';

/** Temporary files are hidden, named after their target and tagged with the writing process, so a later save can tell its own leftovers. */
const TEMP = /^\.(.+)\.rectify-tmp-(\d+)-[0-9a-f]{12}$/;

/** The temporary name a write to `path` uses. */
function tempPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.rectify-tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
}

/**
 * Whether `name` is a temporary file or folder that a writer killed mid-write left behind: ours by name, and the
 * process that made it no longer running (one in flight in another live process is not stale).
 * @example isStaleTemp('.epoch-0003.rectify-tmp-4242-0a1b2c3d4e5f'); // true once process 4242 is gone
 */
export function isStaleTemp(name: string): boolean {
  const m = TEMP.exec(name);
  return m !== null && processGone(Number(m[2]));
}

/** Whether the process that made a temp file is gone (then the file is a crashed save's leftover). */
function processGone(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Removes temporary files that a killed save left in `dir` (ours by name, their writer no longer running); a save
 * in flight in another live process is left alone. Returns the names removed.
 * @example await removeStaleTemps('/models/m'); // → ['.model.json.rectify-tmp-4242-0a1b2c3d4e5f']
 */
export async function removeStaleTemps(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const stale = names.filter(isStaleTemp);
  for (const n of stale) await unlink(join(dir, n)).catch(() => undefined);
  return stale;
}

/** Refuses to replace anything but a regular file (or a link to one): renaming over /dev/null or a FIFO would destroy it. */
function checkTarget(fn: string, path: string): void {
  let info;
  try {
    info = lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw fsError(fn, path, err, 'write');
  }
  if (info.isSymbolicLink()) info = statSync(path, { throwIfNoEntry: false });
  if (info?.isDirectory())
    throw new RectifyError(`${fn}: cannot write '${path}': it is a folder; give a file path, or remove the folder`);
  if (info && !info.isFile())
    throw new RectifyError(
      `${fn}: cannot write '${path}': it is not a regular file (a device, FIFO or socket), and replacing it would destroy it; choose another path`,
    );
}

/** Flushes a folder's entries to disk, so that a rename inside it survives a power cut. */
function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some platforms (Windows) cannot open a folder; the rename is still atomic there.
  }
}

/**
 * Creates the folders above `path`. Their errors stay Node's own (code, syscall, path): the caller knows what the
 * folder is for and words the message (the FilePort and the CLI each do).
 */
function makeParent(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
}

const bytesOf = (data: string | Uint8Array): Uint8Array =>
  typeof data === 'string' ? new TextEncoder().encode(data) : data;

/**
 * Writes a new file (failing if `path` exists) and flushes it to disk, in chunks (no single write nears the
 * 2 GiB limit). For files inside a folder that {@link writeDirAtomic} renames into place as a whole.
 * @example writeDirAtomic(dir, (tmp) => writeFileSynced(join(tmp, 'state.json'), text));
 */
export function writeFileSynced(path: string, data: string | Uint8Array): void {
  const bytes = bytesOf(data);
  const fd = openSync(path, 'wx');
  try {
    const CHUNK = 64 * 1024 * 1024;
    for (let at = 0; at < bytes.byteLength; at += CHUNK) {
      const part = bytes.subarray(at, Math.min(at + CHUNK, bytes.byteLength));
      let done = 0;
      while (done < part.byteLength) done += writeSync(fd, part, done, part.byteLength - done);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces `path` so that readers see either the old file or the complete new one, even if the process dies
 * mid-write: the bytes go to a temporary file beside it, are flushed, and the temporary file is renamed over the
 * target (atomic within a file system), then the folder entry is flushed. Failures to write the file are
 * RectifyErrors naming `fn` and the path; creating its folder fails with Node's own error, for the caller to word.
 * The one atomic writer: model saves (through the Node FilePort) and the CLI's run folders both write with it.
 * @example writeFileAtomicSync('runs/x/config.json', JSON.stringify(config));
 */
export function writeFileAtomicSync(path: string, data: string | Uint8Array, fn = 'writeFile'): void {
  makeParent(path);
  checkTarget(fn, path);
  const temp = tempPath(path);
  try {
    writeFileSynced(temp, data);
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw fsError(fn, path, err, 'write');
  }
  fsyncDir(dirname(path));
}

/**
 * {@link writeFileAtomicSync} behind a promise, for the asynchronous FilePort.
 * @example await writeFileAtomic('/tmp/model.onnx', bytes);
 */
export async function writeFileAtomic(path: string, data: Uint8Array, fn = 'writeFile'): Promise<void> {
  writeFileAtomicSync(path, data, fn);
}

/**
 * Builds a folder atomically: `fill` writes into a temporary sibling (named as the temporary files are, so that
 * {@link isStaleTemp} recognises a crashed one), which is then renamed to `path`, replacing an older `path`.
 * @example await writeDirAtomic('runs/x/checkpoints/epoch-0003', async (dir) => saveEverything(dir));
 */
export async function writeDirAtomic(path: string, fill: (dir: string) => Promise<void> | void): Promise<void> {
  makeParent(path);
  const temp = tempPath(path);
  mkdirSync(temp);
  try {
    await fill(temp);
    fsyncDir(temp);
    rmSync(path, { recursive: true, force: true });
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { recursive: true, force: true });
    throw err;
  }
  fsyncDir(dirname(path));
}
