import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, type PageReport, launchChromium, runPage, serve } from './browser/harness.js';

/**
 * The built package in headless Chromium, loaded as published (ES modules + .wasm over HTTP): once from a
 * cross-origin isolated page (shared memory, worker threads) and once from a plain page (one thread, and info says
 * why). Each page runs the whole conformance suite against the cpu backend and a few training steps.
 */
const missing = !existsSync(CHROMIUM);
const skip = missing && !process.env.CI;
if (skip) console.warn(`browser test skipped: ${CHROMIUM} is missing (apt-get install -y chromium); under CI it is required`);

describe.skipIf(skip)('wasm backend in headless Chromium', () => {
  let browser: Browser | undefined;
  const servers: Server[] = [];
  const reports: Record<'isolated' | 'plain', { report: PageReport; errors: string[] }> = {} as never;

  beforeAll(async () => {
    if (missing) throw new Error(`${CHROMIUM} is missing; .ci/run installs it with apt-get install -y chromium`);
    browser = await launchChromium();
    for (const mode of ['isolated', 'plain'] as const) {
      const { url, server } = await serve(mode === 'isolated');
      servers.push(server);
      reports[mode] = await runPage(browser, url);
    }
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    for (const s of servers) s.close();
  });

  it('loads with await ready("wasm") and runs on worker threads over shared memory when cross-origin isolated', () => {
    const { report, errors } = reports.isolated;
    expect({ error: report.error, errors }).toEqual({ error: undefined, errors: [] });
    expect(report.crossOriginIsolated).toBe(true);
    expect(report.info).toMatchObject({ kind: 'wasm', sharedMemory: true, threadsRunning: report.info!.threads });
    expect(report.info!.threads as number).toBeGreaterThanOrEqual(1);
  });

  it('falls back to one thread on a page that is not cross-origin isolated, and says so in info', () => {
    const { report, errors } = reports.plain;
    expect({ error: report.error, errors }).toEqual({ error: undefined, errors: [] });
    expect(report.crossOriginIsolated).toBe(false);
    expect(report.info).toMatchObject({ kind: 'wasm', sharedMemory: false, threads: 1, threadsRunning: 1 });
    expect(report.info!.singleThreadReason).toBe(
      'one thread only: the page is not cross-origin isolated (serve it with COOP: same-origin and COEP: require-corp)',
    );
  });

  it('passes the conformance suite in both pages', () => {
    for (const mode of ['isolated', 'plain'] as const) {
      const c = reports[mode].report.conformance!;
      expect(c.count).toBeGreaterThan(300);
      expect({ mode, failures: c.failures }).toEqual({ mode, failures: [] });
    }
  });

  it('trains: the loss falls step after step', () => {
    for (const mode of ['isolated', 'plain'] as const) {
      const losses = reports[mode].report.losses!;
      expect(losses).toHaveLength(5);
      losses.slice(1).forEach((l, i) => expect(l).toBeLessThan(losses[i]!));
    }
  });
});
