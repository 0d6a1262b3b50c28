import type { CompatCase, Tf } from '../harness.js';

type AnyTensor = ReturnType<Tf['tensor']>;
/** What the cases need of any layer on either library: apply, and weights by position. */
type WeightedLayer = {
  apply(inputs: AnyTensor): unknown;
  getWeights(): AnyTensor[];
  setWeights(weights: AnyTensor[]): void;
};

const sequences = (lib: Tf) =>
  lib.tensor(
    Array.from({ length: 2 * 5 * 3 }, (_, i) => Math.cos(1.3 * i)),
    [2, 5, 3],
  );
const images = (lib: Tf) =>
  lib.tensor(
    Array.from({ length: 2 * 4 * 5 * 3 }, (_, i) => Math.sin(0.7 * i)),
    [2, 4, 5, 3],
  );

/**
 * The layer built on `input`, every weight (in getWeights order) set to a fixed non-symmetric pattern, then applied:
 * both libraries compute with the same numbers, biases included.
 */
function weighted(make: (lib: Tf) => WeightedLayer, input: (lib: Tf) => AnyTensor = sequences) {
  return (lib: Tf) => {
    const layer = make(lib);
    layer.apply(input(lib));
    layer.setWeights(
      layer.getWeights().map((w, k) =>
        lib.tensor(
          Array.from({ length: w.size }, (_, i) => 0.5 * Math.sin(0.37 * i + k)),
          w.shape,
        ),
      ),
    );
    return layer.apply(input(lib));
  };
}

const as = (layer: unknown) => layer as WeightedLayer;
const plain = (make: (lib: Tf) => unknown, input: (lib: Tf) => AnyTensor = sequences) =>
  weighted((lib) => as(make(lib)), input);

const GATES =
  "tfjs's LSTM and GRU default to recurrentActivation 'hardSigmoid' (0.2x + 0.5, Keras 2); Rectify's to 'sigmoid' (Keras 3) — pass recurrentActivation for the other's numbers";
const GRU_RESET =
  "tfjs's GRU applies the reset gate before the recurrent product and gates with hard sigmoid (Keras 2); Rectify defaults to resetAfter: true and sigmoid (Keras 3, cuDNN) — pass resetAfter: false, recurrentActivation: 'hardSigmoid' is still Keras 3's relu6(x + 3)/6";

const BILINEAR =
  "tfjs's bilinear up-sampling samples input position i / s (resizeBilinear without half-pixel centres, Keras 2); Rectify samples (i + 0.5) / s − 0.5 as Keras 3 and tf.image.resize do (nearest agrees)";

