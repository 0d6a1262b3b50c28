import { readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

// Tests import workspace packages by name; resolve those names to their TypeScript sources so that tests never
// run against a stale build. Built output is still what the CLI tests and the published packages use.
const packageAliases = readdirSync(`${root}packages`)
  .filter((dir) => existsSync(`${root}packages/${dir}/src/index.ts`))
  .flatMap((dir) => {
    const name = `@rectify/${dir}`;
    const escaped = name.replace(/[/@]/g, (c) => `\\${c}`);
    return [
      { find: new RegExp(`^${escaped}/testing$`), replacement: `${root}packages/${dir}/src/testing/index.ts` },
      { find: new RegExp(`^${escaped}$`), replacement: `${root}packages/${dir}/src/index.ts` },
    ];
  });

export default defineConfig({
  resolve: { alias: packageAliases },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'examples/*/test/**/*.test.ts', 'integration/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The JSON report is what .ci/run counts passed and failed tests from.
    reporters: ['default', ['json', { outputFile: 'test-output/vitest-report.json' }]],
  },
});
