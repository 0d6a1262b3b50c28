import { existsSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

export { CHROMIUM, CHROMIUM_ARGS, launchChromium } from '../../../../integration/support/browser.js';

const packages = fileURLToPath(new URL('../../../', import.meta.url));

/** Workspace package names → their TypeScript sources, as vitest resolves them (tests never see stale builds). */
function sourceOf(id: string): string | null {
  const m = /^@rectify\/([a-z-]+)(\/testing)?$/.exec(id);
  if (!m) return null;
  const file = `${packages}${m[1]}/src/${m[2] ? 'testing/index.ts' : 'index.ts'}`;
  return existsSync(file) ? file : null;
}

/** Bundles the page script and everything it imports (gpu.js's browser build included) into one ES module. */
export async function bundlePage(): Promise<string> {
  const bundle = await rolldown({
    input: fileURLToPath(new URL('./page.ts', import.meta.url)),
    platform: 'browser',
    logLevel: 'warn',
    plugins: [{ name: 'rectify-sources', resolveId: (id: string) => sourceOf(id) }],
  });
  const { output } = await bundle.generate({ format: 'esm', codeSplitting: false });
  await bundle.close();
  return output[0].code;
}

/** Serves the page and its script on 127.0.0.1 at a free port. */
export async function servePage(script: string): Promise<{ url: string; server: Server }> {
  const html =
    '<!doctype html><html><head><meta charset="utf-8"><script type="module" src="/page.js"></script></head><body></body></html>';
  const server = createServer((req, res) => {
    const js = req.url === '/page.js';
    // Anything else (the browser asks for /favicon.ico) is an empty 204, not a logged 404.
    res.writeHead(js || req.url === '/' ? 200 : 204, { 'content-type': js ? 'text/javascript' : 'text/html' });
    res.end(js ? script : req.url === '/' ? html : '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}
