import { UsageError } from '../errors.js';
import { didYouMean } from '../suggest.js';
import { bostonHousing } from './boston-housing.js';
import { loadCsv } from './csv.js';
import { fashionMnist } from './fashion-mnist.js';
import { sineSeriesDataset, spirals, twoMoons } from './generated.js';
import { iris } from './iris.js';
import { mnist } from './mnist.js';
import { mobyDick } from './moby-dick.js';
import type { Dataset, DatasetDefinition, LoadOptions, Task } from './types.js';

const definitions = [iris, mnist, fashionMnist, bostonHousing, mobyDick, twoMoons, spirals, sineSeriesDataset] as const;

/** Every built-in dataset by name, derived from the definitions themselves. */
export const datasets: Readonly<Record<string, DatasetDefinition>> = Object.fromEntries(
  definitions.map((d) => [d.name, d]),
);

/** Built-in dataset names, in the order `rectify datasets` lists them. */
export const datasetNames: readonly string[] = definitions.map((d) => d.name);

/**
 * Loads a dataset by name: a built-in one, or `csv:<path>` for the user's own file. An unknown name is a usage
 * error that lists the known ones.
 *
 * @example
 * const data = loadDataset('iris', { standardize: true });
 * data.train.n; // 120
 */
export function loadDataset(name: string, options: LoadOptions & { task?: Task } = {}): Dataset {
  if (name.startsWith('csv:')) return loadCsv(name.slice(4), options);
  const definition = datasets[name];
  if (definition === undefined) {
    throw new UsageError(
      `unknown dataset '${name}'${didYouMean(name, datasetNames)}; known datasets: ${datasetNames.join(', ')}, or csv:<path>`,
    );
  }
  return definition.load(options);
}
