import { type GradSaveFunc, customGrad } from '@rectify/autograd';
import {
  type Tensor,
  add,
  concat,
  engine,
  gruPointwise,
  matmul,
  reshape,
  slice,
  stack,
  sum,
  tidy,
  transpose,
} from '@rectify/tensor';
import type { GRUCell } from './gru-cell.js';
import type { LoopOptions, LoopResult } from './rnn-loop.js';

/**
 * The whole GRU sequence (Keras' `resetAfter` form) as one recorded op with a hand-written backward through time,
 * as `runLSTMSequence`: the input projection `[time·batch, features]·W + b_x` is one product forward, and `Xᵀ·dZx`,
 * `Hᵀ·dZh` and the bias sums one each backward. The steps run the `gruPointwise` kernel of the step-by-step loop.
 */
export function runGRUSequence(cell: GRUCell, x: Tensor, [h0]: readonly Tensor[], opts: LoopOptions): LoopResult {
  const [batch, time, features] = x.shape as [number, number, number];
  const width = 3 * cell.units;
  const order = Array.from({ length: time }, (_, i) => (opts.goBackwards ? time - 1 - i : i));
  let lastH: Tensor | undefined;
  const sequence = customGrad((...args: Tensor[]) => {
    const save = args.pop() as unknown as GradSaveFunc;
    const [xs, W, U, h] = args as [Tensor, Tensor, Tensor, Tensor];
    const b = args.length > 4 ? args[4] : undefined;
    const [bx, bh] = b ? [0, 1].map((row) => reshape(slice(b, [row, 0], [1, width]), [width])) : [];
    // Time-major rows (t·batch + n), so that each step's projection is one contiguous block.
    const xRows = tidy(() => reshape(transpose(xs, [1, 0, 2]), [time * batch, features]));
    const projected = tidy(() => {
      const p = matmul(xRows, W);
      return bx ? add(p, bx) : p;
    });
    // What the backward needs, by processing step: both projections and h before.
    const zxs: Tensor[] = [];
    const zhs: Tensor[] = [];
    const hs: Tensor[] = [h];
    const outputs: Tensor[] = [];
    for (const t of order) {
      const hPrev = hs[hs.length - 1]!;
      const zx = slice(projected, [t * batch, 0], [batch, width]);
      const zh = tidy(() => (bh ? add(matmul(hPrev, U), bh) : matmul(hPrev, U)));
      const hNext = gruPointwise(zx, zh, hPrev);
      zxs.push(zx);
      zhs.push(zh);
      hs.push(hNext);
      outputs.push(hNext);
    }
    projected.dispose();
    lastH = hs[hs.length - 1];
    // Not the last h: customGrad frees it when it is the value, and the backward needs only the states before.
    save([xRows, W, U, ...zxs, ...zhs, ...hs.slice(0, time)]);
    const value = opts.returnSequences ? stack(outputs, 1) : lastH!;
    return {
      value,
      gradFunc: (dy: Tensor, saved: Tensor[], needs: readonly boolean[]) =>
        backward(dy, saved, needs[0]!, b !== undefined),
    };
  });

  /** `saved` is what the forward saved, as the tape holds it: x in time-major rows, W, U, then zxs, zhs and the h before each step. */
  function backward(dy: Tensor, saved: readonly Tensor[], needsX: boolean, hasBias: boolean): Array<Tensor | null> {
    const [xRows, W, U] = saved as [Tensor, Tensor, Tensor];
    const zxs = saved.slice(3, 3 + time);
    const zhs = saved.slice(3 + time, 3 + 2 * time);
    const hs = saved.slice(3 + 2 * time);
    const dzxByTime = new Array<Tensor>(time);
    const dzhByTime = new Array<Tensor>(time);
    const hBeforeByTime = new Array<Tensor>(time);
    let dh: Tensor | undefined;
    for (let i = time - 1; i >= 0; i--) {
      const t = order[i]!;
      const stepDy = opts.returnSequences
        ? reshape(slice(dy, [0, i, 0], [batch, 1, cell.units]), [batch, cell.units])
        : i === time - 1
          ? dy
          : undefined;
      const [dzx, dzh, dhPrev] = tidy(() => {
        const g = dh && stepDy ? add(dh, stepDy) : (dh ?? stepDy)!;
        const inputs = [zxs[i]!, zhs[i]!, hs[i]!, g] as const;
        const grad = (wrt: 'zx' | 'zh' | 'h') => engine.runKernel('gruCellGrad', [...inputs], { wrt });
        const dzhStep = grad('zh');
        return [grad('zx'), dzhStep, add(grad('h'), matmul(dzhStep, U, false, true))];
      });
      dh?.dispose();
      dh = dhPrev!;
      dzxByTime[t] = dzx!;
      dzhByTime[t] = dzh!;
      hBeforeByTime[t] = hs[i]!;
    }
    return tidy(() => {
      const dZx = concat(dzxByTime, 0);
      const dZh = concat(dzhByTime, 0);
      // A model's first layer: x is data and needs no gradient.
      const dx = needsX ? transpose(reshape(matmul(dZx, W, false, true), [time, batch, features]), [1, 0, 2]) : null;
      const grads = [dx, matmul(xRows, dZx, true, false), matmul(concat(hBeforeByTime, 0), dZh, true, false), dh!];
      if (hasBias) grads.push(stack([sum(dZx, 0), sum(dZh, 0)], 0));
      [...dzxByTime, ...dzhByTime].forEach((d) => d.dispose());
      return grads;
    });
  }

  const inputs = [x, cell.kernel!, cell.recurrentKernel!, h0!, ...(cell.bias ? [cell.bias] : [])];
  const output = sequence(...inputs);
  // customGrad hands back its own handle on the value (and frees the one made inside): the last h, without
  // returnSequences.
  return { output, states: [opts.returnSequences ? lastH! : output] };
}
