import { ValueError } from '@rectify/tensor';
import { type ModelSource, checkLength } from '@rectify/interop';
import type { ModelArtifacts, ModelFile, SaveResult } from '../artifacts.js';
import type { SaveFormat } from '../save-formats.js';

/** What `rf.io.listModels()` reports for each stored model (as TensorFlow.js' `ModelArtifactsInfo`). */
export interface ModelInfo {
  readonly dateSaved: string;
  readonly format: SaveFormat;
  readonly modelJsonBytes: number;
  readonly weightsBytes: number;
}

/**
 * The model name in a storage URL (`'indexeddb://two-moons'` → `'two-moons'`), which must not be empty.
 * @example modelName('save', 'indexeddb://', 'indexeddb://m'); // → 'm'
 */
export function modelName(fn: string, scheme: string, url: string): string {
  const name = url.slice(scheme.length);
  if (name.length === 0) throw new ValueError(`${fn}: '${url}' names no model; write ${scheme}<name>`);
  return name;
}

export function infoOf(artifacts: ModelArtifacts): ModelInfo {
  return {
    dateSaved: new Date().toISOString(),
    format: artifacts.format,
    modelJsonBytes: new TextEncoder().encode(artifacts.modelJson).byteLength,
    weightsBytes: artifacts.weightsBytes,
  };
}

export function savedTo(url: string, artifacts: ModelArtifacts): SaveResult {
  return {
    format: artifacts.format,
    url,
    weightsFiles: artifacts.files.map((f) => f.name),
    weightsBytes: artifacts.weightsBytes,
  };
}

/**
 * A stored model (model.json's text and its files, in memory) as a ModelSource; the loader's checks apply to it
 * exactly as to a folder.
 * @example
 * const { modelJson, files } = modelArtifacts(sequential([layers.dense({ units: 1, inputShape: [2] })]), 'rectify');
 * const source = memorySource("'indexeddb://m'", modelJson, files);
 * const model = await loadModel({ load: async () => source }); // an IO handler that returns it
 */
export function memorySource(description: string, modelJson: string, files: readonly ModelFile[]): ModelSource {
  const byName = new Map(files.map((f) => [f.name, f.data]));
  return {
    description,
    async modelJson() {
      return modelJson;
    },
    async file(name, limit) {
      const data = byName.get(name);
      if (!data)
        throw new ValueError(
          `loadModel: the weights file '${name}' named in model.json is missing from ${description}`,
        );
      return checkLength('loadModel', name, data, limit);
    },
  };
}
