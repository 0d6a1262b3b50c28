// No library package may import itself in a circle: a value cycle makes what a module sees at load time depend on
// which module was imported first. Type-only imports vanish from the JavaScript, so they may go both ways.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import madge from 'madge';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The value-import cycles among the .ts files under `dirs` (relative to the repository root). */
async function valueCycles(dirs: readonly string[]): Promise<{ cycles: string[][]; files: number }> {
  const result = await madge(
    dirs.map((d) => `${root}${d}`),
    {
      baseDir: root,
      fileExtensions: ['ts'],
      tsConfig: `${root}tsconfig.base.json`,
      // Cycles through another package's build output are that package's own, found from its sources.
      excludeRegExp: [/\/dist\//, /node_modules/],
      detectiveOptions: { ts: { skipTypeImports: true } },
    },
  );
  return { cycles: result.circular(), files: Object.keys(result.obj()).length };
}

describe('import cycles', () => {
  it('the check sees a value cycle and lets a type-only one pass', async () => {
    const { cycles, files } = await valueCycles(['integration/repo/fixtures/cycles']);
    expect(files).toBe(4);
    expect(cycles).toEqual([
      ['integration/repo/fixtures/cycles/value-a.ts', 'integration/repo/fixtures/cycles/value-b.ts'],
    ]);
  });

  it('no library package has a value-import cycle', async () => {
    const packages = readdirSync(`${root}packages`).map((p) => `packages/${p}/src`);
    const { cycles, files } = await valueCycles(packages);
    expect(files).toBeGreaterThan(300);
    expect(cycles.map((c) => c.join(' → '))).toEqual([]);
  }, 120_000);
});
