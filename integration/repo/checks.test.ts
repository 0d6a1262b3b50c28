// The repository's own checks — formatting, lint and the type-checker over sources and tests — run as part of the
// test command, so that CI reports them in the same `N passed, M failed` line as every other test.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs a root package.json script with the pnpm that started the tests (or the one on PATH). */
function runScript(name: string): { status: number | null; output: string } {
  // npm_execpath is pnpm's JavaScript entry or, for pnpm's standalone build, the executable itself.
  const pnpm = process.env.npm_execpath;
  const [command, args] =
    !pnpm || !/pnpm/.test(pnpm)
      ? ['pnpm', ['run', name]]
      : /\.[cm]?js$/.test(pnpm)
        ? [process.execPath, [pnpm, 'run', name]]
        : [pnpm, ['run', name]];
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ?? ''}` };
}

describe('repository checks', () => {
  it.each(['lint', 'typecheck'])(
    'pnpm %s passes',
    (script) => {
      const { status, output } = runScript(script);
      // The tail of the output names the offending files and lines when it fails.
      expect(status, output.slice(-4000)).toBe(0);
    },
    600_000,
  );
});
