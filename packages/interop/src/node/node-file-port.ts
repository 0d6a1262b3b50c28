import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ValueError } from '@rectify/tensor';
import type { FilePort } from '../files/file-port.js';
import type { ModelSource } from '../files/model-source.js';
import { writeFileAtomic } from './atomic-write.js';
import { readRegularFile } from './bounded-read.js';
import { fsError } from './fs-errors.js';
import { saveDirectory } from './save-directory.js';

function resolvePath(fn: string, url: string): string {
  if (typeof url !== 'string' || url.length === 0)
    throw new ValueError(`${fn}: path must be a non-empty string, received ${JSON.stringify(url) ?? String(url)}`);
  const p = url.startsWith('file://') ? url.slice('file://'.length) : url;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p))
    throw new ValueError(`${fn}: unsupported scheme in '${url}'; use 'file://<path>' or a plain path`);
  if (p.length === 0) throw new ValueError(`${fn}: path '${url}' names nothing`);
  return resolve(p);
}

/** A model folder as a ModelSource: every file lstat'ed, confined to the folder, size-checked, read with a bound. */
function directorySource(fn: string, dir: string): ModelSource {
  const where = `'${dir}'`;
  return {
    description: where,
    async modelJson(maxBytes) {
      const bytes = await readRegularFile(
        fn,
        join(dir, 'model.json'),
        { max: maxBytes },
        { name: 'model.json', missing: `no model.json in ${where}` },
      );
      return new TextDecoder().decode(bytes);
    },
    file(name, limit) {
      const missing = `the weights file '${name}' named in model.json is missing from ${where}`;
      return readRegularFile(fn, join(dir, name), limit, { name, missing, insideDir: dir });
    },
  };
}

/** The file system for Node, registered by the package's Node entry. */
export const nodeFilePort: FilePort = {
  resolve: resolvePath,
  readFile: (fn, path, maxBytes, what = 'file') =>
    readRegularFile(fn, path, { max: maxBytes }, { name: path, missing: `no ${what} at '${path}'` }),
  async writeFile(fn, path, data) {
    try {
      await mkdir(dirname(path), { recursive: true });
    } catch (err) {
      throw fsError(fn, dirname(path), err, 'create the folder');
    }
    await writeFileAtomic(path, data, fn);
  },
  directorySource,
  saveDirectory,
};
