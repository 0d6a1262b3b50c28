import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as rf from '../src/index.node.js';
import { fresh } from './helpers.js';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** Functional and sequential models using every family added for sequences and modern vision. */
const models: { name: string; x: () => rf.Tensor | rf.Tensor[]; make: () => rf.LayersModel }[] = [
  {
    name: 'recurrent: Embedding(maskZero) → Bidirectional LSTM → GRU(stacked cells via rnn) → TimeDistributed Dense',
    x: () =>
      rf.tensor(
        [
          [1, 2, 3, 0],
          [4, 1, 0, 0],
        ],
        undefined,
        'int32',
      ),
    make: () =>
      rf.sequential([
        rf.layers.embedding({ inputDim: 5, outputDim: 3, maskZero: true, inputShape: [4] }),
        rf.layers.bidirectional({ layer: rf.layers.lstm({ units: 3, returnSequences: true }) }),
        rf.layers.rnn({
          cell: [rf.layers.gruCell({ units: 2 }), rf.layers.simpleRNNCell({ units: 2 })],
          returnSequences: true,
        }),
        rf.layers.timeDistributed({ layer: rf.layers.dense({ units: 2 }) }),
      ]),
  },
  {
    name: 'vision: Conv2D groups, DepthwiseConv2D, SeparableConv2D, Conv2DTranspose, UpSampling2D bilinear',
    x: () => rf.randomNormal([2, 6, 6, 2], 0, 1, 'float32', 1),
    make: () =>
      rf.sequential([
        rf.layers.conv2d({ filters: 4, kernelSize: 3, groups: 2, padding: 'same', inputShape: [6, 6, 2] }),
        rf.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2 }),
        rf.layers.separableConv2d({ filters: 3, kernelSize: 2 }),
        rf.layers.conv2dTranspose({ filters: 2, kernelSize: 3, strides: 2 }),
        rf.layers.upSampling2d({ interpolation: 'bilinear' }),
        rf.layers.globalMaxPooling2d(),
      ]),
  },
  {
    name: 'functional: Conv1D branches merged by Subtract, Dot and Multiply',
    x: () => rf.randomNormal([2, 8, 3], 0, 1, 'float32', 2),
    make: () => {
      const i = rf.input({ shape: [8, 3] });
      const a = rf.layers.conv1d({ filters: 4, kernelSize: 3, padding: 'causal' }).apply(i) as rf.SymbolicTensor;
      const b = rf.layers.conv1d({ filters: 4, kernelSize: 3, padding: 'same' }).apply(i) as rf.SymbolicTensor;
      const d = rf.layers.subtract().apply([a, b]) as rf.SymbolicTensor;
      const g = rf.layers
        .globalAveragePooling1d()
        .apply(rf.layers.multiply().apply([d, a]) as rf.SymbolicTensor) as rf.SymbolicTensor;
      const h = rf.layers.globalMaxPooling1d().apply(b) as rf.SymbolicTensor;
      return rf.model({
        inputs: i,
        outputs: rf.layers.dot({ axes: 1, normalize: true }).apply([g, h]) as rf.SymbolicTensor,
      });
    },
  },
];

describe('save → loadModel round trip of the new layers', () => {
  for (const m of models) {
    it(`${m.name}: the loaded model predicts bit-identically`, async () => {
      fresh(5);
      const model = m.make();
      const x = m.x();
      const y = model.predict(x) as rf.Tensor;
      const dir = await mkdtemp(join(tmpdir(), 'rectify-new-layers-'));
      dirs.push(dir);
      await model.save(`file://${dir}`);
      const loaded = await rf.loadModel(`file://${dir}`);
      expect(Array.from((loaded.predict(x) as rf.Tensor).dataSync())).toEqual(Array.from(y.dataSync()));
    });
  }
});
