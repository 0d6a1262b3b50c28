import { mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { DirectoryPlan, DirectoryWritten } from '../files/file-port.js';
import { MAX_MODEL_JSON_BYTES, checkFileName } from '../files/model-source.js';
import { removeStaleTemps, writeFileAtomic } from './atomic-write.js';
import { isExistingFolder, readRegularFile } from './bounded-read.js';
import { fsError } from './fs-errors.js';

/** The files the model.json now in `dir` names that the plan proves this library wrote; none when unreadable. */
async function previousFiles(fn: string, dir: string, plan: DirectoryPlan): Promise<string[]> {
  try {
    const bytes = await readRegularFile(
      fn,
      join(dir, 'model.json'),
      { max: MAX_MODEL_JSON_BYTES },
      { name: 'model.json', missing: '' },
    );
    return plan.previousFiles(new TextDecoder().decode(bytes)).filter((n) => {
      try {
        return checkFileName(fn, 'file', n, dir) === n;
      } catch {
        return false;
      }
    });
  } catch {
    return [];
  }
}

/**
 * Saves a model folder so that a crash at any moment leaves the previous model or the new one loadable: leftover
 * temporary files of crashed saves are removed, each weight file (named by its content, so never one the current
 * model.json uses) is written atomically, model.json is renamed into place last, and only then are the previous
 * save's weight files deleted — only those the plan proves this library wrote.
 * @example await saveDirectory('save', '/models/m', plan);
 */
export async function saveDirectory(fn: string, dir: string, plan: DirectoryPlan): Promise<DirectoryWritten> {
  if (!(await isExistingFolder(fn, dir))) {
    try {
      await mkdir(dir, { recursive: true });
    } catch (err) {
      throw fsError(fn, dir, err, 'create the folder');
    }
  }
  await removeStaleTemps(dir);
  const previous = await previousFiles(fn, dir, plan);
  const files = plan.files.map((f) => join(dir, f.name));
  for (const [i, f] of plan.files.entries()) await writeFileAtomic(files[i]!, f.data, fn);
  const modelJson = join(dir, 'model.json');
  await writeFileAtomic(modelJson, new TextEncoder().encode(plan.modelJson), fn);
  const keep = new Set(plan.files.map((f) => f.name));
  for (const name of previous) if (!keep.has(name)) await unlink(join(dir, name)).catch(() => undefined);
  return { directory: dir, modelJson, files };
}
