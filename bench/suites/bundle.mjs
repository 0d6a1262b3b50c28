// `pnpm bench bundle`: what Rectify costs to download. Each publishable package's packed tarball (`pnpm pack`), and
// the umbrella's browser bundle — stock esbuild, platform 'browser', minified, gzip -9 — alone (cpu backend), with
// @rectify/backend-wasm and with @rectify/backend-gpu, next to TensorFlow.js bundled the same way in the same run.
// Sizes, not speed: nothing is timed, and nothing here is a test (integration/packaging checks the tarballs).
// The JavaScript column is the page's bundle; the wasm backend's worker script (fetched only on cross-origin isolated
// pages, for threads) and the .wasm binaries are separate downloads, the latter in their own column.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleForBrowser } from '../../scripts/browser-bundle.mjs';
import { WORKSPACE_ROOT, packWorkspace } from '../../scripts/pack-workspace.mjs';

// The example app depends on the umbrella and both backends by name, so bundling from its folder resolves them
// through their published `exports` (built dist/), exactly as in a user's project.
const RECTIFY_APP = join(WORKSPACE_ROOT, 'examples/browser-app');

const BUNDLES = [
  { name: '@rectify/rectify (cpu backend)', dir: RECTIFY_APP, source: "export * from '@rectify/rectify';" },
  {
    name: '  + @rectify/backend-wasm',
    dir: RECTIFY_APP,
    source: "export * from '@rectify/rectify'; export * as wasm from '@rectify/backend-wasm';",
    wasmFiles: 'packages/backend-wasm/dist/wasm',
  },
  {
    name: '  + @rectify/backend-gpu',
    dir: RECTIFY_APP,
    source:
      "export * from '@rectify/rectify'; export * as wasm from '@rectify/backend-wasm'; export * as gpu from '@rectify/backend-gpu';",
    wasmFiles: 'packages/backend-wasm/dist/wasm',
  },
  { name: '@tensorflow/tfjs 4.22 (cpu + webgl)', dir: WORKSPACE_ROOT, source: "export * from '@tensorflow/tfjs';" },
  {
    name: '  + @tensorflow/tfjs-backend-wasm',
    dir: WORKSPACE_ROOT,
    source: "export * from '@tensorflow/tfjs'; export * as wasm from '@tensorflow/tfjs-backend-wasm';",
    wasmFiles: 'node_modules/@tensorflow/tfjs-backend-wasm/dist',
  },
];

const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kib = (n) => n / 1024;

/** Bundles one entry; resolves to its minified and gzipped JavaScript and .wasm sizes, or the error esbuild gave. */
async function measure({ dir, source, wasmFiles }) {
  const outdir = mkdtempSync(join(tmpdir(), 'rectify-bundle-'));
  try {
    const result = await bundleForBrowser({ source, resolveDir: dir, outdir, minify: true, write: false });
    const js = result.outputFiles.filter((f) => f.path.endsWith('.js'));
    // Both backends fetch their .wasm at run time (TensorFlow.js from a path the app sets, Rectify through
    // new URL(…, import.meta.url), which stock esbuild leaves as written): measure the files each package ships.
    const folder = wasmFiles ? join(WORKSPACE_ROOT, wasmFiles) : null;
    const wasm = folder
      ? readdirSync(folder)
          .filter((f) => f.endsWith('.wasm'))
          .map((f) => readFileSync(join(folder, f)))
      : [];
    return {
      min: js.reduce((s, f) => s + f.contents.length, 0),
      gzip: js.reduce((s, f) => s + gz(f.contents), 0),
      // A page loads one variant (SIMD or not, threaded or not); the largest is what it may have to download.
      wasmGzip: wasm.length ? Math.max(...wasm.map(gz)) : 0,
      wasmCount: wasm.length,
    };
  } catch (e) {
    const first = e.errors?.[0];
    return {
      error: first ? `${first.text}${first.location ? ` (${first.location.file})` : ''}` : String(e.message ?? e),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

export default async function bundle({ printTable }) {
  const dest = mkdtempSync(join(tmpdir(), 'rectify-pack-'));
  try {
    const packed = await packWorkspace(dest);
    printTable(
      'Packed packages (pnpm pack: what npm downloads per package)',
      ['package', 'tarball KiB', 'files'],
      packed.map((p) => [p.name, kib(p.bytes), String(p.files.length)]),
    );
    const total = packed.filter((p) => p.name !== '@rectify/cli').reduce((s, p) => s + p.bytes, 0);
    console.log(`\nAll library packages together: ${kib(total).toFixed(0)} KiB packed.`);
  } finally {
    rmSync(dest, { recursive: true, force: true });
  }

  const rows = [];
  for (const b of BUNDLES) {
    const r = await measure(b);
    rows.push(
      r.error
        ? [b.name, 'fails', '', '', r.error.slice(0, 100)]
        : [
            b.name,
            kib(r.min),
            kib(r.gzip),
            r.wasmCount ? `${kib(r.wasmGzip).toFixed(0)} (1 of ${r.wasmCount})` : '–',
            '',
          ],
    );
  }
  printTable(
    'Browser bundle (esbuild, platform browser, minified; gzip -9)',
    ['bundle', 'min KiB', 'min+gzip KiB', '.wasm gzip KiB', 'note'],
    rows,
  );
}
