import { type Tensor, add, cast, mul, reshape, slice, stack, sub, tidy, zeros } from '@rectify/tensor';
import { GRUCell } from './gru-cell.js';
import type { GatedCell } from './gated-cell.js';
import { runGRUSequence } from './gru-sequence.js';
import { LSTMCell } from './lstm-cell.js';
import { runLSTMSequence } from './lstm-sequence.js';
import type { RNNCell } from './rnn-cell.js';

export interface LoopOptions {
  /** `[batch, time]`, nonzero where a step is real; masked steps carry the previous output and states on. */
  mask?: Tensor;
  goBackwards: boolean;
  returnSequences: boolean;
  training: boolean;
  /**
   * Whether the caller differentiates through the final states (an RNN with `returnState`); default true. When
   * false, a fused LSTM may run the whole sequence as one recorded op whose final states are off the tape.
   */
  stateGradients?: boolean;
}

export interface LoopResult {
  /** `[batch, time, units]` with `returnSequences`, else the last output `[batch, units]`. */
  output: Tensor;
  states: Tensor[];
}

/**
 * Whether the whole-sequence op (lstm-sequence.ts, gru-sequence.ts) can stand in for the step-by-step loop: a fused
 * cell, no mask, no dropout drawn, and nobody differentiating through the final states (they come back off the tape).
 */
function wholeSequence(cell: GatedCell, opts: LoopOptions): boolean {
  const dropout = opts.training && (cell.dropout > 0 || cell.recurrentDropout > 0);
  return cell.fused && !opts.mask && !dropout && opts.stateGradients === false;
}

/**
 * Runs `cell` over `x` (`[batch, time, features]`), recorded op by op so that the tape backpropagates through
 * time. Each step projects its own slice of the input: one product over `[batch·time, features]` would be fewer
 * calls, but the gradient of each step's slice of that `[batch, time, gates·units]` product is a zero-padded tensor
 * of its full size, so backpropagation cost grew with time² (the LSTM benchmark spent most of a training step
 * padding). Slicing the (narrower) input instead costs nothing for a model's first layer, whose input needs no
 * gradient. Each step runs in its own `tidy`, so only the carried states (and, with `returnSequences`, the outputs)
 * outlive it. A fused LSTM or GRU cell without mask, dropout or `stateGradients` runs the whole sequence as one
 * recorded op instead (lstm-sequence.ts, gru-sequence.ts), which gets the one-product projection without the padded
 * gradients.
 *
 * @example
 * const cell = lstmCell({ units: 4 });
 * cell.build([null, 3]);
 * const x = ones([2, 5, 3]); // [batch, time, features]
 * const opts = { goBackwards: false, returnSequences: true, training: false };
 * const { output, states } = runCell(cell, x, cell.zeroStates(2), opts);
 * output.shape; // → [2, 5, 4]
 */
export function runCell(cell: RNNCell, x: Tensor, initial: readonly Tensor[], opts: LoopOptions): LoopResult {
  if (cell instanceof LSTMCell && wholeSequence(cell, opts)) return runLSTMSequence(cell, x, initial, opts);
  if (cell instanceof GRUCell && wholeSequence(cell, opts)) return runGRUSequence(cell, x, initial, opts);
  const [batch, time, features] = x.shape as [number, number, number];
  cell.beginSequence(batch, features, opts.training);
  const inputs = cell.dropInputs(x);
  const mask = opts.mask && tidy(() => reshape(cast(opts.mask!, 'float32'), [batch, time]));
  const pinned = new Set<Tensor>(initial);
  const outputs: Tensor[] = [];
  let states = [...initial];
  let last: Tensor | undefined = mask ? zeros([batch, cell.outputSize]) : undefined;
  try {
    for (let i = 0; i < time; i++) {
      const t = opts.goBackwards ? time - 1 - i : i;
      const prev = { last, states };
      const next = tidy(() => {
        const xt = reshape(slice(inputs, [0, t, 0], [batch, 1, features]), [batch, features]);
        const res = cell.step(cell.project(xt), prev.states);
        if (!mask) return res;
        const m = reshape(slice(mask, [0, t], [batch, 1]), [batch, 1]);
        // p + m·(n − p): the new value on real steps, the carried one on padding.
        const carry = (n: Tensor, p: Tensor): Tensor => add(p, mul(m, sub(n, p)));
        return [carry(res[0]!, prev.last!), ...res.slice(1).map((s, j) => carry(s, prev.states[j]!))];
      });
      [last] = next;
      states = next.slice(1);
      if (opts.returnSequences) outputs.push(last!);
      const alive = new Set([...next, ...outputs, ...pinned]);
      for (const old of new Set([prev.last, ...prev.states])) if (old && !alive.has(old)) old.dispose();
    }
  } finally {
    cell.endSequence();
    if (inputs !== x) inputs.dispose();
    mask?.dispose();
  }
  if (!opts.returnSequences) return { output: last ?? zeros([batch, cell.outputSize]), states };
  const output = stack(outputs, 1);
  const keepers = new Set(states);
  for (const o of new Set(outputs)) if (!keepers.has(o)) o.dispose();
  return { output, states };
}
