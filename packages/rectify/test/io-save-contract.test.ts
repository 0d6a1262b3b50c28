import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fsError } from '@rectify/interop';
import * as rf from '../src/index.node.js';
import { fresh } from './helpers.js';

// Issue 13, saving contract: save never destroys what it did not write, and a crash leaves a loadable folder.
let root = '';
beforeAll(async () => void (root = await mkdtemp(join(tmpdir(), 'rectify-save-contract-'))));
afterAll(async () => rm(root, { recursive: true, force: true }));
let n = 0;
const newDir = (): string => join(root, `d${n++}`);

function model(units: number, inputs = 3): rf.Sequential {
  fresh(5);
  rf.setSeed(5);
  return rf.sequential([
    rf.layers.dense({ units, activation: 'tanh', inputShape: [inputs] }),
    rf.layers.dense({ units: 2 }),
  ]);
}
const probe = rf.tensor([[0.1, -0.2, 0.3]]);
const out = (m: rf.LayersModel): number[] => Array.from((m.predict(probe) as rf.Tensor).dataSync());

describe('save deletes only files it provably wrote', () => {
  it('a model.json naming notes.txt or train.csv: save keeps them', async () => {
    for (const json of [
      { format: 'rectify-model', formatVersion: 1, weightsManifest: { path: 'notes.txt' } },
      {
        format: 'layers-model',
        generatedBy: 'keras',
        modelTopology: {},
        weightsManifest: [{ paths: ['train.csv'], weights: [] }],
      },
      {
        format: 'layers-model',
        generatedBy: 'rectify 0.1.0',
        modelTopology: {},
        weightsManifest: [{ paths: ['train.csv'], weights: [] }],
      },
    ]) {
      const dir = newDir();
      await mkdir(dir);
      await writeFile(join(dir, 'model.json'), JSON.stringify(json));
      await writeFile(join(dir, 'notes.txt'), 'mine');
      await writeFile(join(dir, 'train.csv'), 'a,b');
      await model(4).save(dir);
      expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
      expect(await readFile(join(dir, 'train.csv'), 'utf8')).toBe('a,b');
    }
  });

  it("its own previous files go, in either format; a crashed save's temp files are cleaned, a live writer's are not", async () => {
    const dir = newDir();
    await model(4).save(dir, { format: 'tfjs' });
    await model(5).save(dir);
    const dead = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']));
    await writeFile(join(dir, `.model.json.rectify-tmp-${dead}-0123456789ab`), 'half');
    await writeFile(join(dir, `.model.json.rectify-tmp-${process.ppid}-0123456789ab`), 'in flight');
    await model(6).save(dir, { format: 'tfjs' });
    const files = (await readdir(dir)).sort();
    expect(files).toEqual([
      `.model.json.rectify-tmp-${process.ppid}-0123456789ab`,
      expect.stringMatching(/^group1-shard1of1\.[0-9a-f]{16}\.bin$/),
      'model.json',
    ]);
  });

  it('a crash at any step leaves the old model or the new one loadable (both formats, architecture changed)', async () => {
    const entry = fileURLToPath(new URL('../dist/index.node.js', import.meta.url));
    expect(existsSync(entry), 'run pnpm build first: the crashing child process imports the built package').toBe(true);
    const fixture = fileURLToPath(new URL('./fixtures/crashing-save.mjs', import.meta.url));
    const before = model(4);
    const after = model(7);
    // Before the first rename, between the weights and model.json, before the old files are removed (each spawn costs
    // a second or two, so the Rectify format, whose order is the same, gets the step that matters most).
    const cases = [
      ['tfjs', 'rename:1'],
      ['tfjs', 'rename:2'],
      ['tfjs', 'unlink:1'],
      ['rectify', 'rename:2'],
    ] as const;
    for (const [format, step] of cases) {
      {
        const dir = newDir();
        await before.save(dir, { format });
        try {
          execFileSync(process.execPath, [fixture, entry, dir, format, step, '7'], { stdio: 'pipe' });
        } catch (err) {
          expect((err as { signal?: string }).signal).toBe('SIGKILL');
        }
        const loaded = out(await rf.loadModel(dir));
        expect([out(before), out(after)], `${format}, crash at ${step}`).toContainEqual(loaded);
        if (step === 'rename:1') expect(loaded).toEqual(out(before));
      }
    }
  });
});

