/**
 * The format of a saved model: model.json and little-endian float32 weights in one file (formatVersion 1, written
 * when the weights fit one 4 MB shard, so older readers still read small models) or in shards (formatVersion 2).
 * Every transport — a folder, IndexedDB, localStorage, a URL — stores exactly these files.
 */

export const MODEL_FORMAT = 'rectify-model';
/** Bumped when a change would make older readers misread a file; readers refuse newer versions. */
export const FORMAT_VERSION = 2;
/** Weight files Rectify writes: named by the content's hash, with the shard number when there are several. */
export const WEIGHTS_FILE_PATTERN = /^weights\.[0-9a-f]{16}(\.\d+of\d+)?\.bin$/;
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

/** One file of the weights: a plain file name beside model.json, and its exact size. */
export interface WeightsShard {
  path: string;
  byteLength: number;
}

/**
 * The weights as a reader sees them: the shards, concatenated in order, hold the entries at their offsets. On disk,
 * formatVersion 1 writes `{path, byteLength, sha256, weights}` (one shard), formatVersion 2
 * `{shards, byteLength, sha256, weights}`; the validator turns both into this.
 */
export interface WeightsManifest {
  shards: WeightsShard[];
  byteLength: number;
  /** Hex SHA-256 of all the weights bytes: detects corruption that keeps the length. */
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
