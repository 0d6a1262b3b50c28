import { type Tensor, ValueError, checkOptions, dispose, optionNames, scalar } from '@rectify/tensor';
import { Layer, type Shape } from '@rectify/layers';
import type { Logs } from '../callbacks/callback.js';
import type { History } from '../callbacks/history.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import { type CompileArgs, type Compiled, resolveCompile } from '../training/compiled.js';
import { type Data, converted, exampleCount, toTensorList, unwrap } from '../training/data.js';
import { evaluateLoop, predictLoop } from '../training/evaluate.js';
import { fitLoop } from '../training/fit.js';
import { type FitDatasetOptions, evaluateDatasetLoop, fitDatasetLoop } from '../training/fit-dataset.js';
import type { Dataset } from '@rectify/data';
import type { FitOptions } from '../training/fit-options.js';
import { NonFiniteLossError } from '../training/non-finite-loss-error.js';
import { trainStep } from '../training/train-step.js';
import type { TrainableModel } from '../training/trainable.js';
import { checkPositiveInt } from '../checks.js';
import { type SummaryOptions, summarize } from './summary.js';
import { saveModel } from '../io/save.js';
import type { SaveOptions } from '../io/save-formats.js';
import type { IOHandler, SaveResult } from '../io/artifacts.js';
import { type WeightsOptions, loadWeightsFile, saveWeightsFile } from '../io/weights-file.js';

export interface EvaluateOptions {
  /** Examples per batch (default 32). */
  batchSize?: number;
  /** 1: print the results in one line (default 0). */
  verbose?: 0 | 1;
  /** Return `{loss, accuracy, …}` numbers instead of TensorFlow.js' Scalars (default false). */
  returnDict?: boolean;
  /** Where the verbose line goes (default console.log). */
  printFn?: (line: string) => void;
}

const evaluateOptions = optionNames<EvaluateOptions>()({
  batchSize: true,
  verbose: true,
  returnDict: true,
  printFn: true,
});

export interface EvaluateDatasetOptions extends Omit<EvaluateOptions, 'batchSize'> {
  /** Evaluate at most this many batches (default: the whole dataset). */
  batches?: number;
}

const evaluateDatasetOptions = optionNames<EvaluateDatasetOptions>()({
  batches: true,
  verbose: true,
  returnDict: true,
  printFn: true,
});

function checkVerbose(fn: string, verbose: unknown = 0): 0 | 1 {
  if (verbose !== 0 && verbose !== 1)
    throw new ValueError(`${fn}: verbose must be 0 or 1, received ${String(verbose)}`);
  return verbose;
}

/** evaluate's return convention: optionally prints one line, then numbers by key or TensorFlow.js' Scalars. */
function evaluationResult(
  logs: Logs,
  verbose: 0 | 1,
  options: Pick<EvaluateOptions, 'returnDict' | 'printFn'>,
): Logs | Tensor | Tensor[] {
  if (verbose === 1)
    (options.printFn ?? ((s: string) => console.log(s)))(
      Object.entries(logs)
        .map(([k, v]) => `${k}: ${v.toFixed(4)}`)
        .join(' - '),
    );
  if (options.returnDict) return logs;
  const values = Object.values(logs).map((v) => scalar(v));
  return values.length === 1 ? values[0]! : values;
}

/** One row of `summary()`: a layer with its output shape as this model wires it. */
export interface SummaryRow {
  readonly layer: Layer;
  readonly outputShape: Shape | readonly Shape[] | 'multiple';
}

/**
 * What Sequential and functional models share: compile, fit, evaluate, predict, trainOnBatch, summary, save.
 * A model is also a layer, so it can be used inside another model.
 * @example
 * const m: LayersModel = sequential([layers.dense({ units: 1, inputShape: [3] })]);
 * m.compile({ optimizer: 'sgd', loss: 'mse' });
 */
export abstract class LayersModel extends Layer implements TrainableModel {
  /** Set by callbacks (EarlyStopping) to end `fit` after the current batch. */
  stopTraining = false;
  /** What `compile` resolved; undefined until then. */
  compiled: Compiled | undefined;

