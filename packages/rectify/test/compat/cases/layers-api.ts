import type { CompatCase, Tf } from '../harness.js';

/** What the layer cases need of any layer, on either library. */
type AnyLayer = { apply(inputs: ReturnType<Tf['tensor']> | ReturnType<Tf['tensor']>[]): unknown };

const rows = (lib: Tf) =>
  lib.tensor([
    [1, -2, 3],
    [-0.5, 0, 2],
  ]);
const images = (lib: Tf) =>
  lib.tensor(
    Array.from({ length: 2 * 4 * 4 * 2 }, (_, i) => Math.sin(i)),
    [2, 4, 4, 2],
  );
const sequences = (lib: Tf) =>
  lib.tensor(
    Array.from({ length: 2 * 3 * 4 }, (_, i) => Math.cos(i)),
    [2, 3, 4],
  );

/** One layer built with tfjs' arguments (deterministic initializers), applied to `input` in inference mode. */
function applied(make: (lib: Tf) => AnyLayer, input: (lib: Tf) => ReturnType<Tf['tensor']> = rows) {
  return (lib: Tf) => make(lib).apply(input(lib));
}

/** Shape and standard deviation (×10, so that the relative tolerance bites) of a large sample of an initializer. */
function spread(make: (lib: Tf) => { apply(shape: number[]): ReturnType<Tf['tensor']> }) {
  return (lib: Tf) => {
    const w = make(lib).apply([200, 100]);
    const v = Array.from(w.dataSync());
    const mean = v.reduce((s, x) => s + x, 0) / v.length;
    return { shape: w.shape, std: 10 * Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length) };
  };
}

const TRUNCATED =
  'tfjs samples the truncated normal without correcting its spread (std ≈ 0.88 × the intended √(scale/fan)); Rectify divides by 0.8796 as Keras does, so its std is the intended one';

/** The Gram matrix WᵀW of a [20, 10] sample: gain² · I for orthonormal columns. */
function gram(make: (lib: Tf) => { apply(shape: number[]): ReturnType<Tf['tensor']> }) {
  return (lib: Tf) => {
    const v = Array.from(make(lib).apply([20, 10]).dataSync());
    const column = (j: number) => Array.from({ length: 20 }, (_, r) => v[r * 10 + j]!);
    return Array.from({ length: 10 }, (_, i) =>
      Array.from({ length: 10 }, (_, j) => column(i).reduce((s, x, r) => s + x * column(j)[r]!, 0)),
    );
  };
}

