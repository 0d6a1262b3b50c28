import { RectifyError, ValueError } from '@rectify/tensor';
import { type ModelSource, checkLength, sizeError } from '@rectify/interop';
import type { IOHandler } from '../artifacts.js';

/**
 * Loads a model from files the user picked (`<input type=file multiple>`, drag and drop): the first is model.json
 * (any name ending in .json), the others the weight files it names, matched by file name. Sizes are checked from
 * `File.size` before anything is read.
 * @example
 * // browser-only: reads the files a user picked in an <input type="file" multiple>
 * const input = document.querySelector('input[type=file]') as HTMLInputElement;
 * const model = await rf.loadModel(rf.io.browserFiles([...input.files!]));
 */
export function browserFiles(files: readonly File[]): IOHandler {
  const fn = 'browserFiles';
  if (
    !Array.isArray(files) ||
    files.length === 0 ||
    !files.every((f) => f instanceof Blob && typeof (f as File).name === 'string')
  ) {
    throw new ValueError(`${fn}: expected an array of File objects, model.json first, then its weight files`);
  }
  const [json, ...weights] = files;
  if (!json!.name.toLowerCase().endsWith('.json'))
    throw new ValueError(`${fn}: the first file must be model.json (a .json file), received '${json!.name}'`);
  const byName = new Map(weights.map((f) => [f.name, f]));
  const source: ModelSource = {
    description: `the selected files (${files.map((f) => `'${f.name}'`).join(', ')})`,
    async modelJson(max) {
      if (json!.size > max)
        throw new ValueError(
          `${fn}: '${json!.name}' is ${json!.size} bytes, more than the ${max} a model.json may have`,
        );
      return json!.text();
    },
    async file(name, limit) {
      const f = byName.get(name);
      if (!f)
        throw new RectifyError(
          `loadModel: model.json names the weights file '${name}', which is not among the selected files; select it too`,
        );
      if (limit.exact !== undefined && f.size !== limit.exact) throw sizeError('loadModel', name, f.size, limit.exact);
      if (f.size > limit.max)
        throw new ValueError(`loadModel: '${name}' is ${f.size} bytes, more than the ${limit.max} allowed`);
      return checkLength('loadModel', name, new Uint8Array(await f.arrayBuffer()), limit);
    },
  };
  return { load: () => source };
}