  /** The layers, in order (a functional model lists its input layers first). */
  abstract get layers(): readonly Layer[];
  /** One name per output: the name of the layer that produces it. */
  abstract get outputNames(): readonly string[];
  /** @internal rows for `summary()`. */
  abstract summaryRows(): SummaryRow[];

  get optimizer(): Optimizer | undefined {
    return this.compiled?.optimizer;
  }

  /**
   * Chooses the optimizer, loss and metrics (names like 'adam', 'sparseCategoricalCrossentropy', 'accuracy', or
   * objects). Compiling again replaces them, optimizer state included.
   * @example
   * const model = sequential([layers.dense({ units: 3, inputShape: [4] })]);
   * model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
   */
  compile(args: CompileArgs): void {
    const next = resolveCompile('compile', args, this.outputNames);
    if (this.compiled && this.compiled.optimizer !== next.optimizer) this.compiled.optimizer.dispose();
    this.compiled = next;
  }

  /**
   * Trains for `epochs` passes over (x, y) and resolves to the History of the losses and metrics.
   * @example
   * const model = sequential([layers.dense({ units: 1, inputShape: [2] })]);
   * model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
   * const x = tensor([[0, 0], [0, 1], [1, 0], [1, 1], [2, 1]]);
   * const y = tensor([[0], [1], [1], [2], [3]]);
   * const history = await model.fit(x, y, { epochs: 10, batchSize: 2, validationSplit: 0.2, seed: 42 });
   * history.history.loss.length; // → 10
   */
  fit(x: Data, y: Data, options: FitOptions = {}): Promise<History> {
    return fitLoop(this, x, y, options);
  }

  /**
   * Trains on a dataset of `{ xs, ys }` batches (rf.data) — larger than memory, streamed, or endless with
   * `batchesPerEpoch` — with the same callbacks, progress and NaN guard as `fit`. Each batch is freed after its
   * step, so memory holds only what the dataset prefetches.
   * @example
   * const model = sequential([layers.dense({ units: 1, inputShape: [2] })]);
   * model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
   * // From a CSV file: rf.data.csv('train.csv', { columnConfigs: { y: { isLabel: true } } }), mapped to { xs, ys }.
   * const points = rf.data.array([{ xs: [0, 1], ys: [1] }, { xs: [1, 1], ys: [2] }, { xs: [2, 0], ys: [2] }]);
   * const ds = points.batch(2).prefetch(2);
   * const history = await model.fitDataset(ds, { epochs: 5 });
   * history.epoch; // → [0, 1, 2, 3, 4]
   */
  fitDataset(dataset: Dataset<unknown>, options: FitDatasetOptions = {}): Promise<History> {
    return fitDatasetLoop(this, dataset, options);
  }

  /**
   * Loss and metrics over a dataset of `{ xs, ys }` batches (at most `batches` of them), in inference mode,
   * returned as `evaluate` returns them: Scalars as in TensorFlow.js, or numbers by key with `returnDict: true`.
   * @example
   * const model = sequential([layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'ones' })]);
   * model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
   * const testDs = rf.data.array([{ xs: [1], ys: [1] }, { xs: [2], ys: [4] }]).batch(1);
   * const { loss } = await model.evaluateDataset(testDs, { batches: 10, returnDict: true });
   * loss; // → 2
   */
  evaluateDataset(dataset: Dataset<unknown>, options: EvaluateDatasetOptions & { returnDict: true }): Promise<Logs>;
  evaluateDataset(
    dataset: Dataset<unknown>,
    options?: EvaluateDatasetOptions & { returnDict?: false },
  ): Promise<Tensor | Tensor[]>;
  async evaluateDataset(
    dataset: Dataset<unknown>,
    options: EvaluateDatasetOptions = {},
  ): Promise<Logs | Tensor | Tensor[]> {
    checkOptions('evaluateDataset', options, evaluateDatasetOptions);
    const verbose = checkVerbose('evaluateDataset', options.verbose);
    const logs = await evaluateDatasetLoop(this, dataset, options.batches);
    return evaluationResult(logs, verbose, options);
  }

