import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ones, setSeed, tensor, zeros, type Tensor } from '@rectify/tensor';
import { dense } from '@rectify/layers';
import {
  assignWeightsSafetensors,
  decodeSafetensors,
  encodeSafetensors,
  encodeWeightsSafetensors,
  loadSafetensors,
  loadWeightsSafetensors,
  saveSafetensors,
  saveWeightsSafetensors,
} from '@rectify/interop';

/** A safetensors file from a header object and raw data, written by hand as the format describes it. */
function file(header: unknown, data: number[] | Uint8Array, headerLength?: number): Uint8Array {
  const json = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerLength ?? json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

const f32 = (...v: number[]): number[] => Array.from(new Uint8Array(new Float32Array(v).buffer));
const arr = (t: Tensor | undefined): unknown => t!.arraySync();

describe('safetensors codec', () => {
  it('reads a hand-written file: little-endian F32, I32 and BOOL, in offset order, with metadata', () => {
    const bytes = file(
      {
        b: { dtype: 'I32', shape: [2], data_offsets: [8, 16] },
        __metadata__: { format: 'pt' },
        a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
        c: { dtype: 'BOOL', shape: [1, 3], data_offsets: [16, 19] },
        e: { dtype: 'F32', shape: [0, 4], data_offsets: [19, 19] },
      },
      [...f32(1, -2.5), 0xff, 0xff, 0xff, 0xff, 7, 0, 0, 0, 1, 0, 1],
    );
    const { tensors, metadata } = decodeSafetensors(bytes);
    expect([...tensors.keys()]).toEqual(['a', 'b', 'c', 'e']);
    expect(arr(tensors.get('a'))).toEqual([1, -2.5]);
    expect(arr(tensors.get('b'))).toEqual([-1, 7]);
    expect(tensors.get('b')!.dtype).toBe('int32');
    expect(arr(tensors.get('c'))).toEqual([[true, false, true]]);
    expect(tensors.get('e')!.shape).toEqual([0, 4]);
    expect(metadata).toEqual({ format: 'pt' });
  });

  it('writes the header a Python reader expects (padded to 8 bytes) and round-trips exactly', () => {
    const a = tensor([
      [1.5, -0],
      [Number.MAX_VALUE, Number.NaN],
    ]);
    const bytes = encodeSafetensors(
      { 'dense/kernel': a, ids: tensor([3, -4], [2], 'int32'), flag: tensor([true, false]) },
      { note: 'x' },
    );
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const header = new TextDecoder().decode(bytes.subarray(8, 8 + n));
    expect(JSON.parse(header)).toEqual({
      __metadata__: { note: 'x' },
      'dense/kernel': { dtype: 'F32', shape: [2, 2], data_offsets: [0, 16] },
      ids: { dtype: 'I32', shape: [2], data_offsets: [16, 24] },
      flag: { dtype: 'BOOL', shape: [2], data_offsets: [24, 26] },
    });
    expect(bytes.length).toBe(8 + n + 26);
    const back = decodeSafetensors(bytes);
    expect(Array.from(back.tensors.get('dense/kernel')!.dataSync())).toEqual([1.5, -0, Infinity, NaN]);
    expect(arr(back.tensors.get('ids'))).toEqual([3, -4]);
    expect(arr(back.tensors.get('flag'))).toEqual([true, false]);
    expect(back.metadata).toEqual({ note: 'x' });
    expect(decodeSafetensors(encodeSafetensors({})).tensors.size).toBe(0);
  });

  const ok = { a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } };
  const cases: [string, Uint8Array, string | RegExp][] = [
    [
      'too short for the length field',
      new Uint8Array(5),
      'decodeSafetensors: the file has 5 bytes, too few for the 8-byte header length',
    ],
    [
      'truncated data',
      file(ok, f32(1)),
      "decodeSafetensors: tensor 'a' ends at byte 8, but the data section has 4 bytes (truncated file?)",
    ],
    [
      'header longer than the file',
      file(ok, f32(1, 2), 500),
      'decodeSafetensors: the header length 500 exceeds the 62 bytes that follow it (truncated or not a safetensors file)',
    ],
    [
      'absurd header length',
      file(ok, f32(1, 2), 2 ** 40),
      /^decodeSafetensors: the header length 1099511627776 exceeds the 62 bytes that follow it/,
    ],
    ['header not JSON', file('{"a": ', []), /^decodeSafetensors: the 6-byte header is not a JSON object \(/],
    [
      'header not an object',
      file('[1, 2]', []),
      /^decodeSafetensors: the 6-byte header is not a JSON object \(it does not start with \{\)/,
    ],
    [
      'wrong dtype',
      file({ a: { dtype: 'F16', shape: [2], data_offsets: [0, 4] } }, [0, 0, 0, 0]),
      'decodeSafetensors: tensor \'a\' has dtype "F16"; supported: F32, I32, BOOL',
    ],
    [
      'shape × dtype ≠ bytes',
      file({ a: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, f32(1, 2)),
      "decodeSafetensors: tensor 'a' of shape [3] and dtype F32 needs 12 bytes, but data_offsets [0, 8] span 8",
    ],
    [
      'reversed offsets',
      file({ a: { dtype: 'F32', shape: [0], data_offsets: [8, 0] } }, f32(1, 2)),
      "decodeSafetensors: tensor 'a' data_offsets must be [begin, end] with 0 <= begin <= end, received [8,0]",
    ],
    [
      'negative offset',
      file({ a: { dtype: 'F32', shape: [1], data_offsets: [-4, 0] } }, f32(1)),
      /^decodeSafetensors: tensor 'a' data_offsets must be \[begin, end\]/,
    ],
    [
      'overlapping tensors',
      file(
        {
          a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
          b: { dtype: 'F32', shape: [2], data_offsets: [4, 12] },
        },
        f32(1, 2, 3),
      ),
      "decodeSafetensors: tensors 'a' [0, 8) and 'b' [4, 12) overlap",
    ],
    [
      'a gap between tensors',
      file(
        {
          a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] },
          b: { dtype: 'F32', shape: [1], data_offsets: [8, 12] },
        },
        f32(1, 2, 3),
      ),
      'decodeSafetensors: data bytes [4, 8) belong to no tensor',
    ],
    ['trailing bytes', file(ok, f32(1, 2, 3)), 'decodeSafetensors: data bytes [8, 12) belong to no tensor'],
    [
      'bad shape',
      file({ a: { dtype: 'F32', shape: [1.5], data_offsets: [0, 4] } }, f32(1)),
      "decodeSafetensors: tensor 'a' shape must be non-negative integers, received [1.5]",
    ],
    [
      'unknown field',
      file({ a: { dtype: 'F32', shape: [1], data_offsets: [0, 4], code: 'x' } }, f32(1)),
      "decodeSafetensors: tensor 'a' has an unknown field 'code'",
    ],
    [
      'non-string metadata',
      file({ __metadata__: { epochs: 3 } }, []),
      'decodeSafetensors: __metadata__ must map strings to strings',
    ],
    [
      'a tensor named twice (JSON.parse would keep the last)',
      file(
        '{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}',
        f32(1, 2),
      ),
      "decodeSafetensors: the header names tensor 'a' twice",
    ],
    [
      'a header nested 100000 deep',
      file(`{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, []),
      /^decodeSafetensors: the \d+-byte header is not a JSON object \(it nests 100001 levels deep\)$/,
    ],
    [
      'a BOOL byte that is not 0 or 1',
      file({ a: { dtype: 'BOOL', shape: [2], data_offsets: [0, 2] } }, [1, 2]),
      "decodeSafetensors: tensor 'a' (BOOL) holds byte 2 at element 1; booleans are 0 or 1",
    ],
  ];
  for (const [what, bytes, message] of cases) {
    it(`rejects ${what}`, () => {
      expect(() => decodeSafetensors(bytes)).toThrow(message);
    });
  }

  it('rejects a reserved name and non-string metadata when writing', () => {
    expect(() => encodeSafetensors({ __metadata__: zeros([1]) })).toThrow(
      'encodeSafetensors: tensor name "__metadata__" is reserved or empty',
    );
    expect(() => encodeSafetensors({}, { n: 1 as unknown as string })).toThrow(
      "encodeSafetensors: metadata values must be strings, 'n' is number",
    );
  });
});

describe('safetensors model weights', () => {
  it("round-trips a model's weights by variable name, and refuses mismatches without changing anything", async () => {
    setSeed(41);
    const a = dense({ units: 3, inputShape: [2], name: 'd' });
    const b = dense({ units: 3, inputShape: [2], name: 'd' });
    a.apply(ones([1, 2]));
    b.apply(ones([1, 2]));
    const bytes = encodeWeightsSafetensors(a);
    expect(decodeSafetensors(bytes).metadata).toEqual({ format: 'rectify' });
    assignWeightsSafetensors(b, bytes);
    expect(b.kernel!.arraySync()).toEqual(a.kernel!.arraySync());

    const before = b.kernel!.arraySync();
    const wrongShape = encodeSafetensors({ 'd/kernel': zeros([3, 2]), 'd/bias': zeros([3]) });
    expect(() => assignWeightsSafetensors(b, wrongShape)).toThrow(
      "loadWeights: weight 'd/kernel' has shape [3,2] in the file, but the model expects [2,3]",
    );
    const missing = encodeSafetensors({ 'd/kernel': zeros([2, 3]) });
    expect(() => assignWeightsSafetensors(b, missing)).toThrow(
      "loadWeights: weight 'd/bias' of the model is missing from the safetensors file",
    );
    const extra = encodeSafetensors({ 'd/kernel': zeros([2, 3]), 'd/bias': zeros([3]), 'e/bias': zeros([1]) });
    expect(() => assignWeightsSafetensors(b, extra)).toThrow(
      "loadWeights: the safetensors file holds 'e/bias', which the model does not have",
    );
    const ints = encodeSafetensors({ 'd/kernel': tensor([1, 2, 3, 4, 5, 6], [2, 3], 'int32'), 'd/bias': zeros([3]) });
    expect(() => assignWeightsSafetensors(b, ints)).toThrow(
      "loadWeights: weight 'd/kernel' has dtype int32 in the file, but the model expects float32",
    );
    expect(b.kernel!.arraySync()).toEqual(before);
    expect(() => encodeWeightsSafetensors(dense({ units: 1, name: 'unbuilt' }))).toThrow(
      "saveWeights: model 'unbuilt' is not built yet; build it (or fit it) before saving its weights",
    );
  });

  it('file helpers write atomically and read back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rectify-st-'));
    try {
      const layer = dense({ units: 2, inputShape: [2], name: 'f' });
      layer.apply(ones([1, 2]));
      await saveWeightsSafetensors(layer, join(dir, 'w.safetensors'));
      const copy = dense({ units: 2, inputShape: [2], name: 'f' });
      copy.apply(ones([1, 2]));
      await loadWeightsSafetensors(copy, join(dir, 'w.safetensors'));
      expect(copy.kernel!.arraySync()).toEqual(layer.kernel!.arraySync());
      await saveSafetensors(join(dir, 't.safetensors'), { x: tensor([1, 2]) });
      expect(arr((await loadSafetensors(join(dir, 't.safetensors'))).tensors.get('x'))).toEqual([1, 2]);
      expect((await readdir(dir)).sort()).toEqual(['t.safetensors', 'w.safetensors']);
      await expect(loadSafetensors(join(dir, 'none.safetensors'))).rejects.toThrow(
        /^loadSafetensors: no file at '.*none\.safetensors'$/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
