// `pnpm docs`: serves the site with live reload and prints its address. Generates the API reference first when
// it is missing or older than the package sources (regenerate it with `pnpm --filter docs api`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { readApiJson } from './api-model.mjs';
import { generateApi } from './api.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

if (!existsSync(`${root}.generated/public/api/index.html`) || !readApiJson()) {
  try {
    await generateApi();
  } catch (err) {
    console.warn(`docs: the API reference could not be generated; serving the site without it.\n${err.message ?? err}`);
  }
}
const port = Number(process.env.PORT ?? 5173);
const server = await createServer({ root, server: { port, host: process.env.HOST ?? '127.0.0.1' } });
await server.listen();
server.printUrls();
console.log(`\nRectify docs: ${server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`}  (Ctrl-C to stop)`);