/** Models, layers, initializers and regularizers: the layers half of tfjs' API. */
export const layersApiCases: CompatCase[] = [
  {
    symbol: 'sequential',
    run: (lib) => {
      const model = lib.sequential({
        layers: [
          lib.layers.dense({
            units: 2,
            inputShape: [3],
            activation: 'relu',
            kernelInitializer: 'ones',
            biasInitializer: 'ones',
          }),
          lib.layers.dense({ units: 1, kernelInitializer: lib.initializers.constant({ value: -0.5 }) }),
        ],
      });
      return model.predict(rows(lib));
    },
  },
  {
    symbol: 'model',
    run: (lib) => {
      const x = lib.input({ shape: [3] });
      const y = lib.layers.dense({ units: 2, kernelInitializer: 'ones' }).apply(x) as ReturnType<Tf['input']>;
      return lib.model({ inputs: x, outputs: y }).predict(rows(lib));
    },
  },
  { symbol: 'input', run: (lib) => lib.input({ shape: [3, 2] }).shape },
  {
    symbol: 'layers.inputLayer',
    run: (lib) =>
      (lib.layers.inputLayer({ inputShape: [5] }) as unknown as { batchInputShape: unknown }).batchInputShape,
  },
  {
    symbol: 'layers.dense',
    run: applied((lib) =>
      lib.layers.dense({
        units: 2,
        inputDim: 3,
        activation: 'tanh',
        kernelInitializer: 'ones',
        biasInitializer: lib.initializers.constant({ value: 0.1 }),
      }),
    ),
  },
  { symbol: 'layers.activation', run: applied((lib) => lib.layers.activation({ activation: 'elu' })) },
  { symbol: 'layers.dropout', run: applied((lib) => lib.layers.dropout({ rate: 0.5 })) },
  { symbol: 'layers.flatten', run: applied((lib) => lib.layers.flatten(), images) },
  { symbol: 'layers.reshape', run: applied((lib) => lib.layers.reshape({ targetShape: [3, 1] })) },
  {
    symbol: 'layers.embedding',
    run: applied(
      (lib) => lib.layers.embedding({ inputDim: 4, outputDim: 2, embeddingsInitializer: 'ones' }),
      (lib) =>
        lib.tensor(
          [
            [0, 3],
            [2, 1],
          ],
          undefined,
          'int32',
        ),
    ),
  },
  {
    symbol: 'layers.prelu',
    run: applied((lib) => lib.layers.prelu({ alphaInitializer: lib.initializers.constant({ value: 0.25 }) })),
  },
  { symbol: 'layers.leakyReLU', run: applied((lib) => lib.layers.leakyReLU({ alpha: 0.1 })) },
  { symbol: 'layers.elu', run: applied((lib) => lib.layers.elu({ alpha: 1 })) },
  {
    symbol: 'layers.conv2d',
    run: applied(
      (lib) =>
        lib.layers.conv2d({
          filters: 3,
          kernelSize: 2,
          strides: 1,
          padding: 'same',
          kernelInitializer: 'ones',
          activation: 'relu',
          dataFormat: 'channelsLast',
        }),
      images,
    ),
  },
  {
    symbol: 'layers.maxPooling2d',
    run: applied((lib) => lib.layers.maxPooling2d({ poolSize: 2, strides: 2 }), images),
  },
  {
    symbol: 'layers.maxPool2d',
    run: applied((lib) => lib.layers.maxPool2d({ poolSize: [2, 1], padding: 'same' }), images),
  },
  { symbol: 'layers.averagePooling2d', run: applied((lib) => lib.layers.averagePooling2d({ poolSize: 2 }), images) },
  {
    symbol: 'layers.avgPool2d',
    run: applied((lib) => lib.layers.avgPool2d({ poolSize: 3, strides: 1, padding: 'valid' }), images),
  },
  {
    symbol: 'layers.avgPooling2d',
    run: applied((lib) => lib.layers.avgPooling2d({ poolSize: 2, strides: 1 }), images),
  },
  { symbol: 'layers.globalAveragePooling2d', run: applied((lib) => lib.layers.globalAveragePooling2d({}), images) },
  {
    symbol: 'layers.batchNormalization',
    run: applied((lib) =>
      lib.layers.batchNormalization({ epsilon: 0.01, gammaInitializer: lib.initializers.constant({ value: 2 }) }),
    ),
  },
  {
    symbol: 'layers.layerNormalization',
    run: applied((lib) => lib.layers.layerNormalization({ epsilon: 1e-3 }), sequences),
  },
  { symbol: 'layers.add', run: (lib) => lib.layers.add().apply([rows(lib), rows(lib)]) },
  {
    symbol: 'layers.concatenate',
    run: (lib) => lib.layers.concatenate({ axis: 1 }).apply([sequences(lib), sequences(lib)]),
  },
  { symbol: 'initializers.zeros', run: (lib) => lib.initializers.zeros().apply([2, 3]) },
  { symbol: 'initializers.ones', run: (lib) => lib.initializers.ones().apply([2, 3]) },
  { symbol: 'initializers.constant', run: (lib) => lib.initializers.constant({ value: 0.5 }).apply([2, 3]) },
  { symbol: 'initializers.identity', run: (lib) => lib.initializers.identity({ gain: 2 }).apply([3, 3]) },
  {
    symbol: 'initializers.randomNormal',
    tol: 0.03,
    run: spread((lib) => lib.initializers.randomNormal({ mean: 0, stddev: 0.2 })),
  },
  {
    symbol: 'initializers.randomUniform',
    tol: 0.03,
    run: spread((lib) => lib.initializers.randomUniform({ minval: -0.3, maxval: 0.3 })),
  },
  {
    symbol: 'initializers.truncatedNormal',
    tol: 0.03,
    run: spread((lib) => lib.initializers.truncatedNormal({ stddev: 0.2 })),
  },
  {
    symbol: 'initializers.varianceScaling',
    tol: 0.03,
    run: spread((lib) => lib.initializers.varianceScaling({ scale: 2, mode: 'fanAvg', distribution: 'uniform' })),
  },
  {
    symbol: 'initializers.glorotNormal',
    tol: 0.03,
    differs: TRUNCATED,
    run: spread((lib) => lib.initializers.glorotNormal({})),
  },
  { symbol: 'initializers.glorotUniform', tol: 0.03, run: spread((lib) => lib.initializers.glorotUniform({})) },
  {
    symbol: 'initializers.heNormal',
    tol: 0.03,
    differs: TRUNCATED,
    run: spread((lib) => lib.initializers.heNormal({})),
  },
  { symbol: 'initializers.heUniform', tol: 0.03, run: spread((lib) => lib.initializers.heUniform({})) },
  {
    symbol: 'initializers.leCunNormal',
    tol: 0.03,
    differs: TRUNCATED,
    run: spread((lib) => lib.initializers.leCunNormal({})),
  },
  { symbol: 'initializers.leCunUniform', tol: 0.03, run: spread((lib) => lib.initializers.leCunUniform({})) },
  { symbol: 'initializers.orthogonal', tol: 1e-4, run: gram((lib) => lib.initializers.orthogonal({ gain: 1.5 })) },
  { symbol: 'regularizers.l1', run: (lib) => lib.regularizers.l1({ l1: 0.1 }).apply(rows(lib)) },
  { symbol: 'regularizers.l2', run: (lib) => lib.regularizers.l2({ l2: 0.1 }).apply(rows(lib)) },
  { symbol: 'regularizers.l1l2', run: (lib) => lib.regularizers.l1l2({ l1: 0.1, l2: 0.2 }).apply(rows(lib)) },
];
