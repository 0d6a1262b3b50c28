import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type PageLog,
  type StaticServer,
  launchChromium,
  runPage,
  serveStatic,
  skipBrowserTests,
} from '../../../integration/support/browser.js';

/**
 * `map(fn, { worker: true })` in headless Chromium: the browser entry of @rectify/data bundled as a user's esbuild
 * would (--platform=browser), and a page that maps on web workers — a function sent as text, a module function,
 * an error — while counting the Worker objects it starts and terminates.
 */
const PAGE = `<!doctype html><script type="module">
const started = { n: 0, live: 0 };
const Base = globalThis.Worker;
globalThis.Worker = class extends Base {
  constructor(...args) { super(...args); started.n++; started.live++; }
  terminate() { started.live--; super.terminate(); }
};
const data = await import('./data.js');
const report = {};
try {
  const range = data.array(Array.from({ length: 16 }, (_, i) => i));
  // Later elements finish first: element i busy-waits 16 - i ms.
  const slow = (i) => { const until = Date.now() + (16 - i); while (Date.now() < until); return { xs: Float32Array.of(i, i * i), ys: i % 3 }; };
  const out = await range.map(slow, { parallel: 3, worker: true }).toArray();
  report.out = out.map((e) => ({ xs: Array.from(e.xs), type: e.xs.constructor.name, ys: e.ys }));
  const [batch] = await range.map(slow, { parallel: 2, worker: true }).batch(16).toArray();
  report.batchShape = batch.xs.shape;
  const prepare = data.moduleFunction(new URL('./prep.js', location.href), 'prepare');
  report.viaModule = await range.take(3).map(prepare, { parallel: 2, worker: true }).toArray();
  const k = 2;
  try {
    await range.map((x) => x * k, { parallel: 2, worker: true }).toArray();
  } catch (e) {
    report.error = { name: e.name, op: e.op, index: e.index, message: e.message };
  }
  report.workers = { ...started };
} catch (e) {
  report.failure = String(e && e.stack || e);
}
globalThis.report = report;
</script>`;

const PREP = `export const OFFSET = 100;\nexport function prepare(x) { return x + OFFSET; }\n`;

interface Report {
  out?: Array<{ xs: number[]; type: string; ys: number }>;
  batchShape?: number[];
  viaModule?: number[];
  error?: { name: string; op: string; index: number; message: string };
  workers?: { n: number; live: number };
  failure?: string;
}

describe.skipIf(skipBrowserTests())('rf.data map on web workers in headless Chromium', () => {
  let browser: Browser | undefined;
  let server: StaticServer | undefined;
  let result: { report: Report; log: PageLog };

  beforeAll(async () => {
    const bundle = await build({
      entryPoints: [fileURLToPath(new URL('../src/index.ts', import.meta.url))],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
    });
    server = await serveStatic({
      root: fileURLToPath(new URL('.', import.meta.url)),
      files: { '/': PAGE, '/data.js': bundle.outputFiles[0]!.text, '/prep.js': PREP },
    });
    browser = await launchChromium();
    result = await runPage<Report>(browser, server.url, 'report');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('maps on workers with results in input order, typed arrays intact, and batch stacks them', () => {
    const { report, log } = result;
    expect({ failure: report.failure, errors: log.errors }).toEqual({ failure: undefined, errors: [] });
    expect(report.out).toEqual(
      Array.from({ length: 16 }, (_, i) => ({ xs: [i, i * i], type: 'Float32Array', ys: i % 3 })),
    );
    expect(report.batchShape).toEqual([16, 2]);
  });

  it('imports a module function in the workers', () => {
    expect(result.report.viaModule).toEqual([100, 101, 102]);
  });

  it('reports a function that closes over a variable as a DatasetError naming the element and the option', () => {
    expect(result.report.error).toMatchObject({ name: 'DatasetError', op: 'map', index: 0 });
    expect(result.report.error!.message).toMatch(
      /^map: the function threw on element 0: ReferenceError: k is not defined — with \{ worker: true \}/,
    );
  });

  it('terminates every worker it started, after finishing and after failing', () => {
    expect(result.report.workers).toEqual({ n: 9, live: 0 });
  });
});
