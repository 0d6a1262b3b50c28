// TypeDoc's model of the public API, converted once and shared: the API reference pages (api.mjs), the Activations
// page (src/site/doc-comments.ts) and the doctest that runs every @example (integration/doc-examples) all read it,
// so no doc comment is ever parsed a second way. The JSON is cached in .generated/api.json, stamped with a hash of
// every package source it was made from: a stale cache is never read, a fresh one costs no conversion.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const app = fileURLToPath(new URL('..', import.meta.url));
const repo = resolve(app, '../..');
export const API_JSON = `${app}.generated/api.json`;

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

/** The TypeScript sources under `dir`, recursively, in a stable order. */
function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return sourceFiles(path);
      return e.name.endsWith('.ts') ? [path] : [];
    });
}

/** A hash of everything the model is made from: package sources, the TypeDoc settings, this file, TypeDoc's version. */
export function apiStamp() {
  const hash = createHash('sha256');
  const typedocVersion = JSON.parse(
    readFileSync(fileURLToPath(import.meta.resolve('typedoc/package.json')), 'utf8'),
  ).version;
  hash.update(typedocVersion);
  for (const file of [fileURLToPath(import.meta.url), `${app}tsconfig.typedoc.json`]) hash.update(readFileSync(file));
  for (const dir of readdirSync(join(repo, 'packages')).sort()) {
    const src = join(repo, 'packages', dir, 'src');
    if (!existsSync(src)) continue;
    for (const file of sourceFiles(src)) hash.update(file.slice(repo.length)).update(readFileSync(file));
  }
  return hash.digest('hex');
}

/**
 * Converts every package with TypeDoc. Returns the application (to render HTML with) and the project, whose
 * modules are named by npm name (`@rectify/tensor`, `@rectify/tensor/testing`). Reflections keep their sources
 * (file and line, relative to the repository) for the JSON; the HTML pages are rendered without them.
 */
export async function convertApi(extraOptions = {}) {
  // Loaded here, not at the top: readers of the cached JSON (the site's pages) need none of TypeDoc.
  const { Application, LogLevel, ReflectionKind } = await import('typedoc');
  const packages = apiPackages();
  const td = await Application.bootstrapWithPlugins({
    entryPoints: Object.keys(packages).map((p) => resolve(repo, p)),
    entryPointStrategy: 'resolve',
    tsconfig: `${app}tsconfig.typedoc.json`,
    name: 'Rectify API reference',
    readme: 'none',
    skipErrorChecking: true,
    excludePrivate: true,
    excludeInternal: true,
    // Sources without git: the JSON records file and line; no link is ever rendered (api.mjs drops them).
    disableGit: true,
    sourceLinkTemplate: '{path}#L{line}',
    logLevel: LogLevel.Warn,
    validation: { notExported: false, invalidLink: true, notDocumented: false },
    ...extraOptions,
  });
  const project = await td.convert();
  if (!project) throw new Error('api: TypeDoc could not convert the packages (see the errors above)');
  for (const mod of project.getChildrenByKind(ReflectionKind.Module)) {
    // TypeDoc names a module by its entry's path below the entries' common folder, without '/index'.
    const name = packages[`packages/${mod.name}/index.ts`];
    if (!name) throw new Error(`api: cannot tell which package the module '${mod.name}' belongs to`);
    mod.name = name;
  }
  return { td, project };
}

/** Writes the project's JSON, stamped, atomically (temp + rename), so a concurrent reader never sees half a file. */
export function writeApiJson(td, project, stamp = apiStamp()) {
  const json = { stamp, project: td.serializer.projectToObject(project, repo) };
  mkdirSync(`${app}.generated`, { recursive: true });
  const tmp = `${API_JSON}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(json));
  renameSync(tmp, API_JSON);
  return json.project;
}

/** The cached model when it was made from the current sources, else null. */
export function readApiJson(stamp = apiStamp()) {
  if (!existsSync(API_JSON)) return null;
  const json = JSON.parse(readFileSync(API_JSON, 'utf8'));
  return json.stamp === stamp ? json.project : null;
}

let inflight = null;

/**
 * TypeDoc's JSON model of the API, converted only when the sources changed since the cached one. Concurrent
 * callers (the site's pages render in parallel) share one check and at most one conversion.
 */
export function apiModel() {
  inflight ??= freshModel().finally(() => {
    inflight = null;
  });
  return inflight;
}

async function freshModel() {
  const stamp = apiStamp();
  const cached = readApiJson(stamp);
  if (cached) return cached;
  const { td, project } = await convertApi();
  if (td.logger.hasErrors()) throw new Error('api: TypeDoc reported errors (see above)');
  return writeApiJson(td, project, stamp);
}
