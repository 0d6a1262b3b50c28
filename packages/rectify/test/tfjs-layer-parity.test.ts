import { grad, grads, variableGrads } from '@rectify/autograd';
import { beforeAll, describe, expect, it } from 'vitest';
import * as rf from '../src/index.js';
import { maxAbsDiff, tf, tfjsReady, tfl } from './interop-helpers.js';

/**
 * One table for every layer that TensorFlow.js also has: with the same weights, our output and the weights after
 * one SGD step on `sum(y · r)` (r fixed) must match tfjs-layers on its CPU backend within 1e-5.
 */
interface ParityCase {
  name: string;
  /** Input shape (with batch); `ints` draws integer ids in [0, ints) instead of normal values. */
  shape: number[];
  ints?: number;
  ours: () => rf.Layer[];
  theirs: () => tfl.layers.Layer[];
  /** Replaces values with exact zeros at these flat positions (padding for Masking). */
  zeros?: number[];
  /** Why tfjs cannot serve as the reference for gradients here (ours are checked by finite differences instead). */
  noGradients?: string;
  /** Why tfjs cannot serve as the reference for the input gradient. */
  noInputGradient?: string;
}

const LR = 0.1;
/** tfjs defaults to hardSigmoid gates (Keras 2); its orthogonal initializer needs chained ops — our weights replace it anyway. */
const RNN_T = { recurrentActivation: 'sigmoid', recurrentInitializer: 'zeros' } as const;
const TOL = 1e-5;

