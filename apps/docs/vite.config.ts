import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { sourceAliases } from './src/build/aliases.js';
import { linkCheck } from './src/build/link-check-plugin.js';
import { nodeShims } from './src/build/node-shims.js';
import { pagesPlugin } from './src/build/pages-plugin.js';
import { pages } from './src/site/pages.js';

const root = fileURLToPath(new URL('.', import.meta.url));
const alias = sourceAliases();

export default defineConfig({
  root,
  // Relative asset URLs: the built site works from any folder or sub-path, and from file:// for a quick look.
  base: './',
  // TypeDoc writes the API reference here (scripts/api.mjs); vite serves it in dev and copies it into dist.
  publicDir: '.generated/public',
  resolve: { alias },
  plugins: [nodeShims(), pagesPlugin({ root, slugs: pages.map((p) => p.slug), aliases: alias }), linkCheck(`${root}dist`)],
  // @rectify/backend-gpu awaits gpu.js at the top level of its module.
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  optimizeDeps: { esbuildOptions: { target: 'es2022' } },
  esbuild: { target: 'es2022' },
  server: { port: 5173 },
});
