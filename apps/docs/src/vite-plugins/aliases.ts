import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The monorepo's packages folder. */
export const PACKAGES_DIR = fileURLToPath(new URL('../../../../packages/', import.meta.url));

const escape = (specifier: string): string => specifier.replace(/[/@]/g, (c) => `\\${c}`);

/** A package's `exports` subpaths other than '.' ('./catalogue') as [specifier suffix, source file]. */
function subpathSources(dir: string): [string, string][] {
  const exports: Record<string, { import?: string }> =
    JSON.parse(readFileSync(`${PACKAGES_DIR}${dir}/package.json`, 'utf8')).exports ?? {};
  return Object.entries(exports).flatMap(([sub, conditions]): [string, string][] =>
    sub !== '.' && typeof conditions.import === 'string'
      ? [
          [
            sub.slice(2),
            `${PACKAGES_DIR}${dir}/${conditions.import.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts')}`,
          ],
        ]
      : [],
  );
}

/**
 * Workspace package names (and their subpaths, such as `@rectify/activations/catalogue`) → their TypeScript
 * sources, as the root vitest config resolves them: the site always shows the framework as it is in the tree, never
 * a stale build.
 * @example defineConfig({ resolve: { alias: sourceAliases() } })
 */
export function sourceAliases(): { find: RegExp; replacement: string }[] {
  return readdirSync(PACKAGES_DIR)
    .filter((dir) => existsSync(`${PACKAGES_DIR}${dir}/src/index.ts`))
    .flatMap((dir) => {
      const name = `@rectify/${dir}`;
      return [
        ...subpathSources(dir).map(([sub, source]) => ({
          find: new RegExp(`^${escape(`${name}/${sub}`)}$`),
          replacement: source,
        })),
        { find: new RegExp(`^${escape(name)}$`), replacement: `${PACKAGES_DIR}${dir}/src/index.ts` },
      ];
    });
}