const cases: ParityCase[] = [
  {
    name: 'SimpleRNN (returnSequences)',
    shape: [2, 5, 3],
    ours: () => [rf.layers.simpleRNN({ units: 4, returnSequences: true })],
    theirs: () => [tfl.layers.simpleRNN({ units: 4, returnSequences: true, recurrentInitializer: 'zeros' })],
  },
  {
    name: 'LSTM (sigmoid gates, unitForgetBias)',
    shape: [2, 6, 3],
    ours: () => [rf.layers.lstm({ units: 4, biasInitializer: { name: 'randomNormal', seed: 1 } })],
    theirs: () => [tfl.layers.lstm({ units: 4, ...RNN_T, unitForgetBias: true })],
  },
  {
    name: 'LSTM goBackwards, returnSequences',
    shape: [2, 4, 3],
    ours: () => [rf.layers.lstm({ units: 3, goBackwards: true, returnSequences: true })],
    theirs: () => [tfl.layers.lstm({ units: 3, goBackwards: true, returnSequences: true, ...RNN_T })],
  },
  {
    name: 'GRU (resetAfter false, as tfjs)',
    shape: [2, 5, 3],
    ours: () => [rf.layers.gru({ units: 4, resetAfter: false, biasInitializer: { name: 'randomNormal', seed: 2 } })],
    theirs: () => [tfl.layers.gru({ units: 4, ...RNN_T })],
  },
  {
    name: 'Bidirectional LSTM (concat)',
    shape: [2, 4, 3],
    ours: () => [rf.layers.bidirectional({ layer: rf.layers.lstm({ units: 3, returnSequences: true }) })],
    theirs: () => [
      tfl.layers.bidirectional({
        layer: tfl.layers.lstm({ units: 3, returnSequences: true, ...RNN_T }) as never,
        mergeMode: 'concat',
      }),
    ],
  },
  {
    name: 'Bidirectional GRU (ave)',
    shape: [2, 4, 3],
    ours: () => [rf.layers.bidirectional({ layer: rf.layers.gru({ units: 3, resetAfter: false }), mergeMode: 'ave' })],
    theirs: () => [
      tfl.layers.bidirectional({ layer: tfl.layers.gru({ units: 3, ...RNN_T }) as never, mergeMode: 'ave' }),
    ],
  },
  {
    name: 'Embedding(maskZero) → LSTM (masked steps)',
    shape: [2, 5],
    ints: 6,
    zeros: [3, 4, 8, 9],
    ours: () => [
      rf.layers.embedding({ inputDim: 6, outputDim: 3, maskZero: true }),
      rf.layers.lstm({ units: 3, returnSequences: true }),
    ],
    theirs: () => [
      tfl.layers.embedding({ inputDim: 6, outputDim: 3, maskZero: true }),
      tfl.layers.lstm({ units: 3, returnSequences: true, ...RNN_T }),
    ],
  },
  {
    name: 'Masking → SimpleRNN',
    shape: [2, 4, 2],
    zeros: [2, 3, 6, 7],
    noInputGradient: "tfjs has no gradient for the 'Any' op its Masking uses",
    ours: () => [rf.layers.masking(), rf.layers.simpleRNN({ units: 3 })],
    theirs: () => [tfl.layers.masking(), tfl.layers.simpleRNN({ units: 3, recurrentInitializer: 'zeros' })],
  },
  {
    name: 'TimeDistributed(Dense)',
    shape: [2, 3, 4],
    ours: () => [rf.layers.timeDistributed({ layer: rf.layers.dense({ units: 2, activation: 'tanh' }) })],
    theirs: () => [tfl.layers.timeDistributed({ layer: tfl.layers.dense({ units: 2, activation: 'tanh' }) })],
  },
  {
    // tfjs has no causal padding (NotImplementedError); causal is checked against a float64 reference in layers.
    name: 'Conv1D valid, dilated',
    shape: [2, 7, 3],
    noGradients: 'tfjs: dilation rates greater than 1 are not yet supported in gradients',
    ours: () => [
      rf.layers.conv1d({
        filters: 4,
        kernelSize: 3,
        dilationRate: 2,
        activation: 'tanh',
        biasInitializer: { name: 'randomNormal', seed: 3 },
      }),
    ],
    theirs: () => [tfl.layers.conv1d({ filters: 4, kernelSize: 3, dilationRate: 2, activation: 'tanh' })],
  },
  {
    name: 'Conv1D valid',
    shape: [2, 7, 3],
    ours: () => [rf.layers.conv1d({ filters: 4, kernelSize: 3, biasInitializer: { name: 'randomNormal', seed: 3 } })],
    theirs: () => [tfl.layers.conv1d({ filters: 4, kernelSize: 3 })],
  },
  {
    name: 'Conv1D same, strided → MaxPooling1D → GlobalAveragePooling1D',
    shape: [2, 8, 3],
    ours: () => [
      rf.layers.conv1d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same' }),
      rf.layers.maxPooling1d({ poolSize: 2, strides: 1 }),
      rf.layers.globalAveragePooling1d(),
    ],
    theirs: () => [
      tfl.layers.conv1d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same' }),
      tfl.layers.maxPooling1d({ poolSize: 2, strides: 1 }),
      tfl.layers.globalAveragePooling1d(),
    ],
  },
  {
    name: 'AveragePooling1D same → GlobalMaxPooling1D',
    shape: [2, 5, 3],
    noInputGradient:
      "tfjs' avgPool gradient counts the padding of a partial 'same' window (ours matches finite differences)",
    ours: () => [rf.layers.averagePooling1d({ poolSize: 2, padding: 'same' }), rf.layers.globalMaxPooling1d()],
    theirs: () => [tfl.layers.averagePooling1d({ poolSize: 2, padding: 'same' }), tfl.layers.globalMaxPooling1d({})],
  },
  {
    name: 'Conv2DTranspose (same, stride 2)',
    shape: [2, 3, 3, 4],
    ours: () => [
      rf.layers.conv2dTranspose({
        filters: 3,
        kernelSize: 3,
        strides: 2,
        padding: 'same',
        activation: 'relu',
        biasInitializer: { name: 'randomNormal', seed: 4 },
      }),
    ],
    theirs: () => [
      tfl.layers.conv2dTranspose({ filters: 3, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }),
    ],
  },
  {
    name: 'Conv2DTranspose (valid, kernel 4 > stride 2)',
    shape: [1, 3, 2, 2],
    ours: () => [rf.layers.conv2dTranspose({ filters: 2, kernelSize: 4, strides: 2 })],
    theirs: () => [tfl.layers.conv2dTranspose({ filters: 2, kernelSize: 4, strides: 2 })],
  },
  {
    name: 'DepthwiseConv2D (multiplier 2, stride 2, same)',
    shape: [2, 5, 5, 3],
    ours: () => [
      rf.layers.depthwiseConv2d({
        kernelSize: 3,
        depthMultiplier: 2,
        strides: 2,
        padding: 'same',
        biasInitializer: { name: 'randomNormal', seed: 5 },
      }),
    ],
    theirs: () => [tfl.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, strides: 2, padding: 'same' })],
  },
  {
    name: 'SeparableConv2D → GlobalMaxPooling2D',
    shape: [2, 5, 5, 3],
    ours: () => [
      rf.layers.separableConv2d({ filters: 4, kernelSize: 3, depthMultiplier: 2, activation: 'elu' }),
      rf.layers.globalMaxPooling2d(),
    ],
    theirs: () => [
      tfl.layers.separableConv2d({ filters: 4, kernelSize: 3, depthMultiplier: 2, activation: 'elu' }),
      tfl.layers.globalMaxPooling2d({}),
    ],
  },
  {
    name: 'ZeroPadding2D → Cropping2D',
    shape: [2, 3, 3, 2],
    ours: () => [
      rf.layers.zeroPadding2d({
        padding: [
          [1, 0],
          [2, 1],
        ],
      }),
      rf.layers.cropping2d({
        cropping: [
          [1, 2],
          [0, 1],
        ],
      }),
    ],
    theirs: () => [
      tfl.layers.zeroPadding2d({
        padding: [
          [1, 0],
          [2, 1],
        ],
      }),
      tfl.layers.cropping2D({
        cropping: [
          [1, 2],
          [0, 1],
        ],
      }),
    ],
  },
  {
    name: 'UpSampling2D (nearest, 2×1)',
    shape: [2, 3, 3, 2],
    noInputGradient:
      "tfjs' resizeNearestNeighbor gradient disagrees with finite differences (ours agrees; see layers/test/reshaping)",
    ours: () => [rf.layers.upSampling2d({ size: [2, 1] })],
    theirs: () => [tfl.layers.upSampling2d({ size: [2, 1] })],
  },
  {
    name: 'RNN of stacked cells (LSTMCell, GRUCell), returnSequences',
    shape: [2, 4, 3],
    ours: () => [
      rf.layers.rnn({
        cell: [rf.layers.lstmCell({ units: 3 }), rf.layers.gruCell({ units: 2, resetAfter: false })],
        returnSequences: true,
      }),
    ],
    theirs: () => [
      tfl.layers.rnn({
        cell: [tfl.layers.lstmCell({ units: 3, ...RNN_T }), tfl.layers.gruCell({ units: 2, ...RNN_T })],
        returnSequences: true,
      }),
    ],
  },
  {
    // tfjs' softmax supports only the last axis; other axes are checked by hand in layers.
    name: 'Dense → RepeatVector → Permute → Softmax',
    shape: [2, 3],
    ours: () => [
      rf.layers.dense({ units: 4 }),
      rf.layers.repeatVector({ n: 3 }),
      rf.layers.permute({ dims: [2, 1] }),
      rf.layers.softmax(),
    ],
    theirs: () => [
      tfl.layers.dense({ units: 4 }),
      tfl.layers.repeatVector({ n: 3 }),
      tfl.layers.permute({ dims: [2, 1] }),
      tfl.layers.softmax({ axis: -1 }),
    ],
  },
  {
    name: 'Rescaling → ThresholdedReLU → Dense',
    shape: [2, 5],
    noInputGradient: "tfjs has no gradient for the 'Greater' op its ThresholdedReLU uses",
    ours: () => [
      rf.layers.rescaling({ scale: 2, offset: 0.1 }),
      rf.layers.thresholdedRelu({ theta: 0.3 }),
      rf.layers.dense({ units: 3 }),
    ],
    theirs: () => [
      tfl.layers.rescaling({ scale: 2, offset: 0.1 }),
      tfl.layers.thresholdedReLU({ theta: 0.3 }),
      tfl.layers.dense({ units: 3 }),
    ],
  },
  {
    name: 'SpatialDropout1D, GaussianNoise, GaussianDropout, AlphaDropout (inference: identity) → Conv1D',
    shape: [2, 5, 3],
    ours: () => [
      rf.layers.spatialDropout1d({ rate: 0.5 }),
      rf.layers.gaussianNoise({ stddev: 1 }),
      rf.layers.gaussianDropout({ rate: 0.3 }),
      rf.layers.alphaDropout({ rate: 0.3 }),
      rf.layers.conv1d({ filters: 2, kernelSize: 2 }),
    ],
    theirs: () => [
      tfl.layers.spatialDropout1d({ rate: 0.5 }),
      tfl.layers.gaussianNoise({ stddev: 1 }),
      tfl.layers.gaussianDropout({ rate: 0.3 }),
      tfl.layers.alphaDropout({ rate: 0.3 }),
      tfl.layers.conv1d({ filters: 2, kernelSize: 2 }),
    ],
  },
];

