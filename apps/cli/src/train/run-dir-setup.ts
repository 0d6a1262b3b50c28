import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateConfig } from '../config/load.js';
import type { ConfigInput } from '../config/schema.js';
import { CliError } from '../errors.js';

/** `runs/2024-06-07T12-30-05` — sortable, and safe in file names on every platform. */
export function defaultRunDir(now = new Date()): string {
  return join('runs', now.toISOString().slice(0, 19).replace(/:/g, '-'));
}

/** Creates a fresh run directory; one that already holds a run is refused rather than overwritten. */
export function createRunDir(dir: string): void {
  if (existsSync(join(dir, 'config.json'))) {
    throw new CliError(`${dir} already holds a run; continue it with --resume ${dir}, or choose another --out`);
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new CliError(`cannot create run directory ${dir}: ${(error as Error).message}`);
  }
}

/** The config a run was started with, read back for `--resume`. */
export function readRunConfig(dir: string): ConfigInput {
  const path = join(dir, 'config.json');
  if (!existsSync(dir)) throw new CliError(`cannot resume: run directory ${dir} does not exist`);
  if (!existsSync(path)) throw new CliError(`cannot resume: ${dir} is not a run directory (config.json is missing)`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliError(`cannot resume: ${path} is not valid JSON (${(error as Error).message})`);
  }
  return validateConfig(parsed, path);
}
