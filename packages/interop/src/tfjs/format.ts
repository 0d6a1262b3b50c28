/** One weight in a tfjs weights manifest. */
export interface TfjsWeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32';
}

/** One group of the manifest: its shard files, read in order and concatenated, hold its weights in order. */
export interface TfjsWeightsGroup {
  paths: string[];
  weights: TfjsWeightSpec[];
}

/** model.json of the TensorFlow.js layers format (what `tf.loadLayersModel` reads). */
export interface TfjsModelJson {
  format: 'layers-model';
  generatedBy: string;
  convertedBy: string | null;
  /** Keras JSON (snake_case): `{class_name, config, keras_version, backend}`. */
  modelTopology: Record<string, unknown>;
  weightsManifest: TfjsWeightsGroup[];
}

/** The default shard name, as tfjs writes it. */
export const WEIGHTS_FILE = 'group1-shard1of1.bin';

/**
 * Whether parsed JSON looks like a tfjs layers-format model.json (so a loader can tell it from Rectify's own).
 * @example
 * const { modelJson } = toTfjsArtifacts(sequential([layers.dense({ units: 2, inputShape: [3] })]));
 * isTfjsModelJson(modelJson); // → true
 */
export function isTfjsModelJson(json: unknown): json is TfjsModelJson {
  if (typeof json !== 'object' || json === null) return false;
  const j = json as Record<string, unknown>;
  const format = j['format'];
  return (
    (format === 'layers-model' || format === undefined) &&
    typeof j['modelTopology'] === 'object' &&
    j['modelTopology'] !== null &&
    Array.isArray(j['weightsManifest'])
  );
}
