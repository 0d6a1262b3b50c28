/**
 * rf.data — streaming datasets with TensorFlow.js' tf.data names and semantics: sources (`array`, `generator`,
 * `csv`, `zip`), lazy transforms (`map`, `filter`, `batch`, `shuffle`, `prefetch`, `take`, `skip`, `repeat`,
 * `unbatch`, `concatenate`) and consumers (`toArray`, `forEachAsync`, `iterator`, `for await`). Feed the result
 * to `model.fitDataset`.
 */
export { Dataset } from './dataset.js';
export { array } from './sources/array.js';
export { generator, type IteratorFactory } from './sources/generator.js';
export { zip, type DatasetTree } from './sources/zip.js';
export { csv, CSVDataset, type CsvConfig, type CsvElement } from './csv/csv-dataset.js';
export type { ColumnConfig, CsvValue } from './csv/column-config.js';
export type { CsvSource } from './csv/text-source.js';
export { DatasetError } from './errors.js';
export type { MapOptions } from './transforms/map.js';
export type { ShuffleSeed } from './transforms/shuffle.js';
export type { Batched } from './transforms/batch.js';
export type { Element } from './container.js';
export { batchRows } from './transforms/batch.js';
export { moduleFunction } from './workers/module-function.js';
