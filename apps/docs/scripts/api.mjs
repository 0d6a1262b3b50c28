// Generates the API reference with TypeDoc into .generated/public/api (vite copies it into the site). One module
// per package, named by its npm name; every exported symbol gets its own page. Type errors are tsc's job
// (skipErrorChecking), so a type error in a package being worked on does not stop the docs; a TypeDoc failure does,
// loudly, with a non-zero exit.
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Application, LogLevel, ReflectionKind } from 'typedoc';

const app = fileURLToPath(new URL('..', import.meta.url));
const out = `${app}.generated/public/api`;

// TypeDoc copies navigation links verbatim onto every page, at every folder depth; a placeholder, replaced per
// file below by the right number of '../', keeps them relative (the site works from any sub-path).
const SITE = '__RECTIFY_SITE__/';

function relinkSite(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) relinkSite(path);
    else if (name.endsWith('.html')) {
      const depth = relative(out, path).split(sep).length; // api/index.html → 1: the site root is '../'
      const html = readFileSync(path, 'utf8');
      if (html.includes(SITE)) writeFileSync(path, html.replaceAll(SITE, '../'.repeat(depth)));
    }
  }
}

/** Entry point (relative to the repository) → package name. */
export const API_PACKAGES = {
  'packages/rectify/src/index.ts': 'rectify',
  'packages/tensor/src/index.ts': '@rectify/tensor',
  'packages/tensor/src/testing/index.ts': '@rectify/tensor/testing',
  'packages/autograd/src/index.ts': '@rectify/autograd',
  'packages/activations/src/index.ts': '@rectify/activations',
  'packages/initializers/src/index.ts': '@rectify/initializers',
  'packages/layers/src/index.ts': '@rectify/layers',
  'packages/backend-gpu/src/index.ts': '@rectify/backend-gpu',
  'packages/backend-wasm/src/index.ts': '@rectify/backend-wasm',
};

export async function generateApi() {
  const t0 = performance.now();
  const td = await Application.bootstrapWithPlugins({
    entryPoints: Object.keys(API_PACKAGES).map((p) => resolve(app, '../..', p)),
    entryPointStrategy: 'resolve',
    tsconfig: `${app}tsconfig.typedoc.json`,
    out,
    name: 'Rectify API reference',
    readme: 'none',
    skipErrorChecking: true,
    excludePrivate: true,
    excludeInternal: true,
    disableSources: true,
    githubPages: false,
    navigationLinks: { 'Docs home': `${SITE}index.html`, Activations: `${SITE}activations.html`, Playground: `${SITE}playground.html` },
    logLevel: LogLevel.Warn,
    validation: { notExported: false, invalidLink: true, notDocumented: false },
  });
  const project = await td.convert();
  if (!project) throw new Error('api: TypeDoc could not convert the packages (see the errors above)');
  for (const mod of project.getChildrenByKind(ReflectionKind.Module)) {
    const entry = Object.keys(API_PACKAGES).find((p) => mod.sources?.[0]?.fullFileName.endsWith(p) || p.startsWith(`packages/${mod.name}`));
    if (entry) mod.name = API_PACKAGES[entry];
  }
  rmSync(out, { recursive: true, force: true });
  await td.generateDocs(project, out);
  relinkSite(out);
  if (td.logger.hasErrors()) throw new Error('api: TypeDoc reported errors (see above)');
  const modules = project.getChildrenByKind(ReflectionKind.Module).length;
  console.log(`api: ${modules} packages documented in ${out} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  generateApi().catch((err) => {
    console.error(`\n*** docs: the API reference could not be generated ***\n${err.stack ?? err}`);
    process.exit(1);
  });
}
