import { RectifyError } from '@rectify/tensor';
import type { IOHandler } from '../artifacts.js';
import { modelName, savedTo } from './stored-model.js';

export const DOWNLOADS_SCHEME = 'downloads://';

/** Starts the browser download of one file through a temporary `<a download>` element. */
function download(doc: Document, fileName: string, data: BlobPart, type: string): void {
  const href = URL.createObjectURL(new Blob([data], { type }));
  const a = doc.createElement('a');
  a.href = href;
  a.download = fileName;
  a.style.display = 'none';
  doc.body?.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/**
 * The downloads handler (`'downloads://name'`, save only): the browser downloads `<name>.json` (model.json) and the
 * weight files under the names model.json gives them. Load them back with
 * `rf.loadModel(rf.io.browserFiles([jsonFile, ...weightFiles]))`.
 * @example
 * // browser-only: the page downloads the files
 * const model = rf.sequential([rf.layers.dense({ units: 1, inputShape: [2] })]);
 * await model.save(rf.io.browserDownloads('two-moons'));
 */
export function browserDownloads(name = 'model'): IOHandler {
  return {
    async save(artifacts) {
      const doc = (globalThis as { document?: Document }).document;
      if (!doc)
        throw new RectifyError(
          `save: 'downloads://${name}' needs a browser page (there is no document here); under Node, save to a folder path`,
        );
      download(doc, `${name}.json`, artifacts.modelJson, 'application/json');
      for (const f of artifacts.files) download(doc, f.name, f.data as BlobPart, 'application/octet-stream');
      return savedTo(`${DOWNLOADS_SCHEME}${name}`, artifacts);
    },
  };
}

export function downloadsRouter(url: string): IOHandler | null {
  return url.startsWith(DOWNLOADS_SCHEME)
    ? browserDownloads(modelName('browserDownloads', DOWNLOADS_SCHEME, url))
    : null;
}
