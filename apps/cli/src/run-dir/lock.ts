import { closeSync, mkdirSync, openSync, readFileSync, rmdirSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from '../errors.js';
import { fsErrorMessage, isFsError } from '../fs-errors.js';

/** The lock file inside a run directory: it holds the pid of the one `rectify train` working in it. */
export const LOCK_FILE = '.rectify.lock';

/** A held run-directory lock. */
export interface RunLock {
  readonly path: string;
  /** Removes the lock file (idempotent); also done automatically when the process exits. */
  release(): void;
}

/** True unless the operating system says no process has this pid (another user's process counts as alive). */
function isAlive(pid: number): boolean {
  if (pid === process.pid) return false; // we do not hold it, so an earlier process that had our pid left it
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** The pid a lock file names, or undefined while its writer has not written it yet (or it is not ours). */
function holderOf(path: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const match = /^(\d+)\n?$/.exec(text);
  return match ? Number(match[1]) : undefined;
}

/**
 * Removes a lock left by a dead process. Reclaimers serialise on a `mkdir` mutex and re-read the lock under it,
 * so two processes that both saw the same stale lock cannot both remove it — the second would remove the new
 * lock of the first.
 */
function removeStale(path: string, deadPid: number): boolean {
  const mutex = `${path}.reclaim`;
  try {
    mkdirSync(mutex);
  } catch {
    return false;
  }
  try {
    if (holderOf(path) !== deadPid) return false;
    unlinkSync(path);
    return true;
  } finally {
    rmdirSync(mutex);
  }
}

function tryCreate(path: string): boolean {
  let fd: number;
  try {
    // 'wx' is O_CREAT | O_EXCL: of two processes creating the file at the same moment, exactly one succeeds.
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Takes the lock of the run directory `dir` (which must exist) for this process, atomically: of two racing
 * processes exactly one gets it, the other gets a `CliError` that names the holder's pid. A lock whose process no
 * longer runs (killed with `kill -9`) is reclaimed, and `note` says so. The lock is released by `release()` and,
 * failing that, when the process exits (also by a second Ctrl-C).
 *
 * @example
 * const lock = lockRunDir('runs/x', 'choose another --out', (m) => console.error(m));
 * try { await trainInto('runs/x'); } finally { lock.release(); }
 */
export function lockRunDir(dir: string, advice: string, note: (message: string) => void): RunLock {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    let created: boolean;
    try {
      created = tryCreate(path);
    } catch (error) {
      if (isFsError(error)) throw new CliError(fsErrorMessage(error, 'lock the run directory', dir, advice));
      throw error;
    }
    if (created) break;
    const pid = holderOf(path);
    if (pid === undefined || isAlive(pid) || attempt > 0 || !removeStale(path, pid)) {
      const who = pid === undefined ? 'another rectify process' : `another rectify process (pid ${pid})`;
      throw new CliError(`${dir} is in use by ${who}; ${advice} (if no rectify is running there, delete ${path})`);
    }
    note(`note: ${dir} was locked by process ${pid}, which no longer runs; reclaimed its lock`);
  }
  const release = (): void => {
    process.off('exit', release);
    if (holderOf(path) !== process.pid) return;
    try {
      unlinkSync(path);
    } catch {
      // Already gone (the directory was removed): nothing to release.
    }
  };
  process.on('exit', release);
  return { path, release };
}
