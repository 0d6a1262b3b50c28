import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = join(CLI_ROOT, 'dist', 'bin.js');
export const EXAMPLES = join(CLI_ROOT, 'examples');

/** The tests run the built CLI; `pnpm test` builds first, a bare `vitest run` builds here if needed. */
export function ensureBuilt(): void {
  if (!existsSync(BIN)) execFileSync('npx', ['tsc', '-b'], { cwd: CLI_ROOT, stdio: 'inherit' });
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `rectify …args` to completion in `cwd`. */
export function rectify(args: readonly string[], cwd: string): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `rectify …args`, calls `whenStdout` once stdout contains `marker`, and resolves when it exits. */
export function rectifyUntil(
  args: readonly string[],
  cwd: string,
  marker: string,
  whenStdout: (pid: number) => void,
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let fired = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if (!fired && stdout.includes(marker)) {
        fired = true;
        whenStdout(child.pid!);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `rectify-cli-${prefix}-`));
}

/** The model's own weights (not the optimizer state) from a saved model directory, as raw bytes per name. */
export function modelWeights(modelDir: string): Map<string, Buffer> {
  const json = JSON.parse(readFileSync(join(modelDir, 'model.json'), 'utf8')) as {
    weightsManifest: { path: string; weights: { name: string; shape: number[]; offset: number; group: string }[] };
  };
  const bin = readFileSync(join(modelDir, json.weightsManifest.path));
  const out = new Map<string, Buffer>();
  for (const w of json.weightsManifest.weights) {
    if (w.group !== 'model') continue;
    const bytes = 4 * w.shape.reduce((a, b) => a * b, 1);
    out.set(w.name, bin.subarray(w.offset, w.offset + bytes));
  }
  return out;
}

/** True when stderr shows a stack trace (a line starting with "    at "). */
export function hasStackTrace(stderr: string): boolean {
  return /^\s+at /m.test(stderr);
}

/** A YAML "billion laughs": nine levels of aliases, each nine times the one before (9^9 strings once expanded). */
export function billionLaughs(): string {
  const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let level = 1; level < 9; level++) {
    const [name, prev] = [String.fromCharCode(97 + level), String.fromCharCode(96 + level)];
    lines.push(`${name}: &${name} [${Array.from({ length: 9 }, () => `*${prev}`).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}
