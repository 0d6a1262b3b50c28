import type { DatasetInfo } from './finish.js';
import type { Task } from './types.js';

/**
 * What a `csv:<path>` dataset is, whether loaded whole or streamed: its feature columns, and its classes when the
 * task is classification.
 *
 * @example
 * csvInfo('flowers.csv', 'classification', ['petal', 'sepal'], ['iris', 'rose']).numClasses; // 2
 */
export function csvInfo(
  path: string,
  task: Task,
  features: readonly string[],
  classNames: readonly string[] | undefined,
): DatasetInfo {
  return {
    name: `csv:${path}`,
    task,
    inputShape: [features.length],
    targetShape: [],
    numClasses: classNames?.length ?? 1,
    featureNames: features,
    ...(classNames === undefined ? {} : { classNames }),
  };
}
