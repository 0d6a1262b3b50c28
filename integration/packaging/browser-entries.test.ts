import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// Every library package must bundle for a browser exactly as a user's stock esbuild (or Vite) would: by its
// package.json exports without the `node` condition, with no plugin, shim or alias — and reach no `node:` module.
const root = fileURLToPath(new URL('../../', import.meta.url));
const packages = readdirSync(`${root}packages`).filter((dir) => existsSync(`${root}packages/${dir}/package.json`));

/** What a browser bundler picks for `import '<pkg>'`: the `.` export's `browser`, `import` or `default` target. */
function browserEntry(dir: string): string {
  const pkg = JSON.parse(readFileSync(`${root}packages/${dir}/package.json`, 'utf8')) as { exports?: Record<string, Record<string, string>> };
  const dot = pkg.exports?.['.'] ?? {};
  const target = dot['browser'] ?? dot['import'] ?? dot['default'];
  if (!target) throw new Error(`packages/${dir}: package.json has no browser, import or default export for '.'`);
  return `${root}packages/${dir}/${target}`;
}

// backend-wasm still imports node: modules from its browser entry; branch `wasm` (issue 12 item 4) removes them.
// Delete this entry when that lands: the expected failure then turns into a failing test that says so.
const PENDING = new Set(['backend-wasm']);

describe('browser entries reach no node: module', () => {
  it.fails.each(packages.filter((d) => PENDING.has(d)))('@rectify/%s (pending: still reaches node: modules)', async (dir) => bundle(dir));
  it.each(packages.filter((d) => !PENDING.has(d)))('@rectify/%s bundles with esbuild --platform=browser', async (dir) => bundle(dir));
});

/** Bundles the package's browser entry as stock esbuild would and checks that no node: module was reached. */
async function bundle(dir: string): Promise<void> {
  const entry = browserEntry(dir);
  expect(existsSync(entry), `${entry} is missing: run pnpm build first`).toBe(true);
  const result = await build({
    entryPoints: [entry], bundle: true, write: false, platform: 'browser', format: 'esm', metafile: true, logLevel: 'silent',
    // The wasm backend's binaries are assets a bundler emits, not modules to inline.
    loader: { '.wasm': 'file' }, outdir: 'out',
  });
  expect(result.errors).toEqual([]);
  const nodeInputs = Object.keys(result.metafile.inputs).filter((p) => p.startsWith('node:') || /(^|\/)node_modules\/(fs|path|crypto)\//.test(p));
  const nodeImports = Object.values(result.metafile.inputs).flatMap((i) => i.imports.filter((x) => x.path.startsWith('node:') || x.external).map((x) => x.path));
  expect({ nodeInputs, nodeImports }).toEqual({ nodeInputs: [], nodeImports: [] });
}
