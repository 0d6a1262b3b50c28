import { readFile } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

/** Debian's chromium, installed by .ci/run; tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const packages = fileURLToPath(new URL('../../../', import.meta.url));
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html', '.map': 'application/json' };

const HTML = `<!doctype html><html><head><meta charset="utf-8">
<script type="importmap">{"imports": {"@rectify/tensor": "/tensor/dist/index.js", "@rectify/tensor/testing": "/tensor/dist/testing/index.js"}}</script>
<script type="module" src="/backend-wasm/test/browser/page.js"></script></head><body></body></html>`;

/**
 * Serves the workspace's built packages as they would be published (plain ES modules and .wasm files), with or
 * without the COOP/COEP headers that make a page cross-origin isolated (and give it SharedArrayBuffer).
 */
export async function serve(isolated: boolean): Promise<{ url: string; server: Server }> {
  const headers: Record<string, string> = isolated ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } : {};
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { ...headers, 'content-type': type });
      res.end(body);
    };
    if (path === '/') return send(200, 'text/html', HTML);
    if (path.includes('..') || !/^\/(tensor|backend-wasm)\//.test(path)) return send(404, 'text/plain', 'not found');
    readFile(packages + path.slice(1)).then(
      (body) => send(200, TYPES[extname(path)] ?? 'application/octet-stream', body),
      () => send(404, 'text/plain', 'not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

export interface PageReport {
  readonly info?: Record<string, unknown>;
  readonly conformance?: { count: number; failures: string[] };
  readonly losses?: number[];
  readonly crossOriginIsolated?: boolean;
  readonly error?: string;
}

/** Opens the page and waits for its report. */
export async function runPage(browser: Browser, url: string): Promise<{ report: PageReport; errors: string[] }> {
  const tab = await browser.newPage();
  const errors: string[] = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  try {
    await tab.goto(url);
    await tab.waitForFunction(() => 'rectifyReport' in globalThis, undefined, { timeout: 90_000 });
    const report = (await tab.evaluate(() => (globalThis as unknown as { rectifyReport: PageReport }).rectifyReport)) as PageReport;
    return { report, errors };
  } finally {
    await tab.close();
  }
}