describe('large models are written in 4 MB shards', () => {
  it('a 4.4 MB model becomes two shards (formatVersion 2) and loads bit-identically; tfjs shards likewise', async () => {
    const m = model(1100, 1000);
    const dir = newDir();
    const result = await m.save(dir);
    expect(result.weightsFiles).toHaveLength(2);
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    expect(json.formatVersion).toBe(2);
    expect(json.weightsManifest.shards.map((s: { byteLength: number }) => s.byteLength)).toEqual([
      4 * 1024 * 1024,
      result.weightsBytes - 4 * 1024 * 1024,
    ]);
    const x = rf.ones([1, 1000]);
    const back = await rf.loadModel(dir);
    expect(Array.from((back.predict(x) as rf.Tensor).dataSync())).toEqual(
      Array.from((m.predict(x) as rf.Tensor).dataSync()),
    );
    const t = await m.save(newDir(), { format: 'tfjs' });
    expect(t.weightsFiles.map((f) => f.split('/').pop())).toEqual([
      expect.stringMatching(/^group1-shard1of2\./),
      expect.stringMatching(/^group1-shard2of2\./),
    ]);
    expect(Array.from(((await rf.loadModel(t.directory!)).predict(x) as rf.Tensor).dataSync())).toEqual(
      Array.from((m.predict(x) as rf.Tensor).dataSync()),
    );
  });
});

describe('file-system failures are typed errors naming the path and what to do', () => {
  it('saving onto a file, onto /dev/null, below a file, or where model.json is a folder', async () => {
    const m = model(3);
    const file = join(root, `file${n++}.txt`);
    await writeFile(file, 'x');
    await expect(m.save(file)).rejects.toThrow(
      new rf.RectifyError(
        `save: cannot save to '${file}': it is a file, not a folder; a model is saved as a folder holding model.json and its weights, so choose a folder path`,
      ),
    );
    await expect(m.save('/dev/null')).rejects.toThrow("save: cannot save to '/dev/null': it is a device, not a folder");
    await expect(m.save(join(file, 'sub'))).rejects.toThrow(
      `save: cannot create the folder '${join(file, 'sub')}': part of the path is a file, not a folder; choose a folder path (ENOTDIR)`,
    );
    const dir = newDir();
    await mkdir(join(dir, 'model.json'), { recursive: true });
    await expect(m.save(dir)).rejects.toThrow(
      `save: cannot write '${join(dir, 'model.json')}': it is a folder; give a file path, or remove the folder`,
    );
  });

  it('exportOnnx and saveWeights: a missing folder is created; a device or a folder in the way is refused', async () => {
    const m = model(3);
    const deep = join(newDir(), 'a', 'b', 'model.onnx');
    await rf.exportOnnx(m, deep);
    expect(existsSync(deep)).toBe(true);
    await expect(rf.exportOnnx(m, '/dev/null')).rejects.toThrow(
      "exportOnnx: cannot write '/dev/null': it is not a regular file (a device, FIFO or socket), and replacing it would destroy it; choose another path",
    );
    await expect(rf.exportOnnx(m, root)).rejects.toThrow(
      `exportOnnx: cannot write '${root}': it is a folder; give a file path, or remove the folder`,
    );
    await expect(m.saveWeights('/dev/null')).rejects.toThrow(
      "saveWeights: cannot write '/dev/null': it is not a regular file",
    );
  });

  it('permission errors and the like are translated, whatever the operation', () => {
    const err = Object.assign(new Error("EACCES: permission denied, open '/ro/x'"), { code: 'EACCES' });
    expect(fsError('save', '/ro/x', err, 'write').message).toBe(
      "save: cannot write '/ro/x': permission denied; choose a folder you can write to, or fix its permissions (EACCES)",
    );
    expect(fsError('save', '/x', Object.assign(new Error('?'), { code: 'EROFS' }), 'create the folder').message).toBe(
      "save: cannot create the folder '/x': the file system is read-only; save somewhere writable (EROFS)",
    );
  });
});
