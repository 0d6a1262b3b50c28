// Generates the API reference with TypeDoc into .generated/public/api (vite copies it into the site). One module
// per package, named by its npm name; every exported symbol gets its own page. Type errors are tsc's job
// (skipErrorChecking), so a type error in a package being worked on does not stop the docs; a TypeDoc failure does,
// loudly, with a non-zero exit.
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReflectionKind } from 'typedoc';
import { apiStamp, convertApi, writeApiJson } from './api-model.mjs';

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

export async function generateApi() {
  const t0 = performance.now();
  const stamp = apiStamp();
  const { td, project } = await convertApi({
    navigationLinks: {
      'Docs home': `${SITE}index.html`,
      Activations: `${SITE}activations.html`,
      Playground: `${SITE}playground.html`,
    },
  });
  // The same model, as JSON, for the Activations page and the doctest (scripts/api-model.mjs).
  writeApiJson(td, project, stamp);
  // Tensor's chainable methods come from `extends MethodsOf<typeof table>` (a mapped type, not a page of its own).
  // TypeDoc's hierarchy page starts only from documented types, so a class extending such a type would drop out of
  // it while its own page still links there: keep only the parents that are documented classes or interfaces.
  for (const r of project.getReflectionsByKind(ReflectionKind.ClassOrInterface)) {
    if (r.extendedTypes)
      r.extendedTypes = r.extendedTypes.filter(
        (t) => t.type === 'reference' && t.reflection?.kindOf(ReflectionKind.ClassOrInterface),
      );
    if (r.extendedTypes?.length === 0) delete r.extendedTypes;
  }
  // The pages show no "Defined in" lines (they would name files of a checkout, not of the published packages).
  for (const r of Object.values(project.reflections)) delete r.sources;
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
