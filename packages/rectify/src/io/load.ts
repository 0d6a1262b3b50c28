import type { LayersModel } from '../models/layers-model.js';
import type { IOHandler, TransportOptions } from './artifacts.js';
import { type LoadOptions, modelFromSource } from './model-from-source.js';
import { getLoadHandler } from './router.js';

export type { LoadOptions } from './model-from-source.js';

/**
 * Restores a model saved with `model.save` so that `predict` gives bit-identical outputs, and, when it was
 * compiled, training resumes where it stopped (optimizer state included). `target` is `'indexeddb://name'`,
 * `'localstorage://name'`, `'http(s)://…/model.json'`, `rf.io.browserFiles([...])` or another handler, and under
 * Node `'file://dir'` or a plain folder path. Whatever the transport, the same checks run first: a truncated,
 * corrupted or missing file, a wrong shape, a size over the budget, an unknown class or a path leaving the model is
 * an error naming the problem, and nothing in the files is executed. A TensorFlow.js layers-format model.json is
 * read too — architecture and weights, not compiled.
 * @example
 * // In a browser: await loadModel('indexeddb://two-moons'). Under Node, a folder:
 * await sequential([layers.dense({ units: 1, inputShape: [2] })]).save('./two-moons');
 * const model = await loadModel('./two-moons');
 * model.predict(ones([4, 2])).shape; // → [4, 1]
 */
export async function loadModel(
  target: string | IOHandler,
  options: LoadOptions & TransportOptions = {},
): Promise<LayersModel> {
  const fn = 'loadModel';
  const handler = getLoadHandler(fn, target, options);
  return modelFromSource(fn, await handler.load(), options);
}