/**
 * Merge layers, which take two inputs: ours and tfjs's on the same pair, outputs and input gradients compared.
 */
const merges: { name: string; shapes: [number[], number[]]; ours: () => rf.Layer; theirs: () => tfl.layers.Layer }[] = [
  {
    name: 'Multiply',
    shapes: [
      [2, 3],
      [2, 3],
    ],
    ours: () => rf.layers.multiply(),
    theirs: () => tfl.layers.multiply(),
  },
  {
    name: 'Average',
    shapes: [
      [2, 3],
      [2, 3],
    ],
    ours: () => rf.layers.average(),
    theirs: () => tfl.layers.average(),
  },
  {
    name: 'Maximum',
    shapes: [
      [2, 3],
      [2, 3],
    ],
    ours: () => rf.layers.maximum(),
    theirs: () => tfl.layers.maximum(),
  },
  {
    name: 'Minimum',
    shapes: [
      [2, 3],
      [2, 3],
    ],
    ours: () => rf.layers.minimum(),
    theirs: () => tfl.layers.minimum(),
  },
  {
    name: 'Dot (rank 2)',
    shapes: [
      [2, 3],
      [2, 3],
    ],
    ours: () => rf.layers.dot({ axes: 1 }),
    theirs: () => tfl.layers.dot({ axes: 1 }),
  },
  {
    name: 'Dot (rank 3, axes [2, 2], normalize)',
    shapes: [
      [2, 3, 4],
      [2, 5, 4],
    ],
    ours: () => rf.layers.dot({ axes: [2, 2], normalize: true }),
    theirs: () => tfl.layers.dot({ axes: [2, 2], normalize: true }),
  },
  {
    name: 'Dot (rank 3, axes [1, 1])',
    shapes: [
      [2, 3, 4],
      [2, 3, 2],
    ],
    ours: () => rf.layers.dot({ axes: [1, 1] }),
    theirs: () => tfl.layers.dot({ axes: [1, 1] }),
  },
];

