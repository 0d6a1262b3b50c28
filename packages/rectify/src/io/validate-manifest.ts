import { ValueError } from '@rectify/tensor';
import { checkFileName } from '@rectify/interop';
import { FORMAT_VERSION, MODEL_FORMAT, type ModelJson, type WeightEntry, type WeightsShard } from './format.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks model.json's structure before anything is built from it. Every problem is an error naming the field and
 * what was found; nothing from the file is ever evaluated — class names are only looked up in registries.
 */
export function validateModelJson(fn: string, json: unknown, where = "'the model directory'"): ModelJson {
  if (!isObject(json))
    throw new ValueError(
      `${fn}: model.json must hold an object, received ${Array.isArray(json) ? 'an array' : typeof json}`,
    );
  if (json['format'] !== MODEL_FORMAT) {
    throw new ValueError(
      `${fn}: model.json is not a Rectify model (format ${JSON.stringify(json['format'])}, expected '${MODEL_FORMAT}')`,
    );
  }
  const version = json['formatVersion'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ValueError(
      `${fn}: model.json formatVersion must be a positive integer, received ${JSON.stringify(version)}`,
    );
  }
  if (version > FORMAT_VERSION) {
    throw new ValueError(
      `${fn}: model.json has formatVersion ${version}; this version of rectify reads formatVersion ${FORMAT_VERSION} and older`,
    );
  }
  const topology = json['modelTopology'];
  if (!isObject(topology) || typeof topology['className'] !== 'string' || !isObject(topology['config'])) {
    throw new ValueError(`${fn}: model.json modelTopology must be {className, config}`);
  }
  validateTraining(fn, json['trainingConfig']);
  const m = json['weightsManifest'];
  if (!isObject(m) || !Array.isArray(m['weights']))
    throw new ValueError(`${fn}: model.json weightsManifest must be {shards, byteLength, sha256, weights: [...]}`);
  const byteLength = m['byteLength'];
  if (typeof byteLength !== 'number' || !Number.isSafeInteger(byteLength) || byteLength < 0) {
    throw new ValueError(
      `${fn}: weightsManifest.byteLength must be a non-negative integer, received ${JSON.stringify(byteLength)}`,
    );
  }
  if (typeof m['sha256'] !== 'string' || !/^[0-9a-f]{64}$/.test(m['sha256'])) {
    throw new ValueError(
      `${fn}: weightsManifest.sha256 must be 64 hex digits, received ${JSON.stringify(m['sha256'])}`,
    );
  }
  validateEntries(fn, m['weights'], byteLength);
  const shards = validateShards(fn, m, byteLength, where);
  return {
    ...json,
    trainingConfig: json['trainingConfig'] ?? null,
    weightsManifest: { shards, byteLength, sha256: m['sha256'], weights: m['weights'] },
  } as unknown as ModelJson;
}

const isObjectList = (v: unknown): boolean => Array.isArray(v) && v.every((x) => x === null || isObject(x));

/** What compile reads from trainingConfig, checked here so that a mangled file is a ValueError, not a TypeError in compile. */
function validateTraining(fn: string, training: unknown): void {
  if (training === null || training === undefined) return;
  const ok =
    isObject(training) &&
    isObject(training['optimizer']) &&
    typeof training['optimizer']['className'] === 'string' &&
    isObjectList(training['loss']) &&
    Array.isArray(training['metrics']) &&
    training['metrics'].every(
      (ms) => Array.isArray(ms) && ms.every((m) => m === null || typeof m === 'string' || isObject(m)),
    ) &&
    Array.isArray(training['lossWeights']) &&
    training['lossWeights'].every((w) => typeof w === 'number');
  if (!ok)
    throw new ValueError(
      `${fn}: model.json trainingConfig must be null or {optimizer: {className, config}, loss: [...], metrics: [[...]], lossWeights: [numbers]}`,
    );
}

/** The files holding the weights: formatVersion 1's one `path`, or 2's `shards`, each a plain name, sizes adding up. */
function validateShards(fn: string, m: Record<string, unknown>, byteLength: number, where: string): WeightsShard[] {
  if (m['shards'] === undefined) {
    const path = checkFileName(fn, 'weightsManifest.path', m['path'], where);
    return [{ path, byteLength }];
  }
  const shards = m['shards'];
  if (!Array.isArray(shards) || shards.length === 0)
    throw new ValueError(`${fn}: weightsManifest.shards must be a non-empty array of {path, byteLength}`);
  let total = 0;
  const out = shards.map((s: unknown, i) => {
    if (!isObject(s) || !Number.isSafeInteger(s['byteLength']) || (s['byteLength'] as number) < 0) {
      throw new ValueError(
        `${fn}: weightsManifest.shards[${i}] must be {path, byteLength}, received ${JSON.stringify(s)}`,
      );
    }
    total += s['byteLength'] as number;
    return {
      path: checkFileName(fn, `weightsManifest.shards[${i}].path`, s['path'], where),
      byteLength: s['byteLength'] as number,
    };
  });
  if (total !== byteLength)
    throw new ValueError(`${fn}: weightsManifest.shards hold ${total} bytes but byteLength is ${byteLength}`);
  return out;
}

/** Entries must be well-formed, uniquely named and tile the file exactly, in order: no gaps, overlaps or overruns. */
function validateEntries(fn: string, entries: unknown[], byteLength: number): asserts entries is WeightEntry[] {
  const seen = new Set<string>();
  let expected = 0;
  entries.forEach((e, i) => {
    const where = `weightsManifest.weights[${i}]`;
    if (!isObject(e) || typeof e['name'] !== 'string' || e['name'].length === 0)
      throw new ValueError(`${fn}: ${where} must have a non-empty name`);
    const name = e['name'];
    if (e['group'] !== 'model' && e['group'] !== 'optimizer')
      throw new ValueError(
        `${fn}: ${where} ('${name}') group must be 'model' or 'optimizer', received ${JSON.stringify(e['group'])}`,
      );
    if (seen.has(`${e['group']}:${name}`)) throw new ValueError(`${fn}: ${where}: weight '${name}' is listed twice`);
    seen.add(`${e['group']}:${name}`);
    if (e['dtype'] !== 'float32')
      throw new ValueError(
        `${fn}: ${where} ('${name}') dtype must be 'float32', received ${JSON.stringify(e['dtype'])}`,
      );
    const shape = e['shape'];
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      throw new ValueError(
        `${fn}: ${where} ('${name}') shape must be an array of non-negative integers, received ${JSON.stringify(shape)}`,
      );
    }
    if (e['offset'] !== expected) {
      throw new ValueError(
        `${fn}: ${where} ('${name}') starts at byte ${JSON.stringify(e['offset'])}, expected ${expected} (entries must be contiguous)`,
      );
    }
    expected += 4 * (shape as number[]).reduce((a, b) => a * b, 1);
    if (!Number.isSafeInteger(expected))
      throw new ValueError(`${fn}: ${where} ('${name}') declares more bytes than a file can hold`);
  });
  if (expected !== byteLength) {
    throw new ValueError(`${fn}: weightsManifest lists ${expected} bytes of weights but byteLength is ${byteLength}`);
  }
}
