import type { ExportableModel } from '../model-graph.js';
import { filePort } from '../files/file-port.js';
import { type TfjsImport } from './import-tfjs.js';
import { type TfjsReadOptions, readTfjsModel } from './read-tfjs.js';
import { tfjsFilesWeWrote, tfjsModelFiles } from './tfjs-files.js';

/**
 * Writes `dir/model.json` and its weight shards (4 MB each) in the TensorFlow.js layers format, under the saving
 * contract: shards first, model.json renamed into place last, the previous save's shards deleted only if Rectify
 * wrote them. `tf.loadLayersModel('file://dir/model.json')` (tfjs-node) or a browser fetch reads them. Node only.
 * @example
 * const model = sequential([layers.dense({ units: 2, inputShape: [3] })]);
 * await saveTfjs(model, './exported');
 */
export async function saveTfjs(model: ExportableModel, dir: string): Promise<{ modelJson: string; weights: string }> {
  const fn = 'saveTfjs';
  const port = filePort(
    fn,
    "save the model with model.save('indexeddb://name', { format: 'tfjs' }) or use tfjsModelFiles(model)",
  );
  const { modelJson, files } = tfjsModelFiles(model);
  const written = await port.saveDirectory(fn, port.resolve(fn, dir), {
    files,
    modelJson: JSON.stringify(modelJson),
    previousFiles: tfjsFilesWeWrote,
  });
  return { modelJson: written.modelJson, weights: written.files[0]! };
}

/**
 * Reads a TensorFlow.js layers-format model from a directory (its model.json and the shards it lists), under the
 * loader contract: plain files inside the directory, sizes bounded by the manifest and by `maxWeightBytes`. Node only.
 * @example
 * await saveTfjs(sequential([layers.dense({ units: 2, inputShape: [3] })]), './tfjs-model');
 * const imported = await loadTfjs('./tfjs-model');
 */
export async function loadTfjs(dir: string, options: TfjsReadOptions = {}): Promise<TfjsImport> {
  const fn = 'loadTfjs';
  const port = filePort(fn, "load with rf.loadModel('https://…/model.json') or rf.io.browserFiles([...])");
  return readTfjsModel(fn, port.directorySource(fn, port.resolve(fn, dir)), options);
}
