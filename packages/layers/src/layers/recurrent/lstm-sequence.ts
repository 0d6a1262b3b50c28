import { type GradSaveFunc, customGrad } from '@rectify/autograd';
import {
  type Tensor,
  add,
  concat,
  engine,
  lstmPointwise,
  matmul,
  reshape,
  slice,
  stack,
  sum,
  tidy,
  transpose,
} from '@rectify/tensor';
import type { LSTMCell } from './lstm-cell.js';
import type { LoopOptions, LoopResult } from './rnn-loop.js';

/**
 * The whole LSTM sequence as one recorded op with a hand-written backward (backpropagation through time): the input
 * projection of every step is one product `[time·batch, features]·W` forward and one `Xᵀ·dZ` backward, and the tape
 * holds one op instead of a dozen per step. Slicing each step's projection off one recorded product would not do:
 * each slice's gradient is a zero-padded tensor of the whole product, so backward cost grows with time².
 * The steps run the same `lstmPointwise` kernels as the step-by-step loop, so the two agree to rounding.
 */
export function runLSTMSequence(cell: LSTMCell, x: Tensor, [h0, c0]: readonly Tensor[], opts: LoopOptions): LoopResult {
  const [batch, time, features] = x.shape as [number, number, number];
  const units = cell.units;
  const order = Array.from({ length: time }, (_, i) => (opts.goBackwards ? time - 1 - i : i));
  let last: Tensor[] = [];
  const sequence = customGrad((...args: Tensor[]) => {
    const save = args.pop() as unknown as GradSaveFunc;
    const [xs, W, U, h, c] = args as [Tensor, Tensor, Tensor, Tensor, Tensor];
    const b = args.length > 5 ? args[5] : undefined;
    // Time-major rows (t·batch + n), so that each step's projection is one contiguous block.
    const xRows = tidy(() => reshape(transpose(xs, [1, 0, 2]), [time * batch, features]));
    const projected = tidy(() => {
      const p = matmul(xRows, W);
      return b ? add(p, b) : p;
    });
    // What the backward needs, by processing step: z, the cell state before and after, and h before.
    const zs: Tensor[] = [];
    const cs: Tensor[] = [c];
    const hsBefore: Tensor[] = [];
    let hPrev = h;
    let cPrev = c;
    const outputs: Tensor[] = [];
    for (const t of order) {
      const z = tidy(() => add(slice(projected, [t * batch, 0], [batch, 4 * units]), matmul(hPrev, U)));
      const [hNext, cNext] = lstmPointwise(z, cPrev);
      zs.push(z);
      hsBefore.push(hPrev);
      cs.push(cNext);
      outputs.push(hNext);
      [hPrev, cPrev] = [hNext, cNext];
    }
    projected.dispose();
    last = [hPrev, cPrev];
    save([xRows, W, U, ...zs, ...cs, ...hsBefore]);
    const value = opts.returnSequences ? stack(outputs, 1) : hPrev;
    return { value, gradFunc: (dy: Tensor, saved: Tensor[]) => backward(dy, saved, b !== undefined) };
  });

  /** `saved` is what the forward saved, as the tape holds it: x in time-major rows, W, U, then zs, cs and hsBefore (see above). */
  function backward(dy: Tensor, saved: readonly Tensor[], hasBias: boolean): Tensor[] {
    const [xRows, W, U] = saved as [Tensor, Tensor, Tensor];
    const zs = saved.slice(3, 3 + time);
    const cs = saved.slice(3 + time, 4 + 2 * time);
    const hsBefore = saved.slice(4 + 2 * time);
    const dzByTime: Tensor[] = new Array<Tensor>(time);
    const hBeforeByTime: Tensor[] = new Array<Tensor>(time);
    let dh: Tensor | undefined;
    let dc: Tensor | undefined;
    for (let i = time - 1; i >= 0; i--) {
      const t = order[i]!;
      const stepDy = opts.returnSequences
        ? reshape(slice(dy, [0, i, 0], [batch, 1, units]), [batch, units])
        : i === time - 1
          ? dy
          : undefined;
      const [dz, dcPrev, dhPrev] = tidy(() => {
        const dhAll = dh && stepDy ? add(dh, stepDy) : (dh ?? stepDy)!;
        const z = zs[i]!;
        const grad = (part: 'state' | 'hidden', c: Tensor, g: Tensor, wrt: 'z' | 'c') =>
          engine.runKernel('lstmCellGrad', [z, c, g], { part, wrt });
        const dcHidden = grad('hidden', cs[i + 1]!, dhAll, 'c');
        const dcAll = dc ? add(dc, dcHidden) : dcHidden;
        const dzStep = add(grad('hidden', cs[i + 1]!, dhAll, 'z'), grad('state', cs[i]!, dcAll, 'z'));
        return [dzStep, grad('state', cs[i]!, dcAll, 'c'), matmul(dzStep, U, false, true)];
      });
      dh?.dispose();
      dc?.dispose();
      [dh, dc] = [dhPrev!, dcPrev!];
      dzByTime[t] = dz!;
      hBeforeByTime[t] = hsBefore[i]!;
    }
    return tidy(() => {
      const dZ = concat(dzByTime, 0);
      const dx = transpose(reshape(matmul(dZ, W, false, true), [time, batch, features]), [1, 0, 2]);
      const grads = [dx, matmul(xRows, dZ, true, false), matmul(concat(hBeforeByTime, 0), dZ, true, false), dh!, dc!];
      if (hasBias) grads.push(sum(dZ, 0));
      dzByTime.forEach((d) => d.dispose());
      return grads;
    });
  }

  const inputs = [x, cell.kernel!, cell.recurrentKernel!, h0!, c0!, ...(cell.bias ? [cell.bias] : [])];
  const output = sequence(...inputs);
  // customGrad hands back its own handle on the value (and frees the one made inside): the last h, without
  // returnSequences.
  return { output, states: [opts.returnSequences ? last[0]! : output, last[1]!] };
}
