// What every browser test in the repo shares: Debian's Chromium launched through playwright-core (tests never
// download a browser) and a static file server on 127.0.0.1 that can make its pages cross-origin isolated.
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';

/** Debian's chromium, installed by scripts/ensure-test-deps.mjs (.ci/run). */
export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

/** Whether browser tests must be skipped here: no Chromium outside CI (under CI a missing Chromium is a failure). */
export function skipBrowserTests(): boolean {
  const skip = !existsSync(CHROMIUM) && !process.env.CI;
  if (skip)
    console.warn(`browser test skipped: ${CHROMIUM} is missing (apt-get install -y chromium); under CI it is required`);
  return skip;
}

/** Launches headless Chromium; throws a clear error where it is missing. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing; .ci/run installs it with apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/** The headers that make a page cross-origin isolated, which browsers require before they hand out SharedArrayBuffer. */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
};

export interface StaticServerOptions {
  /** Folder served at '/'; a folder's index.html answers for the folder. */
  readonly root: string;
  /** Send the COOP/COEP headers, so pages are cross-origin isolated. */
  readonly isolated?: boolean;
  /** In-memory files by URL path (e.g. `{ '/': html }`), served ahead of the folder. */
  readonly files?: Readonly<Record<string, string>>;
}

export interface StaticServer {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

async function fileFor(root: string, pathname: string): Promise<string | null> {
  const file = resolve(join(root, decodeURIComponent(pathname)));
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  const info = await stat(file).catch(() => null);
  if (info?.isDirectory()) return fileFor(root, join(pathname, 'index.html'));
  return info?.isFile() ? file : null;
}

/**
 * Serves `root` (plus in-memory `files`) on 127.0.0.1 at a free port, with or without cross-origin isolation.
 * Unknown paths are 404s; `/favicon.ico` is an empty 204, so pages log no error for it.
 * @example const { url, close } = await serveStatic({ root: distDir, isolated: true });
 */
export async function serveStatic(options: StaticServerOptions): Promise<StaticServer> {
  const root = resolve(options.root);
  const headers = options.isolated ? ISOLATION_HEADERS : {};
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { ...headers, 'content-type': type });
      res.end(body);
    };
    const inMemory = options.files?.[pathname];
    if (inMemory !== undefined) return send(200, TYPES[extname(pathname)] ?? TYPES['.html']!, inMemory);
    if (pathname === '/favicon.ico') return send(204, 'text/plain', '');
    fileFor(root, pathname)
      .then((file) =>
        file
          ? readFile(file).then((body) => send(200, TYPES[extname(file)] ?? 'application/octet-stream', body))
          : send(404, 'text/plain', 'not found'),
      )
      .catch(() => send(500, 'text/plain', 'server error'));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    server,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** What a page said on its console and what it threw, by kind. */
export interface PageLog {
  readonly errors: string[];
  readonly warnings: string[];
  readonly infos: string[];
}

/** Records console messages and uncaught errors of `page`. */
export function recordConsole(page: Page): PageLog {
  const log: PageLog = { errors: [], warnings: [], infos: [] };
  page.on('pageerror', (e) => log.errors.push(e.message));
  page.on('console', (m) => {
    const kind = m.type();
    if (kind === 'error') log.errors.push(m.text());
    else if (kind === 'warning') log.warnings.push(m.text());
    else if (kind === 'info' || kind === 'log') log.infos.push(m.text());
  });
  return log;
}

/**
 * Opens `url` in a new tab and waits until the page sets `globalThis[key]`, then returns it with the console log.
 * @example const { report, log } = await runPage(browser, url, 'rectifyReport');
 */
export async function runPage<T>(
  browser: Browser,
  url: string,
  key: string,
  timeoutMs = 60_000,
): Promise<{ report: T; log: PageLog }> {
  const page = await browser.newPage();
  const log = recordConsole(page);
  try {
    await page.goto(url);
    await page.waitForFunction((k) => k in globalThis, key, { timeout: timeoutMs });
    const report = (await page.evaluate((k) => (globalThis as unknown as Record<string, unknown>)[k], key)) as T;
    return { report, log };
  } finally {
    await page.close();
  }
}
