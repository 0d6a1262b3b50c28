import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/** A sibling name that no other writer (process or call) uses at the same time. */
function tempName(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${counter++}`);
}

/** Flushes a directory entry to disk, so that a rename inside it survives a power cut. */
function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some platforms (Windows) cannot open a directory; the rename is still atomic there.
  }
}

/** Writes a file and flushes it to disk before returning. */
export function writeFileSynced(path: string, data: string | Uint8Array): void {
  const fd = openSync(path, 'w');
  try {
    writeFileSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces `path` atomically: readers see the old content or the new, never a partial file, even if the
 * process dies mid-write (write a temporary sibling, flush, rename over).
 *
 * @example
 * writeFileAtomic('runs/x/checkpoints/latest.json', JSON.stringify({ checkpoint: 'epoch-0003' }));
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tempName(path);
  try {
    writeFileSynced(tmp, data);
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  fsyncDir(dirname(path));
}

/**
 * Builds a directory atomically: `fill` writes into a temporary sibling, which is then renamed to `path`
 * (replacing an older `path`). A crash during `fill` leaves only a `.tmp-` directory behind, never a half-written
 * `path`.
 *
 * @example
 * await writeDirAtomic('runs/x/checkpoints/epoch-0003', async (dir) => saveEverything(dir));
 */
export async function writeDirAtomic(path: string, fill: (dir: string) => Promise<void> | void): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tempName(path);
  mkdirSync(tmp);
  try {
    await fill(tmp);
    fsyncDir(tmp);
    rmSync(path, { recursive: true, force: true });
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
  fsyncDir(dirname(path));
}
