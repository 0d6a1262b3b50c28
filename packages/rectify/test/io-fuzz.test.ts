import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as rf from '../src/index.node.js';
import { type Mutation, mutateBytes, mutateJson, mutation, within } from './fuzz-mutations.js';
import { trainedClassifier } from './browser-helpers.js';

// Issue 13: random mutations of real saved models must end in a RectifyError or a successful load — never another
// exception, a hang or runaway memory. FUZZ_SEED=<n> replays a run; fast-check prints the seed and the shrunk
// counterexample of any failure. FUZZ_RUNS scales the number of cases (default a few hundred in all).
const seed = process.env['FUZZ_SEED'] ? Number(process.env['FUZZ_SEED']) : Date.now() % 2 ** 31;
const runs = (n: number): number => Math.round(n * Number(process.env['FUZZ_RUNS_SCALE'] ?? 1));
const CASE_MS = 5000;

interface Saved {
  modelJson: string;
  files: { name: string; data: Uint8Array }[];
}
let root = '';
const saved: Record<'rectify' | 'tfjs', Saved> = {} as never;
let model: rf.LayersModel;
let safetensors: Uint8Array;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'rectify-fuzz-'));
  model = await trainedClassifier();
  for (const format of ['rectify', 'tfjs'] as const) {
    const a = rf.io.modelArtifacts(model as never, format);
    saved[format] = { modelJson: a.modelJson, files: a.files.map((f) => ({ name: f.name, data: f.data })) };
  }
  safetensors = rf.interop.encodeWeightsSafetensors(model);
});
afterAll(async () => rm(root, { recursive: true, force: true }));

/** A mutated copy of the saved files, written to a fresh folder. */
async function mutatedFolder(original: Saved, mutations: Mutation[]): Promise<string> {
  let json: unknown = JSON.parse(original.modelJson);
  let text: Uint8Array | undefined;
  const files: Uint8Array[] = original.files.map((f) => f.data.slice());
  for (const m of mutations) {
    if (m.kind === 'json' && text === undefined) json = mutateJson(json, m);
    else if (m.kind === 'bytes') {
      // Byte edits hit model.json's text too (file 0), which then stays as text.
      const all: Uint8Array[] = [text ?? new TextEncoder().encode(JSON.stringify(json)), ...files];
      mutateBytes(all, m);
      text = all[0]!;
      files.splice(0, files.length, ...all.slice(1));
    }
  }
  const dir = await mkdtemp(join(root, 'case-'));
  await writeFile(join(dir, 'model.json'), text ?? JSON.stringify(json) ?? 'undefined');
  await Promise.all(original.files.map((f, i) => writeFile(join(dir, f.name), files[i]!)));
  return dir;
}

/** The property: a RectifyError or a result, within the time limit. */
async function typedOrLoaded(work: () => Promise<unknown>): Promise<void> {
  try {
    await within(CASE_MS, work());
  } catch (err) {
    if (!(err instanceof rf.RectifyError))
      throw new Error(
        `not a RectifyError: ${err instanceof Error ? `${err.name}: ${err.message}\n${err.stack}` : String(err)}`,
      );
  }
}

const mutations = fc.array(mutation, { minLength: 1, maxLength: 3 });
const warn = console.warn;

describe(`fuzzing the loaders (seed ${seed})`, () => {
  beforeAll(() => void (console.warn = () => undefined)); // NaN weights warn; that is expected here
  afterAll(() => void (console.warn = warn));

  for (const [format, n] of [
    ['rectify', 150],
    ['tfjs', 100],
  ] as const) {
    it(`mutated ${format}-format folders load or fail with a RectifyError`, async () => {
      const heap = process.memoryUsage().rss;
      await fc.assert(
        fc.asyncProperty(mutations, async (ms) => {
          const dir = await mutatedFolder(saved[format], ms);
          try {
            await typedOrLoaded(() => rf.loadModel(dir));
          } finally {
            await rm(dir, { recursive: true, force: true });
          }
        }),
        { numRuns: runs(n), seed },
      );
      expect(process.memoryUsage().rss - heap).toBeLessThan(1024 ** 3);
    });
  }

  it('mutated safetensors weights (bytes and header JSON) load or fail with a RectifyError', async () => {
    const header = Number(new DataView(safetensors.buffer, safetensors.byteOffset).getBigUint64(0, true));
    const headerJson = JSON.parse(new TextDecoder().decode(safetensors.subarray(8, 8 + header)));
    const data = safetensors.subarray(8 + header);
    await fc.assert(
      fc.asyncProperty(mutations, async (ms) => {
        let json: unknown = headerJson;
        const bytes = [data.slice()];
        for (const m of ms) {
          if (m.kind === 'json') json = mutateJson(json, m);
          else mutateBytes(bytes, m);
        }
        const head = new TextEncoder().encode(JSON.stringify(json) ?? '');
        const file = new Uint8Array(8 + head.length + bytes[0]!.length);
        new DataView(file.buffer).setBigUint64(0, BigInt(head.length), true);
        file.set(head, 8);
        file.set(bytes[0]!, 8 + head.length);
        const path = join(root, `w-${Math.random().toString(36).slice(2)}.safetensors`);
        await writeFile(path, file);
        try {
          await typedOrLoaded(() => model.loadWeights(path));
        } finally {
          await rm(path, { force: true });
        }
      }),
      { numRuns: runs(60), seed },
    );
  });
});
