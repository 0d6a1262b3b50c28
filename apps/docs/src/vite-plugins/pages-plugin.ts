import { resolve } from 'node:path';
import { type Plugin, type ViteDevServer, createServer } from 'vite';
import { apiModel } from '../../scripts/api-model.mjs';

type Renderer = { renderPage(slug: string): string; pages: readonly { slug: string }[] };

const RENDERER = '/src/site/render-page.ts';

/**
 * Renders the markdown pages through a Vite SSR module graph, so that the page generator can import the
 * framework's TypeScript sources (the Activations page reads the activation registry) with the same aliases as
 * the browser bundle. In `build` a short-lived server does the loading.
 */
async function withRenderer<T>(server: ViteDevServer, fn: (r: Renderer) => T): Promise<T> {
  await apiModel(); // the Activations page reads TypeDoc's model: convert again if a doc comment changed
  return fn((await server.ssrLoadModule(RENDERER)) as Renderer);
}

/**
 * Multi-page Vite: every page of src/site/pages.ts becomes `<slug>.html`, rendered from content/<slug>.md when
 * requested (dev) or as a build input (build). Each page loads /src/client/main.ts, which mounts examples and the
 * playground where the page has them.
 * @example pagesPlugin({ root, slugs: pages.map((p) => p.slug), aliases: sourceAliases() })
 */
export function pagesPlugin(options: { root: string; slugs: readonly string[]; aliases: unknown }): Plugin {
  const { root, slugs } = options;
  const ids = new Map(slugs.map((s) => [resolve(root, `${s}.html`), s]));
  // In build, one short-lived server for all pages (they render concurrently: share the promise, not the result).
  let loader: Promise<ViteDevServer> | undefined;
  let owned = false;

  const render = async (slug: string): Promise<string> => {
    if (!loader) {
      owned = true;
      loader = createServer({
        configFile: false,
        root,
        logLevel: 'warn',
        resolve: { alias: options.aliases as never },
        server: { middlewareMode: true, hmr: false, ws: false, watch: null },
        appType: 'custom',
        optimizeDeps: { noDiscovery: true, include: [] },
      });
    }
    return withRenderer(await loader, (r) => r.renderPage(slug));
  };

  return {
    name: 'rectify-docs:pages',
    config: () => ({
      build: { rollupOptions: { input: Object.fromEntries([...ids].map(([id, slug]) => [slug, id])) } },
    }),
    resolveId: (id) => (ids.has(id) ? id : null),
    load: (id) => {
      const slug = ids.get(id);
      return slug === undefined ? null : render(slug);
    },
    async closeBundle() {
      if (owned) await (await loader)?.close();
      loader = undefined;
      owned = false;
    },
    configureServer(server) {
      loader = Promise.resolve(server);
      server.watcher.add(resolve(root, 'content'));
      server.watcher.on('change', (file) => {
        if (file.endsWith('.md')) server.ws.send({ type: 'full-reload' });
      });
      server.middlewares.use(async (req, res, next) => {
        const path = (req.url ?? '/').split('?')[0]!;
        const slug = path === '/' ? 'index' : /^\/([\w-]+)(\.html)?$/.exec(path)?.[1];
        if (!slug || !slugs.includes(slug)) return next();
        try {
          const html = await server.transformIndexHtml(path, await withRenderer(server, (r) => r.renderPage(slug)));
          res.setHeader('content-type', 'text/html; charset=utf-8');
          res.end(html);
        } catch (err) {
          server.ssrFixStacktrace(err as Error);
          next(err);
        }
      });
    },
  };
}
