import { mkdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { RectifyError, dispose } from '@rectify/tensor';
import type { Layer } from '@rectify/layers';
import type { Compiled } from '../training/compiled.js';
import { serializeOptimizer } from '../optimizers/registry.js';
import { VERSION } from '../version.js';
import { writeFileAtomic } from '@rectify/interop';
import { FORMAT_VERSION, MODEL_FORMAT, MODEL_JSON, type ModelJson } from './format.js';
import { fileInside } from './paths.js';
import { modelDirectory } from './paths.js';
import { type NamedWeight, encodeWeights } from './weights-codec.js';
import type { SaveResult } from './save-formats.js';

/** The model as `saveModel` sees it: a built layer, maybe compiled. */
interface SavableModel extends Layer {
  readonly compiled: Compiled | undefined;
}

/**
 * Writes `<dir>/model.json` and `<dir>/weights.<hash>.bin`. The weights file is named by its content and written
 * first; model.json is renamed into place last, so it only ever points at a complete weights file — a crash
 * leaves the previous save intact. The previous save's weights file is removed afterwards.
 */
export async function saveModel(model: SavableModel, url: string): Promise<SaveResult> {
  const dir = modelDirectory('save', url);
  if (!model.built) throw new RectifyError(`save: model '${model.name}' is not built yet; build it (or fit it) before saving`);
  const compiled = model.compiled;
  const optimizerState = compiled ? compiled.optimizer.getWeights() : [];
  const weights: NamedWeight[] = [
    ...model.weights.map((v) => ({ name: v.name, group: 'model' as const, tensor: v })),
    ...optimizerState.map((w) => ({ name: w.name, group: 'optimizer' as const, tensor: w.tensor })),
  ];
  let encoded: ReturnType<typeof encodeWeights>;
  try {
    const names = new Set<string>();
    for (const w of weights) {
      const key = `${w.group}:${w.name}`;
      if (names.has(key)) throw new RectifyError(`save: two weights are named '${w.name}'; give the layers unique names`);
      names.add(key);
    }
    encoded = encodeWeights(weights);
  } finally {
    dispose(optimizerState.map((w) => w.tensor));
  }
  const { bytes, entries, sha256 } = encoded;
  const weightsName = `weights.${sha256.slice(0, 16)}.bin`;
  const json: ModelJson = {
    format: MODEL_FORMAT,
    formatVersion: FORMAT_VERSION,
    generatedBy: `rectify ${VERSION}`,
    modelTopology: { className: model.className, config: model.getConfig() as unknown as Record<string, unknown> },
    trainingConfig: compiled ? { ...compiled.trainingConfig, optimizer: serializeOptimizer(compiled.optimizer) as unknown as { className: string; config: Record<string, unknown> } } : null,
    weightsManifest: { path: weightsName, byteLength: bytes.byteLength, sha256, weights: entries },
  };
  await mkdir(dir, { recursive: true });
  const previous = await previousWeightsFile(dir);
  await writeFileAtomic(join(dir, weightsName), bytes);
  await writeFileAtomic(join(dir, MODEL_JSON), new TextEncoder().encode(JSON.stringify(json, null, 1)));
  if (previous && previous !== join(dir, weightsName)) await unlink(previous).catch(() => undefined);
  return { format: 'rectify', directory: dir, modelJson: join(dir, MODEL_JSON), weightsFile: join(dir, weightsName), weightsBytes: bytes.byteLength };
}

/** The weights file an existing model.json in `dir` points to (only if it is safely inside), to clean up. */
async function previousWeightsFile(dir: string): Promise<string | undefined> {
  try {
    const old = JSON.parse(await readFile(join(dir, MODEL_JSON), 'utf8')) as Partial<ModelJson>;
    return fileInside('save', dir, old.weightsManifest?.path);
  } catch {
    return undefined;
  }
}
