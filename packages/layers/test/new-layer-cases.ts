import { type Tensor, randomNormal, tensor } from '@rectify/tensor';
import {
  type Layer, bidirectional, gru, gruCell, lstm, lstmCell, masking, rnn, simpleRNN, simpleRNNCell, stackedRNNCells,
  timeDistributed, dense,
} from '@rectify/layers';

const seq = () => randomNormal([2, 3, 4], 0, 1, 'float32', 2);
const step = () => randomNormal([2, 4], 0, 1, 'float32', 3);

/** One configured instance of each layer class added for sequences and modern vision, with an input it accepts. */
export const newLayerCases: { make: () => Layer; x: () => Tensor | Tensor[] }[] = [
  { make: () => simpleRNN({ units: 3, returnSequences: true, activation: 'relu', kernelRegularizer: 'l2', dropout: 0.1, seed: 2 }), x: seq },
  { make: () => lstm({ units: 2, goBackwards: true, unitForgetBias: false, recurrentActivation: 'hardSigmoid', recurrentDropout: 0.2 }), x: seq },
  { make: () => gru({ units: 2, resetAfter: false, returnState: true }), x: seq },
  { make: () => rnn({ cell: [lstmCell({ units: 2 }), gruCell({ units: 3 })], returnSequences: true }), x: seq },
  { make: () => simpleRNNCell({ units: 3, useBias: false }), x: step },
  { make: () => lstmCell({ units: 2 }), x: step },
  { make: () => gruCell({ units: 2, resetAfter: false }), x: step },
  { make: () => stackedRNNCells({ cells: [simpleRNNCell({ units: 2 }), simpleRNNCell({ units: 3 })] }), x: step },
  { make: () => bidirectional({ layer: lstm({ units: 2, returnSequences: true }), mergeMode: 'sum' }), x: seq },
  { make: () => timeDistributed({ layer: dense({ units: 2, activation: 'relu' }) }), x: seq },
  { make: () => masking({ maskValue: 0.5 }), x: () => tensor([[[0.5, 0.5], [1, 2]]]) },
];