  /**
   * Loss and metrics on (x, y) in inference mode, batched. As in TensorFlow.js: a Scalar when the model has only
   * a loss, else `[loss, ...outputLosses, ...metrics]` in compile's order (the caller disposes them). With
   * `returnDict: true`, plain numbers by log key: `{loss, accuracy, …}`.
   * @example
   * const model = sequential([layers.dense({ units: 2, inputShape: [2], kernelInitializer: 'identity' })]);
   * model.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
   * const xTest = tensor([[3, 0], [0, 3], [2, 1]]);
   * const yTest = tensor([0, 1, 1]);
   * const [loss, acc] = model.evaluate(xTest, yTest) as Tensor[];
   * const { accuracy } = model.evaluate(xTest, yTest, { returnDict: true });
   * accuracy; // → 2 / 3
   */
  evaluate(x: Data, y: Data, options: EvaluateOptions & { returnDict: true }): Logs;
  evaluate(x: Data, y: Data, options?: EvaluateOptions & { returnDict?: false }): Tensor | Tensor[];
  evaluate(x: Data, y: Data, options: EvaluateOptions = {}): Logs | Tensor | Tensor[] {
    checkOptions('evaluate', options, evaluateOptions);
    const { batchSize = 32, verbose = 0, returnDict = false } = options;
    checkPositiveInt('evaluate', 'batchSize', batchSize);
    checkVerbose('evaluate', verbose);
    const xs = toTensorList('evaluate', 'x', x);
    const ys = toTensorList('evaluate', 'y', y);
    let logs: Logs;
    try {
      exampleCount('evaluate', [
        ['x', xs],
        ['y', ys],
      ]);
      logs = evaluateLoop(this, xs, ys, batchSize);
    } finally {
      dispose([...converted(xs, x), ...converted(ys, y)]);
    }
    return evaluationResult(logs, verbose, { ...options, returnDict });
  }

  /**
   * The outputs for x in inference mode, computed `batchSize` examples at a time (default 32) so that large
   * inputs do not need one large graph. A list for a multi-output model.
   * @example
   * const model = sequential([layers.dense({ units: 3, inputShape: [4], activation: 'softmax' })]);
   * const probs = model.predict(ones([10, 4])) as Tensor;
   * probs.shape; // → [10, 3]
   */
  predict(x: Data, { batchSize = 32 }: { batchSize?: number } = {}): Tensor | Tensor[] {
    checkPositiveInt('predict', 'batchSize', batchSize);
    const xs = toTensorList('predict', 'x', x);
    try {
      exampleCount('predict', [['x', xs]]);
      return unwrap(predictLoop(this, xs, batchSize));
    } finally {
      dispose(converted(xs, x));
    }
  }

  /**
   * One optimizer step on exactly this batch; returns that batch's `{loss, …metrics}`. Metrics restart at each call.
   * A NaN/Inf loss throws NonFiniteLossError without changing the weights.
   * @example
   * const model = sequential([layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'zeros' })]);
   * model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
   * const { loss } = model.trainOnBatch(tensor([[1], [2]]), tensor([[2], [4]]));
   * loss; // → 10
   */
  trainOnBatch(x: Data, y: Data): Logs {
    const compiled = this.compiled;
    const xs = toTensorList('trainOnBatch', 'x', x);
    const ys = toTensorList('trainOnBatch', 'y', y);
    try {
      exampleCount('trainOnBatch', [
        ['x', xs],
        ['y', ys],
      ]);
      for (const m of compiled?.metrics ?? []) m.metric.reset();
      const r = trainStep(this, xs, ys, true, 'trainOnBatch');
      if (r.nonFinite) {
        throw new NonFiniteLossError(
          `trainOnBatch: ${r.nonFinite === 'loss' ? `the loss became ${r.loss}` : 'a gradient became NaN or Infinity'}; the weights were left unchanged. ` +
            `Try a lower learning rate (now ${compiled!.optimizer.learningRate}) or gradient clipping (e.g. adam({ clipNorm: 1 }))`,
          0,
          0,
          r.loss,
        );
      }
      const logs: Logs = { loss: r.loss };
      if (r.outputLosses.length > 1) this.outputNames.forEach((n, i) => (logs[`${n}_loss`] = r.outputLosses[i]!));
      for (const m of compiled!.metrics) logs[m.key] = m.metric.result();
      return logs;
    } finally {
      dispose([...converted(xs, x), ...converted(ys, y)]);
    }
  }

