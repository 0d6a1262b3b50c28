import { ValueError } from '@rectify/tensor';
import { checkOneOf } from '../checks.js';

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

/** An options argument must be an object: `save(dir, 'tfjs')` would otherwise quietly save in the default format. */
export function checkOptionsObject(fn: string, options: unknown, example: string): Record<string, unknown> {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ValueError(
      `${fn}: options must be an object like ${example}, received ${JSON.stringify(options) ?? String(options)}`,
    );
  }
  return options as Record<string, unknown>;
}

/**
 * The format `save` was asked for. 'onnx' gets a pointer to the exporter, since it is the likeliest wrong guess.
 * @example saveFormat({ format: 'tfjs' }); // → 'tfjs'
 */
export function saveFormat(options: unknown): SaveFormat {
  const format = checkOptionsObject('save', options, "{ format: 'tfjs' }")['format'] ?? 'rectify';
  if (typeof format === 'string' && format.toLowerCase() === 'onnx') {
    throw new ValueError(
      `save: format must be one of ${SAVE_FORMATS.map((f) => `'${f}'`).join(', ')}, received "onnx"; ONNX is written by rf.exportOnnx(model, 'model.onnx')`,
    );
  }
  return checkOneOf('save', 'format', format, SAVE_FORMATS);
}
