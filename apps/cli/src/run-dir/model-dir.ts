import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel, type LayersModel } from '@rectify/rectify';
import type { Dataset, Task } from '../datasets/types.js';
import { CliError } from '../errors.js';
import { writeFileAtomic } from './atomic.js';

/** What the CLI stores next to a saved model so that `evaluate` and `predict` prepare data the same way. */
export interface ModelInfo {
  readonly version: 1;
  readonly dataset: string;
  readonly task: Task;
  readonly inputShape: readonly number[];
  readonly numClasses: number;
  readonly classNames?: readonly string[];
  readonly featureNames?: readonly string[];
  readonly vocabulary?: readonly string[];
  readonly standardizer?: { readonly mean: readonly number[]; readonly std: readonly number[] };
  /** The resolved config the model was trained with (dataset options included). */
  readonly config: unknown;
}

export const INFO_FILE = 'rectify-cli.json';

/** The sidecar for a model trained on `dataset` with `config`. */
export function modelInfo(dataset: Dataset, config: unknown): ModelInfo {
  return {
    version: 1,
    dataset: dataset.name,
    task: dataset.task,
    inputShape: dataset.inputShape,
    numClasses: dataset.numClasses,
    ...(dataset.classNames && { classNames: dataset.classNames }),
    ...(dataset.featureNames && { featureNames: dataset.featureNames }),
    ...(dataset.vocabulary && { vocabulary: dataset.vocabulary }),
    ...(dataset.standardizer && { standardizer: dataset.standardizer }),
    config,
  };
}

/**
 * Saves a model (`model.json` + weights, loadable with `rf.loadModel`) and the CLI's sidecar.
 *
 * @example
 * await saveModelDir(model, 'runs/x/model', modelInfo(dataset, config));
 */
export async function saveModelDir(model: LayersModel, dir: string, info: ModelInfo): Promise<void> {
  await model.save(dir);
  writeFileAtomic(join(dir, INFO_FILE), `${JSON.stringify(info, null, 1)}\n`);
}

/** A run directory holds its final model in `model/`; accept either. */
export function resolveModelDir(path: string): string {
  if (!existsSync(path)) throw new CliError(`model directory ${path} does not exist`);
  if (!statSync(path).isDirectory()) throw new CliError(`${path} is not a directory; expected a model directory (with model.json) or a run directory`);
  if (existsSync(join(path, 'model.json'))) return path;
  if (existsSync(join(path, 'model', 'model.json'))) return join(path, 'model');
  throw new CliError(`${path} is not a model directory: no model.json in it or in ${join(path, 'model')}`);
}

/**
 * Loads a saved model and its sidecar. A corrupt directory (bad JSON, truncated or altered weights) is a
 * `CliError` that names the directory and the problem.
 *
 * @example
 * const { model, info } = await openModelDir('runs/x');
 */
export async function openModelDir(path: string): Promise<{ dir: string; model: LayersModel; info: ModelInfo | undefined }> {
  const dir = resolveModelDir(path);
  let model: LayersModel;
  try {
    model = await loadModel(dir);
  } catch (error) {
    throw new CliError(`cannot load the model in ${dir}: ${(error as Error).message.replace(/^loadModel: /, '')}`);
  }
  const infoPath = join(dir, INFO_FILE);
  let info: ModelInfo | undefined;
  if (existsSync(infoPath)) {
    try {
      info = JSON.parse(readFileSync(infoPath, 'utf8')) as ModelInfo;
    } catch (error) {
      throw new CliError(`${infoPath} is corrupt: ${(error as Error).message}`);
    }
  }
  return { dir, model, info };
}
