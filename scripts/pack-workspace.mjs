// Packs every publishable workspace package (packages/* and apps/cli — everything not marked private) the way
// `pnpm publish` would: workspace: ranges become versions, `files` and `exports` apply. Used by the tarball install
// test (integration/packaging) and by `pnpm bench bundle` for the packed sizes.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
export const WORKSPACE_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Directories (absolute) and names of the packages that are published to npm. */
export function publishablePackages() {
  const dirs = [
    ...readdirSync(`${WORKSPACE_ROOT}packages`).map((d) => `${WORKSPACE_ROOT}packages/${d}`),
    `${WORKSPACE_ROOT}apps/cli`,
  ];
  return dirs
    .filter((dir) => existsSync(`${dir}/package.json`))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')) }))
    .filter(({ manifest }) => !manifest.private)
    .map(({ dir, manifest }) => ({ dir, name: manifest.name, manifest }));
}

/**
 * Runs `pnpm pack` for every publishable package into `destination` (built output must exist: run `pnpm build`).
 * Resolves to one entry per package: its name, the tarball's path, its size in bytes and the files it holds.
 */
export async function packWorkspace(destination) {
  const packed = [];
  // One at a time: pnpm pack is quick, and the machines running this are small.
  for (const { dir, name, manifest } of publishablePackages()) {
    const main = manifest.exports?.['.']?.import;
    if (main && !existsSync(`${dir}/${main}`))
      throw new Error(`pack-workspace: ${name} is not built (${main} is missing); run \`pnpm build\` first`);
    const { stdout } = await run('pnpm', ['pack', '--pack-destination', destination, '--json'], {
      cwd: dir,
      maxBuffer: 64 * 2 ** 20,
    });
    const report = JSON.parse(stdout);
    packed.push({
      name,
      dir,
      tarball: report.filename,
      bytes: statSync(report.filename).size,
      files: report.files.map((f) => f.path),
    });
  }
  return packed;
}
