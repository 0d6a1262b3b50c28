import { grads, variableGrads } from '@rectify/autograd';
import { type Tensor, add, engine, mul, randomNormal, sum, tensor } from '@rectify/tensor';
import { describe, expect, it } from 'vitest';
import { GRUCell, type GatedCell, LSTMCell, type Layer, gru, gruCell, lstm, lstmCell, rnn } from '@rectify/layers';
import { expectClose, values } from './helpers.js';

/** The same cells on the composed ops: the references the fused kernels must match. */
class ComposedLSTMCell extends LSTMCell {
  override get fused(): boolean {
    return false;
  }
}
class ComposedGRUCell extends GRUCell {
  override get fused(): boolean {
    return false;
  }
}

interface Setup {
  name: string;
  returnSequences?: boolean;
  returnState?: boolean;
  goBackwards?: boolean;
  mask?: boolean;
  initial?: boolean;
}

// Without returnState (and mask) a fused LSTM or GRU runs the whole sequence as one op (lstm-sequence.ts); with them, step by step.
const SETUPS: Setup[] = [
  { name: 'last output' },
  { name: 'returnSequences', returnSequences: true },
  {
    name: 'goBackwards + returnSequences with initial states',
    goBackwards: true,
    returnSequences: true,
    initial: true,
  },
  { name: 'returnSequences + returnState', returnSequences: true, returnState: true },
  { name: 'goBackwards with initial states', goBackwards: true, initial: true, returnState: true },
  { name: 'mask (padded steps carry the state)', mask: true, returnSequences: true },
];

/** Runs `cell` as an RNN over fixed inputs: its outputs, and a scalar loss of them and its gradients. */
function run(cell: GatedCell, s: Setup, weights?: Tensor[]) {
  const layer = rnn({
    cell,
    returnSequences: s.returnSequences,
    returnState: s.returnState,
    goBackwards: s.goBackwards,
  });
  const x = randomNormal([3, 5, 4], 0, 1, 'float32', 21);
  const h0 = randomNormal([3, 2], 0, 1, 'float32', 22);
  const c0 = randomNormal([3, 2], 0, 1, 'float32', 23);
  const mask = s.mask
    ? tensor(
        [
          [1, 1, 1, 0, 0],
          [1, 1, 1, 1, 1],
          [1, 0, 0, 0, 0],
        ],
        [3, 5],
        'bool',
      )
    : undefined;
  layer.build([3, 5, 4]);
  if (weights) layer.setWeights(weights);
  const inputs = s.initial ? [x, h0, c0].slice(0, 1 + cell.stateSize.length) : [x];
  const apply = (xs: Tensor[]): Tensor[] => [layer.apply(xs.length === 1 ? xs[0]! : xs, { mask })].flat() as Tensor[];
  // Different weights per output, so that a gradient sent to the wrong output would show.
  const loss = (...xs: Tensor[]): Tensor =>
    apply(xs).reduce<Tensor>((acc, o, i) => add(acc, sum(mul(o, tensor(1 + 0.5 * i)))), tensor(0));
  const inputGrads = grads(loss)(inputs);
  const weightGrads = Object.values(variableGrads(() => loss(...inputs), layer.trainableWeights).grads);
  return { layer, outputs: apply(inputs), grads: [...inputGrads, ...weightGrads] };
}

const CELLS = [
  {
    kind: 'LSTM',
    fused: () => lstmCell({ units: 2, seed: 5 }),
    composed: () => new ComposedLSTMCell({ units: 2, seed: 5 }),
  },
  {
    kind: 'GRU',
    fused: () => gruCell({ units: 2, seed: 5 }),
    composed: () => new ComposedGRUCell({ units: 2, seed: 5 }),
  },
];

describe('recurrent cells: the fused pointwise path', () => {
  it('is taken with the default tanh / sigmoid activations (and GRU resetAfter) only', () => {
    expect([lstmCell({ units: 2 }).fused, gruCell({ units: 2 }).fused]).toEqual([true, true]);
    expect(lstmCell({ units: 2, recurrentActivation: 'hardSigmoid' }).fused).toBe(false);
    expect(lstmCell({ units: 2, activation: 'relu' }).fused).toBe(false);
    expect(lstmCell({ units: 2, activation: 'linear' }).fused).toBe(false);
    expect(gruCell({ units: 2, resetAfter: false }).fused).toBe(false);
    expect(gruCell({ units: 2, recurrentActivation: 'hardSigmoid' }).fused).toBe(false);
  });

  it('an LSTM or GRU without returnState or mask records its whole sequence as one op; with returnState, op by op', () => {
    const x = randomNormal([2, 6, 3], 0, 1, 'float32', 7);
    const recorded = (returnState: boolean, make: (args: { units: number; returnState: boolean }) => Layer = lstm) => {
      const layer = make({ units: 2, returnState });
      layer.build([2, 6, 3]);
      const ops: string[] = [];
      const stop = engine.addOpListener((r) => ops.push(r.op));
      try {
        layer.apply(x);
      } finally {
        stop();
      }
      return ops;
    };
    expect(recorded(false)).toEqual(['customGrad']);
    expect(recorded(true).filter((op) => op === 'lstmCell')).toHaveLength(12);
    expect(recorded(false, gru)).toEqual(['customGrad']);
    expect(recorded(true, gru).filter((op) => op === 'gruCell')).toHaveLength(6);
  });

  for (const c of CELLS) {
    for (const s of SETUPS) {
      it(`${c.kind}, ${s.name}: outputs and gradients (inputs, states, weights) equal the composed path's within 1e-5`, () => {
        const fused = run(c.fused(), s);
        const composed = run(c.composed(), s, fused.layer.getWeights());
        expect(fused.outputs).toHaveLength(composed.outputs.length);
        fused.outputs.forEach((t, i) => expectClose(t, values(composed.outputs[i]), 1e-5));
        expect(fused.grads).toHaveLength(composed.grads.length);
        fused.grads.forEach((g, i) => expectClose(g, values(composed.grads[i]), 1e-5));
        // Not vacuous: the inputs' and the recurrent kernel's gradients are non-zero.
        for (const g of [fused.grads[0]!, fused.grads[fused.grads.length - 2]!])
          expect(values(g).some((v) => Math.abs(v) > 1e-3)).toBe(true);
      });
    }
  }
});
