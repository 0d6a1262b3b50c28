import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import metaUrl from '@chialab/esbuild-plugin-meta-url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PageLog, launchChromium, runPage, skipBrowserTests } from '../../../integration/support/browser.js';
import { bundleForBrowser } from '../../../scripts/browser-bundle.mjs';
import { type Isolation, withAndWithoutIsolation } from './app-driver.js';
import { missingFeatures } from './features.js';

/**
 * Tiny apps bundled with esbuild (platform 'browser', the `file` loader for .wasm) and run in headless Chromium,
 * served with and without COOP/COEP: the umbrella alone with no plugin at all (cpu backend), and the umbrella with
 * the wasm backend plus the one plugin its README names for esbuild, which emits the .wasm files and the worker.
 */
interface Report {
  readonly backend?: string;
  readonly info?: Record<string, unknown>;
  readonly losses?: number[];
  readonly cores?: number;
  readonly error?: string;
}

const APPS = { cpu: { plugins: [] }, wasm: { plugins: [metaUrl()] } } as const;
type AppName = keyof typeof APPS;

const missing = await missingFeatures();
if (missing.length) console.warn(`esbuild app test skipped: the built packages lack ${missing.join('; ')}`);
const page = (script: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="/${script}"></script></head><body></body></html>`;

describe.skipIf(skipBrowserTests() || missing.length > 0)('tiny apps bundled with esbuild, in Chromium', () => {
  let outdir = '';
  let browser: Browser | undefined;
  let emitted: string[] = [];
  let runs: Record<Isolation, Record<AppName, { report: Report; log: PageLog }>>;

  beforeAll(async () => {
    outdir = await mkdtemp(join(tmpdir(), 'rectify-esbuild-app-'));
    for (const [name, { plugins }] of Object.entries(APPS)) {
      const entry = fileURLToPath(new URL(`./esbuild-app/${name}.js`, import.meta.url));
      await bundleForBrowser({ entry, outdir: join(outdir, name), plugins: [...plugins] });
    }
    emitted = await readdir(join(outdir, 'wasm'), { recursive: true });
    browser = await launchChromium();
    const files = { '/cpu/': page('cpu/cpu.js'), '/wasm/': page('wasm/wasm.js') };
    runs = await withAndWithoutIsolation({ root: outdir, files }, async (url) => ({
      cpu: await runPage<Report>(browser!, `${url}cpu/`, 'rectifyReport', 120_000),
      wasm: await runPage<Report>(browser!, `${url}wasm/`, 'rectifyReport', 120_000),
    }));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (outdir) await rm(outdir, { recursive: true, force: true });
  });

  it("the wasm app's build holds the .wasm kernels next to the bundle", () => {
    expect(emitted).toContain('wasm.js');
    expect(emitted.filter((f) => f.endsWith('.wasm')).length).toBeGreaterThan(0);
  });

  for (const key of ['isolated', 'plain'] as const) {
    for (const app of ['cpu', 'wasm'] as const) {
      it(`${app} app (${key === 'isolated' ? 'cross-origin isolated' : 'not isolated'}): trains, the loss falls, no console error`, () => {
        const { report, log } = runs[key][app];
        expect(report.error).toBeUndefined();
        expect(report.backend).toBe(app);
        expect(report.losses!.at(-1)!).toBeLessThan(report.losses![0]! / 2);
        expect(log.errors).toEqual([]);
        console.log(
          `esbuild ${app} app (${key}): threads ${String(report.info?.['threads'] ?? 1)}, loss ${report.losses![0]!.toFixed(4)} → ${report.losses!.at(-1)!.toFixed(4)}`,
        );
      });
    }
    it(`wasm app: ${key === 'isolated' ? 'one thread per core (2 on CI) when isolated' : '1 thread when not isolated'}`, () => {
      const { info, cores } = runs[key].wasm.report;
      expect(info?.['threads']).toBe(key === 'isolated' ? cores : 1);
      if (key === 'isolated') expect(cores).toBeGreaterThanOrEqual(2);
    });
  }
});
