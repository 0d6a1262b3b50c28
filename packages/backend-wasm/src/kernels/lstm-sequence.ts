import type { FusedKernelSpecs, TensorInfo } from '@rectify/tensor';
import { LstmSeqMode } from '../abi.js';
import type { Context } from '../context.js';
import type { WasmData } from '../runtime/heap.js';

/** Columns of one packed panel (the GEMM micro-kernel's NR). */
const PANEL = 8;
/** Multiply-adds per step from which the step's blocks are shared between threads. */
const PARALLEL_STEP_WORK = 1 << 17;
/** Bytes of one thread's scratch: a 4×8 edge tile, padded (THREAD_SCRATCH in assembly/lstm-sequence.ts). */
const THREAD_SCRATCH = 256;
/**
 * Times a thread polls for the previous step's blocks before it sleeps: some tens of microseconds, about one step's
 * work at the bench's size (2¹⁴ polls, with a thread waking from sleep every few steps, made the LSTM 10–20 % slower).
 * `RECTIFY_WASM_BARRIER_SPIN` overrides it (0: sleep at once, as tests do to exercise sleeping).
 */
const BARRIER_SPIN = Number(globalThis.process?.env?.RECTIFY_WASM_BARRIER_SPIN ?? 1 << 16);

type Buffers = Partial<Record<'zx' | 'z' | 'h0' | 'c0' | 'h' | 'c' | 'dh' | 'dz' | 'dh0' | 'dc0', WasmData>>;

/**
 * Runs the `lstmSequence` task: U packed once into scratch, the threads sharing each step's blocks of units. Blocks
 * are whole panels, about four per thread, so a thread the OS holds up delays a step by at most one block.
 */
function runSequence(ctx: Context, mode: LstmSeqMode, dims: number[], u: WasmData, b: Buffers, dhAll = false): void {
  const [steps, rows, units] = dims as [number, number, number];
  const parallel = rows * 4 * units * units >= PARALLEL_STEP_WORK;
  const threads = parallel && ctx.pool ? Math.max(1, ctx.threads) : 1;
  const roundUp = (n: number, m: number) => Math.ceil(n / m) * m;
  const block = Math.min(roundUp(units, 4), Math.max(PANEL, roundUp(Math.ceil(units / (4 * threads)), PANEL)));
  const blocks = Math.ceil(units / block);
  const packedBytes = blocks * 4 * units * roundUp(block, PANEL) * 4;
  // Tests split every task however small (ctx.alwaysParallel), so every thread gets a tile.
  const tilesBytes = Math.max(1, ctx.threads) * THREAD_SCRATCH;
  const claimsBytes = blocks * 4;
  const packed = ctx.heap.scratch(packedBytes);
  const tiles = ctx.heap.scratch(tilesBytes);
  const claims = ctx.heap.scratch(claimsBytes);
  ctx.heap.i32.fill(0, claims >>> 2, (claims >>> 2) + blocks);
  const ptr = (d: WasmData | undefined) => d?.ptr ?? 0;
  try {
    const params = {
      mode,
      steps,
      rows,
      units,
      block,
      zx: ptr(b.zx),
      z: ptr(b.z),
      u: u.ptr,
      h0: ptr(b.h0),
      c0: ptr(b.c0),
      h: ptr(b.h),
      c: ptr(b.c),
      dh: ptr(b.dh),
      dhAll: dhAll ? 1 : 0,
      dz: ptr(b.dz),
      dh0: ptr(b.dh0),
      dc0: ptr(b.dc0),
      packed,
      tiles,
      claims,
      mayBlock: ctx.pool?.mainCanWait ? 1 : 0,
      spin: BARRIER_SPIN,
      done: 0,
      sleepers: 0,
    };
    ctx.run('lstmSequence', params, parallel);
  } finally {
    ctx.heap.freeScratch(claims, claimsBytes);
    ctx.heap.freeScratch(tiles, tilesBytes);
    ctx.heap.freeScratch(packed, packedBytes);
  }
}

const info = (dataId: WasmData, shape: readonly number[]): TensorInfo => ({ dataId, shape, dtype: 'float32' });

/** `FusedKernelSpecs.lstmSequence` (the engine has validated the inputs): the whole forward in one task. */
export function lstmSequence(
  ctx: Context,
  [zx, u, h0, c0]: FusedKernelSpecs['lstmSequence']['inputs'],
  inPlace: boolean,
): FusedKernelSpecs['lstmSequence']['outputs'] {
  const [steps, rows, width] = zx.shape as [number, number, number];
  const units = width / 4;
  const zxd = ctx.data(zx);
  const z = inPlace ? zxd : ctx.out('float32', zxd.length);
  const h = ctx.out('float32', steps * rows * units);
  const c = ctx.out('float32', steps * rows * units);
  if (rows > 0 && units > 0) {
    const buffers = { zx: zxd, z, h0: ctx.data(h0), c0: ctx.data(c0), h, c };
    runSequence(ctx, LstmSeqMode.forward, [steps, rows, units], ctx.data(u), buffers);
  }
  const state = [steps, rows, units];
  return [info(z, zx.shape), info(h, state), info(c, state)];
}

/** `FusedKernelSpecs.lstmSequenceGrad`: backpropagation through the whole sequence in one task. */
export function lstmSequenceGrad(
  ctx: Context,
  [z, c, c0, u, dh]: FusedKernelSpecs['lstmSequenceGrad']['inputs'],
): FusedKernelSpecs['lstmSequenceGrad']['outputs'] {
  const [steps, rows, width] = z.shape as [number, number, number];
  const units = width / 4;
  const dz = ctx.out('float32', steps * rows * width);
  const dh0 = ctx.out('float32', rows * units);
  const dc0 = ctx.out('float32', rows * units);
  if (rows > 0 && units > 0) {
    const buffers = { z: ctx.data(z), c: ctx.data(c), c0: ctx.data(c0), dh: ctx.data(dh), dz, dh0, dc0 };
    runSequence(ctx, LstmSeqMode.backward, [steps, rows, units], ctx.data(u), buffers, dh.shape.length === 3);
  }
  return [info(dz, z.shape), info(dh0, [rows, units]), info(dc0, [rows, units])];
}
