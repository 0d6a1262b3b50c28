import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readApiJson } from '../../scripts/api-model.mjs';
import { type StaticServer, serveStatic } from '../../../../integration/support/browser.js';

export { CHROMIUM, CHROMIUM_ARGS, launchChromium } from '../../../../integration/support/browser.js';

export const APP_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Builds the site into a fresh temporary folder with vite (the link check runs as the build's last step). The API
 * reference (and its JSON model) is generated first when missing or stale (`pnpm build` normally made it).
 */
export async function buildSite(): Promise<string> {
  if (!existsSync(`${APP_ROOT}.generated/public/api/index.html`) || !readApiJson()) {
    const { generateApi } = (await import(`${APP_ROOT}scripts/api.mjs`)) as { generateApi: () => Promise<void> };
    await generateApi();
  }
  const outDir = mkdtempSync(join(tmpdir(), 'rectify-docs-'));
  const { build } = await import('vite');
  await build({ root: APP_ROOT, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return outDir;
}

/** A static file server for `dir` on 127.0.0.1 at a free port. */
export function serve(dir: string): Promise<StaticServer> {
  return serveStatic({ root: dir });
}
