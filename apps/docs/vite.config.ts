import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { sourceAliases } from './src/vite-plugins/aliases.js';
import { linkCheck } from './src/vite-plugins/link-check-plugin.js';
import { pagesPlugin } from './src/vite-plugins/pages-plugin.js';
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
  plugins: [pagesPlugin({ root, slugs: pages.map((p) => p.slug), aliases: alias }), linkCheck()],
  // @rectify/backend-gpu awaits gpu.js at the top level of its module.
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  // Pre-bundled at start-up: found later (they are imported lazily), they would make vite reload the page.
  optimizeDeps: {
    include: ['sucrase', '@rectify/backend-gpu > gpu.js', '@rectify/backend-gpu > acorn'],
    esbuildOptions: { target: 'es2022' },
  },
  // keepNames: Rectify's errors take their `name` from their class (`new.target.name`); minified class names would
  // turn 'ShapeError: matmul: …' into 'a: matmul: …' in the page.
  esbuild: { target: 'es2022', keepNames: true },
  server: { port: 5173 },
});
