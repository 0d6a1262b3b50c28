import { filePort } from '@rectify/interop';
import type { IOHandler } from '../artifacts.js';
import { filesWeWrote } from '../model-artifacts.js';

/**
 * The `file://` handler (and plain folder paths), Node only: loads under the loader contract (regular files inside
 * the folder, exact sizes, bounded reads) and saves under the saving contract (temp files + rename, model.json
 * last, the previous save's files deleted only when Rectify provably wrote them).
 * @example await model.save(fileSystem('./my-model'));
 */
export function fileSystem(url: string): IOHandler {
  const port = () => filePort('file://', 'use indexeddb://');
  return {
    async save(artifacts) {
      const dir = port().resolve('save', url);
      const written = await port().saveDirectory('save', dir, {
        files: artifacts.files,
        modelJson: artifacts.modelJson,
        previousFiles: filesWeWrote,
      });
      return {
        format: artifacts.format,
        url: `file://${dir}`,
        directory: dir,
        modelJson: written.modelJson,
        weightsFile: written.files[0],
        weightsFiles: written.files,
        weightsBytes: artifacts.weightsBytes,
      };
    },
    load() {
      return port().directorySource('loadModel', port().resolve('loadModel', url));
    },
  };
}

/** Serves 'file://…' and strings without a scheme (plain paths). */
export function fileRouter(url: string): IOHandler | null {
  return url.startsWith('file://') || !/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? fileSystem(url) : null;
}
