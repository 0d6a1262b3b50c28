import { existsSync, lstatSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel, type LayersModel } from '@rectify/rectify';
import type { Dataset } from '../datasets/types.js';
import { CliError } from '../errors.js';
import { writeFileAtomicSync } from '@rectify/interop/node';
import { type ModelInfo, readSidecar, sidecarSchema } from './sidecar.js';
import { captureWarnings, nonFiniteWeightWarnings } from './weight-health.js';

export type { ModelInfo } from './sidecar.js';

export const INFO_FILE = 'rectify-cli.json';

/**
 * The sidecar for a model trained on `dataset` with `config` (the resolved config, dataset options included),
 * checked against the schema `evaluate` and `predict` read it with, so a sidecar the CLI writes always reads back.
 */
export function modelInfo(dataset: Dataset, config: unknown): ModelInfo {
  return sidecarSchema.parse({
    version: 1,
    dataset: dataset.name,
    task: dataset.task,
    inputShape: [...dataset.inputShape],
    numClasses: dataset.numClasses,
    ...(dataset.classNames && { classNames: [...dataset.classNames] }),
    ...(dataset.featureNames && { featureNames: [...dataset.featureNames] }),
    ...(dataset.vocabulary && { vocabulary: [...dataset.vocabulary] }),
    ...(dataset.standardizer && {
      standardizer: { mean: [...dataset.standardizer.mean], std: [...dataset.standardizer.std] },
    }),
    config,
  });
}

/**
 * Saves a model (`model.json` + weights, loadable with `rf.loadModel`) and the CLI's sidecar.
 *
 * @example
 * await saveModelDir(model, 'runs/x/model', modelInfo(dataset, config));
 */
export async function saveModelDir(model: LayersModel, dir: string, info: ModelInfo): Promise<void> {
  await model.save(dir);
  writeFileAtomicSync(join(dir, INFO_FILE), `${JSON.stringify(info, null, 1)}\n`);
}

function lstatOrUndefined(path: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** A run directory holds its final model in `model/`; accept either. */
export function resolveModelDir(path: string): string {
  if (!existsSync(path)) throw new CliError(`model directory ${path} does not exist`);
  if (!statSync(path).isDirectory())
    throw new CliError(`${path} is not a directory; expected a model directory (with model.json) or a run directory`);
  if (existsSync(join(path, 'model.json'))) return path;
  if (existsSync(join(path, 'model', 'model.json'))) return join(path, 'model');
  throw new CliError(`${path} is not a model directory: no model.json in it or in ${join(path, 'model')}`);
}

/**
 * Loads a saved model and its sidecar. A corrupt directory (bad JSON, truncated or altered weights) is a
 * `CliError` that names the directory and the problem; weights holding NaN or Infinity load, with a warning per
 * weight passed to `warn` (once, whether the library or the CLI noticed).
 *
 * @example
 * const { model, info } = await openModelDir('runs/x', (line) => process.stderr.write(`rectify: ${line}\n`));
 */
export async function openModelDir(
  path: string,
  warn: (line: string) => void,
): Promise<{ dir: string; model: LayersModel; info: ModelInfo | undefined }> {
  const dir = resolveModelDir(path);
  const infoPath = join(dir, INFO_FILE);
  // lstat, not exists: a dangling symlink named like the sidecar is a tampered directory, not a missing sidecar.
  const info = lstatOrUndefined(infoPath) === undefined ? undefined : readSidecar(infoPath);
  let loaded: { value: LayersModel; warnings: string[] };
  try {
    loaded = await captureWarnings(() => loadModel(dir));
  } catch (error) {
    throw new CliError(`cannot load the model in ${dir}: ${(error as Error).message.replace(/^loadModel: /, '')}`);
  }
  const model = loaded.value;
  for (const line of [...loaded.warnings, ...nonFiniteWeightWarnings(model, dir, loaded.warnings)])
    warn(`warning: ${line}`);
  return { dir, model, info };
}
