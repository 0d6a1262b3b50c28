/** The on-disk format of a saved model: a directory with model.json and one little-endian float32 weights file. */

export const MODEL_FORMAT = 'rectify-model';
/** Bumped when a change would make older readers misread a file; readers refuse newer versions. */
export const FORMAT_VERSION = 1;
export const MODEL_JSON = 'model.json';

/** One tensor in the weights file. */
export interface WeightEntry {
  /** The variable's name (`dense/kernel`), or for optimizer state 'iterations' / `<variable>/<slot>`. */
  name: string;
  shape: number[];
  dtype: 'float32';
  /** Byte offset in the weights file; entries are contiguous, in order. */
  offset: number;
  /** 'model' for the model's weights, 'optimizer' for optimizer state. */
  group: 'model' | 'optimizer';
}

export interface WeightsManifest {
  /** File name relative to the model directory; never a path outside it. */
  path: string;
  byteLength: number;
  /** Hex SHA-256 of the weights file: detects corruption that keeps the length. */
  sha256: string;
  weights: WeightEntry[];
}

export interface ModelJson {
  format: typeof MODEL_FORMAT;
  formatVersion: number;
  generatedBy: string;
  modelTopology: { className: string; config: Record<string, unknown> };
  /** Present when the model was compiled: enough to compile it again and resume training. */
  trainingConfig: {
    loss: ({ className: string; config: Record<string, unknown> } | null)[];
    metrics: (string | { className: string; config: Record<string, unknown> } | null)[][];
    lossWeights: number[];
    optimizer: { className: string; config: Record<string, unknown> };
  } | null;
  weightsManifest: WeightsManifest;
}
