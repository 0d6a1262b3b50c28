import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PageLog, launchChromium, skipBrowserTests } from '../../../integration/support/browser.js';
import { type Mode, type PageReport, runIsolatedAndPlain, servePackages } from './browser/harness.js';

/**
 * The built package in headless Chromium, loaded CDN-style (`<script type="module">`, an import map, no bundler):
 * once from a cross-origin isolated page (COOP/COEP: shared memory, two worker threads) and once from a plain page
 * (one thread, one console note saying how to get threads). Each page checks relu(matmul), runs the whole
 * conformance suite against the cpu backend and trains a few steps.
 */
const ENABLE_THREADS =
  'serve the page with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp to enable threads';

describe.skipIf(skipBrowserTests())('wasm backend in headless Chromium, from <script type="module">', () => {
  let browser: Browser | undefined;
  let pages: Record<Mode, { report: PageReport; log: PageLog }>;

  beforeAll(async () => {
    browser = await launchChromium();
    pages = await runIsolatedAndPlain(browser, servePackages);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('runs on two worker threads over shared memory when the page is cross-origin isolated, silently', () => {
    const { report, log } = pages.isolated;
    expect({ error: report.error, errors: log.errors, warnings: log.warnings }).toEqual({
      error: undefined,
      errors: [],
      warnings: [],
    });
    expect(report.crossOriginIsolated).toBe(true);
    expect(report.info).toMatchObject({
      kind: 'wasm',
      platform: 'browser',
      sharedMemory: true,
      threads: 2,
      threadsRunning: 2,
    });
    expect(report.info!.singleThreadReason).toBeUndefined();
    expect(log.infos.filter((m) => m.startsWith('wasm backend'))).toEqual([]);
  });

  it('runs on one thread on a plain page, says once on the console how to enable threads, and info says why', () => {
    const { report, log } = pages.plain;
    expect({ error: report.error, errors: log.errors, warnings: log.warnings }).toEqual({
      error: undefined,
      errors: [],
      warnings: [],
    });
    expect(report.crossOriginIsolated).toBe(false);
    expect(report.info).toMatchObject({
      kind: 'wasm',
      platform: 'browser',
      sharedMemory: false,
      threads: 1,
      threadsRunning: 1,
    });
    expect(report.info!.singleThreadReason).toBe(
      `one thread only: the page is not cross-origin isolated: ${ENABLE_THREADS}`,
    );
    expect(log.infos.filter((m) => m.startsWith('wasm backend'))).toEqual([
      `wasm backend: running on one thread because the page is not cross-origin isolated: ${ENABLE_THREADS}.`,
    ]);
  });

  it('reports the SIMD flavour: Chromium has relaxed SIMD, so the fused multiply-add build runs', () => {
    for (const mode of ['isolated', 'plain'] as const) {
      expect(pages[mode].report.info).toMatchObject({ simd: 'relaxed-simd (fused multiply-add)', relaxedSimd: true });
    }
  });

  it('computes relu(matmul) correctly on both pages', () => {
    for (const mode of ['isolated', 'plain'] as const) {
      const { small, maxError } = pages[mode].report.matmulRelu!;
      expect({ mode, small }).toEqual({ mode, small: [3, 0, 0, 4] });
      expect(maxError).toBeLessThan(1e-4);
    }
  });

  it('passes the conformance suite in both pages', () => {
    for (const mode of ['isolated', 'plain'] as const) {
      const c = pages[mode].report.conformance!;
      expect(c.count).toBeGreaterThan(300);
      expect({ mode, failures: c.failures }).toEqual({ mode, failures: [] });
    }
  });

  it('trains: the loss falls step after step', () => {
    for (const mode of ['isolated', 'plain'] as const) {
      const losses = pages[mode].report.losses!;
      expect(losses).toHaveLength(5);
      losses.slice(1).forEach((l, i) => expect(l).toBeLessThan(losses[i]!));
    }
  });
});
