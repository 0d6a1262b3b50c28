import type { IOHandler, SaveResult } from './artifacts.js';
import { type SavableModel, modelArtifacts } from './model-artifacts.js';
import { getSaveHandler } from './router.js';
import { saveFormat } from './save-formats.js';

/**
 * Saves through the handler the target names — `'indexeddb://m'`, `'localstorage://m'`, `'downloads://m'`, under
 * Node `'file://dir'` or a plain folder path — or a handler object. The options are checked first, so a bad option
 * writes nothing.
 * @example await saveModel(model, 'indexeddb://two-moons');
 */
export async function saveModel(
  model: SavableModel,
  target: string | IOHandler,
  options: unknown = {},
): Promise<SaveResult> {
  const format = saveFormat(options);
  const handler = getSaveHandler('save', target);
  return handler.save(modelArtifacts(model, format));
}
