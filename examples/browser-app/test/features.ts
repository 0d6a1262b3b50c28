import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForBrowser } from '../../../scripts/browser-bundle.mjs';

/** The example app's folder: its node_modules resolve the Rectify packages by name, through their `exports`. */
export const APP_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * What the browser app needs from the built packages and does not find, in words (empty when all is there):
 * a browser bundle of the umbrella and the wasm backend that stock esbuild can make, an `indexeddb://` handler in
 * the umbrella, and `.wasm` files referenced the way bundlers follow. Checked on the real build, so the browser tests run as soon
 * as the packages can do it — and say exactly what is missing until then.
 */
export async function missingFeatures(): Promise<string[]> {
  const outdir = await mkdtemp(join(tmpdir(), 'rectify-probe-'));
  try {
    const source = "export * from '@rectify/rectify'; export * as wasm from '@rectify/backend-wasm';";
    const result = await bundleForBrowser({ source, resolveDir: APP_ROOT, outdir, write: false });
    const files = result.outputFiles ?? [];
    const js = files
      .filter((f) => f.path.endsWith('.js'))
      .map((f) => f.text)
      .join('\n');
    const missing: string[] = [];
    if (!js.includes('indexeddb://')) missing.push("an 'indexeddb://' save/load handler in @rectify/rectify");
    // The literal pattern bundlers follow to emit an asset (esbuild leaves it as written; Vite rewrites it).
    if (!/new URL\(["'][^"']+\.wasm["'], ?import\.meta\.url\)/.test(js))
      missing.push("@rectify/backend-wasm's .wasm files referenced as new URL('./….wasm', import.meta.url)");
    return missing;
  } catch (e) {
    const first = (e as { errors?: { text: string; location?: { file: string } | null }[] }).errors?.[0];
    return [
      `a browser bundle of @rectify/rectify and @rectify/backend-wasm (esbuild: ${first ? `${first.text} in ${first.location?.file ?? '?'}` : String(e)})`,
    ];
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}
