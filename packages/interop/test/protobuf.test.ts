import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ones, tensor } from '@rectify/tensor';
import { dense } from '@rectify/layers';
import { OnnxDataType, ProtoWriter, encodeOnnx, encodeOnnxModel, encodeVarint, exportOnnx } from '@rectify/interop';
import { OnnxGraphBuilder } from '../src/onnx/graph-builder.js';
import { runOnnx } from './helpers.js';

const bytes = (u: Uint8Array): number[] => Array.from(u);

describe('protobuf writer', () => {
  it('encodes varints as base-128 groups, negative int64 as ten bytes', () => {
    expect(bytes(encodeVarint(0))).toEqual([0]);
    expect(bytes(encodeVarint(1))).toEqual([1]);
    expect(bytes(encodeVarint(127))).toEqual([0x7f]);
    expect(bytes(encodeVarint(128))).toEqual([0x80, 0x01]);
    expect(bytes(encodeVarint(300))).toEqual([0xac, 0x02]);
    expect(bytes(encodeVarint(2 ** 32))).toEqual([0x80, 0x80, 0x80, 0x80, 0x10]);
    expect(bytes(encodeVarint(-1))).toEqual([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    expect(bytes(encodeVarint(-2))).toEqual([0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    expect(() => encodeVarint(2 ** 53)).toThrow('protobuf: varint must be a safe integer, received 9007199254740992');
    expect(() => encodeVarint(1.5)).toThrow('protobuf: varint must be a safe integer, received 1.5');
  });

  it('writes tags, strings, floats and nested messages in call order', () => {
    expect(bytes(new ProtoWriter().int64(1, 150).string(2, 'x').finish())).toEqual([
      0x08, 0x96, 0x01, 0x12, 0x01, 0x78,
    ]);
    expect(bytes(new ProtoWriter().float(3, 1.5).finish())).toEqual([0x1d, 0x00, 0x00, 0xc0, 0x3f]);
    const inner = new ProtoWriter().int64(1, 1);
    const outer = new ProtoWriter().message(4, inner).int64s(5, [1, 2]);
    expect(bytes(outer.finish())).toEqual([0x22, 0x02, 0x08, 0x01, 0x28, 0x01, 0x28, 0x02]);
    expect(outer.length).toBe(8);
    expect(bytes(new ProtoWriter().string(1, 'é').finish())).toEqual([0x0a, 0x02, 0xc3, 0xa9]);
    expect(bytes(new ProtoWriter().bytes(16, new Uint8Array(0)).finish())).toEqual([0x82, 0x01, 0x00]);
    expect(() => new ProtoWriter().int64(0, 1)).toThrow(
      'protobuf: field number must be an integer in [1, 2^29 - 1], received 0',
    );
  });

  it('a hand-built ONNX model (initializer, attribute, symbolic dim) runs in ONNX Runtime', async () => {
    const raw = new Uint8Array(new Float32Array([10, 20, 30]).buffer);
    const model = encodeOnnxModel({
      irVersion: 8,
      opsetVersion: 17,
      producerName: 'test',
      producerVersion: '1',
      graph: {
        name: 'g',
        nodes: [
          { opType: 'Add', name: 'add', inputs: ['x', 'c'], outputs: ['s'], attributes: {} },
          {
            opType: 'LeakyRelu',
            name: 'lr',
            inputs: ['s'],
            outputs: ['y'],
            attributes: { alpha: { type: 'float', value: 0.5 } },
          },
        ],
        initializers: [{ name: 'c', dataType: OnnxDataType.FLOAT, dims: [3], raw }],
        inputs: [{ name: 'x', elemType: OnnxDataType.FLOAT, shape: ['batch', 3] }],
        outputs: [{ name: 'y', elemType: OnnxDataType.FLOAT, shape: ['batch', 3] }],
      },
    });
    const out = await runOnnx(model, {
      x: tensor([
        [-20, -40, 0],
        [1, 2, 3],
      ]),
    });
    expect(Array.from(out['y']!.data)).toEqual([-5, -10, 30, 11, 22, 33]);
  });
});

describe('ONNX graph builder', () => {
  it('cancels a Transpose that undoes the previous one and drops nodes nothing reads', () => {
    const b = new OnnxGraphBuilder(17);
    const t = b.transpose('x', [0, 3, 1, 2], 'a');
    expect(b.transpose(t, [0, 2, 3, 1], 'b')).toBe('x');
    expect(b.transpose(t, [0, 1, 3, 2], 'c')).not.toBe('x');
    const used = b.node('Relu', ['x'], {}, 'r');
    const g = b.finish(
      'g',
      [{ name: 'x', elemType: 1, shape: [1, 2, 3, 4] }],
      [{ name: 'y', elemType: 1, shape: [1, 2, 3, 4], value: used }],
    );
    expect(g.nodes.map((n) => n.opType)).toEqual(['Relu', 'Identity']);
  });
});

describe('exportOnnx file', () => {
  it('writes the same bytes it returns, atomically (no temporary file left)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rectify-onnx-'));
    try {
      const layer = dense({ units: 2, inputShape: [3] });
      layer.apply(ones([1, 3]));
      const path = join(dir, 'model.onnx');
      const returned = await exportOnnx({ layers: [layer] }, path);
      expect(bytes(await readFile(path))).toEqual(bytes(returned));
      expect(bytes(returned)).toEqual(bytes(encodeOnnx({ layers: [layer] })));
      expect(await readdir(dir)).toEqual(['model.onnx']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
