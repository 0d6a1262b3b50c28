import { stat } from 'node:fs/promises';
import { RectifyError, ValueError } from '@rectify/tensor';
import type { Layer } from '@rectify/layers';
import { type ExportableModel, saveTfjs } from '@rectify/interop';
import { checkOneOf } from '../checks.js';
import { modelDirectory } from './paths.js';

/**
 * How `model.save` writes: `'rectify'` (default) is Rectify's own format — topology, weights and optimizer state,
 * so training resumes; `'tfjs'` is the TensorFlow.js layers format that `tf.loadLayersModel` reads — topology and
 * weights only.
 */
export const SAVE_FORMATS = ['rectify', 'tfjs'] as const;
export type SaveFormat = (typeof SAVE_FORMATS)[number];

export interface SaveOptions {
  /** `'rectify'` (default) or `'tfjs'`. ONNX is a one-way export: `rf.exportOnnx(model, 'model.onnx')`. */
  format?: SaveFormat;
}

/** What `save` wrote. */
export interface SaveResult {
  readonly format: SaveFormat;
  readonly directory: string;
  readonly modelJson: string;
  readonly weightsFile: string;
  readonly weightsBytes: number;
}

/** An options argument must be an object: `save(dir, 'tfjs')` would otherwise quietly save in the default format. */
export function checkOptionsObject(fn: string, options: unknown, example: string): Record<string, unknown> {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ValueError(`${fn}: options must be an object like ${example}, received ${JSON.stringify(options) ?? String(options)}`);
  }
  return options as Record<string, unknown>;
}

/**
 * The format `save` was asked for. 'onnx' gets a pointer to the exporter, since it is the likeliest wrong guess.
 * @example saveFormat({ format: 'tfjs' }); // 'tfjs'
 */
export function saveFormat(options: unknown): SaveFormat {
  const format = checkOptionsObject('save', options, "{ format: 'tfjs' }")['format'] ?? 'rectify';
  if (typeof format === 'string' && format.toLowerCase() === 'onnx') {
    throw new ValueError(`save: format must be one of ${SAVE_FORMATS.map((f) => `'${f}'`).join(', ')}, received "onnx"; ONNX is written by rf.exportOnnx(model, 'model.onnx')`);
  }
  return checkOneOf('save', 'format', format, SAVE_FORMATS);
}

/**
 * Writes `<dir>/model.json` and `<dir>/group1-shard1of1.bin` in the TensorFlow.js layers format, each atomically
 * (weights first). The optimizer and training config are not written: TensorFlow.js gets the architecture and weights.
 */
export async function saveTfjsModel(model: Layer & ExportableModel, url: string): Promise<SaveResult> {
  const directory = modelDirectory('save', url);
  if (!model.built) throw new RectifyError(`save: model '${model.name}' is not built yet; build it (or fit it) before saving`);
  const { modelJson, weights } = await saveTfjs(model, directory);
  return { format: 'tfjs', directory, modelJson, weightsFile: weights, weightsBytes: (await stat(weights)).size };
}
