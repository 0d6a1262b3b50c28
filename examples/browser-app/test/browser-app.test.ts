import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, skipBrowserTests } from '../../../integration/support/browser.js';
import { type AppRun, BACKENDS, type Isolation, driveApp, withAndWithoutIsolation } from './app-driver.js';
import { APP_ROOT, missingFeatures } from './features.js';

/**
 * The example app, built with stock `vite build` (its own folder, no config file, no alias) and served twice over
 * node:http — with the COOP/COEP headers that make it cross-origin isolated, and without — then used in headless
 * Chromium on all three backends: train, save to IndexedDB, load back.
 */
const missing = await missingFeatures();
if (missing.length) console.warn(`browser-app test skipped: the built packages lack ${missing.join('; ')}`);

describe.skipIf(skipBrowserTests() || missing.length > 0)('examples/browser-app (vite build) in Chromium', () => {
  let dist = '';
  let buildLog = '';
  let browser: Browser | undefined;
  let runs: Record<Isolation, AppRun>;

  beforeAll(async () => {
    dist = await mkdtemp(join(tmpdir(), 'rectify-browser-app-'));
    const vite = join(APP_ROOT, 'node_modules/vite/bin/vite.js');
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [vite, 'build', '--outDir', dist, '--emptyOutDir'],
      { cwd: APP_ROOT },
    );
    buildLog = stdout + stderr;
    browser = await launchChromium();
    runs = await withAndWithoutIsolation({ root: dist }, (url) => driveApp(browser!, url));
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    if (dist) await rm(dist, { recursive: true, force: true });
  });

  it("vite build emits the wasm backend's .wasm files, and warns about no missing source-map sources", async () => {
    const assets = await readdir(join(dist, 'assets'));
    expect(assets.filter((f) => f.endsWith('.wasm')).length).toBeGreaterThan(0);
    expect(buildLog).not.toMatch(/points to missing source files|Failed to load source map|__vite-browser-external/);
  });

  for (const key of ['isolated', 'plain'] as const) {
    describe(key === 'isolated' ? 'served with COOP/COEP (cross-origin isolated)' : 'served without COOP/COEP', () => {
      it('the page is isolated exactly when the headers are sent', () => {
        expect(runs[key].crossOriginIsolated).toBe(key === 'isolated');
      });

      it('trains on cpu, wasm and gpu: each backend is the one in use, and the loss falls below half its first value', () => {
        for (const name of BACKENDS) {
          const { info, losses } = runs[key].backends[name];
          console.log(
            `browser-app (${key}) ${name}: loss ${losses[0]!.toFixed(4)} → ${losses.at(-1)!.toFixed(4)} over ${losses.length} epochs`,
          );
          expect(info.name).toBe(name);
          expect(losses.length).toBe(12);
          expect(losses.every(Number.isFinite)).toBe(true);
          expect(losses.at(-1)!).toBeLessThan(losses[0]! / 2);
        }
      });

      it("wasm and gpu follow the cpu backend's loss curve (same seed, same batches)", () => {
        const cpu = runs[key].backends.cpu.losses;
        for (const name of ['wasm', 'gpu'] as const) {
          runs[key].backends[name].losses.forEach((l, i) =>
            expect({ name, i, close: Math.abs(l - cpu[i]!) <= 1e-3 * Math.max(1, cpu[i]!) }).toEqual({
              name,
              i,
              close: true,
            }),
          );
        }
      });

      it(
        key === 'isolated' ? 'the wasm backend runs one thread per core (2 on CI)' : 'the wasm backend runs 1 thread',
        () => {
          const { backends, hardwareConcurrency } = runs[key];
          expect(backends.wasm.info['threads']).toBe(key === 'isolated' ? hardwareConcurrency : 1);
          if (key === 'isolated') expect(hardwareConcurrency).toBeGreaterThanOrEqual(2);
        },
      );

      it('save to IndexedDB → load gives identical predictions on every backend', () => {
        for (const name of BACKENDS) {
          const { trained, reloaded } = runs[key].backends[name];
          expect(trained.length).toBe(8);
          expect(trained.every((p) => p >= 0 && p <= 1)).toBe(true);
          expect({ name, reloaded }).toEqual({ name, reloaded: trained });
        }
      });

      it('logs no console error and no failed request', () => {
        expect(runs[key].log.errors).toEqual([]);
        expect(runs[key].failedRequests).toEqual([]);
      });
    });
  }
});
