import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The monorepo's packages folder. */
export const PACKAGES_DIR = fileURLToPath(new URL('../../../../packages/', import.meta.url));

/**
 * Workspace package names → their TypeScript sources, as the root vitest config resolves them: the site always
 * shows the framework as it is in the tree, never a stale build.
 * @example defineConfig({ resolve: { alias: sourceAliases() } })
 */
export function sourceAliases(): { find: RegExp; replacement: string }[] {
  return readdirSync(PACKAGES_DIR)
    .filter((dir) => existsSync(`${PACKAGES_DIR}${dir}/src/index.ts`))
    .map((dir) => {
      const name = `@rectify/${dir}`;
      return {
        find: new RegExp(`^${name.replace(/[/@]/g, (c) => `\\${c}`)}$`),
        replacement: `${PACKAGES_DIR}${dir}/src/index.ts`,
      };
    });
}
