import { type Tensor, randomNormal, tensor } from '@rectify/tensor';
import {
  type Layer, bidirectional, gru, gruCell, lstm, lstmCell, masking, rnn, simpleRNN, simpleRNNCell, stackedRNNCells,
  timeDistributed, dense, conv1d, conv2d, conv2dTranspose, depthwiseConv2d, separableConv2d, maxPooling1d, averagePooling1d,
  globalMaxPooling1d, globalAveragePooling1d, globalMaxPooling2d, upSampling1d, upSampling2d, zeroPadding1d, zeroPadding2d,
  cropping1d, cropping2d, repeatVector, permute, activityRegularization, rescaling, multiply, average, maximum, minimum,
  subtract, dot, spatialDropout1d, spatialDropout2d, gaussianNoise, gaussianDropout, alphaDropout, unitNormalization,
  thresholdedRelu, softmax,
} from '@rectify/layers';

const seq = () => randomNormal([2, 3, 4], 0, 1, 'float32', 2);
const img = () => randomNormal([2, 4, 4, 4], 0, 1, 'float32', 1);
const flat = () => randomNormal([2, 5], 0, 1, 'float32', 4);
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
  { make: () => conv1d({ filters: 2, kernelSize: 2, padding: 'causal', dilationRate: 2, activation: 'relu' }), x: seq },
  { make: () => conv2d({ filters: 2, kernelSize: 2, groups: 2, padding: 'same' }), x: img },
  { make: () => conv2dTranspose({ filters: 3, kernelSize: 3, strides: 2, padding: 'same', kernelRegularizer: 'l1' }), x: img },
  { make: () => depthwiseConv2d({ kernelSize: 2, depthMultiplier: 2, depthwiseInitializer: 'heNormal' }), x: img },
  { make: () => separableConv2d({ filters: 3, kernelSize: 3, padding: 'same', pointwiseRegularizer: 'l2' }), x: img },
  { make: () => maxPooling1d({ poolSize: 2, strides: 1 }), x: seq },
  { make: () => averagePooling1d({ poolSize: 2, padding: 'same' }), x: seq },
  { make: () => globalMaxPooling1d(), x: seq },
  { make: () => globalAveragePooling1d(), x: seq },
  { make: () => globalMaxPooling2d(), x: img },
  { make: () => upSampling1d({ size: 3 }), x: seq },
  { make: () => upSampling2d({ size: [2, 3], interpolation: 'bilinear' }), x: img },
  { make: () => zeroPadding1d({ padding: [1, 2] }), x: seq },
  { make: () => zeroPadding2d({ padding: [[1, 0], [2, 1]] }), x: img },
  { make: () => cropping1d({ cropping: [1, 0] }), x: seq },
  { make: () => cropping2d({ cropping: [1, 1] }), x: img },
  { make: () => repeatVector({ n: 3 }), x: flat },
  { make: () => permute({ dims: [2, 1] }), x: seq },
  { make: () => activityRegularization({ l1: 0.1, l2: 0.2 }), x: flat },
  { make: () => rescaling({ scale: 0.5, offset: 1 }), x: flat },
  { make: () => multiply(), x: () => [flat(), flat()] },
  { make: () => average(), x: () => [flat(), flat(), flat()] },
  { make: () => maximum(), x: () => [flat(), flat()] },
  { make: () => minimum(), x: () => [flat(), flat()] },
  { make: () => subtract(), x: () => [flat(), flat()] },
  { make: () => dot({ axes: [2, 2], normalize: true }), x: () => [seq(), seq()] },
  { make: () => spatialDropout1d({ rate: 0.2, seed: 1 }), x: seq },
  { make: () => spatialDropout2d({ rate: 0.2 }), x: img },
  { make: () => gaussianNoise({ stddev: 0.3, seed: 2 }), x: flat },
  { make: () => gaussianDropout({ rate: 0.3 }), x: flat },
  { make: () => alphaDropout({ rate: 0.1, seed: 3 }), x: flat },
  { make: () => unitNormalization({ axis: [1, 2] }), x: seq },
  { make: () => thresholdedRelu({ theta: 0.5 }), x: flat },
  { make: () => softmax({ axis: 1 }), x: seq },
];
