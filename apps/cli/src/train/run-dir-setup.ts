import { existsSync, mkdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { validateConfig } from '../config/load.js';
import { readTextFile } from '../datasets/csv.js';
import type { ConfigInput } from '../config/schema.js';
import { CliError } from '../errors.js';
import { fsTry } from '../fs-errors.js';
import { lockRunDir, type RunLock } from '../run-dir/lock.js';

/** `runs/2024-06-07T12-30-05` — sortable, and safe in file names on every platform. */
export function defaultRunDir(now = new Date()): string {
  return join('runs', now.toISOString().slice(0, 19).replace(/:/g, '-'));
}

/**
 * Claims a run directory for this process before anything is written to it: a fresh run creates it (if needed)
 * and takes its lock, and one that already holds a run is refused rather than overwritten; a resumed run takes
 * the lock of the existing directory. Of two racing `rectify train` processes exactly one gets the directory.
 *
 * @example
 * const lock = claimRunDir('runs/x', 'fresh', (m) => reporter.info(m));
 */
export function claimRunDir(dir: string, mode: 'fresh' | 'resume', note: (message: string) => void): RunLock {
  if (mode === 'resume') return lockRunDir(dir, `wait for it to finish before resuming ${dir}`, note);
  const advice = 'choose another --out';
  const created = !existsSync(dir);
  fsTry('create the run directory', dir, () => mkdirSync(dir, { recursive: true }), advice);
  if (!statSync(dir).isDirectory())
    throw new CliError(`cannot create the run directory ${dir}: it is not a directory; ${advice}`);
  const lock = lockRunDir(dir, advice, note);
  const release = (): void => {
    lock.release();
    // A run that failed before writing anything (a bad layer in the config) leaves no empty directory behind;
    // rmdir removes only an empty one, so a run that wrote files, or another process's lock, stays.
    if (created) {
      try {
        rmdirSync(dir);
      } catch {
        // Not empty: the run's files (or a new owner's lock) stay.
      }
    }
  };
  if (existsSync(join(dir, 'config.json'))) {
    release();
    throw new CliError(`${dir} already holds a run; continue it with --resume ${dir}, or choose another --out`);
  }
  return { path: lock.path, release };
}

/** The config a run was started with, read back for `--resume`. */
export function readRunConfig(dir: string): ConfigInput {
  const path = join(dir, 'config.json');
  if (!existsSync(dir)) throw new CliError(`cannot resume: run directory ${dir} does not exist`);
  if (!existsSync(path)) throw new CliError(`cannot resume: ${dir} is not a run directory (config.json is missing)`);
  const text = readTextFile(path, 'run config');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliError(`cannot resume: ${path} is not valid JSON (${(error as Error).message})`);
  }
  return validateConfig(parsed, path);
}
