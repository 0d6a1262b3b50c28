import { ValueError } from '@rectify/tensor';
import { parseModelJson } from '../json-guard.js';
import {
  DEFAULT_MAX_WEIGHT_BYTES,
  type ModelSource,
  checkBudget,
  checkFileName,
  checkLength,
  readModelJsonText,
} from '../files/model-source.js';
import { type TfjsImport, fromTfjsArtifacts } from './import-tfjs.js';

const BYTES: Readonly<Record<string, number>> = { float32: 4, int32: 4, bool: 1 };
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Bytes one group of the manifest declares, from its specs alone; malformed specs are errors naming them. */
function groupBytes(fn: string, group: Record<string, unknown>, g: number): number {
  if (!Array.isArray(group['weights'])) throw new ValueError(`${fn}: weightsManifest[${g}] needs a weights array`);
  let total = 0;
  for (const [i, s] of group['weights'].entries()) {
    if (!isObject(s) || !Array.isArray(s['shape']) || !s['shape'].every((d) => Number.isSafeInteger(d) && d >= 0)) {
      throw new ValueError(
        `${fn}: weightsManifest[${g}].weights[${i}] must be {name, shape, dtype} with a shape of non-negative integers, received ${JSON.stringify(s)}`,
      );
    }
    total += (s['shape'] as number[]).reduce((a, b) => a * b, 1) * (BYTES[s['dtype'] as string] ?? 4);
    if (!Number.isSafeInteger(total))
      throw new ValueError(`${fn}: weightsManifest[${g}] declares more bytes than a file can hold`);
  }
  return total;
}

/** Options of the TensorFlow.js-format loaders. */
export interface TfjsReadOptions {
  /** Most bytes of weights to read and allocate (default 4 GiB); a larger manifest is refused before any read. */
  maxWeightBytes?: number;
}

/**
 * Reads a TensorFlow.js layers-format model from any source (a folder, a URL, browser storage): model.json is
 * parsed under a depth limit, the manifest's sizes are checked against the budget, and each shard is read with a
 * bound — a group's shards must add up to exactly what its weights declare — before anything is built.
 * @example
 * const { modelJson, files } = tfjsModelFiles(sequential([layers.dense({ units: 2, inputShape: [3] })]));
 * const source = rf.io.memorySource('a model in memory', JSON.stringify(modelJson), files);
 * const imported = await readTfjsModel('loadTfjs', source);
 */
export async function readTfjsModel(
  fn: string,
  source: ModelSource,
  options: TfjsReadOptions = {},
  json?: unknown,
): Promise<TfjsImport> {
  const where = source.description;
  const model = json ?? parseModelJson(fn, await readModelJsonText(fn, source), `model.json in ${where}`);
  const manifest = isObject(model) ? model['weightsManifest'] : undefined;
  if (!Array.isArray(manifest)) throw new ValueError(`${fn}: model.json in ${where} has no weightsManifest array`);
  const groups = manifest.map((group: unknown, g) => {
    if (!isObject(group) || !Array.isArray(group['paths']))
      throw new ValueError(`${fn}: every weightsManifest group needs a paths array`);
    const paths = group['paths'].map((p: unknown) => {
      try {
        return checkFileName(fn, 'weight path', p, where);
      } catch {
        throw new ValueError(
          `${fn}: weight path ${JSON.stringify(p)} in model.json escapes the model directory; it must be a plain file name inside ${where}`,
        );
      }
    });
    return { paths, bytes: groupBytes(fn, group, g) };
  });
  checkBudget(
    fn,
    groups.reduce((n, g) => n + g.bytes, 0),
    options.maxWeightBytes ?? DEFAULT_MAX_WEIGHT_BYTES,
    where,
  );
  const shards: Uint8Array[] = [];
  for (const group of groups) {
    let left = group.bytes;
    for (const p of group.paths) {
      const data = checkLength(fn, p, await source.file(p, { max: left }), { max: left });
      shards.push(data);
      left -= data.byteLength;
    }
    if (left !== 0)
      throw new ValueError(
        `${fn}: the weight data has ${group.bytes - left} bytes, but the manifest lists ${group.bytes}`,
      );
  }
  return fromTfjsArtifacts(model, shards);
}
