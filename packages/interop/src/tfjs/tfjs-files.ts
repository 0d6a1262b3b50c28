import type { ExportableModel } from '../model-graph.js';
import { parseModelJson } from '../json-guard.js';
import { SHARD_BYTES } from '../files/model-source.js';
import { sha256Hex, splitShards } from '../files/sha256.js';
import { toTfjsArtifacts } from './export-tfjs.js';
import type { TfjsModelJson } from './format.js';

/** Shard names this library writes: tfjs' `group1-shardIofN` plus a content tag, so a new save never overwrites a file the current model.json uses. */
export const TFJS_SHARD_PATTERN = /^group\d+-shard\d+of\d+(\.[0-9a-f]{16})?\.bin$/;

/** A model in the TensorFlow.js layers format as files: model.json's content and its 4 MB shards, named. */
export interface TfjsModelFiles {
  readonly modelJson: TfjsModelJson;
  readonly files: { name: string; data: Uint8Array }[];
}

/**
 * The model as the files `tf.loadLayersModel` reads, with weights in 4 MB shards like tfjs writes them.
 * @example
 * const model = sequential([layers.dense({ units: 2, inputShape: [3] })]);
 * const { modelJson, files } = tfjsModelFiles(model); // files[0].name: 'group1-shard1of1.<hash>.bin'
 * files.length; // → 1
 */
export function tfjsModelFiles(model: ExportableModel, shardBytes = SHARD_BYTES): TfjsModelFiles {
  const { modelJson, weightData } = toTfjsArtifacts(model);
  const tag = sha256Hex(weightData).slice(0, 16);
  const shards = splitShards(weightData, shardBytes);
  const files = shards.map((data, i) => ({ name: `group1-shard${i + 1}of${shards.length}.${tag}.bin`, data }));
  const manifest = modelJson.weightsManifest.map((g) => ({ ...g, paths: files.map((f) => f.name) }));
  return { modelJson: { ...modelJson, weightsManifest: manifest }, files };
}

/**
 * The shard files a tfjs model.json names that Rectify wrote: the file says `generatedBy: 'rectify …'` and each
 * name has Rectify's shard pattern. Anything else — a user's notes.txt listed in a hand-edited manifest — is
 * never deleted by a save.
 * @example
 * const { modelJson, files } = tfjsModelFiles(sequential([layers.dense({ units: 2, inputShape: [3] })]));
 * tfjsFilesWeWrote(JSON.stringify(modelJson)); // → files.map((f) => f.name)
 */
export function tfjsFilesWeWrote(text: string): string[] {
  let json: unknown;
  try {
    json = parseModelJson('save', text, 'model.json');
  } catch {
    return [];
  }
  const j = json as { format?: unknown; generatedBy?: unknown; weightsManifest?: unknown };
  if (
    j?.format !== 'layers-model' ||
    typeof j.generatedBy !== 'string' ||
    !j.generatedBy.startsWith('rectify ') ||
    !Array.isArray(j.weightsManifest)
  )
    return [];
  return j.weightsManifest
    .flatMap((g: { paths?: unknown } | null) => (Array.isArray(g?.paths) ? g.paths : []))
    .filter((p): p is string => typeof p === 'string' && TFJS_SHARD_PATTERN.test(p));
}
