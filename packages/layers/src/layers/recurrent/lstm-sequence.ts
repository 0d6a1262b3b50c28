import { type GradSaveFunc, customGrad } from '@rectify/autograd';
import {
  type Tensor,
  add,
  concat,
  lstmSequence,
  lstmSequenceGrad,
  matmul,
  reshape,
  reverse,
  slice,
  sum,
  tidy,
  transpose,
} from '@rectify/tensor';
import type { LSTMCell } from './lstm-cell.js';
import type { LoopOptions, LoopResult } from './rnn-loop.js';

/**
 * The whole LSTM sequence as one recorded op with a hand-written backward (backpropagation through time): the input
 * projection of every step is one product `[time·batch, features]·W` forward and one `Xᵀ·dZ` backward, the
 * recurrent weights' gradient one `Hᵀ·dZ`, and the steps themselves run in `lstmSequence` / `lstmSequenceGrad` —
 * one task each on a backend with the fused kernels (the wasm backend), the `lstmPointwise` kernels step by step
 * elsewhere. Slicing each step's projection off one recorded product would not do: each slice's gradient is a
 * zero-padded tensor of the whole product, so backward cost grows with time². x's gradient is skipped when x needs
 * none (a model's first layer).
 */
export function runLSTMSequence(cell: LSTMCell, x: Tensor, [h0, c0]: readonly Tensor[], opts: LoopOptions): LoopResult {
  const [batch, time, features] = x.shape as [number, number, number];
  const units = cell.units;
  /** `[time, batch, n]` in processing order ↔ `[batch, time, n]` in time order. */
  const toSteps = (t: Tensor): Tensor => {
    const steps = transpose(t, [1, 0, 2]);
    return opts.goBackwards ? reverse(steps, 0) : steps;
  };
  const fromSteps = (t: Tensor): Tensor => transpose(opts.goBackwards ? reverse(t, 0) : t, [1, 0, 2]);
  const lastStep = (t: Tensor): Tensor => reshape(slice(t, [time - 1, 0, 0], [1, batch, units]), [batch, units]);
  let last: Tensor[] = [];
  const sequence = customGrad((...args: Tensor[]) => {
    const save = args.pop() as unknown as GradSaveFunc;
    const [xs, W, U, h, c] = args as [Tensor, Tensor, Tensor, Tensor, Tensor];
    const b = args.length > 5 ? args[5] : undefined;
    // Time-major rows in processing order (step·batch + n), so that each step's projection is one contiguous block.
    const xRows = tidy(() => reshape(toSteps(xs), [time * batch, features]));
    const zx = tidy(() => {
      const p = matmul(xRows, W);
      return reshape(b ? add(p, b) : p, [time, batch, 4 * units]);
    });
    const [z, hs, cs] = lstmSequence(zx, U, h, c);
    last = [lastStep(hs), lastStep(cs)];
    save([xRows, W, U, z, hs, cs, h, c]);
    // Keras returns a backwards layer's sequence in processing order.
    const value = opts.returnSequences ? transpose(hs, [1, 0, 2]) : last[0]!;
    return {
      value,
      gradFunc: (dy: Tensor, saved: Tensor[], needs: readonly boolean[]) =>
        backward(dy, saved, needs[0]!, b !== undefined),
    };
  });

  /** `saved` is what the forward saved: x's rows, W, U, then every step's z, h and c, then h0 and c0. */
  function backward(dy: Tensor, saved: readonly Tensor[], needsX: boolean, hasBias: boolean): Array<Tensor | null> {
    const [xRows, W, U, z, hs, cs, h, c] = saved as [Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor];
    return tidy(() => {
      const dh = opts.returnSequences ? transpose(dy, [1, 0, 2]) : dy;
      const [dz, dh0, dc0] = lstmSequenceGrad(z, cs, c, U, dh);
      const dZ = reshape(dz, [time * batch, 4 * units]);
      // Each step's h before it: h0, then every step's h but the last.
      const before = time > 1 ? slice(hs, [0, 0, 0], [time - 1, batch, units]) : undefined;
      const hRows = before ? concat([h, reshape(before, [(time - 1) * batch, units])], 0) : h;
      const dx = needsX ? fromSteps(reshape(matmul(dZ, W, false, true), [time, batch, features])) : null;
      const grads = [dx, matmul(xRows, dZ, true, false), matmul(hRows, dZ, true, false), dh0, dc0];
      if (hasBias) grads.push(sum(dZ, 0));
      return grads;
    });
  }

  const inputs = [x, cell.kernel!, cell.recurrentKernel!, h0!, c0!, ...(cell.bias ? [cell.bias] : [])];
  const output = sequence(...inputs);
  // customGrad hands back its own handle on the value (and frees the one made inside): the last h, without
  // returnSequences.
  return { output, states: [opts.returnSequences ? last[0]! : output, last[1]!] };
}
