// Generates the API reference with TypeDoc into .generated/public/api (vite copies it into the site). One module
// per package, named by its npm name; every exported symbol gets its own page. Type errors are tsc's job
// (skipErrorChecking), so a type error in a package being worked on does not stop the docs; a TypeDoc failure does,
// loudly, with a non-zero exit.
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

const repo = resolve(app, '../..');

/**
 * Entry point (relative to the repository) → package name, for every package with a src/index.ts (and its
 * ./testing entry where it has one): a new package is documented without touching this file, a removed one
 * cannot break the build.
 */
export function apiPackages() {
  const entries = {};
  for (const dir of readdirSync(join(repo, 'packages')).sort((a, b) =>
    a === 'rectify' ? -1 : b === 'rectify' ? 1 : a < b ? -1 : 1,
  )) {
    const pkg = join(repo, 'packages', dir);
    if (!existsSync(join(pkg, 'src/index.ts')) || !existsSync(join(pkg, 'package.json'))) continue;
    const name = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).name;
    entries[`packages/${dir}/src/index.ts`] = name;
    if (existsSync(join(pkg, 'src/testing/index.ts')))
      entries[`packages/${dir}/src/testing/index.ts`] = `${name}/testing`;
  }
  return entries;
}

export async function generateApi() {
  const t0 = performance.now();
  const packages = apiPackages();
  const td = await Application.bootstrapWithPlugins({
    entryPoints: Object.keys(packages).map((p) => resolve(repo, p)),
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
    navigationLinks: {
      'Docs home': `${SITE}index.html`,
      Activations: `${SITE}activations.html`,
      Playground: `${SITE}playground.html`,
    },
    logLevel: LogLevel.Warn,
    validation: { notExported: false, invalidLink: true, notDocumented: false },
  });
  const project = await td.convert();
  if (!project) throw new Error('api: TypeDoc could not convert the packages (see the errors above)');
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
  for (const mod of project.getChildrenByKind(ReflectionKind.Module)) {
    // TypeDoc names a module by its entry's path below the entries' common folder, without '/index'.
    const name = packages[`packages/${mod.name}/index.ts`];
    if (!name) throw new Error(`api: cannot tell which package the module '${mod.name}' belongs to`);
    mod.name = name;
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
