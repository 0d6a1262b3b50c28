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
  const pkg = JSON.parse(readFileSync(`${root}packages/${dir}/package.json`, 'utf8')) as {
    exports?: Record<string, Record<string, string>>;
  };
  const dot = pkg.exports?.['.'] ?? {};
  const target = dot['browser'] ?? dot['import'] ?? dot['default'];
  if (!target) throw new Error(`packages/${dir}: package.json has no browser, import or default export for '.'`);
  return `${root}packages/${dir}/${target}`;
}

describe('browser entries reach no node: module', () => {
  it.each(packages)('@rectify/%s bundles with esbuild --platform=browser', async (dir) => bundle(dir));
});

/** Bundles the package's browser entry as stock esbuild would and checks that no node: module was reached. */
async function bundle(dir: string): Promise<void> {
  const entry = browserEntry(dir);
  expect(existsSync(entry), `${entry} is missing: run pnpm build first`).toBe(true);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    metafile: true,
    logLevel: 'silent',
    // The wasm backend's binaries are assets a bundler emits, not modules to inline.
    loader: { '.wasm': 'file' },
    outdir: 'out',
  });
  expect(result.errors).toEqual([]);
  const nodeInputs = Object.keys(result.metafile.inputs).filter(
    (p) => p.startsWith('node:') || /(^|\/)node_modules\/(fs|path|crypto)\//.test(p),
  );
  const nodeImports = Object.values(result.metafile.inputs).flatMap((i) =>
    i.imports.filter((x) => x.path.startsWith('node:') || x.external).map((x) => x.path),
  );
  expect({ nodeInputs, nodeImports }).toEqual({ nodeInputs: [], nodeImports: [] });
}

it('in a browser bundle, path-taking functions say that they need Node and what to use instead', async () => {
  const app = [
    `import * as rf from ${JSON.stringify(browserEntry('rectify'))};`,
    `const m = rf.sequential([rf.layers.dense({ units: 1, inputShape: [2] })]);`,
    `const out = [];`,
    `for (const f of [() => rf.exportOnnx(m, 'm.onnx'), () => m.save('./m'), () => rf.loadModel('file:///m'), () => m.saveWeights('w.safetensors')]) {`,
    `  try { await f(); out.push('no error'); } catch (e) { out.push(e.name + ': ' + e.message); }`,
    `}`,
    `export default out;`,
  ].join('\n');
  const result = await build({
    stdin: { contents: app, resolveDir: root, loader: 'js' },
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    logLevel: 'silent',
  });
  const url = `data:text/javascript;base64,${Buffer.from(result.outputFiles[0]!.text).toString('base64')}`;
  const messages = ((await import(/* @vite-ignore */ url)) as { default: string[] }).default;
  expect(messages[0]).toBe(
    'RectifyError: exportOnnx: file paths need Node (its entry point registers the file system); in a browser, call encodeOnnx(model) for the bytes (and offer them as a Blob download)',
  );
  expect(messages[1]).toMatch(
    /^ValueError: save: '\.\/m' is a file path, which needs Node .*; in a browser 'indexeddb:\/\/name', 'localstorage:\/\/name', 'downloads:\/\/name' \(save\)/,
  );
  expect(messages[2]).toMatch(/^ValueError: loadModel: 'file:\/\/\/m' is a file path, which needs Node/);
  expect(messages[3]).toMatch(
    /^RectifyError: saveWeights: file paths need Node .*; in a browser, save the whole model with model\.save\('indexeddb:\/\/name'\)/,
  );
});