describe('merge layers against TensorFlow.js', () => {
  for (const m of merges) {
    it(m.name, () => {
      const xs = m.shapes.map((s, i) => rf.randomNormal(s, 0, 1, 'float32', 10 + i));
      const ts = xs.map((x) => tf.tensor(Array.from(x.dataSync()), [...x.shape]));
      const layer = m.ours();
      const theirs = m.theirs();
      const y = layer.apply(xs) as rf.Tensor;
      const yt = theirs.apply(ts) as tf.Tensor;
      expect(yt.shape).toEqual(y.shape);
      expect(maxAbsDiff(y.dataSync(), yt.dataSync())).toBeLessThan(TOL);
      const r = rf.randomNormal(y.shape, 0, 1, 'float32', 3);
      const rt = tf.tensor(Array.from(r.dataSync()), [...r.shape]);
      const ours = grads((a: rf.Tensor, b: rf.Tensor) => rf.sum(rf.mul(layer.apply([a, b]) as rf.Tensor, r)))(xs);
      const their = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(theirs.apply([a, b]) as tf.Tensor, rt)))(ts);
      ours.forEach((g, i) => expect(maxAbsDiff(g.dataSync(), their[i]!.dataSync())).toBeLessThan(TOL));
    });
  }
});

describe('bilinear UpSampling2D against tf.image.resizeBilinear with half-pixel centres', () => {
  it('matches within 1e-5 (tfjs-layers uses the legacy corner-aligned sampling; Keras 3 and tf.image.resize use half-pixel)', () => {
    const x = rf.randomNormal([2, 3, 4, 2], 0, 1, 'float32', 5);
    const y = rf.layers.upSampling2d({ size: [2, 3], interpolation: 'bilinear' }).apply(x) as rf.Tensor;
    const ref = tf.image.resizeBilinear(
      tf.tensor(Array.from(x.dataSync()), [2, 3, 4, 2]) as tf.Tensor4D,
      [6, 12],
      false,
      true,
    );
    expect(maxAbsDiff(y.dataSync(), ref.dataSync())).toBeLessThan(TOL);
  });
});

