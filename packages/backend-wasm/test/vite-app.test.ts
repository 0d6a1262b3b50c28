import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PageLog, launchChromium, serveStatic, skipBrowserTests } from '../../../integration/support/browser.js';
import { type Mode, type PageReport, runIsolatedAndPlain } from './browser/harness.js';

/**
 * A scratch Vite app outside the repository, importing the packages by name (linked into its node_modules as an
 * install would place them), built with stock `vite build` and no config, then run in Chromium with and without
 * cross-origin isolation. Proves that Vite emits the .wasm files and the worker and that the URLs it rewrites work.
 */
const packages = fileURLToPath(new URL('../../', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));

function scaffold(): string {
  const app = mkdtempSync(join(tmpdir(), 'rectify-vite-app-'));
  mkdirSync(join(app, 'node_modules/@rectify'), { recursive: true });
  for (const name of ['tensor', 'autograd', 'activations', 'backend-wasm']) {
    symlinkSync(join(packages, name), join(app, 'node_modules/@rectify', name), 'dir');
  }
  for (const file of ['index.html', 'main.js']) copyFileSync(join(here, 'fixtures/vite-app', file), join(app, file));
  copyFileSync(join(here, 'browser/checks.js'), join(app, 'checks.js'));
  return app;
}

describe.skipIf(skipBrowserTests())('a stock Vite app importing @rectify/backend-wasm', () => {
  let app = '';
  let assets: string[] = [];
  let browser: Browser | undefined;
  let pages: Record<Mode, { report: PageReport; log: PageLog }>;

  beforeAll(async () => {
    app = scaffold();
    const { build } = await import('vite');
    await build({ root: app, configFile: false, logLevel: 'warn' });
    assets = readdirSync(join(app, 'dist/assets'));
    browser = await launchChromium();
    pages = await runIsolatedAndPlain(browser, (isolated) => serveStatic({ root: join(app, 'dist'), isolated }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (app) rmSync(app, { recursive: true, force: true });
  });

  it('emits the four kernel builds and the worker as assets', () => {
    const wasm = assets.filter((f) => f.endsWith('.wasm')).map((f) => f.replace(/-[\w-]{8}\.wasm$/, '.wasm'));
    expect(wasm.sort()).toEqual([
      'kernels-relaxed-mt.wasm',
      'kernels-relaxed.wasm',
      'kernels-simd-mt.wasm',
      'kernels-simd.wasm',
    ]);
    expect(assets.some((f) => /^worker-.*\.js$/.test(f))).toBe(true);
  });

  it('runs on two threads when served with COOP/COEP, on one without, with correct relu(matmul) results', () => {
    for (const [mode, threads] of [
      ['isolated', 2],
      ['plain', 1],
    ] as const) {
      const { report, log } = pages[mode];
      expect({ mode, error: report.error, errors: log.errors, warnings: log.warnings }).toEqual({
        mode,
        error: undefined,
        errors: [],
        warnings: [],
      });
      expect(report.info).toMatchObject({
        kind: 'wasm',
        platform: 'browser',
        threads,
        threadsRunning: threads,
        sharedMemory: threads === 2,
      });
      expect(report.matmulRelu!.small).toEqual([3, 0, 0, 4]);
      expect(report.matmulRelu!.maxError).toBeLessThan(1e-4);
    }
  });
});
