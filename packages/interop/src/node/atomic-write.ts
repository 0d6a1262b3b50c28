import { randomBytes } from 'node:crypto';
import { lstat, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { RectifyError } from '@rectify/tensor';
import { fsError } from './fs-errors.js';

/** Temporary files are hidden, named after their target and tagged with the writing process, so a later save can tell its own leftovers. */
const TEMP = /^\.(.+)\.rectify-tmp-(\d+)-[0-9a-f]{12}$/;

/** The temporary name a write to `path` uses. */
function tempPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.rectify-tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
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
  const stale = names.filter((n) => {
    const m = TEMP.exec(n);
    return m !== null && processGone(Number(m[2]));
  });
  for (const n of stale) await unlink(join(dir, n)).catch(() => undefined);
  return stale;
}

/** Refuses to replace anything but a regular file (or a link to one): renaming over /dev/null or a FIFO would destroy it. */
async function checkTarget(fn: string, path: string): Promise<void> {
  let info;
  try {
    info = await lstat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw fsError(fn, path, err, 'write');
  }
  if (info.isSymbolicLink()) info = await stat(path).catch(() => undefined);
  if (info?.isDirectory())
    throw new RectifyError(`${fn}: cannot write '${path}': it is a folder; give a file path, or remove the folder`);
  if (info && !info.isFile())
    throw new RectifyError(
      `${fn}: cannot write '${path}': it is not a regular file (a device, FIFO or socket), and replacing it would destroy it; choose another path`,
    );
}

/**
 * Writes `data` to `path` so that readers see either the old file or the complete new one: the bytes go to a
 * temporary file beside it in chunks (no single write nears the 2 GiB limit), are flushed, and the temporary file
 * is renamed over the target (atomic within a file system). File-system failures are RectifyErrors naming the path.
 * @example await writeFileAtomic('/tmp/model.onnx', bytes);
 */
export async function writeFileAtomic(path: string, data: Uint8Array, fn = 'writeFile'): Promise<void> {
  await checkTarget(fn, path);
  const temp = tempPath(path);
  let handle;
  try {
    handle = await open(temp, 'wx');
  } catch (err) {
    throw fsError(fn, path, err, 'write');
  }
  try {
    const CHUNK = 64 * 1024 * 1024;
    for (let at = 0; at < data.byteLength; at += CHUNK) {
      const part = data.subarray(at, Math.min(at + CHUNK, data.byteLength));
      let done = 0;
      while (done < part.byteLength) done += (await handle.write(part, done, part.byteLength - done)).bytesWritten;
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, path);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw fsError(fn, path, err, 'write');
  }
}