/** The probe input, as both libraries' tensors. */
function probe(c: ParityCase, seed: number): { ours: rf.Tensor; theirs: tf.Tensor } {
  const n = c.shape.reduce((a, b) => a * b, 1);
  const raw = rf.randomUniform([n], 0, 1, 'float32', seed).dataSync();
  const normal = rf.randomNormal([n], 0, 1, 'float32', seed).dataSync();
  const v = Array.from({ length: n }, (_, i) => (c.ints ? 1 + Math.floor(raw[i]! * (c.ints - 1)) : normal[i]!));
  for (const z of c.zeros ?? []) v[z] = 0;
  const dtype = c.ints ? 'int32' : 'float32';
  return { ours: rf.tensor(v, c.shape, dtype), theirs: tf.tensor(v, c.shape, dtype) };
}

function runOurs(layers: rf.Layer[], x: rf.Tensor): rf.Tensor {
  return layers.reduce((h, l) => l.apply(h) as rf.Tensor, x);
}

beforeAll(tfjsReady);

describe('layers against TensorFlow.js (same weights → same outputs and the same SGD step)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const x = probe(c, 1);
      const ours = c.ours();
      const y = runOurs(ours, x.ours);
      const weights = ours.flatMap((l) => l.weights);
      const inp = tfl.input({ batchShape: c.shape, dtype: c.ints ? 'int32' : 'float32' });
      const out = c.theirs().reduce((h, l) => l.apply(h) as tfl.SymbolicTensor, inp as unknown as tfl.SymbolicTensor);
      const model = tfl.model({ inputs: inp, outputs: out as never });
      const theirVars = model.weights;
      expect(theirVars.map((w) => w.shape)).toEqual(weights.map((w) => w.shape));
      model.setWeights(weights.map((w) => tf.tensor(Array.from(w.dataSync()), [...w.shape])));
      const yt = model.apply(x.theirs) as tf.Tensor;
      expect(yt.shape).toEqual(y.shape);
      expect(maxAbsDiff(y.dataSync(), yt.dataSync())).toBeLessThan(TOL);

      // One SGD step on sum(y · r), and the gradient with respect to the input (float inputs).
      const r = rf.randomNormal(y.shape, 0, 1, 'float32', 2);
      const rt = tf.tensor(Array.from(r.dataSync()), [...r.shape]);
      const trainable = ours.flatMap((l) => l.trainableWeights);
      const loss = (t: rf.Tensor): rf.Tensor => rf.sum(rf.mul(runOurs(ours, t), r));
      const theirLoss = (t: tf.Tensor): tf.Scalar => tf.sum(tf.mul(model.apply(t) as tf.Tensor, rt));
      if (trainable.length > 0 && !c.noGradients) {
        const { grads } = variableGrads(() => loss(x.ours), trainable);
        const stepped = trainable.map((w) => rf.sub(w, rf.mul(grads[w.name]!, LR)));
        const tVars = model.trainableWeights.map((w) => w.read() as tf.Variable);
        const { grads: tg } = tf.variableGrads(() => theirLoss(x.theirs), tVars);
        const tStepped = tVars.map((v) => tf.sub(v, tf.mul(tg[v.name]!, LR)));
        stepped.forEach((s, i) =>
          expect(maxAbsDiff(s.dataSync(), tStepped[i]!.dataSync()), trainable[i]!.name).toBeLessThan(TOL),
        );
      }
      if (!c.ints && !c.noGradients && !c.noInputGradient) {
        const dx = grad(loss)(x.ours);
        const tdx = tf.grad(theirLoss)(x.theirs);
        expect(maxAbsDiff(dx.dataSync(), tdx.dataSync())).toBeLessThan(TOL);
      }
    });
  }
});
