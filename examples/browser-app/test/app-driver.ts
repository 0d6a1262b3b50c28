import type { Browser, Page } from 'playwright-core';
import {
  type PageLog,
  type StaticServerOptions,
  recordConsole,
  serveStatic,
} from '../../../integration/support/browser.js';

export const BACKENDS = ['cpu', 'wasm', 'gpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** What the app showed for one backend: its `info`, the loss per epoch, and predictions before and after reload. */
export interface BackendRun {
  readonly info: Record<string, unknown> & { name: string };
  readonly losses: number[];
  readonly trained: number[];
  readonly reloaded: number[];
}

export interface AppRun {
  readonly crossOriginIsolated: boolean;
  readonly hardwareConcurrency: number;
  readonly backends: Record<BackendName, BackendRun>;
  readonly log: PageLog;
  /** Requests answered with an error status (a missing .wasm or worker file shows up here). */
  readonly failedRequests: string[];
}

/** Waits until the app reaches `state` (its <body data-state>); an 'error' state fails with the app's message. */
async function reach(page: Page, state: string): Promise<void> {
  const handle = await page.waitForFunction(
    (s) => {
      const current = document.body.dataset['state'];
      return current === s || current === 'error' ? current : false;
    },
    state,
    { timeout: 120_000 },
  );
  if ((await handle.jsonValue()) === 'error') throw new Error(`browser app: ${await page.textContent('#status')}`);
}

const text = async (page: Page, selector: string) => (await page.textContent(selector)) ?? '';

/**
 * Uses the app as a person would, in a fresh browser context (so a fresh IndexedDB): for each backend, pick it in
 * the menu, train, save to IndexedDB, load back; reads what the page shows after each step.
 */
export async function driveApp(browser: Browser, url: string): Promise<AppRun> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const log = recordConsole(page);
  const failedRequests: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failedRequests.push(`${r.status()} ${r.url()}`);
  });
  try {
    await page.goto(url);
    await reach(page, 'ready');
    const backends = {} as Record<BackendName, BackendRun>;
    for (const name of BACKENDS) {
      if ((await page.inputValue('#backend')) !== name) {
        await page.selectOption('#backend', name);
        await reach(page, 'ready');
      }
      const info = JSON.parse(await text(page, '#backend-info')) as BackendRun['info'];
      await page.click('#train');
      await reach(page, 'trained');
      const losses = await page.$$eval('#losses li', (items) =>
        items.map((li) => Number((li as HTMLElement).dataset['loss'])),
      );
      await page.click('#save');
      await reach(page, 'saved');
      await page.click('#load');
      await reach(page, 'loaded');
      const trained = JSON.parse(await text(page, '#predictions-trained')) as number[];
      const reloaded = JSON.parse(await text(page, '#predictions-loaded')) as number[];
      backends[name] = { info, losses, trained, reloaded };
    }
    const env = await page.evaluate(() => ({
      crossOriginIsolated: globalThis.crossOriginIsolated,
      hardwareConcurrency: navigator.hardwareConcurrency,
    }));
    return { ...env, backends, log, failedRequests };
  } finally {
    await context.close();
  }
}

export type Isolation = 'isolated' | 'plain';

/**
 * Serves the same files twice — cross-origin isolated (COOP/COEP headers) and plain — and visits each in turn.
 * @example const runs = await withAndWithoutIsolation({ root: dist }, (url) => driveApp(browser, url));
 */
export async function withAndWithoutIsolation<T>(
  options: Omit<StaticServerOptions, 'isolated'>,
  visit: (url: string) => Promise<T>,
): Promise<Record<Isolation, T>> {
  const runs: Partial<Record<Isolation, T>> = {};
  for (const [key, isolated] of [
    ['isolated', true],
    ['plain', false],
  ] as const) {
    const server = await serveStatic({ ...options, isolated });
    try {
      runs[key] = await visit(server.url);
    } finally {
      await server.close();
    }
  }
  return runs as Record<Isolation, T>;
}
