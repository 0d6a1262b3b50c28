import { isAbsolute, relative, resolve } from 'node:path';
import { ValueError } from '@rectify/tensor';

/**
 * The directory a save/load URL names: 'file://dir' (relative or absolute) or a plain path. Other schemes
 * (http://, indexeddb://) are not handled by this file-system handler.
 * @example modelDirectory('save', 'file://./out/model'); // '/abs/cwd/out/model'
 */
export function modelDirectory(fn: string, url: string): string {
  if (typeof url !== 'string' || url.length === 0) throw new ValueError(`${fn}: path must be a non-empty string, received ${JSON.stringify(url) ?? String(url)}`);
  let p = url;
  if (p.startsWith('file://')) p = p.slice('file://'.length);
  else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p)) {
    throw new ValueError(`${fn}: unsupported scheme in '${url}'; use 'file://<directory>' or a plain directory path`);
  }
  if (p.length === 0) throw new ValueError(`${fn}: path '${url}' names no directory`);
  return resolve(p);
}

/**
 * Resolves a file name from model.json inside `dir`, refusing anything that would leave it: '../x', absolute
 * paths, or names with directory parts. A model file must not be able to make the loader read elsewhere.
 */
export function fileInside(fn: string, dir: string, name: unknown): string {
  if (typeof name !== 'string' || name.length === 0) {
    throw new ValueError(`${fn}: weightsManifest.path must be a file name, received ${JSON.stringify(name) ?? String(name)}`);
  }
  const target = resolve(dir, name);
  const rel = relative(dir, target);
  if (isAbsolute(name) || rel === '' || rel.startsWith('..') || isAbsolute(rel) || /[\\/]/.test(name) || name.includes('\0')) {
    throw new ValueError(`${fn}: weightsManifest.path '${name}' points outside the model directory; it must be a plain file name inside '${dir}'`);
  }
  return target;
}
