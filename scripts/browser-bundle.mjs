// Stock esbuild for browsers, as a user's app would configure it: bundle, ES module output, platform 'browser',
// and the `file` loader for `.wasm`, which is what lets `new URL('./x.wasm', import.meta.url)` emit the file next to
// the bundle. Shared by the browser-app tests (examples/browser-app/test) and `pnpm bench bundle`.
import { build } from 'esbuild';

/**
 * Bundles `source` (code resolved from `resolveDir`) or the file `entry` into `outdir`; `plugins` are added as given.
 * @example const result = await bundleForBrowser({ source: "export * from '@rectify/rectify';", resolveDir: appDir, outdir });
 */
export function bundleForBrowser({ source, entry, resolveDir, outdir, minify = false, write = true, plugins = [] }) {
  return build({
    ...(entry ? { entryPoints: [entry] } : { stdin: { contents: source, resolveDir, loader: 'js' } }),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify,
    loader: { '.wasm': 'file' },
    outdir,
    write,
    plugins,
    logLevel: 'silent',
  });
}
