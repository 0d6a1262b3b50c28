import { mkdir, readFile, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { RectifyError, ValueError } from '@rectify/tensor';
import { writeFileAtomic } from '../atomic-write.js';
import type { ExportableModel } from '../model-graph.js';
import { type TfjsImport, fromTfjsArtifacts } from './import-tfjs.js';
import { toTfjsArtifacts } from './export-tfjs.js';
import { WEIGHTS_FILE } from './format.js';

/** 'file://dir' or a plain path, resolved. */
function directory(fn: string, url: string): string {
  if (typeof url !== 'string' || url.length === 0) throw new ValueError(`${fn}: path must be a non-empty string, received ${JSON.stringify(url)}`);
  return resolve(url.startsWith('file://') ? url.slice('file://'.length) : url);
}

/**
 * A shard path from model.json as a file inside `dir`: plain file names only — no '..', no absolute path, no
 * directory part, no symbolic link out of the directory — so a model file cannot make the loader read elsewhere.
 */
async function shardInside(dir: string, name: unknown): Promise<string> {
  if (typeof name !== 'string' || name.length === 0 || isAbsolute(name) || /[\\/]/.test(name) || name.includes('\0') || name === '..' || name === '.') {
    throw new ValueError(`loadTfjs: weight path ${JSON.stringify(name)} in model.json escapes the model directory; it must be a plain file name inside '${dir}'`);
  }
  const path = join(dir, name);
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    throw new RectifyError(`loadTfjs: the weights file '${name}' named in model.json is missing from '${dir}'`);
  }
  const rel = relative(await realpath(dir), real);
  if (rel.startsWith('..') || isAbsolute(rel) || /[\\/]/.test(rel)) {
    throw new ValueError(`loadTfjs: weight path '${name}' resolves outside the model directory (a link to '${real}')`);
  }
  return real;
}

/**
 * Writes `dir/model.json` and `dir/group1-shard1of1.bin` in the TensorFlow.js layers format, each atomically;
 * the weights first, so model.json only ever points at complete weights. `tf.loadLayersModel('file://dir/model.json')`
 * (tfjs-node) or a browser fetch reads them.
 * @example await saveTfjs(model, './exported');
 */
export async function saveTfjs(model: ExportableModel, dir: string): Promise<{ modelJson: string; weights: string }> {
  const out = directory('saveTfjs', dir);
  const { modelJson, weightData } = toTfjsArtifacts(model);
  await mkdir(out, { recursive: true });
  await writeFileAtomic(join(out, WEIGHTS_FILE), weightData);
  await writeFileAtomic(join(out, 'model.json'), new TextEncoder().encode(JSON.stringify(modelJson)));
  return { modelJson: join(out, 'model.json'), weights: join(out, WEIGHTS_FILE) };
}

/**
 * Reads a TensorFlow.js layers-format model from a directory (its model.json and the shards it lists).
 * @example const imported = await loadTfjs('./tfjs-model');
 */
export async function loadTfjs(dir: string): Promise<TfjsImport> {
  const root = directory('loadTfjs', dir);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(join(root, 'model.json'), 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new RectifyError(code === 'ENOENT' ? `loadTfjs: no model.json in '${root}'` : `loadTfjs: cannot read model.json in '${root}': ${(err as Error).message}`);
  }
  const manifest = (json as { weightsManifest?: unknown }).weightsManifest;
  if (!Array.isArray(manifest)) throw new ValueError(`loadTfjs: model.json in '${root}' has no weightsManifest array`);
  const shards: Uint8Array[] = [];
  for (const group of manifest as { paths?: unknown }[]) {
    if (!Array.isArray(group?.paths)) throw new ValueError('loadTfjs: every weightsManifest group needs a paths array');
    for (const p of group.paths) shards.push(new Uint8Array(await readFile(await shardInside(root, p))));
  }
  return fromTfjsArtifacts(json, shards);
}