  /** @internal the forward pass for the training loop: always a list of outputs. */
  run(inputs: readonly Tensor[], training: boolean): Tensor[] {
    const out = this.apply(unwrap([...inputs]), { training });
    return Array.isArray(out) ? out : [out];
  }

  /**
   * A Keras-style table of the layers — output shapes, parameter counts, each layer's activation and initializer —
   * with totals, and a hint under any layer whose activation and initializer work against each other. Prints it
   * (through `printFn`, default console.log) and returns it.
   * @example
   * const model = sequential([layers.dense({ units: 8, inputShape: [4], activation: 'relu' }), layers.dense({ units: 1 })]);
   * const table = model.summary(() => {}); // printFn: print nowhere
   * table.includes('Total params: 49'); // → true
   */
  summary(options: SummaryOptions = {}): string {
    const text = summarize(this, options);
    (options.printFn ?? ((s: string) => console.log(s)))(text);
    return text;
  }

  /**
   * Saves the model, as in TensorFlow.js: `'indexeddb://name'`, `'localstorage://name'`, `'downloads://name'` in a
   * browser; under Node `'file://dir'` or a plain folder path (files written to temp names and renamed, model.json
   * last); or any IO handler. The default format, `'rectify'`, stores model.json and content-named weight shards
   * with topology, weights and optimizer state; `'tfjs'` the TensorFlow.js layers format (topology and weights)
   * that `tf.loadLayersModel` reads. `loadModel` restores either.
   * @example
   * const model = sequential([layers.dense({ units: 1, inputShape: [2] })]);
   * // In a browser: await model.save('indexeddb://my-model');
   * await model.save('./for-tfjs', { format: 'tfjs' }); // under Node
   */
  async save(target: string | IOHandler, options: SaveOptions = {}): Promise<SaveResult> {
    return saveModel(this, target, options);
  }

  /**
   * Writes the weights alone, named by variable (`dense/kernel`), as one safetensors file (the only weights-only
   * format; Python's `safetensors` reads it too). Resolves to the absolute path.
   * @example
   * const model = sequential([layers.dense({ units: 1, inputShape: [2] })]);
   * await model.saveWeights('./weights.safetensors');
   */
  saveWeights(path: string, options: WeightsOptions = {}): Promise<string> {
    return saveWeightsFile(this, path, options);
  }

  /**
   * Loads weights from a safetensors file into this built model, by variable name — or, for a file Rectify wrote
   * whose names differ (a model rebuilt in the same process gets new default names), by position when count, shapes
   * and dtypes all match. On any mismatch nothing changes and the error names the weight.
   * @example
   * const model = sequential([layers.dense({ units: 1, inputShape: [2] })]);
   * await model.saveWeights('./weights.safetensors');
   * const copy = sequential([layers.dense({ units: 1, inputShape: [2] })]);
   * await copy.loadWeights('./weights.safetensors');
   * copy.predict(ones([1, 2])).dataSync()[0] === model.predict(ones([1, 2])).dataSync()[0]; // → true
   */
  loadWeights(path: string, options: WeightsOptions = {}): Promise<void> {
    return loadWeightsFile(this, path, options);
  }

  /** Frees the weights and the optimizer's state. */
  override dispose(): void {
    this.compiled?.optimizer.dispose();
    super.dispose();
  }
}