/** Recurrent, 1-D and modern vision layers, with the same weights on both sides. */
export const sequenceVisionCases: CompatCase[] = [
  { symbol: 'layers.simpleRNN', run: plain((lib) => lib.layers.simpleRNN({ units: 4, returnSequences: true })) },
  {
    symbol: 'layers.simpleRNNCell',
    run: plain((lib) => lib.layers.rnn({ cell: lib.layers.simpleRNNCell({ units: 3 }), goBackwards: true })),
  },
  { symbol: 'layers.lstm', differs: GATES, run: plain((lib) => lib.layers.lstm({ units: 4, returnSequences: true })) },
  {
    symbol: 'layers.lstmCell',
    differs: GATES,
    run: plain((lib) => lib.layers.rnn({ cell: lib.layers.lstmCell({ units: 3 }) })),
  },
  { symbol: 'layers.gru', differs: GRU_RESET, run: plain((lib) => lib.layers.gru({ units: 4 })) },
  {
    symbol: 'layers.gruCell',
    differs: GRU_RESET,
    run: plain((lib) => lib.layers.rnn({ cell: lib.layers.gruCell({ units: 3 }) })),
  },
  {
    symbol: 'layers.rnn',
    run: plain((lib) =>
      lib.layers.rnn({
        cell: lib.layers.lstmCell({ units: 3, recurrentActivation: 'sigmoid' }),
        returnSequences: true,
      }),
    ),
  },
  {
    symbol: 'layers.stackedRNNCells',
    run: plain((lib) =>
      lib.layers.rnn({
        cell: lib.layers.stackedRNNCells({
          cells: [lib.layers.simpleRNNCell({ units: 3 }), lib.layers.simpleRNNCell({ units: 2 })],
        }),
      }),
    ),
  },
  {
    symbol: 'layers.bidirectional',
    run: plain((lib) =>
      lib.layers.bidirectional({
        layer: lib.layers.lstm({ units: 3, recurrentActivation: 'sigmoid', returnSequences: true }) as never,
        mergeMode: 'concat',
      }),
    ),
  },
  {
    symbol: 'layers.timeDistributed',
    run: plain((lib) => lib.layers.timeDistributed({ layer: lib.layers.dense({ units: 2, activation: 'tanh' }) })),
  },
  {
    symbol: 'layers.conv1d',
    // tfjs has no causal padding (NotImplementedError); Rectify's is tested against Keras's definition in @rectify/layers.
    run: plain((lib) => lib.layers.conv1d({ filters: 2, kernelSize: 2, padding: 'same', dilationRate: 2 })),
  },
  { symbol: 'layers.maxPooling1d', run: plain((lib) => lib.layers.maxPooling1d({ poolSize: 2, padding: 'same' })) },
  { symbol: 'layers.maxPool1d', run: plain((lib) => lib.layers.maxPool1d({ poolSize: 3, strides: 1 })) },
  { symbol: 'layers.averagePooling1d', run: plain((lib) => lib.layers.averagePooling1d({ poolSize: 2 })) },
  { symbol: 'layers.avgPool1d', run: plain((lib) => lib.layers.avgPool1d({ poolSize: 2, padding: 'same' })) },
  { symbol: 'layers.avgPooling1d', run: plain((lib) => lib.layers.avgPooling1d({ poolSize: 3, strides: 2 })) },
  { symbol: 'layers.globalAveragePooling1d', run: plain((lib) => lib.layers.globalAveragePooling1d({})) },
  { symbol: 'layers.globalMaxPooling1d', run: plain((lib) => lib.layers.globalMaxPooling1d({})) },
  { symbol: 'layers.globalMaxPool1d', run: plain((lib) => lib.layers.globalMaxPool1d({})) },
  { symbol: 'layers.globalMaxPooling2d', run: plain((lib) => lib.layers.globalMaxPooling2d({}), images) },
  { symbol: 'layers.globalMaxPool2d', run: plain((lib) => lib.layers.globalMaxPool2d({}), images) },
  {
    symbol: 'layers.conv2dTranspose',
    run: plain((lib) => lib.layers.conv2dTranspose({ filters: 2, kernelSize: 3, strides: 2, padding: 'same' }), images),
  },
  {
    symbol: 'layers.depthwiseConv2d',
    run: plain((lib) => lib.layers.depthwiseConv2d({ kernelSize: 2, depthMultiplier: 2, padding: 'same' }), images),
  },
  {
    symbol: 'layers.separableConv2d',
    run: plain((lib) => lib.layers.separableConv2d({ filters: 4, kernelSize: 2, activation: 'relu' }), images),
  },
  {
    symbol: 'layers.upSampling2d',
    differs: BILINEAR,
    run: plain((lib) => lib.layers.upSampling2d({ size: [2, 3], interpolation: 'bilinear' }), images),
  },
  {
    symbol: 'layers.zeroPadding2d',
    run: plain(
      (lib) =>
        lib.layers.zeroPadding2d({
          padding: [
            [1, 0],
            [2, 1],
          ],
        }),
      images,
    ),
  },
  {
    symbol: 'layers.cropping2D',
    run: plain(
      (lib) =>
        lib.layers.cropping2D({
          cropping: [
            [1, 0],
            [1, 2],
          ],
        }),
      images,
    ),
  },
];
