import { describe, expect, it } from 'vitest';
import {
  add,
  dispose,
  mapUnary,
  matmul,
  mean,
  mul,
  ones,
  square,
  sub,
  sum,
  tensor,
  tidy,
  zeros,
} from '@rectify/tensor';
import * as act from '@rectify/activations';
import { variable, variableGrads } from '@rectify/autograd';
import { Arena } from '../src/runtime/arena.js';
import type { Heap } from '../src/runtime/heap.js';
import { normal, useWasm, withThreads } from './helpers.js';

const PAGE = 65536;

describe('Arena', () => {
  it('hands a freed block of the same size straight back', () => {
    const arena = new Arena(new WebAssembly.Memory({ initial: 1, maximum: 4 }), 0, 4 * PAGE);
    const a = arena.alloc(1000);
    arena.alloc(1000);
    arena.release(a, 1000);
    expect(arena.alloc(990)).toBe(a);
  });

  it('aligns blocks to 64 bytes', () => {
    const arena = new Arena(new WebAssembly.Memory({ initial: 1 }), 10, PAGE);
    expect([arena.alloc(1), arena.alloc(65), arena.alloc(4)]).toEqual([64, 128, 256]);
  });

  it('merges neighbouring free blocks before growing the memory', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 4 });
    const arena = new Arena(memory, 0, 4 * PAGE);
    const blocks = [0, 1, 2, 3].map(() => arena.alloc(PAGE / 4));
    arena.release(blocks[0]!, PAGE / 4);
    arena.release(blocks[1]!, PAGE / 4);
    expect(arena.alloc(PAGE / 2)).toBe(0);
    expect(memory.buffer.byteLength).toBe(PAGE);
  });

  it('gives a free tail back to the top', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 4 });
    const arena = new Arena(memory, 0, 4 * PAGE);
    arena.alloc(PAGE / 2);
    const tail = arena.alloc(PAGE / 2);
    arena.release(tail, PAGE / 2);
    expect(arena.alloc(PAGE / 2 + 64)).toBe(PAGE / 2);
    expect(arena.reservedBytes).toBe(PAGE + 64);
  });

  it('grows the memory by at least a quarter, and names the limit when it is reached', () => {
    const memory = new WebAssembly.Memory({ initial: 4, maximum: 8 });
    const arena = new Arena(memory, 0, 8 * PAGE);
    arena.alloc(4 * PAGE + 1);
    expect(memory.buffer.byteLength).toBe(5 * PAGE);
    expect(arena.generation).toBe(1);
    expect(() => arena.alloc(4 * PAGE)).toThrow(
      `wasm backend: out of memory: ${8 * PAGE + 64} bytes needed, the WebAssembly memory is limited to ${8 * PAGE} bytes`,
    );
  });
});

describe('wasm backend memory', () => {
  it('counts buffers and bytes, and frees them on dispose', () => {
    const b = useWasm();
    const before = b.memory();
    const x = tensor([1, 2, 3]);
    const flags = tensor([true, false], undefined, 'bool');
    expect(b.memory()).toEqual({ numDataBuffers: before.numDataBuffers + 2, numBytes: before.numBytes + 14 });
    dispose([x, flags]);
    expect(b.memory()).toEqual(before);
  });

  it('reuses a disposed buffer for the next tensor of the same size', () => {
    const b = useWasm();
    const x = zeros([1000]);
    const offset = b.readSync(x.dataId).byteOffset;
    x.dispose();
    const y = zeros([1000]);
    expect(b.readSync(y.dataId).byteOffset).toBe(offset);
  });

  it('keeps existing tensors intact when the memory grows', () => {
    const b = useWasm();
    const x = tensor([1.5, -2, 3]);
    const grown = b.info.memoryBytes as number;
    const big = zeros([grown / 4 + 1000]);
    expect(b.info.memoryBytes as number).toBeGreaterThan(grown);
    expect(Array.from(add(x, 1).dataSync())).toEqual([2.5, -1, 4]);
    dispose([x, big]);
  });

  it('reaches a steady state in a training loop: later steps allocate nothing new', () => {
    const b = useWasm();
    const w = variable(normal([64, 32], 31), true, 'mem-w');
    const x = normal([16, 64], 32);
    const y = normal([16, 32], 33);
    const step = () =>
      tidy(() => {
        const { value, grads } = variableGrads(() => mean(square(sub(matmul(x, w), y))), [w]);
        w.assign(sub(w, mul(grads['mem-w']!, 0.01)));
        return value.dataSync()[0]!;
      });
    for (let i = 0; i < 3; i++) step();
    const reserved = b.info.reservedBytes;
    const buffers = b.memory().numDataBuffers;
    const losses = Array.from({ length: 5 }, step);
    expect(b.info.reservedBytes).toBe(reserved);
    expect(b.memory().numDataBuffers).toBe(buffers);
    expect(losses[4]!).toBeLessThan(losses[0]!);
  });

  it('runs kernels on buffers placed above 2 GiB (pointers are unsigned 32-bit: a 4-layer GPT reached them)', async () => {
    const b = useWasm();
    const heap = (b as unknown as { ctx: { heap: Heap } }).ctx.heap;
    const below = heap.scratch(2 ** 31);
    try {
      await withThreads(2, () => {
        const x = tensor([-1, 0, 2]);
        // A fresh parametrised function is probed (its kernel checked) on scratch placed above 2 GiB too.
        expect(Array.from(mapUnary(x, act.leakyReluFn, 0.375).dataSync())).toEqual([-0.375, 0, 2]);
        expect(sum(ones([1 << 17])).dataSync()[0]).toBe(1 << 17);
        const batched = matmul(ones([2, 3, 2, 4]), ones([2, 1, 4, 5]));
        expect(Array.from(batched.dataSync()).every((v) => v === 4)).toBe(true);
      });
    } finally {
      heap.freeScratch(below, 2 ** 31);
    }
  });
});
