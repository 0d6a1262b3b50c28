import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PageLog, launchChromium, runPage, skipBrowserTests } from '../../../integration/support/browser.js';
import { type Isolation, withAndWithoutIsolation } from './app-driver.js';
import { bundleForBrowser } from '../../../scripts/browser-bundle.mjs';
import { missingFeatures } from './features.js';

/**
 * A tiny app (test/esbuild-app/main.js) bundled with stock esbuild — platform 'browser', the `file` loader for
 * .wasm, nothing Rectify-specific — and run in headless Chromium, served with and without COOP/COEP.
 */
interface Report {
  readonly backend?: string;
  readonly info?: Record<string, unknown>;
  readonly losses?: number[];
  readonly error?: string;
}

const missing = await missingFeatures();
if (missing.length) console.warn(`esbuild app test skipped: the built packages lack ${missing.join('; ')}`);
const HTML = '<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="/main.js"></script></head><body></body></html>';

describe.skipIf(skipBrowserTests() || missing.length > 0)('a tiny app bundled with stock esbuild, in Chromium', () => {
  let outdir = '';
  let browser: Browser | undefined;
  let emitted: string[] = [];
  let runs: Record<Isolation, { report: Report; log: PageLog }>;

  beforeAll(async () => {
    outdir = await mkdtemp(join(tmpdir(), 'rectify-esbuild-app-'));
    await bundleForBrowser({ entry: fileURLToPath(new URL('./esbuild-app/main.js', import.meta.url)), outdir });
    emitted = await readdir(outdir);
    browser = await launchChromium();
    runs = await withAndWithoutIsolation({ root: outdir, files: { '/': HTML } }, (url) => runPage<Report>(browser!, url, 'rectifyReport', 120_000));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (outdir) await rm(outdir, { recursive: true, force: true });
  });

  it('esbuild emits the bundle and the .wasm files next to it', () => {
    expect(emitted).toContain('main.js');
    expect(emitted.some((f) => f.endsWith('.wasm'))).toBe(true);
  });

  for (const key of ['isolated', 'plain'] as const) {
    it(`trains on the wasm backend (${key === 'isolated' ? 'cross-origin isolated' : 'not isolated'}): the loss falls, no console error`, () => {
      const { report, log } = runs[key];
      expect(report.error).toBeUndefined();
      expect(report.backend).toBe('wasm');
      expect(report.losses!.at(-1)!).toBeLessThan(report.losses![0]! / 2);
      expect(log.errors).toEqual([]);
      console.log(`esbuild app (${key}): threads ${String(report.info?.['threads'])}, loss ${report.losses![0]!.toFixed(4)} → ${report.losses!.at(-1)!.toFixed(4)}`);
    });
  }
});
