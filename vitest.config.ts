import { readdirSync, existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The source of a package's main entry as Node resolves it: its `node` export condition where it has one. */
function nodeEntry(dir: string): string {
  const exports = JSON.parse(readFileSync(`${root}packages/${dir}/package.json`, 'utf8')).exports?.['.'];
  const node = exports?.node;
  const built: string = typeof node === 'string' ? node : (node?.import ?? node?.default ?? './dist/index.js');
  return `${root}packages/${dir}/${built.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts')}`;
}

/** A package's other `exports` subpaths ('./testing', './catalogue') as [specifier suffix, source file]. */
function subpathSources(dir: string): [string, string][] {
  const exports: Record<string, { import?: string }> =
    JSON.parse(readFileSync(`${root}packages/${dir}/package.json`, 'utf8')).exports ?? {};
  return Object.entries(exports)
    .filter(([sub, conditions]) => sub !== '.' && typeof conditions.import === 'string')
    .map(([sub, conditions]) => [
      sub.slice(2),
      `${root}packages/${dir}/${conditions.import!.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts')}`,
    ]);
}

// Tests import workspace packages by name; resolve those names to their TypeScript sources so that tests never
// run against a stale build. Built output is still what the CLI tests and the published packages use. Tests run in
// Node, so a package with a Node entry (src/index.node.ts, the `node` export condition) resolves to that one.
const packageAliases = readdirSync(`${root}packages`)
  .filter((dir) => existsSync(`${root}packages/${dir}/src/index.ts`))
  .flatMap((dir) => {
    const name = `@rectify/${dir}`;
    const escaped = name.replace(/[/@]/g, (c) => `\\${c}`);
    return [
      ...subpathSources(dir).map(([sub, source]) => ({ find: new RegExp(`^${escaped}/${sub}$`), replacement: source })),
      { find: new RegExp(`^${escaped}$`), replacement: nodeEntry(dir) },
    ];
  });

export default defineConfig({
  resolve: { alias: packageAliases },
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'apps/*/test/**/*.test.ts',
      'examples/*/test/**/*.test.ts',
      'integration/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The JSON report is what .ci/run counts passed and failed tests from.
    reporters: ['default', ['json', { outputFile: 'test-output/vitest-report.json' }]],
  },
});
