import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { type PageLog, type StaticServer, runPage, serveStatic } from '../../../../integration/support/browser.js';

const packages = fileURLToPath(new URL('../../../', import.meta.url));

// A CDN-style page: no bundler, the built files as published, bare names resolved by an import map.
const HTML = `<!doctype html><html><head><meta charset="utf-8">
<script type="importmap">{"imports": {
  "@rectify/tensor": "/tensor/dist/index.js",
  "@rectify/tensor/testing": "/tensor/dist/testing/index.js",
  "@rectify/autograd": "/autograd/dist/index.js",
  "@rectify/activations": "/activations/dist/index.js",
  "@rectify/backend-wasm": "/backend-wasm/dist/index.js"
}}</script>
<script type="module" src="/backend-wasm/test/browser/page.js"></script></head><body></body></html>`;

/** Serves the workspace's built packages with the test page at '/', cross-origin isolated or not. */
export function servePackages(isolated: boolean): Promise<StaticServer> {
  return serveStatic({ root: packages, isolated, files: { '/': HTML } });
}

/** What page.js (and the scratch Vite app) report on globalThis.rectifyReport. */
export interface PageReport {
  readonly info?: Record<string, unknown>;
  readonly conformance?: { count: number; failures: string[] };
  readonly losses?: number[];
  /** relu([[1,-2],[3,4]]·[[1,0],[-1,1]]) and the largest error of a 96×80·80×64 relu(matmul) against float64. */
  readonly matmulRelu?: { small: number[]; maxError: number };
  readonly crossOriginIsolated?: boolean;
  readonly error?: string;
}

export type Mode = 'isolated' | 'plain';

/**
 * Opens the page that `serve` serves twice — cross-origin isolated (COOP/COEP) and plain — and returns both reports
 * with their console logs. Each server is closed once its page has reported.
 */
export async function runIsolatedAndPlain(
  browser: Browser,
  serve: (isolated: boolean) => Promise<StaticServer>,
): Promise<Record<Mode, { report: PageReport; log: PageLog }>> {
  const pages = {} as Record<Mode, { report: PageReport; log: PageLog }>;
  for (const mode of ['isolated', 'plain'] as const) {
    const server = await serve(mode === 'isolated');
    try {
      pages[mode] = await runPage<PageReport>(browser, server.url, 'rectifyReport');
    } finally {
      await server.close();
    }
  }
  return pages;
}
