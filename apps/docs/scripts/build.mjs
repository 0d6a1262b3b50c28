// `pnpm --filter docs build`: the API reference (TypeDoc), then the site (vite build), whose last step fails the
// build on any broken internal link. Output: apps/docs/dist.
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { generateApi } from './api.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

try {
  await generateApi();
  await build({ root, logLevel: 'warn' });
  console.log(`docs: site built in ${root}dist`);
} catch (err) {
  console.error(`\n*** docs: build failed ***\n${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
